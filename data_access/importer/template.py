"""The import template: a workbook users fill in and give back to the importer.

A "Hướng dẫn" sheet first, then "Ví dụ" (sample rows for every table, which the importer never
reads: a template uploaded as downloaded imports nothing and says so), then one empty sheet per
table (Vietnamese headers, bold and frozen), drop-down lists for every code column taken from a
hidden "Danh mục" sheet. The sample rows are consistent with each other, so copied into their
sheets they import cleanly.
"""

from __future__ import annotations

import datetime as dt
import io
import math

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from data_access.catalog import load_catalog
from data_access.catalog.forms import award_methods
from data_access.importer.columns import (
    CHOICE,
    CODE,
    DATE,
    EXAMPLES_SHEET,
    GUIDE_SHEET,
    LISTS_SHEET,
    MONTH,
    PCT,
    PERIOD,
    POINTS,
    TABLES,
    TEXT,
    TableSpec,
    choice_lists,
)
from data_access.models import YEAR_MAX, YEAR_MIN

DEFAULT_NAME = "thidua_mau_nhap_lieu.xlsx"
# Drop-downs cover rows 2..LAST_ROW: a bounded range survives a LibreOffice re-save (a whole
# column comes back cut at row 1 002) and is far above any one sheet a clerk fills by hand.
LAST_ROW = 10_001
FONT = "Arial"  # named, so no office suite falls back to a serif
LINE_PT = 15  # the height of one line of 11-point text

# Sample rows per table, in column order; together they import cleanly into an empty database
# (the unit is in the cluster, the person on the unit's roster, the merged school has no row
# after its merger, and so on). They live on the "Ví dụ" sheet, which is never imported.
EXAMPLES: dict[str, tuple[tuple[object, ...], ...]] = {
    "clusters": (("CUM04", "Cụm thi đua số 4", "Học viện Chính trị quốc gia Hồ Chí Minh", None),),
    "units": (
        ("TCT_PT", "Trường Chính trị tỉnh Phú Thọ", "CUM04", "civil", "Phú Thọ", None),
        ("TCT_VP", "Trường Chính trị tỉnh Vĩnh Phúc", "CUM04", "civil", "Vĩnh Phúc", None),
    ),
    "collectives": (("TCT_PT_KLL", "TCT_PT", "Khoa Lý luận cơ sở", "department"),),
    "people": (("CB0001", "Nguyễn Văn An"),),
    "roster": ((2024, "CB0001", "TCT_PT", "TCT_PT_KLL", 1, "none"),),
    "ratings": (("2024", "person", "CB0001", "HTXSNV"),),
    "awards": (
        (2024, "person", "CB0001", "CSTDCS", "125/QĐ-TCT", dt.date(2024, 12, 31), "regular"),
    ),
    "targets": ((2024, "unit", "TCT_PT", "LDTT_RATE", 90, None),),
    "cluster_roles": ((2024, "CUM04", "TCT_PT", "leader"),),
    "scores": ((2024, "TCT_PT", "Thực hiện nhiệm vụ chính trị", 40, 38, 37.5),),
    "unit_counts": ((2024, "TCT_PT", "staff", 45),),
    "cluster_members": ((2025, "CUM04", "TCT_PT", "15/QĐ-HVCTQG", dt.date(2025, 8, 15)),),
    # Vĩnh Phúc's school merges into Phú Thọ's, which continues (its row to itself).
    "unit_changes": (
        (dt.date(2025, 7, 1), "merge", "TCT_VP", "TCT_PT", "1234/QĐ-UBND"),
        (dt.date(2025, 7, 1), "merge", "TCT_PT", "TCT_PT", "1234/QĐ-UBND"),
    ),
}

