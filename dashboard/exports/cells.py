"""Cell text shared by the CSV and XLSX writers: modes, labels, formula neutralising.

Two choices per file: `headers` ("codes" | "vi" | "en") names the header row, and `lang`
("codes" | "vi" | "en", default: the same as `headers`) writes the labels:

- codes: machine form (contract.md): booleans `true`/`false`, enumerations as codes;
- vi / en: booleans "Có"/"Không" ("Yes"/"No"), statuses, roles, ranking basis and subject
  kinds by name.

Numbers and dates do not follow the language but the file's *style* (README, "Files"): the
data style (every CSV unless asked otherwise) writes "." decimals and yyyy-mm-dd dates, the
same in every language, for programs and English-locale spreadsheets (a Vietnamese-locale one
opens it with the import language English); the `excel_vi` style (the "CSV cho Excel tiếng
Việt" download) writes "," decimals and dd/mm/yyyy for a Vietnamese Excel or LibreOffice.

Identifier columns (unit_code, indicator, award_code, rule …) keep their codes in every mode.

Formula injection: a text cell beginning with = + - @ (or tab/CR, or their full-width forms)
would run as a formula in a spreadsheet. CSV cells get an apostrophe in front; XLSX cells are
written as strings (never formulas) with Excel's quote-prefix flag. Numbers stay numbers.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from dashboard.formatting import round_expr
from dashboard.i18n import header, labels
from dashboard.l10n import locale
from dashboard.schemas import PCT_COLUMNS  # percentages: two decimals (contract.md)
from data_access.formulas import DANGER_RE, neutralise, neutralise_expr

MODES: tuple[str, ...] = ("codes", "vi", "en")
BOM = "\ufeff"
XLSX_MAX_ROWS = 1_048_576  # Excel's sheet limit, header included

# Percentages on the 0–100 scale: two decimals (contract.md).
# Integers that are labels, not quantities: no thousands separator ("2.024" is not a year).
PLAIN_INT_COLUMNS = frozenset(
    {"year", "month", "rank", "rank_prev", "targets_met", "targets_total"}
)
SIGNED_COLUMNS = frozenset({"delta_pp", "rank_change"})
# Enumerated text columns written by name in the human modes: column -> label kinds.
VALUE_LABELS: dict[str, tuple[str, ...]] = {
    "status": ("status", "quota_status"),
    "basis": ("basis",),
    "subject_kind": ("subject_kind",),
    "recipient_kind": ("subject_kind",),
    "role": ("role",),
    "profile": ("profile",),
    "kind": ("collective_kind",),
}

# The rule itself lives below both layers (the importer's error lists use it too).
_DANGER_RE = DANGER_RE


def check_mode(name: str, value: str) -> None:
    if value not in MODES:
        raise ValueError(f"{name}={value!r}: use one of {', '.join(MODES)}")


def modes(headers: str, lang: str | None) -> tuple[str, str]:
    check_mode("headers", headers)
    cell_lang = headers if lang is None else lang
    check_mode("lang", cell_lang)
    return headers, cell_lang


def is_pct(col: str) -> bool:
    return col in PCT_COLUMNS or col.endswith("_pct")


def _value_labels(col: str, lang: str) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for kind in VALUE_LABELS[col]:
        mapping.update(labels(kind, lang))
    return mapping


def _text_expr(col: str, lang: str, *, safe: bool) -> pl.Expr:
    """The cell text of a text-like column, labelled in human modes; `safe` neutralises it."""
    expr = pl.col(col).cast(pl.String)
    if lang != "codes" and col in VALUE_LABELS:
        expr = expr.replace_strict(_value_labels(col, lang), default=expr, return_dtype=pl.String)
    return neutralise_expr(expr) if safe else expr


def _bool_expr(col: str, lang: str) -> pl.Expr:
    names = {"true": "true", "false": "false"} if lang == "codes" else labels("bool", lang)
    return pl.col(col).cast(pl.String).replace_strict(names, return_dtype=pl.String)


def _float_text(col: str, decimal: str) -> pl.Expr:
    expr = pl.col(col)
    if is_pct(col):
        text = round_expr(expr, 2).cast(pl.Decimal(38, 2)).cast(pl.String)
    else:
        # Up to six decimals without trailing zeros: 0.3 → "0.3", 12.0 → "12".
        six = round_expr(expr, 6).cast(pl.Decimal(38, 6)).cast(pl.String)
        text = six.str.strip_chars_end("0").str.strip_chars_end(".")
    return text.str.replace(".", ",", literal=True) if decimal == "," else text


def _date_lang(decimal: str) -> str:
    """The locale whose export dates a style writes: Vietnamese beside the comma, else ISO."""
    return "vi" if decimal == "," else "en"


def csv_cell(
    col: str, dtype: pl.DataType, lang: str, *, safe: bool = True, decimal: str = "."
) -> pl.Expr:
    """The text of one column's cells: labels in `lang`, numbers with `decimal`, dates ISO
    (dd/mm/yyyy when the decimal is the comma: the Vietnamese spreadsheet's own reading)."""
    if dtype == pl.Boolean:
        out = _bool_expr(col, lang)
    elif dtype.is_float() or dtype.is_decimal():
        out = _float_text(col, decimal)
    elif dtype.is_integer():
        out = pl.col(col).cast(pl.String)
    elif dtype == pl.Date:
        out = pl.col(col).dt.strftime(locale(_date_lang(decimal)).pattern("export_date"))
    elif isinstance(dtype, pl.Datetime):
        out = pl.col(col).dt.strftime(locale(_date_lang(decimal)).pattern("export_datetime"))
    elif dtype.is_nested():
        raise TypeError(f"column {col!r} holds {dtype}: flatten it before exporting")
    else:
        out = _text_expr(col, lang, safe=safe)
    return out.alias(col)


def header_row(columns: Iterable[str], headers: str) -> list[str]:
    return [neutralise(header(c, headers)) or "" for c in columns]
