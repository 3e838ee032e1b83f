"""The error report is compact (categorical columns) yet reads as before: rows in file order then
row order, each row's errors in the order of its columns, and a CSV written a chunk at a time
that is the same bytes as one written at once."""

from __future__ import annotations

import polars as pl
from import_kit import errors, load_base, run

from data_access.importer import report as report_module

REF_MISSING = "không có cá nhân mã này trong cơ sở dữ liệu hay trong các tệp đang nhập"
# Four rows, each wrong three ways (year not a number, person and unit empty): 4 x 3 = 12 errors.
ROSTER = "year,person_code,unit_code\nabc,,\nabc,,\nabc,,\nabc,,\n"


def test_four_bad_rows_give_twelve_errors_in_row_order(sqlite_engine):
    report = run(sqlite_engine, {"roster.csv": ROSTER})
    assert report.error_count == 12
    frame = report.error_frame
    assert frame.schema["reason"] == pl.Categorical
    assert frame.schema["file"] == pl.Categorical
    assert frame["row"].to_list() == [2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5]
    assert frame["column"].to_list() == ["year", "person_code", "unit_code"] * 4
    assert frame["kind"].to_list() == ["not_year", "required_empty", "required_empty"] * 4
    assert frame["value"].to_list() == ["abc", None, None] * 4
    first = report.errors[0]
    assert (first.file, first.row, first.value, first.reason) == (
        "roster.csv",
        2,
        "abc",
        "năm phải là số nguyên",
    )
    # The screen and to_frame() are plain text, as a table on screen expects.
    shown, note = report.screen(5)
    assert shown.height == 5 and set(shown.dtypes[:1] + shown.dtypes[2:]) == {pl.String}
    assert note == "Hiển thị 5 trong tổng số 12 lỗi; tải tệp CSV để xem đủ danh sách."
    assert report.to_frame().schema["reason"] == pl.String


def test_the_csv_in_chunks_is_the_csv_at_once(sqlite_engine):
    report = run(sqlite_engine, {"roster.csv": ROSTER}, lang="en")
    frame = report.localized(report.error_frame)
    whole = b"\xef\xbb\xbf" + frame.write_csv().encode("utf-8")
    assert report_module._csv(frame, chunk=5) == whole  # chunks of 5, 5 and 2 rows
    assert report.errors_csv() == whole
    assert whole.count(b"\n") == 13  # the header and the twelve errors
    assert whole.decode("utf-8-sig").splitlines()[1] == (
        "roster.csv,2,year,abc,the year must be an integer"
    )


def test_files_keep_the_order_given(sqlite_engine):
    people = "person_code,full_name\nP1,\n"
    report = run(sqlite_engine, {"roster.csv": ROSTER, "people.csv": people})
    files = report.error_frame["file"].to_list()
    assert files == ["roster.csv"] * 12 + ["people.csv"]


def test_one_check_over_two_files_names_each_files_header(sqlite_engine):
    # Both files hold the roster; the reference check runs once over the two, and each error
    # names the column as its own file wrote it.
    load_base(sqlite_engine)
    files = {
        "roster.csv": "year,person_code,unit_code\n2023,X1,U1\n",
        "Danh sách cán bộ.csv": "Năm,Mã cá nhân,Mã đơn vị\n2023,X2,U1\n2024,X3,U1\n",
    }
    report = run(sqlite_engine, files)
    assert errors(report) == [
        ("roster.csv", 2, "person_code", "X1", REF_MISSING),
        ("Danh sách cán bộ.csv", 2, "Mã cá nhân", "X2", REF_MISSING),
        ("Danh sách cán bộ.csv", 3, "Mã cá nhân", "X3", REF_MISSING),
    ]
