"""The template: as downloaded it imports nothing and says so (its sample rows sit on "Ví dụ",
which is never read); the samples copied into their sheets import (they are consistent); a
filled template reads back."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
from import_kit import dump

from data_access.importer import import_files
from data_access.importer.columns import TABLES
from data_access.importer.template import EXAMPLES, build_template


def test_template_as_downloaded_imports_nothing_and_says_so(engine):
    # Issue 21: the sample rows once created a cluster "CUM04" every user then landed on.
    before = dump(engine)
    report = import_files(engine, [("mau.xlsx", build_template())])
    assert [(e.kind, e.file, e.row) for e in report.errors] == [("no_rows", "mau.xlsx", None)]
    assert "không có dòng dữ liệu nào để nhập" in report.errors[0].reason
    assert "«Ví dụ»" in report.errors[0].reason
    assert dump(engine) == before


def _with_examples_copied() -> bytes:
    """The template with every sample row of "Ví dụ" copied under its sheet's header."""
    wb = openpyxl.load_workbook(io.BytesIO(build_template()))
    for spec in TABLES:
        for row in EXAMPLES[spec.name]:
            wb[spec.sheet_vi].append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_examples_copied_into_their_sheets_import_into_an_empty_database(engine):
    report = import_files(engine, [("mau.xlsx", _with_examples_copied())])
    assert report.ok, report.lines()
    rows = dump(engine)
    assert rows["units"] == [
        ("TCT_PT", "Trường Chính trị tỉnh Phú Thọ", "CUM04", "civil", "Phú Thọ", None),
        ("TCT_VP", "Trường Chính trị tỉnh Vĩnh Phúc", "CUM04", "civil", "Vĩnh Phúc", None),
    ]
    assert rows["roster"] == [(2024, "CB0001", "TCT_PT", "TCT_PT_KLL", 1, "none")]
    # ratings: period "2024" gives year 2024 and no month.
    assert rows["ratings"] == [("2024", "person", "CB0001", "HTXSNV", 2024, None)]
    assert rows["awards"] == [
        (2024, "person", "CB0001", "CSTDCS", "125/QĐ-TCT", dt.date(2024, 12, 31), "regular")
    ]
    assert rows["targets"] == [(2024, "unit", "TCT_PT", "LDTT_RATE", 90.0, None)]
    assert rows["scores"] == [(2024, "TCT_PT", "Thực hiện nhiệm vụ chính trị", 40.0, 38.0, 37.5)]
    assert rows["cluster_members"] == [
        (2025, "TCT_PT", "CUM04", "15/QĐ-HVCTQG", dt.date(2025, 8, 15))
    ]
    # key order (from_unit_code, to_unit_code): Phú Thọ continuing, Vĩnh Phúc merged into it
    assert rows["unit_changes"] == [
        ("TCT_PT", "TCT_PT", dt.date(2025, 7, 1), "merge", "1234/QĐ-UBND"),
        ("TCT_VP", "TCT_PT", dt.date(2025, 7, 1), "merge", "1234/QĐ-UBND"),
    ]


def test_filled_template_reads_back(engine):
    wb = openpyxl.load_workbook(io.BytesIO(build_template()))
    wb["Cụm thi đua"].append(["K3", "Khối thi đua III", "Văn phòng Quốc hội", 9])
    wb["Đơn vị"].append(["VP1", "Vụ Tổng hợp", "K3", "civil", "Tổng hợp"])
    wb["Đơn vị"].append(["VP2", "Vụ Hành chính", "K3", None])
    wb["Tập thể"].append(["VP1_CB", "VP1", "Chi bộ Vụ Tổng hợp", "party_cell"])
    wb["Cá nhân"].append(["00017", "Phạm Thị Hoa"])
    wb["Danh sách cán bộ"].append([2025, "00017", "VP1", "VP1_CB", 2, None])
    wb["Đánh giá xếp loại"].append(["2025-03", "collective", "VP1_CB", "HTTNV"])
    wb["Vai trò trong cụm"].append([2025, "K3", "VP2", "deputy"])
    wb["Thành viên cụm theo năm"].append([2025, "K3", "VP2", "07/QĐ-VPQH", "20/01/2025"])
    wb["Sáp nhập, chia tách"].append(["01/02/2026", "Đổi tên", "VP1", "VP2", None])
    buf = io.BytesIO()
    wb.save(buf)
    report = import_files(engine, [("da_dien.xlsx", buf.getvalue())])
    assert report.ok, report.lines()
    rows = dump(engine)
    # the block runs on the school year: its year starts in September
    assert rows["clusters"] == [("K3", "Khối thi đua III", "Văn phòng Quốc hội", 9)]
    # An empty profile cell takes the default, civil; an empty short name stays empty.
    assert rows["units"] == [
        ("VP1", "Vụ Tổng hợp", "K3", "civil", "Tổng hợp", None),
        ("VP2", "Vụ Hành chính", "K3", "civil", None, None),
    ]
    assert rows["collectives"] == [("VP1_CB", "VP1", "Chi bộ Vụ Tổng hợp", "party_cell")]
    assert rows["people"] == [("00017", "Phạm Thị Hoa")]  # leading zeros kept (text cell)
    assert rows["roster"] == [(2025, "00017", "VP1", "VP1_CB", 2, "none")]
    assert rows["ratings"] == [("2025-03", "collective", "VP1_CB", "HTTNV", 2025, 3)]
    assert rows["cluster_roles"] == [(2025, "K3", "VP2", "deputy")]
    # a date typed as text, and the Vietnamese word for the kind of change ("Đổi tên": rename)
    assert rows["cluster_members"] == [(2025, "VP2", "K3", "07/QĐ-VPQH", dt.date(2025, 1, 20))]
    assert rows["unit_changes"] == [("VP1", "VP2", dt.date(2026, 2, 1), "rename", None)]
    assert rows["awards"] == rows["targets"] == rows["scores"] == rows["unit_counts"] == []


def test_a_header_only_csv_imports_nothing_and_says_so(engine):
    report = import_files(engine, [("people.csv", b"person_code,full_name\n")], lang="en")
    assert [(e.kind, e.file) for e in report.errors] == [("no_rows", "people.csv")]
    assert report.errors[0].reason.startswith("no data rows to import")
