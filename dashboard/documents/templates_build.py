"""Builds the documents' .docx templates in the layout of Decree 30/2020/NĐ-CP (administrative
documents): A4 portrait, margins 20-25 mm top and bottom, 30-35 mm left, 15-20 mm right; Times
New Roman 13-14; the issuing body top left over "Số: …", the national emblem lines top right
("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" / "Độc lập - Tự do - Hạnh phúc", underlined) over the
place and date in italics; the document's kind and summary centred; the signature block bottom
right and "Nơi nhận" bottom left.

The templates are data: the office may edit them in Word (wording, fonts, a logo), keeping the
{{ … }} fields and the {%tr … %} rows. `python -m dashboard.documents.templates_build` writes
them again from this file (it overwrites the office's edits: run it only to start afresh)."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = Path(__file__).parent / "templates"
FONT = "Times New Roman"
C, L, R, J = (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT,
              WD_ALIGN_PARAGRAPH.JUSTIFY)  # fmt: skip


def _document():
    doc = Document()
    s = doc.sections[0]
    s.orientation = WD_ORIENT.PORTRAIT
    s.page_width, s.page_height = Cm(21), Cm(29.7)
    s.top_margin, s.bottom_margin = Cm(2), Cm(2)
    s.left_margin, s.right_margin = Cm(3), Cm(2)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)  # Word picks this for some scripts
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.line_spacing = 1.15
    return doc


def _para(container, text: str = "", *, align=J, bold=False, italic=False, size=None,
          underline=False, indent=False, after=0):  # fmt: skip
    p = container.add_paragraph()
    p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Cm(1)
    p.paragraph_format.space_after = Pt(after)
    if text:
        run = p.add_run(text)
        run.bold, run.italic, run.underline = bold, italic, underline
        if size:
            run.font.size = Pt(size)
    return p


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def _widths(table, cms: list[float]) -> None:
    """Column widths that Word and LibreOffice both keep: the grid and every cell, no autofit."""
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), cms, strict=True):
        col.set(qn("w:w"), str(int(Cm(w).twips)))
    for row in table.rows:
        for cell, w in zip(row.cells, cms, strict=False):
            cell.width = Cm(w)


def _header(doc) -> None:
    """Decree 30's header: issuing body and number | emblem lines and place, date."""
    t = doc.add_table(rows=1, cols=2)
    _no_borders(t)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(t, [6.0, 10.0])
    left, right = t.rows[0].cells
    left.paragraphs[0].alignment = C
    r = left.paragraphs[0].add_run("{{ parent_body }}")
    r.font.size = Pt(13)
    _para(left, "{{ issuing_body }}", align=C, bold=True, size=13, underline=True)
    _para(left, "", align=C, size=6)
    _para(left, "{{ number_line }}", align=C, size=13)
    right.paragraphs[0].alignment = C
    r = right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    r.bold, r.font.size = True, Pt(13)
    _para(right, "Độc lập - Tự do - Hạnh phúc", align=C, bold=True, size=14, underline=True)
    _para(right, "", align=C, size=6)
    _para(right, "{{ place_date }}", align=C, italic=True, size=14)
    _para(doc, "", after=6)


def _grid(doc, heads: list[str], cells: list[str], loop: str, widths: list[float],
          aligns: str = ""):  # fmt: skip
    """A table: a head row, then one row per item of `loop` ("r in rows") with `cells`;
    `aligns`: one letter per column (L, C, R; default L for the first, C for the others)."""
    aligns = aligns or "L" + "C" * (len(cells) - 1)
    t = doc.add_table(rows=4, cols=len(heads))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for j, h in enumerate(heads):
        c = t.rows[0].cells[j]
        c.paragraphs[0].alignment = C
        run = c.paragraphs[0].add_run(h)
        run.bold, run.font.size = True, Pt(12)
    t.rows[1].cells[0].merge(t.rows[1].cells[-1]).paragraphs[0].add_run(f"{{%tr for {loop} %}}")
    for j, text in enumerate(cells):
        c = t.rows[2].cells[j]
        c.paragraphs[0].alignment = {"L": L, "C": C, "R": R}[aligns[j]]
        c.paragraphs[0].add_run(text).font.size = Pt(12)
    t.rows[3].cells[0].merge(t.rows[3].cells[-1]).paragraphs[0].add_run("{%tr endfor %}")
    _widths(t, widths)
    # the head row repeats on every page
    trPr = t.rows[0]._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trPr.append(el)
    return t


def _signature(doc) -> None:
    t = doc.add_table(rows=1, cols=2)
    _no_borders(t)
    _widths(t, [7.0, 9.0])
    left, right = t.rows[0].cells
    p = left.paragraphs[0]
    r = p.add_run("{{ t.recipients }}")
    r.bold, r.italic, r.font.size = True, True, Pt(12)
    _para(left, "{% for line in recipients %}- {{ line }};\n{% endfor %}", align=L, size=11)
    right.paragraphs[0].alignment = C
    r = right.paragraphs[0].add_run("{{ t.signer_title }}")
    r.bold, r.font.size = True, Pt(14)
    _para(right, "{{ t.signer_note }}", align=C, italic=True, size=13)
    for _ in range(4):
        _para(right, "", align=C)
    _para(right, "{{ signer_name }}", align=C, bold=True)


