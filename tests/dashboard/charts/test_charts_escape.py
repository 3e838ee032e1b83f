"""Text from the data is shown as typed: Plotly must not read a unit name as markup."""

import polars as pl

from dashboard.charts.bump import bump_chart
from dashboard.charts.ranking import ranking_chart

NAME = "<script>alert(1)</script> & <b>x</b>"


def test_ranking_escapes_unit_names():
    frame = pl.DataFrame(
        {
            "unit_code": ["A"],
            "unit_name": [NAME],
            "rank": [1],
            "basis": ["targets"],
            "final_points": [None],
            "targets_met": [1],
            "targets_total": [2],
            "rank_prev": [None],
            "rank_change": [None],
        },
        schema_overrides={
            "final_points": pl.Float64,
            "rank_prev": pl.Int64,
            "rank_change": pl.Int64,
        },
    )
    label = ranking_chart(frame, lang="vi").to_dict()["data"][0]["y"][0]
    assert "<" not in label and ">" not in label
    assert label == "1. &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;x&lt;/b&gt;"


def test_bump_escapes_trace_names_and_end_labels():
    frame = pl.DataFrame(
        {"year": [2023, 2024], "unit_code": ["A", "A"], "unit_name": [NAME, NAME], "rank": [1, 1]}
    )
    d = bump_chart(frame, lang="vi").to_dict()
    assert "<script>" not in d["data"][0]["name"]
    assert "<script>" not in d["layout"]["annotations"][0]["text"]
