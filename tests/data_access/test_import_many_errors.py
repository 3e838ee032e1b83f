"""Errors are always a report, however many (issue 13): 20 000 unknown person codes, millions of
invalid rows. The screen gets the first N with the total; the download has every error."""

from __future__ import annotations

import pytest
from import_kit import dump, load_base, run

from data_access.importer import import_files

ROSTER_HEAD = "year,person_code,unit_code,collective_code,initiatives,discipline\n"


def test_20000_unknown_person_codes_are_a_report(engine):
    load_base(engine)
    before = dump(engine)
    n = 20_000
    body = "".join(f"2023,X{i:06d},U1,,0,none\n" for i in range(n))
    report = run(engine, {"roster.csv": ROSTER_HEAD + body})
    assert report.error_count == n
    assert {e.kind for e in report.errors} == {"ref_missing"}
    first = report.errors[0]
    assert (first.file, first.row, first.column, first.value) == (
        "roster.csv",
        2,
        "person_code",
        "X000000",
    )
    shown, note = report.screen(500)
    assert shown.height == 500
    assert shown.columns == ["Tệp", "Dòng", "Cột", "Giá trị", "Lỗi"]
    assert note == "Hiển thị 500 trong tổng số 20.000 lỗi; tải tệp CSV để xem đủ danh sách."
    full = report.errors_csv()
    assert full.startswith(b"\xef\xbb\xbf" + "Tệp,Dòng,Cột,Giá trị,Lỗi\n".encode())
    assert full.count(b"\n") == n + 1
    assert dump(engine) == before


def test_english_headers_and_no_note_when_all_fit(sqlite_engine):
    report = run(sqlite_engine, {"people.csv": "person_code,full_name\nP1,\n"}, lang="en")
    shown, note = report.screen(500)
    assert shown.columns == ["File", "Row", "Column", "Value", "Problem"]
    assert note is None


@pytest.mark.slow
def test_five_million_invalid_rows_are_a_report(sqlite_engine):
    n = 5_000_000
    data = ("person_code,full_name\n" + "x,\n" * n).encode("ascii")
    report = import_files(sqlite_engine, [("people.csv", data)])
    assert not report.ok
    assert report.error_count >= n  # every row lacks its name (and repeats the code)
    assert report.errors_csv().count(b"\n") == report.error_count + 1


def test_lines_and_streamed_lines_match_the_records(sqlite_engine):
    import io

    report = run(sqlite_engine, {"people.csv": "person_code,full_name\nP1,\n,An\nP3,Chi\nP3,Chi\n"})
    assert report.lines() == [e.line() for e in report.errors]
    out = io.StringIO()
    report.write_lines(out, chunk=1)
    assert out.getvalue().splitlines() == report.lines()
