"""XLSX downloads: the people's format. Real numbers and dates (the reader's own locale shows
them), a bold frozen and filtered header row, and a page set up to print (issue 11): A4
landscape, one page wide, the header row on every page, a title in the page header (table,
scope, year) and a footer with "page x/y" and the export date.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re

import polars as pl

from dashboard.exports.cells import (
    _DANGER_RE,
    PLAIN_INT_COLUMNS,
    SIGNED_COLUMNS,
    XLSX_MAX_ROWS,
    csv_cell,
    header_row,
    is_pct,
    modes,
)
from dashboard.formatting import round_expr
from dashboard.i18n import t
from dashboard.l10n import locale

# Long free text wraps within this width so that "one page wide" keeps a readable font.
# Long free text wraps within a bounded width (each row as tall as its longest text), so "one
# page wide" keeps a readable font; names repeated on every row are cut at a width instead
# (the cell keeps the whole name; the code beside it says which).
WRAP_WIDTHS = {"reason": 40, "award_name": 28, "rule_name": 28, "indicator_name": 30}
CLIP_WIDTHS = {"cluster_name": 20, "unit_name": 30, "subject_name": 26, "collective_name": 26}
LINE_PT = 13  # one line of 10-point text
FONT = "Arial"  # named, so no office suite falls back to a serif


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
            out.append(csv_cell(col, dtype, lang, safe=False))
    return frame.select(out)


def _sheet_title(name: str) -> str:
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", name).strip().strip("'")
    return (cleaned or "data")[:31]


def _width(frame: pl.DataFrame, col: str, head: str) -> float:
    longest = frame.select(pl.col(col).cast(pl.String).str.len_chars().max()).item() or 0
    cap = WRAP_WIDTHS.get(col) or CLIP_WIDTHS.get(col) or 40
    return min(max(min(len(head), 16), int(longest)) + 2, cap)


def _row_lines(cells: pl.DataFrame, widths: dict[str, float]) -> list[int]:
    """Lines each data row needs: its longest wrapped text over its column's width."""
    wrapped = [c for c in cells.columns if c in WRAP_WIDTHS]
    if not wrapped or cells.height == 0:
        return [1] * cells.height
    per_col = [
        (pl.col(c).cast(pl.String).str.len_chars().fill_null(0) / max(widths[c] - 2, 1))
        .ceil()
        .cast(pl.Int64)
        for c in wrapped
    ]
    return cells.select(pl.max_horizontal(*per_col).clip(1).alias("n"))["n"].to_list()


def _page_text(text: str) -> str:
    """Header/footer text: '&' starts a code there, so a literal one is doubled."""
    return text.replace("&", "&&")


def print_setup(ws, *, title: str | None, lang: str, exported: dt.date) -> None:
    """A4 landscape, one page wide (as many pages tall as needed), the header row on every
    page, the title centred in the page header, "page x/y" and the export date in the footer."""
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    ws.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.6)
    ui = "en" if lang == "en" else "vi"
    if title:
        ws.set_header(f'&C&"{FONT},Bold"&12{_page_text(title)}', {"margin": 0.3})
    date_text = exported.strftime(locale(ui).pattern("export_date"))
    left = _page_text(t("files.exported_on", ui, date=date_text))
    # codes after escaping: "&P" (this page) and "&N" (pages) must stay single
    page = _page_text(t("files.page_of", ui, page="\0P", pages="\0N")).replace("\0", "&")
    ws.set_footer(f'&L&"{FONT},Regular"&8{left}&R&"{FONT},Regular"&8{page}', {"margin": 0.3})


# Tables whose columns add up to something a reader wants at the bottom (README, "Files for
# people"): the budget's titles and money. A rate or a rank has no meaningful total.
TOTAL_COLUMNS: dict[str, tuple[str, ...]] = {"budget": ("count", "amount_vnd")}


