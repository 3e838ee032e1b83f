"""The template workbook: guide first, one sheet per table with Vietnamese headers (bold,
frozen), drop-down lists from a hidden "Danh mục" sheet, the sample rows on their own "Ví dụ"
sheet (never imported) and the table sheets empty below their headers."""

from __future__ import annotations

import io

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string, get_column_letter

from data_access.importer.template import build_template


@pytest.fixture(scope="module")
def wb() -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(build_template()))


def test_sheets(wb):
    assert wb.sheetnames == [
        "Hướng dẫn",
        "Ví dụ",
        "Cụm thi đua",
        "Đơn vị",
        "Tập thể",
        "Cá nhân",
        "Danh sách cán bộ",
        "Đánh giá xếp loại",
        "Khen thưởng",
        "Chỉ tiêu",
        "Vai trò trong cụm",
        "Chấm điểm",
        "Số liệu tổng hợp",
        "Thành viên cụm theo năm",
        "Sáp nhập, chia tách",
        "Danh mục",
    ]
    assert wb["Danh mục"].sheet_state == "hidden"
    assert all(wb[s].sheet_state == "visible" for s in wb.sheetnames[:-1])


@pytest.mark.parametrize(
    ("sheet", "headers"),
    [
        (
            "Danh sách cán bộ",
            ["Năm", "Mã cá nhân", "Mã đơn vị", "Mã tập thể", "Số sáng kiến", "Kỷ luật"],
        ),
        (
            "Khen thưởng",
            [
                "Năm",
                "Loại đối tượng",
                "Mã đối tượng",
                "Mã khen thưởng",
                "Số quyết định",
                "Ngày quyết định",
                "Phương thức khen thưởng",
            ],
        ),
        (
            "Chỉ tiêu",
            ["Năm", "Phạm vi", "Mã phạm vi", "Mã chỉ tiêu", "Tối thiểu (%)", "Tối đa (%)"],
        ),
        (
            "Thành viên cụm theo năm",
            ["Năm", "Mã cụm", "Mã đơn vị", "Số quyết định", "Ngày quyết định"],
        ),
        (
            "Sáp nhập, chia tách",
            ["Ngày hiệu lực", "Hình thức", "Mã đơn vị cũ", "Mã đơn vị mới", "Số quyết định"],
        ),
        (
            "Đơn vị",
            [
                "Mã đơn vị",
                "Tên đơn vị",
                "Mã cụm",
                "Loại hình",
                "Tên ngắn",
                "Tháng bắt đầu năm thi đua",
            ],
        ),
    ],
)
def test_headers_bold_and_frozen(wb, sheet, headers):
    ws = wb[sheet]
    assert [c.value for c in ws[1]] == headers
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.max_row == 1  # the header only: the sample rows are on "Ví dụ"


def _validations(ws) -> dict[str, str]:
    """First column letter of each drop-down -> the list it points to."""
    return {
        str(dv.sqref).split(":")[0].rstrip("0123456789"): dv.formula1
        for dv in ws.data_validations.dataValidation
    }


def test_dropdowns_point_at_the_lists(wb):
    lists = wb["Danh mục"]
    dvs = _validations(wb["Khen thưởng"])
    # Column B: recipient_kind; D: award_code; G: method. Nothing else there is a code list.
    assert set(dvs) == {"B", "D", "G"}
    for letter, first_code, count in (("B", "person", 3), ("D", "LDTT", None), ("G", "regular", 7)):
        ref = dvs[letter]
        assert ref.startswith("'Danh mục'!$")
        col = ref.split("$")[1]
        assert lists[f"{col}2"].value == first_code
        if count is not None:
            assert ref.endswith(f"${count + 1}")  # rows 2..4 hold person, collective, unit


