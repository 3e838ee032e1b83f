"""Vietnamese (and English) number, money and date formats, by language code.

Thin functions over `dashboard.l10n.locale(lang)`, which reads every separator and pattern
from `dashboard/locales/formats.toml`; new code may call the locale object directly. Every
scalar formatter has a Polars expression twin (`*_expr`) giving the same text for a whole
column. Rounding is half away from zero on the number as written (90.005 → 90.01).

>>> fmt_pct(90.5), fmt_pct(90.5, "en"), fmt_int(2340000), fmt_vnd(2340000, "en")
('90,5 %', '90.5%', '2.340.000', 'VND 2,340,000')
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import polars as pl

from dashboard import i18n
from dashboard.collation import people_order, vn_sort_key  # noqa: F401 - vn_sort_key re-exported
from dashboard.l10n import locale
from dashboard.rounding import DASH, round_expr, round_half_up  # noqa: F401 - re-exported

Lang = Literal["vi", "en"]
LANGS: tuple[str, ...] = i18n.LANGS


def fmt_number(value: float | int | None, lang: str = "vi", *, decimals: int = 0) -> str:
    """A number with the language's separators and a fixed number of decimals; None → "—".

    >>> fmt_number(-1234.5, "vi", decimals=2), fmt_number(-1234.5, "en", decimals=2)
    ('-1.234,50', '-1,234.50')
    """
    return locale(lang).num(value, decimals)


def fmt_int(value: float | int | None, lang: str = "vi") -> str:
    """`fmt_int(2340000)` → "2.340.000" (vi) / "2,340,000" (en); None → "—"."""
    return locale(lang).integer(value)


def fmt_pct(value: float | None, lang: str = "vi", *, decimals: int = 1) -> str:
    """A percentage on the 0–100 scale: "90,5 %" (vi, with the space Vietnamese writes) /
    "90.5%" (en); None → "—"."""
    return locale(lang).pct(value, decimals)


def fmt_pp(value: float | None, lang: str = "vi", *, decimals: int = 1) -> str:
    """A change in percentage points, always signed when not zero: "+2,5 đ.p." / "-2.5 pp"."""
    return locale(lang).pp(value, decimals)


def fmt_vnd(value: float | int | None, lang: str = "vi") -> str:
    """Money in whole đồng: "2.340.000 đ" (vi) / "VND 2,340,000" (en); None → "—"."""
    return locale(lang).vnd(value)


def fmt_date(value: dt.date | None, lang: str = "vi") -> str:
    """dd/mm/yyyy (vi) or "22 Nov 2026" (en: month in words, so nobody reads 03/04 as March 4)."""
    return locale(lang).date(value)


def fmt_number_expr(expr: pl.Expr, lang: str = "vi", *, decimals: int = 0) -> pl.Expr:
    """Expression twin of `fmt_number` (String out, "—" for null/NaN)."""
    return locale(lang).num_expr(expr, decimals)


def fmt_int_expr(expr: pl.Expr, lang: str = "vi") -> pl.Expr:
    return locale(lang).integer_expr(expr)


def fmt_pct_expr(expr: pl.Expr, lang: str = "vi", *, decimals: int = 1) -> pl.Expr:
    return locale(lang).pct_expr(expr, decimals)


def fmt_pp_expr(expr: pl.Expr, lang: str = "vi", *, decimals: int = 1) -> pl.Expr:
    return locale(lang).pp_expr(expr, decimals)


def fmt_vnd_expr(expr: pl.Expr, lang: str = "vi") -> pl.Expr:
    return locale(lang).vnd_expr(expr)


def fmt_date_expr(expr: pl.Expr, lang: str = "vi") -> pl.Expr:
    return locale(lang).date_expr(expr)


# --- Vietnamese order (docs/architecture.md lists these here; collation.py does the work) -----
def sort_people(
    frame: pl.DataFrame, name_col: str = "full_name", *, by: list[str] | tuple[str, ...] = ()
) -> pl.DataFrame:
    """Sort by `by`, then by given name, then full name, the Vietnamese way ("Nguyễn Văn An"
    before "Trần Thị Bình"). Returns a new frame; ties keep their order."""
    keys = [*(pl.col(c) for c in by), *people_order(pl.col(name_col))]
    return frame.sort(keys, maintain_order=True)
