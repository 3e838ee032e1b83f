"""An empty table says so in the interface's language (issue 21): the grid's own empty state
reads "empty", in English, whatever the language."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest


def _page(lang: str) -> None:
    import polars as pl

    from dashboard.ui import widgets

    widgets.table(pl.DataFrame({"unit_name": []}, schema={"unit_name": pl.String}),
                  lang=lang, alt="x")  # fmt: skip


@pytest.mark.parametrize(("lang", "text"), [("vi", "Bảng chưa có dòng nào."),
                                            ("en", "The table has no rows.")])  # fmt: skip
def test_empty_table_says_so(lang, text):
    at = AppTest.from_function(_page, args=(lang,), default_timeout=60).run()
    assert not at.exception, at.exception
    assert not at.dataframe
    assert [c.value for c in at.caption] == [text]
