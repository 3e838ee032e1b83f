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


def test_target_band_spans_min_to_max_or_100():
    band = _traces(bullet_chart(ROWS, lang="vi"))["Khoảng chỉ tiêu"]
    # LDTT ≥ 90 → 90..100 (width 10); CSTDCS 10–15 → width 5; HIGHER_AWARD ≥ 5 → width 95
    assert list(band["base"]) == [90.0, 10.0, 5.0]
    assert list(band["x"]) == [10.0, 5.0, 95.0]


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
