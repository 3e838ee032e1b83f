"""Đơn vị's people list runs as a fragment (its search box and filter rerun that section alone):
the search and the filter still cut the list, and the rest of the page is still drawn."""

from __future__ import annotations


def _people(at):
    return next(df.value for df in at.dataframe if "full_name" in df.value.columns
                or "Họ và tên" in df.value.columns)  # fmt: skip


def test_search_and_filter_cut_the_list_inside_the_fragment(app):
    at = app("unit", unit="BN_TCT", year="2025")
    assert not at.exception
    charts_before = len(at.get("plotly_chart"))
    everyone = _people(at)
    total = len(everyone)
    assert total > 1
    # a name's rows: those of the full list whose name holds it, counted here from that list
    name_col = everyone.columns[0]  # the name comes first (pinned)
    name = str(everyone[name_col].iloc[0])
    expected = int(
        everyone[name_col].astype(str).str.lower().str.contains(name.lower(), regex=False).sum()
    )
    at.text_input(key="people_q").input(name).run()
    assert not at.exception
    found = _people(at)
    assert 1 <= len(found) == expected < total
    assert set(found[name_col].astype(str)) == {
        n for n in everyone[name_col].astype(str) if name.lower() in n.lower()
    }
    at.text_input(key="people_q").input("").run()
    at.segmented_control(key="people_show").set_value("to_check").run()
    assert not at.exception
    assert len(_people(at)) <= total
    at.segmented_control(key="people_show").set_value("all").run()
    assert len(_people(at)) == total
    # the page around the fragment is still there: its charts are not lost by a fragment run
    assert len(at.get("plotly_chart")) == charts_before > 0
