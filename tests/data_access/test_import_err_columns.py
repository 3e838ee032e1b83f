"""Header errors: a missing required column, an unknown column, a column given twice."""

from __future__ import annotations

from import_kit import errors, run


def test_missing_required_column(engine):
    report = run(engine, {"people.csv": "person_code\nP1\n"})
    reason = "thiếu cột bắt buộc «Họ và tên» (mã cột full_name)"
    assert errors(report) == [("people.csv", 1, "full_name", None, reason)]


def test_unknown_column(engine):
    report = run(engine, {"people.csv": "person_code,full_name,email\nP1,An,a@b.vn\n"})
    reason = "cột không hợp lệ; các cột của bảng people: person_code, full_name"
    assert errors(report) == [("people.csv", 1, "email", "email", reason)]


def test_nameless_column_with_values(engine):
    # Column C has no header but holds a value: reported by its spreadsheet letter.
    report = run(engine, {"people.csv": "person_code,full_name,\nP1,An,x\n"})
    reason = "cột không hợp lệ; các cột của bảng people: person_code, full_name"
    assert errors(report) == [("people.csv", 1, "C", None, reason)]


def test_nameless_empty_column_is_ignored(engine):
    report = run(engine, {"people.csv": "person_code,full_name,\nP1,An,\n"})
    assert report.ok


def test_column_given_twice(engine):
    # "Họ và tên" is the template's header for full_name.
    report = run(engine, {"people.csv": "person_code,full_name,Họ và tên\nP1,An,An\n"})
    reason = "cột bị lặp: cùng nghĩa với cột «full_name»"
    assert errors(report) == [("people.csv", 1, "Họ và tên", "Họ và tên", reason)]