def to_xlsx_bytes(
    frame: pl.DataFrame,
    *,
    headers: str = "vi",
    lang: str | None = None,
    sheet_name: str | None = None,
    title: str | None = None,
    exported: dt.date | None = None,
    totals: tuple[str, ...] = (),
) -> bytes:
    """The frame as an .xlsx workbook: bold header row, frozen, with an autofilter; percentages
    stored as 0–100 numbers shown with two decimals; quantities with thousands separators (Excel
    shows them in the reader's own locale); text always written as text; set up to print
    (`print_setup`, with `title` in the page header, `exported` — today by default — in the
    footer). `totals`: columns summed in a bold "Tổng cộng" row under the data, as numbers (not
    formulas), outside the autofilter so sorting leaves it last."""
    import xlsxwriter  # only the export path needs it

    headers, lang = modes(headers, lang)
    if frame.height + 1 > XLSX_MAX_ROWS:
        raise ValueError(
            f"{frame.height} rows do not fit in one Excel sheet ({XLSX_MAX_ROWS - 1} at most); "
            "export CSV instead or filter by cluster or unit"
        )
    cells = _xlsx_cells(frame, lang)
    heads = header_row(frame.columns, headers)
    sheet = sheet_name or (t("word.data", lang) if lang != "codes" else "data")

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False})
    wb.formats[0].set_font_name(FONT)
    wb.formats[0].set_font_size(10)
    ws = wb.add_worksheet(_sheet_title(sheet))
    head_fmt = wb.add_format(
        {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#E8EEF4", "bottom": 1,
         "font_name": FONT}
    )  # fmt: skip
    quoted = wb.add_format({"quote_prefix": True, "font_name": FONT})
    col_fmts = []
    widths: dict[str, float] = {}
    for j, (col, dtype) in enumerate(frame.schema.items()):
        props: dict[str, object] = {"font_name": FONT, "font_size": 10, "valign": "top"}
        fmt_text = _num_format(col, dtype)
        if fmt_text:
            props["num_format"] = fmt_text
        if col in WRAP_WIDTHS:
            props["text_wrap"] = True
        fmt = wb.add_format(props)
        col_fmts.append(fmt)
        widths[col] = _width(cells, col, heads[j])
        ws.set_column(j, j, widths[col], fmt)
        ws.write_string(0, j, heads[j], head_fmt)
    # Heights set here: an office suite does not grow rows of a large sheet on opening.
    head_lines = max((math.ceil(len(h) / max(widths[c] - 1, 1)) for c, h in
                      zip(frame.columns, heads, strict=True)), default=1)  # fmt: skip
    ws.set_row(0, LINE_PT * max(head_lines, 1) + 2)
    for i, lines in enumerate(_row_lines(cells, widths), start=1):
        if lines > 1:
            ws.set_row(i, LINE_PT * lines)

    # Column by column (writing cells is I/O, not computing): one type decision per column.
    for j, (col, dtype) in enumerate(cells.schema.items()):
        _write_column(ws, j, cells[col], _cell_kind(dtype), col_fmts[j], quoted)
    if totals:
        _total_row(wb, ws, frame, totals, lang, col_fmts)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(cells.height, 1), max(cells.width - 1, 0))
    print_setup(ws, title=title, lang=lang, exported=exported or dt.date.today())
    wb.close()
    return buf.getvalue()


def _total_row(wb, ws, frame: pl.DataFrame, totals: tuple[str, ...], lang: str, fmts) -> None:
    r = frame.height + 1
    ws.write_string(r, 0, t("word.total", "en" if lang == "en" else "vi"),
                    wb.add_format({"bold": True, "font_name": FONT, "top": 1}))  # fmt: skip
    for j, col in enumerate(frame.columns):
        if col in totals:
            bold = wb.add_format({"bold": True, "font_name": FONT, "top": 1, "num_format": "#,##0"})
            ws.write_number(r, j, float(frame[col].sum() or 0), bold)


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
