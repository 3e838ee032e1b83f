"""`fmt_date`: dd/mm/yyyy in Vietnamese, "22 Nov 2026" in English."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from polars.testing import assert_series_equal

from dashboard.formatting import fmt_date, fmt_date_expr


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        (dt.date(2026, 11, 22), "22/11/2026", "22 Nov 2026"),
        (dt.date(2024, 7, 1), "01/07/2024", "1 Jul 2024"),
        (None, "—", "—"),
    ],
)
def test_fmt_date(value, vi, en):
    assert (fmt_date(value), fmt_date(value, "en")) == (vi, en)


def test_fmt_date_expr():
    frame = pl.DataFrame({"d": [dt.date(2024, 7, 1), None]})
    got = frame.select(vi=fmt_date_expr(pl.col("d")), en=fmt_date_expr(pl.col("d"), "en"))
    assert_series_equal(got["vi"], pl.Series("vi", ["01/07/2024", "—"]))
    assert_series_equal(got["en"], pl.Series("en", ["1 Jul 2024", "—"]))