# Labels shown beside the codes on the "Danh mục" sheet (codes not listed get no label).
_FIXED_LABELS = {
    "civil": "Dân sự",
    "military": "Quân đội",
    "department": "Khoa, phòng, ban",
    "party_cell": "Chi bộ",
    "mass_org": "Tổ chức đoàn thể",
    "person": "Cá nhân",
    "collective": "Tập thể",
    "unit": "Đơn vị",
    "cluster": "Cụm",
    "leader": "Cụm trưởng",
    "merge": "Sáp nhập",
    "split": "Chia tách",
    "rename": "Đổi tên",
    "deputy": "Cụm phó",
    "staff": "Tổng số cán bộ",
    "persons_ldtt_plus": "Số cá nhân đạt LĐTT trở lên",
    "persons_cstdcs_plus": "Số cá nhân đạt CSTĐCS trở lên",
    "persons_rated": "Số cá nhân được đánh giá",
    "persons_htxsnv": "Số cá nhân HTXSNV",
    "persons_httnv": "Số cá nhân HTTNV",
    "persons_httnv_plus": "Số cá nhân HTTNV trở lên",
    "persons_khtnv": "Số cá nhân KHTNV",
    "departments": "Số khoa, phòng",
    "departments_ttldtt_plus": "Số khoa, phòng đạt TTLĐTT trở lên",
    "departments_ttldxs_plus": "Số khoa, phòng đạt TTLĐXS trở lên",
    "higher_award_recipients": "Số tập thể, cá nhân được khen thưởng cấp trên",
    "party_cells": "Số chi bộ",
    "party_cells_httnv_plus": "Số chi bộ HTTNV trở lên",
    "party_cells_htxsnv": "Số chi bộ HTXSNV",
    "mass_orgs": "Số tổ chức đoàn thể",
    "mass_orgs_strong": "Số tổ chức đoàn thể vững mạnh trở lên",
    "person_months_rated": "Số lượt cá nhân được đánh giá hằng tháng",
    "person_months_htxsnv": "Số lượt cá nhân HTXSNV hằng tháng",
    "department_months_rated": "Số lượt khoa, phòng được đánh giá hằng tháng",
    "department_months_htxsnv": "Số lượt khoa, phòng HTXSNV hằng tháng",
}

_FORMAT_HINTS = {
    CODE: "mã, nhập dạng văn bản",
    TEXT: "văn bản",
    CHOICE: "chọn trong danh sách",
    "year": f"số nguyên {YEAR_MIN}–{YEAR_MAX}",
    "count": "số nguyên không âm",
    PCT: "số từ 0 đến 100 (dấu phẩy thập phân được chấp nhận)",
    POINTS: "số không âm",
    DATE: "dd/mm/yyyy hoặc yyyy-mm-dd",
    PERIOD: "yyyy (cả năm) hoặc yyyy-mm (tháng), nhập dạng văn bản",
    MONTH: "số nguyên 1–12 (để trống: 1, năm dương lịch; 9: năm học từ tháng 9)",
}
# Code columns whose drop-down offers the codes typed on another sheet of the workbook: a
# suggestion only (codes already in the database are accepted too, so no error box).
CODE_SOURCES = {"unit_code": "units", "from_unit_code": "units", "to_unit_code": "units"}
CODE_SOURCES_BY_TABLE = {"cluster_members": {"cluster_code": "clusters", **CODE_SOURCES}}
CODE_SOURCES_BY_TABLE["unit_changes"] = CODE_SOURCES

BOLD = Font(name=FONT, bold=True)
PLAIN = Font(name=FONT)
REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
OPTIONAL_FILL = PatternFill("solid", fgColor="EDEDED")


def _labels() -> dict[str, str]:
    cat = load_catalog()
    out = dict(_FIXED_LABELS)
    out |= {k: v["name_vi"] for k, v in cat.disciplines.items()}
    for scale in cat.scales.values():
        out |= {k: v["name_vi"] for k, v in scale["levels"].items()}
    out |= {k: a.name_vi for k, a in cat.awards.items()}
    out |= {k: i.name_vi for k, i in cat.indicators.items()}
    out |= {k: m["vi"] for k, m in award_methods().items()}
    return out


