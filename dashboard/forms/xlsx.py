"""A form as a print-ready workbook: the circular's layout on one A4 landscape page."""

from __future__ import annotations

import datetime as dt
import io
import math

from dashboard import clock
from dashboard.exports.xlsx_out import FONT, print_setup
from dashboard.forms.layout import Layout, cell_text
from dashboard.i18n import t

LABEL_WIDTH, NARROW, CELL = 44, 7, 9.5


def to_xlsx(lay: Layout, *, sheet: str, lang: str = "vi", exported: dt.date | None = None) -> bytes:
    """Counts are numbers (they sum); "no data" cells are text; nothing is a formula."""
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False})
    wb.formats[0].set_font_name(FONT)
    ws = wb.add_worksheet(sheet[:31])

    def fmt(**kw: object):
        return wb.add_format({"font_name": FONT, "font_size": 9, "valign": "vcenter", **kw})

    plain, bold = fmt(), fmt(bold=True)
    title = fmt(bold=True, font_size=13, align="center", text_wrap=True)
    italic_c = fmt(italic=True, align="center")
    head = fmt(bold=True, align="center", text_wrap=True, border=1, bg_color="#F2F2F2")
    number = fmt(bold=True, align="center", border=1)
    cells = {
        (b, k): fmt(bold=b, border=1, text_wrap=True, align="left" if k == 0 else "center",
                    num_format="#,##0", font_size=9 if k != 2 else 8)
        for b in (False, True) for k in (0, 1, 2)
    }  # fmt: skip
    note = fmt(italic=True, font_size=8, text_wrap=True, valign="top")

    last = lay.width - 1
    n_cells = lay.width - 4
    cell_width = max(CELL, 64 / n_cells)  # a form with few columns gets wider ones
    widths = [LABEL_WIDTH, NARROW, 11, cell_width] + [cell_width] * n_cells
    split = 1 if n_cells < 8 else max(4, lay.width // 2)
    right_width = sum(widths[split:])
    for r, text in enumerate(lay.top_left):
        if split == 1:
            ws.write_string(r, 0, text, bold if r == 0 else plain)
        else:
            ws.merge_range(r, 0, r, split - 1, text, bold if r == 0 else plain)
    for r, text in enumerate(lay.top_right):
        f = fmt(bold=r == 0, align="right" if split == 1 else "left", text_wrap=True)
        ws.merge_range(r, split, r, last, text, f)
        ws.set_row(r, 12.5 * max(1, math.ceil(len(text) / right_width)) + 2)
    ws.merge_range(4, 0, 4, last, lay.title, title)
    ws.set_row(4, 36)
    ws.merge_range(5, 0, 5, last, lay.period, italic_c)

    top = 7
    for h in lay.heads:
        r0, c0 = top + h.row, h.col
        r1, c1 = r0 + h.rowspan - 1, c0 + h.colspan - 1
        if (r0, c0) == (r1, c1):
            ws.write_string(r0, c0, h.text, head)
        else:
            ws.merge_range(r0, c0, r1, c1, h.text, head)
    # each head row as tall as its longest text in its (merged) width
    for level in range(lay.head_rows):
        need = [
            math.ceil(len(h.text) / max(sum(widths[h.col : h.col + h.colspan]) - 1, 1)) / h.rowspan
            for h in lay.heads
            if h.row == level and h.text
        ]
        ws.set_row(top + level, 12 * max(1, math.ceil(max(need, default=1))) + 4)
    nrow = top + lay.head_rows
    for c0, span, text in lay.numbers:
        if span == 1:
            ws.write_string(nrow, c0, text, number)
        else:
            ws.merge_range(nrow, c0, nrow, c0 + span - 1, text, number)

    r = nrow + 1
    for (label, code, unit), values, is_bold, merged in lay.body:
        # wrapped labels need their height set: no office suite grows the row on opening
        lines = max(1, math.ceil(len(label) / (LABEL_WIDTH * 1.05)))
        ws.set_row(r, 12.5 * lines + 2)
        ws.write_string(r, 0, label, cells[(is_bold, 0)])
        ws.write_string(r, 1, code, cells[(is_bold, 1)])
        ws.write_string(r, 2, unit, cells[(is_bold, 1)])
        if merged:
            ws.merge_range(r, 3, r, last, merged, cells[(False, 2)])
            r += 1
            continue
        for c, value in enumerate(values, start=3):
            if isinstance(value, int):
                ws.write_number(r, c, value, cells[(is_bold, 1)])
            else:
                ws.write_string(r, c, cell_text(value, lang), cells[(is_bold, 2)])
        r += 1
    r += 1
    for text in lay.notes:
        ws.merge_range(r, 0, r, last, text, note)
        ws.set_row(r, 24)
        r += 1
    r += 1
    for left, right in lay.signature:
        ws.merge_range(r, 0, r, 2, left, fmt(bold=left in (t("forms.maker", lang),),
                                             align="center"))  # fmt: skip
        ws.merge_range(r, 4, r, last, right, fmt(align="center"))
        r += 1

    for j, width in enumerate(widths):
        ws.set_column(j, j, width)
    print_setup(ws, title=None, lang=lang, exported=exported or clock.today())
    ws.repeat_rows(top, nrow)
    ws.fit_to_pages(1, 1)
    ws.print_area(0, 0, r, last)
    wb.close()
    return buf.getvalue()
