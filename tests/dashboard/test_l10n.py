"""The locale object: one per language, every separator and pattern read from
locales/formats.toml, scalars and expression twins writing the same text."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard import formatting
from dashboard.i18n import LANGS
from dashboard.l10n import locale


@pytest.mark.parametrize(
    ("lang", "pct", "num", "vnd", "pp", "date"),
    [
        ("vi", "12,5 %", "1.234,5", "2.340.000 đ", "+2,5 đ.p.", "01/07/2024"),
        ("en", "12.5%", "1,234.5", "VND 2,340,000", "+2.5 pp", "1 Jul 2024"),
    ],
)
def test_formats_of_each_language(lang, pct, num, vnd, pp, date):
    loc = locale(lang)
    assert loc.pct(12.5) == pct
    assert loc.num(1234.5, 1) == num
    assert loc.vnd(2_340_000) == vnd
    assert loc.pp(2.5) == pp
    assert loc.date(dt.date(2024, 7, 1)) == date


def test_no_value_is_a_dash_in_every_format():
    loc = locale("vi")
    assert {loc.pct(None), loc.num(None), loc.vnd(None), loc.pp(None), loc.date(None)} == {"—"}


def test_a_timestamp_shows_its_day():
    assert locale("vi").date(dt.datetime(2024, 7, 1, 23, 59)) == "01/07/2024"


def test_plotly_separators_and_percent_suffix():
    # Plotly wants the decimal mark first, then the thousands mark.
    assert (locale("vi").plotly_separators, locale("en").plotly_separators) == (",.", ".,")
    assert (locale("vi").pct_suffix, locale("en").pct_suffix) == (" %", "%")


def test_reason_percent_is_tight_in_both_languages():
    assert locale("vi").wrap("percent_tight", "66,6") == "66,6%"
    assert locale("en").wrap("percent_tight", "66.6") == "66.6%"


def test_column_of_the_default_language_has_no_suffix():
    assert locale("vi").column("reason") == "reason"
    assert locale("en").column("reason") == "reason_en"


def test_unknown_language_names_the_choices():
    with pytest.raises(ValueError, match=r"'fr'.*vi, en"):
        locale("fr")


def test_one_object_per_language():
    assert locale("vi") is locale("vi")
    assert locale() is locale("vi")


def test_message_as_expression_fills_each_row_and_keeps_nulls():
    frame = pl.DataFrame({"rating": ["HTNV", None]})
    loc = locale("vi")
    got = frame.select(
        loc.t_expr("reason.person.rated_below", rating=pl.col("rating"), level="HTTNV")
    )
    assert got.to_series().to_list() == ["Xếp loại HTNV, chưa đạt HTTNV", None]
    en = frame.select(
        locale("en").t_expr("reason.person.rated_below", rating=pl.col("rating"), level="HTTNV")
    )
    assert en.to_series().to_list() == ["Rated HTNV, below HTTNV", None]


def test_message_as_expression_equals_the_scalar_text():
    frame = pl.DataFrame({"n": [2]})
    for lang in LANGS:
        loc = locale(lang)
        expr = loc.t_expr("reason.person.few_initiatives", count=pl.col("n"), need=3)
        assert frame.select(expr).item() == loc.t("reason.person.few_initiatives", count=2, need=3)


def test_formatting_functions_are_the_locale():
    for lang in LANGS:
        loc = locale(lang)
        assert formatting.fmt_pct(90.05, lang) == loc.pct(90.05)
        assert formatting.fmt_vnd(1_000, lang) == loc.vnd(1_000)
        assert formatting.fmt_date(dt.date(2026, 11, 22), lang) == loc.date(dt.date(2026, 11, 22))


# The range the existing formatting laws use: beyond 1e9 % the decimal context is not the point.
PERCENTS = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False) | st.sampled_from(
    [float("nan"), float("inf"), None]
)


@pytest.mark.slow
@given(st.lists(PERCENTS, max_size=20), st.sampled_from(LANGS), st.integers(0, 3))
def test_percent_scalar_and_column_agree(values, lang, decimals):
    loc = locale(lang)
    got = pl.DataFrame({"v": values}, schema={"v": pl.Float64}).select(
        loc.pct_expr(pl.col("v"), decimals)
    )
    assert got.to_series().to_list() == [loc.pct(v, decimals) for v in values]


@pytest.mark.slow
@given(st.dates(min_value=dt.date(1000, 1, 1)), st.sampled_from(LANGS))
def test_date_scalar_and_column_agree(value, lang):
    loc = locale(lang)
    got = pl.DataFrame({"d": [value]}).select(loc.date_expr(pl.col("d"))).item()
    assert got == loc.date(value)
