"""Click to drill down (issue 21): a row of "Cần chú ý" on Tổng quan opens that unit on Đơn vị,
the filters and the URL going along. AppTest writes the table's selection into session state as
the browser would send it (a click on a ranking bar: tests/dashboard/charts/
test_charts_ranking_drill.py)."""

from __future__ import annotations

from dashboard.ui.filters import STATE


def _attention(at):
    return next(d for d in at.dataframe if "Chỉ tiêu / quy định" in d.value.columns)


def test_a_row_of_the_attention_list_opens_its_unit(app):
    at = app("overview", year="2025", cluster="CUM4_DBSH")
    assert not at.exception, at.exception
    assert at.session_state[STATE].unit is None  # the whole cluster
    first = _attention(at).value.iloc[0]["Đơn vị"]
    at.session_state["attention_table"] = {"selection": {"rows": [0], "columns": []}}
    at.run()
    assert not at.exception, at.exception
    chosen = at.session_state[STATE]
    assert (chosen.year, chosen.cluster) == (2025, "CUM4_DBSH")
    assert chosen.unit is not None
    assert at.query_params["unit"] == chosen.unit
    # now on Đơn vị, for the unit of the row clicked
    assert at.title[0].value == "Đơn vị"
    # its caption names the unit of the row clicked (the list shows the short name)
    assert first in at.caption[0].value


def test_a_bar_of_the_ranking_opens_its_unit(app):
    at = app("ranking", year="2025", cluster="CUM4_DBSH")
    assert not at.exception, at.exception
    assert at.title[0].value == "Xếp hạng"
    # a click on the bar of HP_TCT as the browser reports it: the code is the bar's customdata[3]
    point = {"curve_number": 0, "point_index": 0, "customdata": ["x", 1, "x", "HP_TCT"]}
    at.session_state["ranking_chart"] = {
        "selection": {"points": [point], "point_indices": [0], "box": [], "lasso": []}
    }
    at.run()
    assert not at.exception, at.exception
    assert at.session_state[STATE].unit == "HP_TCT"
    assert at.query_params["unit"] == "HP_TCT"
    assert at.title[0].value == "Đơn vị"


def test_a_code_outside_the_cluster_opens_nothing(app):
    at = app("ranking", year="2025", cluster="CUM4_DBSH")
    point = {"curve_number": 0, "point_index": 0, "customdata": ["x", 1, "x", "NO_SUCH_UNIT"]}
    at.session_state["ranking_chart"] = {
        "selection": {"points": [point], "point_indices": [0], "box": [], "lasso": []}
    }
    at.run()
    assert not at.exception, at.exception
    assert at.session_state[STATE].unit is None
    assert at.title[0].value == "Xếp hạng"
