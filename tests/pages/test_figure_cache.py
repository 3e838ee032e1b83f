"""The figure cache (widgets.cached_figure): a figure is built once for the same inputs and again
as soon as any input differs, a frame by its contents (so two scopes that see different rows
never share a figure)."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
import pytest

from dashboard.ui import widgets

ROWS = pl.DataFrame({"indicator": ["a", "b"], "value": [0.25, 0.5]})


@pytest.fixture(autouse=True)
def _empty_cache():
    widgets._figure.clear()
    yield
    widgets._figure.clear()


def test_same_contents_same_key_any_difference_another():
    same = pl.DataFrame({"indicator": ["a", "b"], "value": [0.25, 0.5]})
    assert widgets.figure_key("bullet", ROWS, "vi") == widgets.figure_key("bullet", same, "vi")
    others = [
        ("bullet", ROWS.with_columns(pl.lit(0.75).alias("value")), "vi"),  # one value
        ("bullet", ROWS.rename({"value": "share"}), "vi"),  # a column's name
        ("bullet", ROWS.cast({"value": pl.Float32}), "vi"),  # a column's type
        ("bullet", ROWS.head(1), "vi"),  # a row fewer
        ("bullet", ROWS, "en"),  # the language
        ("trend", ROWS, "vi"),  # another chart
    ]
    keys = {widgets.figure_key(*o) for o in others}
    assert len(keys) == len(others)
    assert widgets.figure_key("bullet", ROWS, "vi") not in keys
    # the separator keeps neighbouring values apart
    assert widgets.figure_key("ab", "c") != widgets.figure_key("a", "bc")


def test_built_once_for_the_same_inputs_again_for_others():
    built: list[str] = []

    def build(lang: str):
        def _() -> go.Figure:
            built.append(lang)
            return go.Figure(layout={"title": {"text": lang}})

        return _

    first = widgets.cached_figure(build("vi"), "bullet", ROWS, "vi")
    again = widgets.cached_figure(build("vi"), "bullet", ROWS.clone(), "vi")
    english = widgets.cached_figure(build("en"), "bullet", ROWS, "en")
    assert built == ["vi", "en"]
    assert again is first
    assert english.layout.title.text == "en" and first.layout.title.text == "vi"