def _lists_sheet(wb: Workbook) -> dict[str, str]:
    """Write every code list on the hidden sheet; return list name -> range formula."""
    ws = wb.create_sheet(LISTS_SHEET)
    labels = _labels()
    ranges = {}
    for i, (name, codes) in enumerate(choice_lists().items()):
        col, label_col = get_column_letter(2 * i + 1), get_column_letter(2 * i + 2)
        ws[f"{col}1"], ws[f"{label_col}1"] = name, "Ý nghĩa"
        ws[f"{col}1"].font = ws[f"{label_col}1"].font = BOLD
        for r, code in enumerate(codes, start=2):
            ws[f"{col}{r}"], ws[f"{label_col}{r}"] = code, labels.get(code, "")
            ws[f"{col}{r}"].font = ws[f"{label_col}{r}"].font = PLAIN
        last = len(codes) + 1
        ranges[name] = f"{quote_sheetname(LISTS_SHEET)}!${col}$2:${col}${last}"
        ws.column_dimensions[col].width = 28
        ws.column_dimensions[label_col].width = 44
    ws.sheet_state = "hidden"
    return ranges


def _sheet_name(table: str) -> str:
    return next(t.sheet_vi for t in TABLES if t.name == table)


def _format(ws: Worksheet, letter: str, kind: str, cells: list) -> None:
    dim = ws.column_dimensions[letter]
    if kind in (CODE, TEXT, CHOICE, PERIOD):
        # Text format: Excel would turn "00123" into 123 and "2023-03" into a date.
        dim.number_format = "@"
        for cell in cells:
            cell.number_format = "@"
    elif kind == DATE:
        dim.number_format = "dd/mm/yyyy"
        for cell in cells:
            cell.number_format = "dd/mm/yyyy"


def _table_sheet(wb: Workbook, spec: TableSpec, ranges: dict[str, str]) -> None:
    ws = wb.create_sheet(spec.sheet_vi)
    sources = CODE_SOURCES_BY_TABLE.get(spec.name, {})
    for i, col in enumerate(spec.columns, start=1):
        letter = get_column_letter(i)
        head = ws.cell(row=1, column=i, value=col.vi)
        head.font = BOLD
        head.fill = REQUIRED_FILL if col.required else OPTIONAL_FILL
        widest = max((len(str(r[i - 1] or "")) for r in EXAMPLES[spec.name]), default=0)
        ws.column_dimensions[letter].width = max(len(col.vi), widest, 12) + 4
        _format(ws, letter, col.kind, [])
        if col.kind == CHOICE:
            dv = DataValidation(
                type="list",
                formula1=ranges[col.choices or col.code],
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Giá trị không hợp lệ",
                error=f"Chọn một mã trong danh sách ({col.vi}).",
            )
        elif col.code in sources:
            sheet = quote_sheetname(_sheet_name(sources[col.code]))
            dv = DataValidation(
                type="list",
                formula1=f"{sheet}!$A$2:$A${LAST_ROW}",
                allow_blank=True,
                showErrorMessage=False,
            )
        else:
            continue
        ws.add_data_validation(dv)
        dv.add(f"{letter}2:{letter}{LAST_ROW}")
    ws.freeze_panes = "A2"


