"""The template imports: as it comes (its example rows are consistent), and once filled in."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
from import_kit import dump

from data_access.importer import import_files
from data_access.importer.template import build_template


def test_examples_import_into_an_empty_database(engine):
    report = import_files(engine, [("mau.xlsx", build_template())])
    assert report.ok, report.lines()
    rows = dump(engine)
    assert rows["units"] == [
        ("TCT_PT", "Trường Chính trị tỉnh Phú Thọ", "CUM04", "civil", "Phú Thọ", None)
    ]
    assert rows["roster"] == [(2024, "CB0001", "TCT_PT", "TCT_PT_KLL", 1, "none")]
    # ratings: period "2024" gives year 2024 and no month.
    assert rows["ratings"] == [("2024", "person", "CB0001", "HTXSNV", 2024, None)]
    assert rows["awards"] == [
        (2024, "person", "CB0001", "CSTDCS", "125/QĐ-TCT", dt.date(2024, 12, 31), "regular")
    ]
    assert rows["targets"] == [(2024, "unit", "TCT_PT", "LDTT_RATE", 90.0, None)]
    assert rows["scores"] == [(2024, "TCT_PT", "Thực hiện nhiệm vụ chính trị", 40.0, 38.0, 37.5)]


def test_filled_template_reads_back(engine):
    wb = openpyxl.load_workbook(io.BytesIO(build_template()))
    for ws in wb.worksheets[1:-1]:
        ws.delete_rows(2)  # the user replaces the example rows
    wb["Cụm thi đua"].append(["K3", "Khối thi đua III", "Văn phòng Quốc hội"])
    wb["Đơn vị"].append(["VP1", "Vụ Tổng hợp", "K3", "civil", "Tổng hợp"])
    wb["Đơn vị"].append(["VP2", "Vụ Hành chính", "K3", None])
    wb["Tập thể"].append(["VP1_CB", "VP1", "Chi bộ Vụ Tổng hợp", "party_cell"])
    wb["Cá nhân"].append(["00017", "Phạm Thị Hoa"])
    wb["Danh sách cán bộ"].append([2025, "00017", "VP1", "VP1_CB", 2, None])
    wb["Đánh giá xếp loại"].append(["2025-03", "collective", "VP1_CB", "HTTNV"])
    wb["Vai trò trong cụm"].append([2025, "K3", "VP2", "deputy"])
    buf = io.BytesIO()
    wb.save(buf)
    report = import_files(engine, [("da_dien.xlsx", buf.getvalue())])
    assert report.ok, report.lines()
    rows = dump(engine)
    assert rows["clusters"] == [("K3", "Khối thi đua III", "Văn phòng Quốc hội", None)]
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
    assert rows["awards"] == rows["targets"] == rows["scores"] == rows["unit_counts"] == []
