"""ranking_chart: bars in rank order, "met/total" labels by targets, change markers."""

import polars as pl

from dashboard.charts.ranking import ranking_chart

FRAME = pl.DataFrame(
    {
        "unit_code": ["C", "A", "B"],
        "unit_name": ["Trường C", "Trường A", "Trường B"],
        "rank": [2, 1, 2],
        "basis": ["targets"] * 3,
        "final_points": [None, None, None],
        "targets_met": [6, 7, 6],
        "targets_total": [9, 9, 9],
        "rank_prev": [1, 3, None],
        "rank_change": [-1, 2, None],
    },
    schema_overrides={"final_points": pl.Float64},
)


def test_bars_in_rank_order_with_met_over_total():
    bars = ranking_chart(FRAME, lang="vi").to_dict()["data"][0]
    # rank 1 first, then the tie at rank 2 by name (B before C)
    assert list(bars["y"]) == ["1. Trường A", "2. Trường B", "2. Trường C"]
    assert list(bars["x"]) == [7, 6, 6]
    figures = ranking_chart(FRAME, lang="vi").to_dict()["data"][1]
    assert list(figures["text"]) == ["7/9", "6/9", "6/9"]


def test_change_markers_say_up_down_or_new():
    marks = ranking_chart(FRAME, lang="vi").to_dict()["data"][2]
    # A moved up 2 (3 → 1); B was not ranked last year; C moved down 1 (1 → 2)
    assert list(marks["text"]) == ["+2", "•", "−1"]
    assert list(marks["marker"]["symbol"]) == ["triangle-up", "star", "triangle-down"]
