"""A click on a ranking bar opens its unit (issue 21): the bar carries the unit's code, and
picked_unit turns Streamlit's selection event back into it. AppTest cannot click a Plotly point,
so the event is written here as Streamlit sends it (`points` with `curve_number`, `customdata`)."""

from __future__ import annotations

import polars as pl

from dashboard.charts.ranking import picked_unit, ranking_chart

FRAME = pl.DataFrame(
    {
        "unit_code": ["C", "A", "B"],
        "unit_name": ["Trường C", "Trường A", "Trường B"],
        "rank": [2, 1, 3],
        "basis": ["score"] * 3,
        "final_points": [90.0, 96.5, 88.25],
        "targets_met": [6, 7, 6],
        "targets_total": [9, 9, 9],
        "rank_prev": [1, 3, 3],
        "rank_change": [-1, 2, 0],
    }
)


def _click(fig_data: list[dict], curve: int, index: int) -> dict:
    """The selection event of a click on point `index` of trace `curve`."""
    trace = fig_data[curve]
    custom = trace.get("customdata")
    point = {"curve_number": curve, "point_index": index, "y": list(trace["y"])[index]}
    if custom is not None:
        point["customdata"] = list(custom[index]) if curve == 0 else custom[index]
    return {"points": [point], "point_indices": [index], "box": [], "lasso": []}


def test_each_bar_opens_its_own_unit():
    data = ranking_chart(FRAME, lang="vi").to_dict()["data"]
    # bars in rank order A (1), C (2), B (3): the second bar is C's
    assert [picked_unit(_click(data, 0, i)) for i in range(3)] == ["A", "C", "B"]


def test_a_click_beside_the_bars_opens_nothing():
    data = ranking_chart(FRAME, lang="vi").to_dict()["data"]
    assert picked_unit(_click(data, 1, 0)) is None  # the figure column
    assert picked_unit(_click(data, 2, 1)) is None  # the rank change column
    assert picked_unit({"points": []}) is None
    assert picked_unit({}) is None


def test_the_hover_still_reads_name_rank_and_figure():
    bars = ranking_chart(FRAME, lang="vi").to_dict()["data"][0]
    assert [list(c) for c in bars["customdata"]] == [
        ["Trường A", 1, "96,5", "A"],
        ["Trường C", 2, "90,0", "C"],
        ["Trường B", 3, "88,3", "B"],
    ]
    assert "customdata[3]" not in bars["hovertemplate"]  # the code is never shown
