"""bullet_chart: value bars by status (colour and icon), the target band, the legal cap line."""

import polars as pl

from dashboard.charts.bullet import bullet_chart
from dashboard.charts.palette import STATUS_COLORS

ROWS = pl.DataFrame(
    {
        "indicator": ["LDTT_RATE", "CSTDCS_OF_LDTT", "HIGHER_AWARD_RATE"],
        "value_pct": [92.5, 18.0, None],
        "target_min": [90.0, 10.0, 5.0],
        "target_max": [None, 15.0, None],
        "status": ["met", "above", "no_data"],
        "cap_pct": [None, 15.0, None],
    }
)


def _traces(fig):
    return {tr["name"]: tr for tr in fig.to_dict()["data"]}


def test_target_band_only_for_a_range_and_a_tick_for_a_minimum():
    traces = _traces(bullet_chart(ROWS, lang="vi"))
    band = traces["Khoảng chỉ tiêu"]
    # Issue 10: a minimum-only target is a tick at the minimum, not a band to 100 %.
    # CSTDCS 10–15 is the only range: base 10, width 5.
    assert list(band["base"]) == [10.0]
    assert list(band["x"]) == [5.0]
    tick = traces["Mức chỉ tiêu (một phía)"]
    # LDTT ≥ 90 and HIGHER_AWARD ≥ 5 are ticks at 90 and 5
    assert list(tick["x"]) == [90.0, 5.0]
    assert list(tick["y"]) == ["LĐTT", "Khen thưởng cấp trên"]
    assert tick["marker"]["symbol"] == "line-ns"


def test_a_maximum_only_target_is_a_tick_at_the_maximum():
    rows = pl.DataFrame(
        {
            "indicator": ["PERSON_KHTNV_RATE"],
            "value_pct": [4.0],
            "target_min": [None],
            "target_max": [2.0],
            "status": ["above"],
        },
        schema_overrides={"target_min": pl.Float64},
    )
    traces = _traces(bullet_chart(rows, lang="en"))
    assert list(traces["Target (one-sided)"]["x"]) == [2.0]
    assert list(traces["Target range"]["x"]) == []


def test_no_target_is_drawn_neutral_grey():
    rows = ROWS.with_columns(status=pl.lit("no_target"))
    traces = _traces(bullet_chart(rows, lang="vi"))
    color = traces["○ Chưa đặt chỉ tiêu"]["marker"]["color"]
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    assert r == g == b  # grey: no hue competes with the statuses that matter


def test_each_status_has_its_colour_and_its_icon_in_the_legend():
    traces = _traces(bullet_chart(ROWS, lang="vi"))
    assert traces["✓ Đạt"]["marker"]["color"] == STATUS_COLORS["met"]
    assert list(traces["✓ Đạt"]["x"]) == [92.5]
    assert traces["▲ Vượt trần"]["marker"]["color"] == STATUS_COLORS["above"]


def test_data_labels_carry_icon_and_value_and_a_dash_for_no_value():
    labels = _traces(bullet_chart(ROWS, lang="vi"))["Kết quả"]
    assert list(labels["text"]) == ["✓ 92,5 %", "▲ 18,0 %", "– —"]


def test_cap_line_only_where_a_cap_applies():
    cap = _traces(bullet_chart(ROWS, lang="en"))["Legal cap"]
    assert list(cap["x"]) == [15.0]
    assert list(cap["y"]) == ["CSTĐCS/LĐTT"]


def test_no_cap_column_means_no_cap_trace():
    fig = bullet_chart(ROWS.drop("cap_pct"), lang="en")
    assert "Legal cap" not in _traces(fig)