def _examples_sheet(wb: Workbook) -> None:
    """Every table's sample rows under its sheet name and headers, one block after another."""
    ws = wb.create_sheet(EXAMPLES_SHEET)
    note = (
        "CÁC DÒNG MẪU — trang này không được nhập. Muốn dùng dòng nào, chép sang trang của bảng "
        "(cùng thứ tự cột) rồi sửa cho đúng dữ liệu của đơn vị."
    )
    ws.cell(row=1, column=1, value=note).font = BOLD
    widths: dict[int, int] = {}
    r = 3
    for spec in TABLES:
        ws.cell(row=r, column=1, value=f"Trang «{spec.sheet_vi}»").font = BOLD
        for i, col in enumerate(spec.columns, start=1):
            head = ws.cell(row=r + 1, column=i, value=col.vi)
            head.font = BOLD
            head.fill = REQUIRED_FILL if col.required else OPTIONAL_FILL
            widths[i] = max(widths.get(i, 12), len(col.vi))
        for k, example in enumerate(EXAMPLES[spec.name], start=r + 2):
            for i, (col, value) in enumerate(zip(spec.columns, example, strict=True), start=1):
                cell = ws.cell(row=k, column=i, value=value)
                cell.font = PLAIN
                if col.kind == DATE:
                    cell.number_format = "dd/mm/yyyy"
                elif col.kind in (CODE, TEXT, CHOICE, PERIOD):
                    cell.number_format = "@"
                widths[i] = max(widths[i], len(str(value or "")))
        r += 3 + len(EXAMPLES[spec.name])
    for i, width in widths.items():
        ws.column_dimensions[get_column_letter(i)].width = width + 4


GUIDE_WIDTHS = (22, 44, 40, 34, 60)


def _height(texts, widths, size: int = 11) -> float:
    """Row height (points) that shows every line of wrapped `texts` in columns of `widths`
    characters: explicit lines, each wrapped at about 0.9 of the width (proportional glyphs)."""
    lines = 1
    for text, width in zip(texts, widths, strict=False):
        room = max(int(width * 0.9), 1)
        n = sum(max(1, math.ceil(len(part) / room)) for part in str(text or "").split("\n"))
        lines = max(lines, n)
    return lines * LINE_PT * size / 11 + 4


