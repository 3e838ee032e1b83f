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


WARN_LISTED = 6  # unlocated records named under the form; the rest counted (one page)


def _day(d: object, lang: str) -> str:
    return d.strftime("%d/%m/%Y" if lang == "vi" else "%Y-%m-%d")  # type: ignore[attr-defined]


def _circular_lines(table: FormTable, lang: str) -> tuple[str, ...]:
    c = table.circular
    lines = [t("forms.issued_under", lang, circular=c.vi if lang == "vi" else c.en)]
    if c.layout_from != c.code:
        lines.append(t("forms.layout_from", lang, layout=c.layout_from, circular=c.code))
    return tuple(lines)


def _warning(table: FormTable, names: dict[str, str], lang: str) -> str:
    rows = table.unlocated
    if rows.is_empty():
        return ""
    shown = [
        f"{names.get(code, code)} ({award})"
        for code, award in zip(rows["recipient_code"], rows["award_code"], strict=True)
    ]
    more = len(shown) - WARN_LISTED
    listed = ", ".join(shown[:WARN_LISTED]) + (
        t("forms.and_more", lang, n=more) if more > 0 else ""
    )
    return t("forms.unlocated", lang, n=rows.height, year=table.year, listed=listed)


def layout(
    table: FormTable,
    *,
    reporting_unit: str,
    receiver: str | None = None,
    names: dict[str, str] | None = None,
    lang: str = "vi",
) -> Layout:
    """`reporting_unit` / `receiver`: the header's bodies (dashboard/forms/header.py); `names`:
    person code -> name for the warning of records on no roster."""
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
        if row.count == "unknown":
            merged = t("forms.no_data_row", lang)
        body.append(((label, row.code, unit), tuple(cells), row.bold or section, merged))
    notes = [
        t("forms.note_no_data", lang),
        t("forms.note_zero", lang),
        t("forms.note_not_listed", lang),
        t("forms.note_methods", lang, n=table.without_method, total=table.records),
    ]
    warning = _warning(table, names or {}, lang)
    if warning:
        notes.append(warning)
    first, last = table.period
    return Layout(
        top_left=(
            t("forms.form_no", lang, code=form.code),
            *_circular_lines(table, lang),
            t("forms.received", lang, date=tx[f"received_by_{lang}"]),
        ),
        top_right=(
            t("forms.report_unit", lang, name=reporting_unit),
            t("forms.receiver", lang, name=receiver or "……………………"),
        ),
        title=form.title_vi if lang == "vi" else form.title_en,
        period=t(
            "forms.period", lang, year=table.year, start=_day(first, lang), end=_day(last, lang)
        ),
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
