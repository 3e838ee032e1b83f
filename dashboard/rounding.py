"""Exact decimal rounding and digit grouping, for any pair of separators.

The language's separators and patterns are data (`dashboard/locales/formats.toml`, read by
`dashboard.l10n`); this module only does the arithmetic and the grouping, for a scalar and, as
a Polars expression, for a whole column, so a table and the sentence above it never disagree.
Rounding is half away from zero on the number as written (90.005 → 90.01), not on its binary
approximation.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import polars as pl

DASH = "—"  # shown for "no value" (domain.md: a zero denominator gives no value)
# Wide enough for budgets in VND, exact for any percentage with 12 decimals.
_DECIMAL = pl.Decimal(38, 12)


def missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and not math.isfinite(value))


def to_decimal(value: float | int | None, decimals: int) -> Decimal | None:
    """`value` rounded half away from zero to `decimals`; None for no value (None/NaN/inf)."""
    if missing(value):
        return None
    try:
        # repr() is the shortest text that reads back as the same float: "90.005", not 90.00499…
        d = Decimal(repr(value) if isinstance(value, float) else int(value))  # type: ignore[arg-type]
    except (InvalidOperation, TypeError, ValueError):
        return None
    d = d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return d + 0  # turns -0.00 into 0.00


def round_half_up(value: float | None, decimals: int = 2) -> float | None:
    """Round half away from zero on the shortest decimal form; None/NaN/inf → None.

    >>> round_half_up(90.005), round_half_up(-2.345), round_half_up(1.005)
    (90.01, -2.35, 1.01)
    """
    d = to_decimal(value, decimals)
    return None if d is None else float(d)


def decimal_expr(expr: pl.Expr, decimals: int) -> pl.Expr:
    # Through the shortest text form, as `round_half_up` does, so both agree on every input.
    as_dec = expr.cast(pl.Float64).cast(pl.String).cast(_DECIMAL, strict=False)
    return as_dec.round(decimals, mode="half_away_from_zero").cast(pl.Decimal(38, decimals))


def round_expr(expr: pl.Expr, decimals: int = 2) -> pl.Expr:
    """Expression twin of `round_half_up` (Float64 out; NaN/inf become null)."""
    return decimal_expr(expr, decimals).cast(pl.Float64)


def _group(digits: str, sep: str) -> str:
    out = []
    while len(digits) > 3:
        digits, tail = digits[:-3], digits[-3:]
        out.insert(0, tail)
    out.insert(0, digits)
    return sep.join(out)


def number_text(value: float | int | None, *, thousands: str, point: str, decimals: int = 0) -> str:
    """`value` with fixed decimals and the given separators; "—" for no value."""
    d = to_decimal(value, decimals)
    if d is None:
        return DASH
    whole, _, frac = f"{abs(d):f}".partition(".")
    sign = "-" if d < 0 else ""
    return sign + _group(whole, thousands) + (point + frac if frac else "")


def _group_expr(digits: pl.Expr, sep: str) -> pl.Expr:
    # Regex has no look-ahead here: group from the right by reversing twice.
    return (
        digits.str.reverse()
        .str.replace_all(r"(\d{3})", "${1}" + sep)
        .str.strip_chars_end(sep)
        .str.reverse()
    )


def number_text_expr(expr: pl.Expr, *, thousands: str, point: str, decimals: int = 0) -> pl.Expr:
    """Expression twin of `number_text` (String out, "—" for null/NaN)."""
    text = decimal_expr(expr, decimals).cast(pl.String)
    negative = text.str.starts_with("-") & text.str.contains(r"[1-9]")
    unsigned = text.str.strip_prefix("-")
    whole = _group_expr(unsigned.str.split_exact(".", 1).struct.field("field_0"), thousands)
    out = whole
    if decimals > 0:
        frac = unsigned.str.split_exact(".", 1).struct.field("field_1")
        out = pl.concat_str([whole, pl.lit(point), frac])
    out = pl.when(negative).then(pl.lit("-") + out).otherwise(out)
    return out.fill_null(DASH).name.keep()
