"""Downloads: a frame as CSV (UTF-8 with BOM, for Excel) or as a formatted XLSX workbook.

Two choices per file: `headers` ("codes" | "vi" | "en") names the header row, and `lang`
("codes" | "vi" | "en", default: the same as `headers`) writes the cells:

- codes: machine form (contract.md): "." decimals, percentages with two decimals, booleans
  `true`/`false`, dates yyyy-mm-dd, enumerations as codes;
- vi: "," decimals (a Vietnamese Excel reads "90,50" as a number), no thousands separator in
  CSV (it would be ambiguous), dates dd/mm/yyyy, booleans "Có"/"Không", statuses, roles,
  ranking basis and subject kinds by name;
- en: "." decimals, dates yyyy-mm-dd, booleans "Yes"/"No", enumerations by name.

Identifier columns (unit_code, indicator, award_code, rule …) keep their codes in every mode.

Formula injection: a text cell beginning with = + - @ (or tab/CR, or their full-width forms)
would run as a formula in a spreadsheet. CSV cells get an apostrophe in front; XLSX cells are
written as strings (never formulas) with Excel's quote-prefix flag. Numbers stay numbers.

>>> to_csv_bytes(pl.DataFrame({"unit_code": ["=1+1"]}), headers="codes")
b"\\xef\\xbb\\xbfunit_code\\r\\n'=1+1\\r\\n"
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

import polars as pl

from dashboard.formatting import round_expr
from dashboard.i18n import header, labels, t
from dashboard.l10n import locale
from dashboard.schemas import PCT_COLUMNS  # percentages: two decimals (contract.md)

MODES: tuple[str, ...] = ("codes", "vi", "en")
BOM = "\ufeff"
XLSX_MAX_ROWS = 1_048_576  # Excel's sheet limit, header included

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

DANGEROUS_START = "=+-@\t\r＝＋－＠"
_DANGER_RE = "^[" + re.escape(DANGEROUS_START) + "]"


def _check_mode(name: str, value: str) -> None:
    if value not in MODES:
        raise ValueError(f"{name}={value!r}: use one of {', '.join(MODES)}")


def _modes(headers: str, lang: str | None) -> tuple[str, str]:
    _check_mode("headers", headers)
    cell_lang = headers if lang is None else lang
    _check_mode("lang", cell_lang)
    return headers, cell_lang


def is_pct(col: str) -> bool:
    return col in PCT_COLUMNS or col.endswith("_pct")


def neutralise(text: str | None) -> str | None:
    """Prefix an apostrophe to text a spreadsheet would run as a formula."""
    if text and text[0] in DANGEROUS_START:
        return "'" + text
    return text


def neutralise_expr(expr: pl.Expr) -> pl.Expr:
    """Expression twin of `neutralise`, for String columns."""
    risky = expr.str.contains(_DANGER_RE)
    return pl.when(risky).then(pl.lit("'") + expr).otherwise(expr).name.keep()


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


def _cell_formats(lang: str) -> tuple[str, str, str]:
    """(decimal mark, date pattern, date-time pattern) of CSV cells: the language's export
    formats (locales/formats.toml), or ISO 8601 and a decimal point in "codes" mode."""
    if lang == "codes":
        return ".", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S"
    loc = locale(lang)
    return loc.decimal, loc.pattern("export_date"), loc.pattern("export_datetime")


def _float_text(col: str, lang: str) -> pl.Expr:
    expr = pl.col(col)
    if is_pct(col):
        text = round_expr(expr, 2).cast(pl.Decimal(38, 2)).cast(pl.String)
    else:
        # Up to six decimals without trailing zeros: 0.3 → "0.3", 12.0 → "12".
        six = round_expr(expr, 6).cast(pl.Decimal(38, 6)).cast(pl.String)
        text = six.str.strip_chars_end("0").str.strip_chars_end(".")
    return text.str.replace(".", _cell_formats(lang)[0], literal=True)


def _csv_cell(col: str, dtype: pl.DataType, lang: str, *, safe: bool = True) -> pl.Expr:
    if dtype == pl.Boolean:
        out = _bool_expr(col, lang)
    elif dtype.is_float() or dtype.is_decimal():
        out = _float_text(col, lang)
    elif dtype.is_integer():
        out = pl.col(col).cast(pl.String)
    elif dtype == pl.Date:
        out = pl.col(col).dt.strftime(_cell_formats(lang)[1])
    elif isinstance(dtype, pl.Datetime):
        out = pl.col(col).dt.strftime(_cell_formats(lang)[2])
    elif dtype.is_nested():
        raise TypeError(f"column {col!r} holds {dtype}: flatten it before exporting")
    else:
        out = _text_expr(col, lang, safe=safe)
    return out.alias(col)


def header_row(columns: Iterable[str], headers: str) -> list[str]:
    return [neutralise(header(c, headers)) or "" for c in columns]


def to_csv_bytes(
    frame: pl.DataFrame, *, headers: str = "vi", lang: str | None = None, sep: str = ","
) -> bytes:
    """The frame as CSV bytes: UTF-8 with a byte-order mark (so Excel reads Vietnamese right),
    CRLF line ends, an empty cell for no value. `sep=";"` suits an Excel whose list separator
    is the semicolon."""
    headers, lang = _modes(headers, lang)
    cells = frame.select(_csv_cell(c, d, lang) for c, d in frame.schema.items())
    head = io.StringIO()
    csv.writer(head, delimiter=sep, lineterminator="\r\n").writerow(
        header_row(frame.columns, headers)
    )
    body = io.BytesIO()
    cells.write_csv(
        body, include_header=False, separator=sep, line_terminator="\r\n", null_value=""
    )
    return (BOM + head.getvalue()).encode("utf-8") + body.getvalue()


# --- XLSX ------------------------------------------------------------------------------------
def _num_format(col: str, dtype: pl.DataType) -> str | None:
    if is_pct(col):
        return "+0.00;-0.00;0.00" if col in SIGNED_COLUMNS else "0.00"
    if dtype.is_integer():
        if col in SIGNED_COLUMNS:
            return "+0;-0;0"
        return "0" if col in PLAIN_INT_COLUMNS else "#,##0"
    if dtype.is_float() or dtype.is_decimal():
        return "#,##0" if col == "amount_vnd" else "0.0#"
    if dtype == pl.Date:
        return "dd/mm/yyyy"
    if isinstance(dtype, pl.Datetime):
        return "dd/mm/yyyy hh:mm:ss"
    return None


def _xlsx_cells(frame: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Numbers stay numbers (percentages rounded to two decimals, NaN blank); dates stay dates;
    everything else is text, not yet neutralised (the writer marks risky cells as text)."""
    out = []
    for col, dtype in frame.schema.items():
        expr = pl.col(col)
        if dtype.is_integer():
            out.append(expr)
        elif dtype.is_numeric():
            digits = 2 if is_pct(col) else 6
            out.append(round_expr(expr, digits).alias(col))
        elif dtype == pl.Date or isinstance(dtype, pl.Datetime):
            out.append(expr)
        else:
            out.append(_csv_cell(col, dtype, lang, safe=False))
    return frame.select(out)


