"""A computed form laid out as the circular prints it, independent of the file format: the
header block, the numbered column heads (with their spans), the body rows and the notes.
`xlsx` and `pdf` draw exactly this."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from dashboard.forms.compute import BLANK, NO_DATA, NOT_LISTED, FormTable
from dashboard.i18n import t


@dataclass(frozen=True)
class Head:
    row: int
    col: int
    rowspan: int
    colspan: int
    text: str


@dataclass(frozen=True)
class Layout:
    top_left: tuple[str, ...]  # form number, circular, due date
    top_right: tuple[str, ...]  # reporting unit, receiving body
    title: str
    period: str
    width: int  # columns: label, code, unit, total, then the form's cell columns
    heads: tuple[Head, ...]
    head_rows: int
    # (label, code, unit of count), the cells (total first: counts or markers), bold, and the
    # one text spanning the row when no cell of it can be counted ("" otherwise)
    body: tuple[tuple[tuple[str, str, str], tuple[object, ...], bool, str], ...]
    numbers: tuple[tuple[int, int, str], ...]  # (first column, span, label): A B C 1 2 …
    notes: tuple[str, ...]
    signature: tuple[tuple[str, str], ...]  # (left, right) lines


def cell_text(cell: object, lang: str) -> str:
    if cell == BLANK:
        return ""
    if cell == NO_DATA:
        return t("forms.no_data", lang)
    if cell == NOT_LISTED:
        return "—"
    return f"{cell:,}".replace(",", "." if lang == "vi" else ",")


def layout(table: FormTable, *, reporting_unit: str, lang: str = "vi") -> Layout:
    form, tx = table.form, table.form.texts
    cols = form.columns
    split = any(c.sub_vi for c in cols)
    head_rows = 3 if split else 2
    heads = [
        Head(0, 0, head_rows, 1, ""),
        Head(0, 1, head_rows, 1, t("forms.code_col", lang)),
        Head(0, 2, head_rows, 1, t("forms.unit_col", lang)),
        Head(0, 3, head_rows, 1, t("forms.total_col", lang)),
        Head(0, 4, 1, len(cols), t("forms.split", lang)),
    ]
    numbers = [(0, 1, "A"), (1, 1, "B"), (2, 1, "C"), (3, 1, "1")]
    j = 4
    for number, group in groupby(cols, key=lambda c: c.number):
        members = list(group)
        name = members[0].group_vi if lang == "vi" else members[0].group_en
        has_sub = any(c.sub_vi for c in members)
        heads.append(Head(1, j, 1 if has_sub else head_rows - 1, len(members), name))
        if has_sub:
            for k, c in enumerate(members):
                heads.append(Head(2, j + k, 1, 1, c.sub_vi if lang == "vi" else c.sub_en))
        numbers.append((j, len(members), str(number)))
        j += len(members)
    body = []
    for row, cells in zip(form.rows, table.grid, strict=True):
        label = row.vi if lang == "vi" else row.en
        unit = row.unit_vi if lang == "vi" else row.unit_en
        section = row.count == "section"
        merged = ""
        if not section and NO_DATA in cells and not any(isinstance(c, int) for c in cells):
            merged = t("forms.no_data_row", lang)
        body.append(((label, row.code, unit), tuple(cells), row.bold or section, merged))
    notes = [t("forms.note_no_data", lang), t("forms.note_not_listed", lang)]
    if table.without_method:
        notes.append(t("forms.note_methods", lang, n=table.without_method, total=table.records))
    return Layout(
        top_left=(
            t("forms.form_no", lang, code=form.code),
            tx[f"circular_{lang}"],
            t("forms.received", lang, date=tx[f"received_by_{lang}"]),
        ),
        top_right=(
            t("forms.report_unit", lang, name=reporting_unit),
            t("forms.receiver", lang, name=tx[f"receiver_{lang}"]),
        ),
        title=form.title_vi if lang == "vi" else form.title_en,
        period=t("forms.period", lang, year=table.year),
        width=4 + len(cols),
        heads=tuple(heads),
        head_rows=head_rows,
        body=tuple(body),
        numbers=tuple(numbers),
        notes=tuple(notes),
        signature=(
            ("", t("forms.place_date", lang)),
            (t("forms.maker", lang), t("forms.head", lang)),
            (t("forms.sign", lang), t("forms.sign_seal", lang)),
        ),
    )