def _placeholder(doc, key: str) -> None:
    """A section a person writes, marked so it cannot be missed (highlighted, in brackets)."""
    p = _para(doc, "", indent=True)
    run = p.add_run(f"{{{{ t.{key} }}}}")
    run.italic = True
    rPr = run._r.get_or_add_rPr()
    hl = OxmlElement("w:highlight")
    hl.set(qn("w:val"), "yellow")
    rPr.append(hl)


def nominations() -> None:
    doc = _document()
    _header(doc)
    _para(doc, "{{ t.letter_kind }}", align=C, bold=True)
    _para(doc, "{{ t.letter_subject }}", align=C, bold=True, after=12)
    _para(doc, "{{ t.letter_to }}", align=C, after=12)
    _para(doc, "{{ t.letter_basis }}", indent=True, after=6)
    _para(doc, "{{ t.letter_counts }}", indent=True, after=6)
    _para(doc, "{{ t.letter_quota }}", indent=True, after=6)
    _para(doc, "{{ t.letter_over }}", indent=True, after=6)
    _para(doc, "{{ t.letter_ask }}", indent=True, after=12)
    _signature(doc)
    doc.add_page_break()
    _para(doc, "{{ t.list_title }}", align=C, bold=True)
    _para(doc, "{{ t.list_subject }}", align=C, italic=True, after=6)
    _para(doc, "{{ t.quota_line }}", align=L, after=6)
    _grid(
        doc,
        ["{{ t.col_no }}", "{{ t.col_name }}", "{{ t.col_unit }}", "{{ t.col_reason }}",
         "{{ t.col_note }}"],
        ["{{ r.no }}", "{{ r.name }}", "{{ r.unit }}", "{{ r.reason }}", "{{ r.note }}"],
        "r in rows",
        [1.2, 3.6, 3.6, 5.6, 2.0],
        "CLLLC",
    )  # fmt: skip
    _para(doc, "{{ t.list_legend }}", align=L, italic=True, size=12)
    doc.save(HERE / "nominations.docx")


def summary() -> None:
    doc = _document()
    _header(doc)
    _para(doc, "{{ t.kind }}", align=C, bold=True)
    _para(doc, "{{ t.subject }}", align=C, bold=True, after=12)
    _para(doc, "{{ t.intro }}", indent=True, after=6)
    _para(doc, "{{ t.part_results }}", bold=True, after=6)
    _para(doc, "{{ t.sec_staff }}", bold=True, after=3)
    _para(doc, "{{ staff_sentence }}", indent=True, after=6)
    _grid(doc, ["{{ t.col_item }}", "{{ t.col_count }}", "{{ t.col_share }}"],
          ["{{ r.label }}", "{{ r.count }}", "{{ r.share }}"], "r in ratings",
          [8.5, 3.5, 4.0])  # fmt: skip
    _para(doc, "", after=6)
    _para(doc, "{{ t.sec_titles }}", bold=True, after=3)
    _grid(doc, ["{{ t.col_item }}", "{{ t.col_count }}", "{{ t.col_share }}"],
          ["{{ r.label }}", "{{ r.count }}", "{{ r.share }}"], "r in titles",
          [8.5, 3.5, 4.0])  # fmt: skip
    _para(doc, "", after=6)
    _para(doc, "{{ t.sec_targets }}", bold=True, after=3)
    _grid(doc, ["{{ t.col_indicator }}", "{{ t.col_target }}", "{{ t.col_result }}",
                "{{ t.col_prev }}", "{{ t.col_change }}", "{{ t.col_status }}"],
          ["{{ r.label }}", "{{ r.target }}", "{{ r.result }}", "{{ r.prev }}", "{{ r.change }}",
           "{{ r.status }}"], "r in indicators", [5.0, 2.2, 2.2, 2.2, 2.2, 2.2])  # fmt: skip
    _para(doc, "{{ t.indicators_note }}", italic=True, size=12, after=6)
    _para(doc, "{{ t.sec_caps }}", bold=True, after=3)
    _grid(doc, ["{{ t.col_rule }}", "{{ t.col_allowed }}", "{{ t.col_used }}",
                "{{ t.col_remaining }}"],
          ["{{ r.rule }}", "{{ r.allowed }}", "{{ r.used }}", "{{ r.remaining }}"],
          "r in caps", [7.0, 2.6, 2.6, 3.8])  # fmt: skip
    _para(doc, "", after=6)
    _para(doc, "{{ t.sec_ranking }}", bold=True, after=3)
    _para(doc, "{{ ranking_sentence }}", indent=True, after=6)
    _para(doc, "{{ t.sec_warnings }}", bold=True, after=3)
    _para(doc, "{% for w in warnings %}- {{ w }}\n{% endfor %}", indent=True, after=6)
    _para(doc, "{{ t.part_assessment }}", bold=True, after=3)
    _placeholder(doc, "write_assessment")
    _para(doc, "{{ t.part_lessons }}", bold=True, after=3)
    _placeholder(doc, "write_lessons")
    _para(doc, "{{ t.part_direction }}", bold=True, after=3)
    _placeholder(doc, "write_direction")
    _para(doc, "", after=12)
    _signature(doc)
    doc.save(HERE / "summary.docx")


if __name__ == "__main__":
    HERE.mkdir(exist_ok=True)
    nominations()
    summary()
