"""A rating must be on the scale of what is rated: mass organisations on the strength scale
(VMXS, VM, HT, KHT), persons, departments, party cells and units on the task scale."""

from __future__ import annotations

from import_kit import errors, load_base, run

HEAD = "period,subject_kind,subject_code,rating\n"
TASK = "HTXSNV, HTTNV, HTNV, KHTNV"
STRENGTH = "VMXS, VM, HT, KHT"


def test_mass_org_on_the_task_scale(engine):
    load_base(engine)  # D1 is U1's trade union (kind mass_org)
    report = run(engine, {"ratings.csv": HEAD + "2023,collective,D1,HTXSNV\n"})
    reason = f"xếp loại không thuộc thang đánh giá của tổ chức đoàn thể; chọn một trong: {STRENGTH}"
    assert errors(report) == [("ratings.csv", 2, "rating", "HTXSNV", reason)]


def test_person_and_department_on_the_strength_scale(engine):
    load_base(engine)  # K1 is a department
    report = run(engine, {"ratings.csv": HEAD + "2023,person,P1,VM\n2023,collective,K1,VMXS\n"})
    assert errors(report) == [
        (
            "ratings.csv",
            2,
            "rating",
            "VM",
            f"xếp loại không thuộc thang đánh giá của cá nhân; chọn một trong: {TASK}",
        ),
        (
            "ratings.csv",
            3,
            "rating",
            "VMXS",
            f"xếp loại không thuộc thang đánh giá của khoa, phòng; chọn một trong: {TASK}",
        ),
    ]


def test_scale_of_a_collective_in_the_same_import(engine):
    # The collective comes with the ratings: its kind is read from the file, not the database.
    load_base(engine)
    report = run(
        engine,
        {
            "collectives.csv": "collective_code,unit_code,collective_name,kind\n"
            "DT1,U2,Đoàn Thanh niên,mass_org\n",
            "ratings.csv": HEAD + "2023,collective,DT1,VM\n2023,collective,DT1,HTTNV\n",
        },
    )
    # Row 3 is the same key as row 2: it is also a conflicting fact.
    assert [(e.row, e.column, e.kind) for e in report.errors] == [
        (3, "rating", "conflict"),
        (3, "rating", "rating_scale"),
    ]
