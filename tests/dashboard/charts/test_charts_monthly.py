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
