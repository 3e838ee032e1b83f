"""A workbook whose sheets are named by table (code or the template's Vietnamese name); number
and date cells are read as the text a user sees; the guide and list sheets are skipped."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
from import_kit import errors
from sqlalchemy import select, text

from data_access.importer import import_files
from data_access.models import Award


def _book(sheets: dict[str, list[list[object]]], start_row: int = 1) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=start_row):
            for c, value in enumerate(row, start=1):
                ws.cell(row=r, column=c, value=value)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


SHEETS = {
    "Hướng dẫn": [["Đây là trang hướng dẫn, không phải dữ liệu"]],
    "Cụm thi đua": [["Mã cụm", "Tên cụm"], ["C1", "Cụm thi đua số 4"]],
    "units": [
        ["unit_code", "unit_name", "cluster_code"],
        ["U1", "Trường Chính trị tỉnh Phú Thọ", "C1"],
    ],
    "Cá nhân": [["Mã cá nhân", "Họ và tên"], ["P1", "Nguyễn Văn An"]],
    "Khen thưởng": [
        ["Năm", "Loại đối tượng", "Mã đối tượng", "Mã khen thưởng", "Ngày quyết định"],
        [2023, "person", "P1", "LDTT", dt.datetime(2023, 12, 30)],
        [2023, "unit", "U1", "BK_BO", "15/01/2024"],
    ],
    "Chỉ tiêu": [
        ["Năm", "Phạm vi", "Mã phạm vi", "Mã chỉ tiêu", "Tối thiểu (%)", "Tối đa (%)"],
        [2023, "unit", "U1", "CSTDCS_OF_LDTT", 10, 15.5],
    ],
    "Danh mục": [["profile"], ["civil"], ["military"]],
}


def test_workbook_rows_are_stored(engine):
    report = import_files(engine, [("nhap_lieu.xlsx", _book(SHEETS))])
    assert report.ok, report.lines()
    with engine.connect() as conn:
        a = Award.__table__.c
        awards = conn.execute(
            select(
                a.year, a.recipient_kind, a.recipient_code, a.award_code, a.decision_date
            ).order_by(a.recipient_code)
        ).all()
        targets = conn.execute(text("SELECT min_pct, max_pct FROM targets")).all()
        names = conn.execute(text("SELECT full_name FROM people")).scalars().all()
    assert [tuple(r) for r in awards] == [
        (2023, "person", "P1", "LDTT", dt.date(2023, 12, 30)),  # a date cell
        (2023, "unit", "U1", "BK_BO", dt.date(2024, 1, 15)),  # dd/mm/yyyy typed as text
    ]
    assert [tuple(r) for r in targets] == [(10.0, 15.5)]
    assert names == ["Nguyễn Văn An"]


def test_errors_name_the_sheet_and_its_row(engine):
    # The table starts at row 3 of the sheet: the bad year is on row 5 as Excel shows it.
    book = _book(
        {
            "roster": [
                ["year", "person_code", "unit_code"],
                [2023, "P1", "U1"],
                ["hai nghìn", "P2", "U1"],
            ]
        },
        start_row=3,
    )
    report = import_files(engine, [("so_lieu.xlsx", book)])
    assert ("so_lieu.xlsx[roster]", 5, "year", "hai nghìn", "năm phải là số nguyên") in errors(
        report
    )
