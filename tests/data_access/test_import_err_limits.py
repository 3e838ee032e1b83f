"""Limits (settings.Limits): an oversized file, table or cell is a clear error, not a crash."""

from __future__ import annotations

from pathlib import Path

from import_kit import csv, errors

from data_access.importer import Limits, import_files, import_path

PEOPLE = csv("""
    person_code,full_name
    P1,Nguyễn Văn An
    P2,Trần Thị Bình
    P3,Lê Văn Cường
""")


def test_file_too_large(engine):
    report = import_files(engine, [("people.csv", PEOPLE)], limits=Limits(max_file_bytes=50))
    assert errors(report) == [("people.csv", None, None, None, "tệp lớn hơn giới hạn 50 B")]


def test_file_too_large_is_refused_before_reading(engine, tmp_path, monkeypatch):
    (tmp_path / "people.csv").write_bytes(PEOPLE)

    def no_read(self):
        raise AssertionError("an oversized file must not be read into memory")

    monkeypatch.setattr(Path, "read_bytes", no_read)
    report = import_path(engine, tmp_path, limits=Limits(max_file_bytes=10))
    assert errors(report) == [("people.csv", None, None, None, "tệp lớn hơn giới hạn 10 B")]


def test_too_many_rows(engine):
    # 3 data rows against a limit of 2.
    report = import_files(engine, [("people.csv", PEOPLE)], limits=Limits(max_rows=2))
    reason = "bảng có nhiều hơn 2 dòng dữ liệu (giới hạn của một lần nhập)"
    assert errors(report) == [("people.csv", None, None, None, reason)]


def test_cell_too_long(engine):
    # "Nguyễn Văn An" and "Trần Thị Bình" have 13 characters, over a limit of 12;
    # "Lê Văn Cường" has exactly 12 and fits.
    report = import_files(engine, [("people.csv", PEOPLE)], limits=Limits(max_cell_chars=12))
    reason = "ô dài quá 12 ký tự"
    assert errors(report) == [
        ("people.csv", 2, "full_name", "Nguyễn Văn An", reason),
        ("people.csv", 3, "full_name", "Trần Thị Bình", reason),
    ]


def test_longer_than_the_column_allows(engine):
    # people.person_code is VARCHAR(64): 65 characters would fail on PostgreSQL.
    code = "P" * 65
    report = import_files(engine, [("people.csv", csv(f"person_code,full_name\n{code},An"))])
    reason = "dài quá 64 ký tự cho phép của cột này"
    assert errors(report) == [("people.csv", 2, "person_code", code, reason)]