def _guide_sheet(ws: Worksheet) -> None:
    ws.title = GUIDE_SHEET
    wrap = Alignment(wrap_text=True, vertical="top")
    lines = [
        ("MẪU NHẬP LIỆU THI ĐUA – KHEN THƯỞNG", True),
        ("", False),
        (
            "Mỗi trang tính là một bảng dữ liệu; tên trang tính và dòng tiêu đề (dòng 1) phải giữ "
            "nguyên. Nhập dữ liệu từ dòng 2.",
            False,
        ),
        (
            "Các trang bảng để trống sẵn. Trang «Ví dụ» có DÒNG MẪU cho từng bảng và KHÔNG được "
            "nhập: muốn dùng dòng mẫu nào, chép sang trang của bảng rồi sửa lại. Tệp mẫu chưa "
            "điền gì thì không nhập được dòng nào (hệ thống báo «không có dòng dữ liệu nào»).",
            False,
        ),
        ("Cột tô màu cam là cột bắt buộc; cột tô màu xám có thể để trống.", False),
        (
            "Các cột mã có danh sách thả xuống; danh sách đầy đủ kèm ý nghĩa nằm ở trang ẩn "
            "«Danh mục».",
            False,
        ),
        (
            "Ngày: dd/mm/yyyy hoặc yyyy-mm-dd. Kỳ đánh giá: 2023 (cả năm) hoặc 2023-03 (tháng 3). "
            "Tỷ lệ phần trăm: số từ 0 đến 100.",
            False,
        ),
        (
            "Mã cụm, đơn vị, tập thể, cá nhân phải có trong cơ sở dữ liệu hoặc trong chính tệp "
            "này. Việc nhập là «tất cả hoặc không»: chỉ cần một lỗi thì không dữ liệu nào "
            "được ghi, và mọi lỗi đều được liệt kê (tệp, dòng, cột, giá trị, lý do).",
            False,
        ),
        ("Nhập lại cùng một tệp không làm thay đổi gì: các dòng được cập nhật theo khóa.", False),
        (
            "Tên ngắn của đơn vị (không bắt buộc) là tên hiện trên máy chiếu và biểu đồ, ví dụ "
            "«Phú Thọ»; để trống thì bỏ phần đầu mà tên mọi đơn vị trong cụm cùng có (ví dụ "
            "«Trường Chính trị tỉnh»).",
            False,
        ),
        (
            "Thành viên cụm theo năm: mỗi dòng là một đơn vị thuộc một cụm trong một năm (theo "
            "quyết định phân cụm, khối). Năm nào đã có dòng ở trang này thì thành viên của cụm "
            "năm đó đúng bằng các dòng ấy; năm chưa có dòng nào thì mỗi đơn vị thuộc «Mã cụm» "
            "ghi ở trang «Đơn vị». Nhập thành viên năm mới không làm thay đổi số liệu các năm "
            "trước. Cụm trưởng, cụm phó của một năm phải là thành viên cụm năm đó.",
            False,
        ),
        (
            "Sáp nhập, chia tách: mỗi dòng là một đơn vị cũ chuyển sang một đơn vị mới từ «Ngày "
            "hiệu lực». Sáp nhập: nhiều dòng cùng «Mã đơn vị mới» (đơn vị tiếp nhận tiếp tục tồn "
            "tại thì ghi thêm một dòng từ chính nó sang chính nó); chia tách: nhiều dòng cùng «Mã "
            "đơn vị cũ»; đổi tên: một dòng. Từ năm thi đua chứa ngày hiệu lực, đơn vị cũ không "
            "nhận danh sách cán bộ, xếp loại năm, số liệu; không nhận khen thưởng quyết định từ "
            "ngày hiệu lực trở đi. Hình thức: sáp nhập, chia tách hoặc đổi tên (merge, split, "
            "rename).",
            False,
        ),
        (
            "Tháng bắt đầu năm thi đua (trang «Cụm thi đua» và «Đơn vị», không bắt buộc): để "
            "trống là năm dương lịch (tháng 1); ghi 9 cho đơn vị thi đua theo năm học (từ tháng "
            "9 năm trước đến tháng 8 năm sau, năm thi đua mang số của năm kết thúc). Giá trị của "
            "đơn vị được ưu tiên hơn của cụm.",
            False,
        ),
        ("", False),
    ]
    for r, (line, bold) in enumerate(lines, start=1):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
        c = ws.cell(row=r, column=1, value=line)
        c.font = Font(name=FONT, bold=bold, size=14 if r == 1 else 11)
        c.alignment = wrap
        ws.row_dimensions[r].height = _height([line], [sum(GUIDE_WIDTHS)], 14 if r == 1 else 11)
    header = ("Trang tính", "Nội dung", "Cột bắt buộc", "Cột không bắt buộc", "Định dạng")
    top = len(lines) + 1
    for i, h in enumerate(header, start=1):
        c = ws.cell(row=top, column=i, value=h)
        c.font, c.fill = BOLD, REQUIRED_FILL
    for r, spec in enumerate(TABLES, start=top + 1):
        required = [c.vi for c in spec.columns if c.required]
        optional = [c.vi for c in spec.columns if not c.required]
        formats = [f"{c.vi}: {_FORMAT_HINTS[c.kind]}" for c in spec.columns]
        row = (
            spec.sheet_vi,
            spec.about_vi,
            ", ".join(required),
            ", ".join(optional) or "—",
            "\n".join(formats),
        )
        for i, v in enumerate(row, start=1):
            c = ws.cell(row=r, column=i, value=v)
            c.alignment, c.font = wrap, PLAIN
        # Every line shown: no office suite grows a row for wrapped text on its own.
        ws.row_dimensions[r].height = _height(row, GUIDE_WIDTHS)
    for letter, width in zip("ABCDE", GUIDE_WIDTHS, strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = ws.cell(row=top + 1, column=1)


def build_template() -> bytes:
    """The template workbook (.xlsx) as bytes."""
    wb = Workbook()
    _guide_sheet(wb.active)
    _examples_sheet(wb)
    sheets_at = len(wb.sheetnames)
    ranges = _lists_sheet(wb)  # created first to know the ranges, moved to the end below
    for spec in TABLES:
        _table_sheet(wb, spec, ranges)
    wb.move_sheet(LISTS_SHEET, offset=len(wb.sheetnames) - sheets_at - 1)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
