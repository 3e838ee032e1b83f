"""Vietnamese (and English) number, money and date formats.

Every scalar formatter has a Polars expression twin (`*_expr`) giving the same text for a whole
column, so a table and the sentence above it never disagree. Rounding is half away from zero on
the number as written (90.005 → 90.01), not on its binary approximation.

>>> fmt_pct(90.5), fmt_pct(90.5, "en"), fmt_int(2340000), fmt_vnd(2340000, "en")
('90,5 %', '90.5%', '2.340.000', 'VND 2,340,000')
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Literal

import polars as pl

from dashboard.collation import people_order, vn_sort_key  # noqa: F401 - vn_sort_key re-exported

Lang = Literal["vi", "en"]
LANGS: tuple[str, ...] = ("vi", "en")
DASH = "—"  # shown for "no value" (domain.md: a zero denominator gives no value)

# (thousands separator, decimal separator)
_SEPARATORS = {"vi": (".", ","), "en": (",", ".")}
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Wide enough for budgets in VND, exact for any percentage with 12 decimals.
_DECIMAL = pl.Decimal(38, 12)


def _check_lang(lang: str) -> None:
    if lang not in _SEPARATORS:
        raise ValueError(f"Unknown language {lang!r}; use one of {', '.join(LANGS)}")


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and not math.isfinite(value))


# --- rounding --------------------------------------------------------------------------------
def round_half_up(value: float | None, decimals: int = 2) -> float | None:
    """Round half away from zero on the shortest decimal form; None/NaN/inf → None.

    >>> round_half_up(90.005), round_half_up(-2.345), round_half_up(1.005)
    (90.01, -2.35, 1.01)
    """
    d = _to_decimal(value, decimals)
    return None if d is None else float(d)


def _to_decimal(value: float | int | None, decimals: int) -> Decimal | None:
    if _missing(value):
        return None
    try:
        # repr() is the shortest text that reads back as the same float: "90.005", not 90.00499…
        d = Decimal(repr(value) if isinstance(value, float) else int(value))
    except (InvalidOperation, TypeError, ValueError):
        return None
    d = d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return d + 0  # turns -0.00 into 0.00


def round_expr(expr: pl.Expr, decimals: int = 2) -> pl.Expr:
    """Expression twin of `round_half_up` (Float64 out; NaN/inf become null)."""
    return _decimal_expr(expr, decimals).cast(pl.Float64)


def _decimal_expr(expr: pl.Expr, decimals: int) -> pl.Expr:
    # Through the shortest text form, as `round_half_up` does, so both agree on every input.
    as_dec = expr.cast(pl.Float64).cast(pl.String).cast(_DECIMAL, strict=False)
    return as_dec.round(decimals, mode="half_away_from_zero").cast(pl.Decimal(38, decimals))


# --- numbers ---------------------------------------------------------------------------------
def _group(digits: str, sep: str) -> str:
    out = []
    while len(digits) > 3:
        digits, tail = digits[:-3], digits[-3:]
        out.insert(0, tail)
    out.insert(0, digits)
    return sep.join(out)


def fmt_number(value: float | int | None, lang: str = "vi", *, decimals: int = 0) -> str:
    """A number with the language's separators and a fixed number of decimals; None → "—".

    >>> fmt_number(-1234.5, "vi", decimals=2), fmt_number(-1234.5, "en", decimals=2)
    ('-1.234,50', '-1,234.50')
    """
    _check_lang(lang)
    d = _to_decimal(value, decimals)
    if d is None:
        return DASH
    thousands, point = _SEPARATORS[lang]
    text = f"{abs(d):f}"
    whole, _, frac = text.partition(".")
    sign = "-" if d < 0 else ""
    return sign + _group(whole, thousands) + (point + frac if frac else "")


def fmt_int(value: float | int | None, lang: str = "vi") -> str:
    """`fmt_int(2340000)` → "2.340.000" (vi) / "2,340,000" (en); None → "—"."""
    return fmt_number(value, lang, decimals=0)


def fmt_pct(value: float | None, lang: str = "vi", *, decimals: int = 1) -> str:
    """A percentage on the 0–100 scale: "90,5 %" (vi, with the space Vietnamese writes) /
    "90.5%" (en); None → "—"."""
    text = fmt_number(value, lang, decimals=decimals)
    if text == DASH:
        return DASH
    return f"{text} %" if lang == "vi" else f"{text}%"


def fmt_pp(value: float | None, lang: str = "vi", *, decimals: int = 1) -> str:
    """A change in percentage points, always signed when not zero: "+2,5 đ.p." / "-2.5 pp"."""
    text = fmt_number(value, lang, decimals=decimals)
    if text == DASH:
        return DASH
    d = _to_decimal(value, decimals)
    sign = "+" if d is not None and d > 0 else ""
    return f"{sign}{text} đ.p." if lang == "vi" else f"{sign}{text} pp"


def fmt_vnd(value: float | int | None, lang: str = "vi") -> str:
    """Money in whole đồng: "2.340.000 đ" (vi) / "VND 2,340,000" (en); None → "—"."""
    text = fmt_number(value, lang, decimals=0)
    if text == DASH:
        return DASH
    return f"{text} đ" if lang == "vi" else f"VND {text}"


def fmt_date(value: dt.date | None, lang: str = "vi") -> str:
    """dd/mm/yyyy (vi) or "22 Nov 2026" (en: month in words, so nobody reads 03/04 as March 4)."""
    _check_lang(lang)
    if value is None:
        return DASH
    if lang == "vi":
        return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
    return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year:04d}"


# --- expression twins ------------------------------------------------------------------------
def _group_expr(digits: pl.Expr, sep: str) -> pl.Expr:
    # Regex has no look-ahead here: group from the right by reversing twice.
    return (
        digits.str.reverse()
        .str.replace_all(r"(\d{3})", "${1}" + sep)
        .str.strip_chars_end(sep)
        .str.reverse()
    )


def fmt_number_expr(expr: pl.Expr, lang: str = "vi", *, decimals: int = 0) -> pl.Expr:
    """Expression twin of `fmt_number` (String out, "—" for null/NaN)."""
    _check_lang(lang)
    thousands, point = _SEPARATORS[lang]
    text = _decimal_expr(expr, decimals).cast(pl.String)
    negative = text.str.starts_with("-") & text.str.contains(r"[1-9]")
    unsigned = text.str.strip_prefix("-")
    whole = _group_expr(unsigned.str.split_exact(".", 1).struct.field("field_0"), thousands)
    out = whole
    if decimals > 0:
        frac = unsigned.str.split_exact(".", 1).struct.field("field_1")
        out = pl.concat_str([whole, pl.lit(point), frac])
    out = pl.when(negative).then(pl.lit("-") + out).otherwise(out)
    return out.fill_null(DASH).name.keep()


def fmt_int_expr(expr: pl.Expr, lang: str = "vi") -> pl.Expr:
    return fmt_number_expr(expr, lang, decimals=0)


def fmt_pct_expr(expr: pl.Expr, lang: str = "vi", *, decimals: int = 1) -> pl.Expr:
    num = fmt_number_expr(expr, lang, decimals=decimals)
    suffix = " %" if lang == "vi" else "%"
    return pl.when(num == DASH).then(pl.lit(DASH)).otherwise(num + suffix).name.keep()


def fmt_pp_expr(expr: pl.Expr, lang: str = "vi", *, decimals: int = 1) -> pl.Expr:
    num = fmt_number_expr(expr, lang, decimals=decimals)
    suffix = " đ.p." if lang == "vi" else " pp"
    positive = _decimal_expr(expr, decimals) > 0
    signed = pl.when(positive).then(pl.lit("+") + num).otherwise(num)
    return pl.when(num == DASH).then(pl.lit(DASH)).otherwise(signed + suffix).name.keep()


def fmt_vnd_expr(expr: pl.Expr, lang: str = "vi") -> pl.Expr:
    num = fmt_number_expr(expr, lang, decimals=0)
    money = num + " đ" if lang == "vi" else pl.lit("VND ") + num
    return pl.when(num == DASH).then(pl.lit(DASH)).otherwise(money).name.keep()


def fmt_date_expr(expr: pl.Expr, lang: str = "vi") -> pl.Expr:
    _check_lang(lang)
    pattern = "%d/%m/%Y" if lang == "vi" else "%-d %b %Y"
    return expr.cast(pl.Date).dt.strftime(pattern).fill_null(DASH)


# --- Vietnamese order (docs/architecture.md lists these here; collation.py does the work) -----
def sort_people(
    frame: pl.DataFrame, name_col: str = "full_name", *, by: list[str] | tuple[str, ...] = ()
) -> pl.DataFrame:
    """Sort by `by`, then by given name, then full name, the Vietnamese way ("Nguyễn Văn An"
    before "Trần Thị Bình"). Returns a new frame; ties keep their order."""
    keys = [*(pl.col(c) for c in by), *people_order(pl.col(name_col))]
    return frame.sort(keys, maintain_order=True)