def test_every_code_column_has_a_dropdown(wb):
    expected = {
        "Đơn vị": {"D"},
        "Tập thể": {"D"},
        "Danh sách cán bộ": {"F"},
        "Đánh giá xếp loại": {"B", "D"},
        "Khen thưởng": {"B", "D", "G"},
        "Chỉ tiêu": {"B", "D"},
        "Vai trò trong cụm": {"D"},
        "Số liệu tổng hợp": {"C"},
        "Cụm thi đua": set(),
        "Cá nhân": set(),
        "Chấm điểm": set(),
        # the unit and cluster codes typed on "Đơn vị" / "Cụm thi đua", the kind of change
        "Thành viên cụm theo năm": {"B", "C"},
        "Sáp nhập, chia tách": {"B", "C", "D"},
    }
    assert {s: set(_validations(wb[s])) for s in expected} == expected


def test_new_sheets_dropdowns(wb):
    members = _validations(wb["Thành viên cụm theo năm"])
    assert members == {
        "B": "'Cụm thi đua'!$A$2:$A$10001",
        "C": "'Đơn vị'!$A$2:$A$10001",
    }
    changes = wb["Sáp nhập, chia tách"]
    dvs = _validations(changes)
    assert dvs["C"] == dvs["D"] == "'Đơn vị'!$A$2:$A$10001"
    # codes already in the database are accepted: a suggestion list, no error box
    code_dv = next(d for d in changes.data_validations.dataValidation if "C2" in str(d.sqref))
    assert not code_dv.showErrorMessage
    col = dvs["B"].split("$")[1]
    lists = wb["Danh mục"]
    assert [lists[f"{col}{r}"].value for r in (2, 3, 4)] == ["merge", "split", "rename"]
    label = get_column_letter(column_index_from_string(col) + 1)
    assert [lists[f"{label}{r}"].value for r in (2, 3, 4)] == ["Sáp nhập", "Chia tách", "Đổi tên"]


def test_guide_names_every_sheet_and_the_example_rule(wb):
    text = "\n".join(str(c.value) for row in wb["Hướng dẫn"].iter_rows() for c in row if c.value)
    for sheet in wb.sheetnames[1:-1]:
        assert sheet in text
    assert "«Ví dụ» có DÒNG MẪU" in text and "KHÔNG được nhập" in text
    assert "dd/mm/yyyy" in text
    assert "Tháng bắt đầu năm thi đua" in text and "Ngày hiệu lực" in text


def test_examples_sheet_holds_every_table(wb):
    ws = wb["Ví dụ"]
    cells = [[c.value for c in row] for row in ws.iter_rows()]
    titles = [r[0] for r in cells if isinstance(r[0], str) and r[0].startswith("Trang «")]
    assert titles == [f"Trang «{s}»" for s in wb.sheetnames[2:-1]]
    # the merger's two rows: Vĩnh Phúc into Phú Thọ, and Phú Thọ continuing
    start = cells.index(next(r for r in cells if r[0] == "Trang «Sáp nhập, chia tách»"))
    assert [r[1:4] for r in cells[start + 2 : start + 4]] == [
        ["merge", "TCT_VP", "TCT_PT"],
        ["merge", "TCT_PT", "TCT_PT"],
    ]


def test_dropdowns_cover_a_bounded_range(wb):
    # rows 2..10 001: a whole-column range comes back cut at row 1 002 after a LibreOffice save
    for ws in wb.worksheets:
        for dv in ws.data_validations.dataValidation:
            for rng in dv.sqref.ranges:
                assert (rng.min_row, rng.max_row) == (2, 10_001), (ws.title, str(rng))


def test_guide_rows_are_tall_enough_for_every_line(wb):
    ws = wb["Hướng dẫn"]
    checked = 0
    for row in ws.iter_rows():
        for c in row:
            lines = str(c.value or "").count("\n") + 1
            if lines > 1:
                assert c.alignment.wrap_text
                assert ws.row_dimensions[c.row].height >= 15 * lines, (c.coordinate, lines)
                checked += 1
    assert checked >= 13  # one "Định dạng" cell per table


def test_fonts_are_named(wb):
    for ws in (wb["Hướng dẫn"], wb["Khen thưởng"]):
        for row in ws.iter_rows(max_row=3):
            for c in row:
                if c.value is not None:
                    assert c.font.name == "Arial", (ws.title, c.coordinate)
