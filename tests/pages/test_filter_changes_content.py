"""Changing a filter in the sidebar changes what every page shows."""

import json

import pytest


def _content(at) -> list[str]:
    """What a page shows: texts, metric values, table cells and chart data (not the sidebar)."""
    out = [m.value for m in at.main.get("metric")]
    out += [c.value for c in at.main.get("caption")]
    out += [d.value.to_csv() for d in at.main.dataframe]
    out += [json.dumps(json.loads(c.proto.spec)["data"]) for c in at.main.get("plotly_chart")]
    return out


@pytest.mark.parametrize(
    ("page", "widget", "value"),
    [
        ("overview", "w_year", 2023),
        ("overview", "w_unit", "NB_TCT"),  # the default year is 2025: HN_TCT merged away
        ("unit", "w_year", 2023),
        ("ranking", "w_year", 2022),
        ("trends", "w_unit", "NB_TCT"),
        ("review", "w_unit", "NB_TCT"),
        ("data", "w_year", 2022),
        ("projector", "w_year", 2021),
    ],
    ids=lambda v: str(v),
)
def test_changing_a_filter_changes_the_page(app, page, widget, value):
    at = app(page, unit="BN_TCT") if page == "unit" else app(page)
    before = _content(at)
    if page == "projector":  # no sidebar on the projector: the same filter comes from the URL
        at.query_params["year"] = str(value)
        at.run()
    else:
        at.selectbox(key=widget).select(value).run()
    assert not at.exception, at.exception
    after = _content(at)
    assert after and after != before
