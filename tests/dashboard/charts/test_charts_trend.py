"""trend_chart: one panel per indicator; the cluster's pooled line dashed, the unit's solid."""

import polars as pl

from dashboard.charts.palette import POOLED_COLOR
from dashboard.charts.trend import trend_chart

FRAME = pl.DataFrame(
    {
        "indicator": ["LDTT_RATE"] * 4 + ["CSTDCS_OF_LDTT"] * 2,
        "year": [2023, 2024, 2023, 2024, 2023, 2024],
        "value_pct": [70.0, 95.0, 80.0, 90.0, 12.0, 14.0],
        "series": ["Trường A", "Trường A", "Toàn cụm", "Toàn cụm", "Trường A", "Trường A"],
        "pooled": [False, False, True, True, False, False],
    }
)


def test_one_panel_per_indicator_in_frame_order():
    d = trend_chart(FRAME, lang="vi").to_dict()
    titles = [a["text"] for a in d["layout"]["annotations"]]
    assert titles == ["LĐTT", "CSTĐCS/LĐTT"]


def test_pooled_line_is_dashed_grey_and_unit_line_solid():
    traces = trend_chart(FRAME, lang="vi").to_dict()["data"]
    pooled = [tr for tr in traces if tr["name"] == "Toàn cụm"]
    unit = [tr for tr in traces if tr["name"] == "Trường A"]
    assert len(pooled) == 1 and len(unit) == 2  # the cluster line has no CSTĐCS values here
    assert pooled[0]["line"]["dash"] == "dash" and pooled[0]["line"]["color"] == POOLED_COLOR
    assert all(tr["line"]["dash"] == "solid" for tr in unit)
    assert list(pooled[0]["y"]) == [80.0, 90.0]


def test_each_panel_scales_to_its_own_values_from_zero():
    d = trend_chart(FRAME, lang="vi").to_dict()["layout"]
    # LĐTT up to 95 → 0..105 (95 × 1.25 capped at 105); CSTĐCS/LĐTT up to 14 → 0..17.5
    assert list(d["yaxis"]["range"]) == [0, 105.0]
    assert list(d["yaxis2"]["range"]) == [0, 17.5]
