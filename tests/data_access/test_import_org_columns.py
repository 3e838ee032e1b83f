"""The 0.3.0 columns on import: period_start_month (1–12) on clusters and units, the kind of a
change by code or by its Vietnamese word, the new tables' codes resolving."""

from __future__ import annotations

import datetime as dt

from import_kit import dump, errors, load_base, run

MONTH_WHY = (
    "tháng bắt đầu năm thi đua phải là số nguyên từ 1 đến 12 (1: năm thi đua theo năm dương "
    "lịch; 9: theo năm học, từ tháng 9)"
)


def test_start_month_values(sqlite_engine):
    report = run(
        sqlite_engine,
        {
            "clusters.csv": "cluster_code,cluster_name,period_start_month\n"
            "C1,Cụm 1,9\nC2,Cụm 2,13\nC3,Cụm 3,0\nC4,Cụm 4,9.0\nC5,Cụm 5,tháng 9\nC6,Cụm 6,\n",
        },
    )
    assert errors(report) == [
        ("clusters.csv", 3, "period_start_month", "13", MONTH_WHY),
        ("clusters.csv", 4, "period_start_month", "0", MONTH_WHY),
        ("clusters.csv", 6, "period_start_month", "tháng 9", MONTH_WHY),
    ]


def test_start_month_stored_and_kept_when_the_column_is_absent(sqlite_engine):
    load_base(sqlite_engine)
    units = "unit_code,unit_name,cluster_code,period_start_month\nU1,Học viện,C1,9.0\n"
    assert run(sqlite_engine, {"units.csv": units}).ok
    # a later file without the column renames U1 and leaves its start month alone
    assert run(sqlite_engine, {"units.csv": "unit_code,unit_name,cluster_code\nU1,HV,C1\n"}).ok
    got = [r for r in dump(sqlite_engine)["units"] if r[0] == "U1"]
    assert got == [("U1", "HV", "C1", "civil", None, 9)]


def test_kind_by_code_or_vietnamese_word(sqlite_engine):
    load_base(sqlite_engine)
    report = run(
        sqlite_engine,
        {
            "unit_changes.csv": "Ngày hiệu lực,Hình thức,Mã đơn vị cũ,Mã đơn vị mới\n"
            "01/07/2025,Sáp nhập,U2,U1\n"
            "01/07/2025,MERGE,U1,U1\n"
            "01/01/2026,gộp,U3,U1\n"
        },
    )
    assert [(e.row, e.column, e.value, e.kind) for e in report.errors] == [
        (4, "Hình thức", "gộp", "invalid_choice")
    ]
    report = run(
        sqlite_engine,
        {
            "unit_changes.csv": "effective_date,kind,from_unit_code,to_unit_code\n"
            "01/07/2025,sáp nhập,U2,U1\n2025-07-01,Merge,U1,U1\n01/01/2026,đổi tên,U3,U4\n",
            "units.csv": "unit_code,unit_name,cluster_code\nU4,Văn phòng mới,C2\n",
        },
    )
    assert report.ok, report.lines()
    assert [r[:4] for r in dump(sqlite_engine)["unit_changes"]] == [
        ("U1", "U1", dt.date(2025, 7, 1), "merge"),
        ("U2", "U1", dt.date(2025, 7, 1), "merge"),
        ("U3", "U4", dt.date(2026, 1, 1), "rename"),
    ]


def test_new_tables_codes_resolve(sqlite_engine):
    load_base(sqlite_engine)
    report = run(
        sqlite_engine,
        {
            "cluster_members.csv": "year,cluster_code,unit_code\n2025,C9,U1\n2025,C1,U9\n",
            "unit_changes.csv": "effective_date,kind,from_unit_code,to_unit_code\n"
            "01/07/2025,merge,U8,U1\n",
        },
    )
    unit = "không có đơn vị mã này trong cơ sở dữ liệu hay trong các tệp đang nhập"
    cluster = unit.replace("đơn vị", "cụm")
    assert errors(report) == [
        ("cluster_members.csv", 2, "cluster_code", "C9", cluster),
        ("cluster_members.csv", 3, "unit_code", "U9", unit),
        ("unit_changes.csv", 2, "from_unit_code", "U8", unit),
    ]
