"""trend_chart: the target behind each panel (a band for a range, a dotted line for a minimum),
whole-year ticks laid flat."""

import polars as pl

from dashboard.charts.palette import TARGET_BAND
from dashboard.charts.trend import trend_chart, year_ticks

FRAME = pl.DataFrame(
    {
        "indicator": ["LDTT_RATE"] * 3 + ["CSTDCS_OF_LDTT"] * 3,
        "year": [2022, 2023, 2024] * 2,
        "value_pct": [70.0, 95.0, 92.0, 12.0, 14.0, 13.0],
        "series": ["Toàn cụm"] * 6,
        "pooled": [True] * 6,
    }
)
TARGETS = pl.DataFrame(
    {
        "indicator": ["LDTT_RATE", "LDTT_RATE", "LDTT_RATE", "CSTDCS_OF_LDTT"],
        "year": [2022, 2023, 2024, 2024],
        "target_min": [90.0, 90.0, 85.0, 15.0],
        "target_max": [100.0, 100.0, 100.0, None],
    }
)


def test_target_bands_and_lines_from_the_targets():
    d = trend_chart(FRAME, lang="vi", targets=TARGETS).to_dict()
    shapes = [
        (s["type"], s["xref"], s["x0"], s["x1"], s["y0"], s["y1"]) for s in d["layout"]["shapes"]
    ]
    # LĐTT: 90–100 in 2022–2023 (one band), 85–100 in 2024; CSTĐCS/LĐTT: a minimum of 15 in 2024
    assert shapes == [
        ("rect", "x", 2021.5, 2023.5, 90.0, 100.0),
        ("rect", "x", 2023.5, 2024.5, 85.0, 100.0),
        ("line", "x2", 2023.5, 2024.5, 15.0, 15.0),
    ]
    assert d["layout"]["shapes"][0]["fillcolor"] == TARGET_BAND
    # the second panel reaches the target: 15 × 1.25, above its highest value 14
    assert list(d["layout"]["yaxis2"]["range"]) == [0, 18.75]
    assert "Chỉ tiêu" in [tr.get("name") for tr in d["data"]]


def test_no_targets_no_shapes():
    d = trend_chart(FRAME, lang="vi").to_dict()
    assert not d["layout"].get("shapes")


def test_year_ticks_flat_and_whole():
    d = trend_chart(FRAME, lang="vi").to_dict()["layout"]
    assert list(d["xaxis"]["tickvals"]) == [2022, 2023, 2024]
    assert d["xaxis"]["tickangle"] == 0
    # seven years on a projector panel: every other year, ending on the last
    assert year_ticks(list(range(2019, 2026)), 4) == [2019, 2021, 2023, 2025]
    assert year_ticks(list(range(2018, 2026)), 4) == [2019, 2021, 2023, 2025]
    assert year_ticks([2024], 4) == [2024]