def _sheet_title(name: str) -> str:
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", name).strip().strip("'")
    return (cleaned or "data")[:31]


def _width(frame: pl.DataFrame, col: str, head: str) -> float:
    longest = frame.select(pl.col(col).cast(pl.String).str.len_chars().max()).item() or 0
    return min(max(len(head), int(longest)) + 2, 60)


def to_xlsx_bytes(
    frame: pl.DataFrame,
    *,
    headers: str = "vi",
    lang: str | None = None,
    sheet_name: str | None = None,
) -> bytes:
    """The frame as an .xlsx workbook: bold header row, frozen, with an autofilter; percentages
    stored as 0–100 numbers shown with two decimals; quantities with thousands separators (Excel
    shows them in the reader's own locale); text always written as text."""
    import xlsxwriter  # only the export path needs it

    headers, lang = _modes(headers, lang)
    if frame.height + 1 > XLSX_MAX_ROWS:
        raise ValueError(
            f"{frame.height} rows do not fit in one Excel sheet ({XLSX_MAX_ROWS - 1} at most); "
            "export CSV instead or filter by cluster or unit"
        )
    cells = _xlsx_cells(frame, lang)
    heads = header_row(frame.columns, headers)
    title = sheet_name or (t("word.data", lang) if lang != "codes" else "data")

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False})
    ws = wb.add_worksheet(_sheet_title(title))
    head_fmt = wb.add_format(
        {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#E8EEF4", "bottom": 1}
    )
    quoted = wb.add_format({"quote_prefix": True})
    col_fmts = []
    for j, (col, dtype) in enumerate(frame.schema.items()):
        fmt_text = _num_format(col, dtype)
        fmt = wb.add_format({"num_format": fmt_text}) if fmt_text else None
        col_fmts.append(fmt)
        ws.set_column(j, j, _width(cells, col, heads[j]), fmt)
        ws.write_string(0, j, heads[j], head_fmt)

    # Column by column (writing cells is I/O, not computing): one type decision per column.
    for j, (col, dtype) in enumerate(cells.schema.items()):
        _write_column(ws, j, cells[col], _cell_kind(dtype), col_fmts[j], quoted)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(cells.height, 1), max(cells.width - 1, 0))
    wb.close()
    return buf.getvalue()


def _write_column(ws, j: int, values: pl.Series, kind: str, fmt, quoted) -> None:
    if kind == "number":
        for i, v in enumerate(values.to_list(), start=1):
            if v is not None:
                ws.write_number(i, j, v, fmt)
    elif kind == "date":
        for i, v in enumerate(values.to_list(), start=1):
            if v is not None:
                ws.write_datetime(i, j, v, fmt)
    else:
        # Excel's own way to say "text, not a formula" (quote prefix): no visible apostrophe.
        risky = values.str.contains(_DANGER_RE).fill_null(False).to_list()
        for i, (v, r) in enumerate(zip(values.to_list(), risky, strict=True), start=1):
            if v is not None:
                ws.write_string(i, j, v, quoted if r else None)


def _cell_kind(dtype: pl.DataType) -> str:
    if dtype.is_numeric():
        return "number"
    if dtype == pl.Date or isinstance(dtype, pl.Datetime):
        return "date"
    return "text"
