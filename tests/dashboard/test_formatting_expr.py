"""The expression twins format whole columns exactly as the scalar functions do."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from polars.testing import assert_series_equal

from dashboard.formatting import (
    fmt_int,
    fmt_int_expr,
    fmt_pct,
    fmt_pct_expr,
    fmt_pp,
    fmt_pp_expr,
    fmt_vnd,
    fmt_vnd_expr,
    round_expr,
    round_half_up,
)


def test_pct_column_vi():
    frame = pl.DataFrame({"v": [90.5, 90.005, None, 1234.5, -0.04, -0.004]})
    got = frame.select(fmt_pct_expr(pl.col("v"), "vi", decimals=2)).to_series()
    # -0.004 rounds to zero at two decimals: "0,00 %", never "-0,00 %"
    expected = ["90,50 %", "90,01 %", "—", "1.234,50 %", "-0,04 %", "0,00 %"]
    assert_series_equal(got, pl.Series("v", expected))


def test_pp_column_en():
    frame = pl.DataFrame({"d": [2.5, -2.5, 0.0, None]})
    got = frame.select(fmt_pp_expr(pl.col("d"), "en")).to_series()
    assert_series_equal(got, pl.Series("d", ["+2.5 pp", "-2.5 pp", "0.0 pp", "—"]))


def test_int_and_vnd_columns():
    frame = pl.DataFrame({"n": [2340000, 7, None]}, schema={"n": pl.Int64})
    got = frame.select(i=fmt_int_expr(pl.col("n")), m=fmt_vnd_expr(pl.col("n"), "en"))
    assert got["i"].to_list() == ["2.340.000", "7", "—"]
    assert got["m"].to_list() == ["VND 2,340,000", "VND 7", "—"]


def test_round_expr_matches_half_up():
    frame = pl.DataFrame({"v": [90.005, 1.005, -2.345, None]})
    assert frame.select(round_expr(pl.col("v"), 2)).to_series().to_list() == [
        90.01, 1.01, -2.35, None,
    ]  # fmt: skip


numbers = st.one_of(
    st.none(),
    st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
    st.integers(-(10**6), 10**6).map(lambda i: i / 1000),  # exact halves at the third decimal
)


@pytest.mark.slow
@given(st.lists(numbers, max_size=20), st.sampled_from(["vi", "en"]), st.integers(0, 3))
def test_twins_agree_for_any_number(values, lang, decimals):
    frame = pl.DataFrame({"x": values}, schema={"x": pl.Float64})
    col = pl.col("x")
    got = frame.select(
        pct=fmt_pct_expr(col, lang, decimals=decimals),
        pp=fmt_pp_expr(col, lang, decimals=decimals),
        vnd=fmt_vnd_expr(col, lang),
        int=fmt_int_expr(col, lang),
        r=round_expr(col, decimals),
    )
    assert got["pct"].to_list() == [fmt_pct(v, lang, decimals=decimals) for v in values]
    assert got["pp"].to_list() == [fmt_pp(v, lang, decimals=decimals) for v in values]
    assert got["vnd"].to_list() == [fmt_vnd(v, lang) for v in values]
    assert got["int"].to_list() == [fmt_int(v, lang) for v in values]
    assert got["r"].to_list() == [round_half_up(v, decimals) for v in values]
