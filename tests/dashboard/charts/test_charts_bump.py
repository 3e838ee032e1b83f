"""bump_chart: rank 1 on top; units that end on the same rank get stacked end labels."""

import polars as pl

from dashboard.charts.bump import bump_chart

FRAME = pl.DataFrame(
    {
        "year": [2023, 2024, 2023, 2024, 2023, 2024],
        "unit_code": ["A", "A", "B", "B", "C", "C"],
        "unit_name": ["Trường A", "Trường A", "Trường B", "Trường B", "Trường C", "Trường C"],
        "rank": [1, 2, 2, 2, 3, 1],
    }
)


def test_one_line_per_unit_rank_axis_reversed():
    d = bump_chart(FRAME, lang="vi").to_dict()
    assert [tr["name"] for tr in d["data"]] == ["Trường A", "Trường B", "Trường C"]
    assert list(d["layout"]["yaxis"]["range"]) == [3.5, 0.5]  # 3 units, rank 1 at the top


def test_tied_end_labels_do_not_overlap():
    notes = bump_chart(FRAME, lang="vi").to_dict()["layout"]["annotations"]
    at_rank_2 = [(a["text"], a["yshift"]) for a in notes if a["y"] == 2]
    # A and B both end on rank 2 in 2024: the second label moves down one line (16 + 4 px)
    assert at_rank_2 == [("Trường A", 0), ("Trường B", -20)]
