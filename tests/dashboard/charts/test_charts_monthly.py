"""monthly_progress_chart: cumulative HTXSNV share as a line (top panel) over cumulative
person-months as bars (bottom panel), on one month axis."""

import polars as pl

from dashboard.charts.monthly import monthly_progress_chart

FRAME = pl.DataFrame(
    {"month": [2, 1], "rated_cum": [90, 45], "htxsnv_cum": [20, 9], "share_pct": [22.2222, 20.0]}
)


def test_bars_and_share_line_by_month():
    line, bars = monthly_progress_chart(FRAME, lang="vi").to_dict()["data"]
    assert list(bars["x"]) == ["01", "02"]
    assert list(bars["y"]) == [45, 90]
    assert list(bars["text"]) == ["45", "90"]
    assert list(line["text"]) == ["20,0 %", "22,2 %"]
    assert (line["yaxis"], bars["yaxis"]) == ("y", "y2")  # two panels, not one on the other


def test_with_a_cap_the_caps_own_ratio_is_drawn_and_named_apart():
    frame = FRAME.with_columns(cap_ratio_pct=pl.Series([28.5714, 25.0]))
    fig = monthly_progress_chart(frame, lang="vi", cap_pct=20.0).to_dict()
    share, ratio, cap, _bars = fig["data"]
    assert share["name"] == "Lượt HTXSNV / tổng lượt (lũy kế)"
    assert ratio["name"] == "Lượt HTXSNV / lượt HTTNV (lũy kế, tỷ lệ tính trần)"
    # months sorted 01, 02; the two lines run close, so only the latest month is written
    assert list(ratio["y"]) == [25.0, 28.5714]
    assert list(ratio["text"]) == ["", "28,6 %"] and list(share["text"]) == ["", "22,2 %"]
    assert cap["name"] == "Trần HTXSNV 20,0 % số lượt HTTNV"
    assert list(cap["y"]) == [20.0, 20.0]
