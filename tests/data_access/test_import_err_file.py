"""File-level errors: the file cannot be read or is not a table; nothing else is attempted."""

from __future__ import annotations

import io

import openpyxl
from import_kit import errors, run

from data_access.importer import import_path

KNOWN = (
    "clusters, units, collectives, people, roster, ratings, awards, targets, cluster_roles, "
    "scores, unit_counts, cluster_members, unit_changes"
)


def test_unknown_encoding(engine):
    # 0x81 is a lone continuation byte in UTF-8 and undefined in Windows-1258.
    report = run(engine, {"people.csv": b"person_code,full_name\nP1,\x81\n"})
    reason = (
        "không đọc được tệp: không nhận ra bảng mã (chấp nhận UTF-8, UTF-16, Windows-1258, "
        "TCVN3, VNI-Windows)"
    )
    assert errors(report) == [("people.csv", None, None, None, reason)]


def test_binary_file_named_csv(engine):
    # A NUL byte is valid UTF-8 but never text: an .xlsx renamed to .csv.
    report = run(engine, {"people.csv": b"PK\x03\x04\x00\x00binary"})
    assert [e.kind for e in report.errors] == ["unknown_encoding"]


def test_unknown_table_name(engine):
    report = run(engine, {"staff.csv": "person_code,full_name\nP1,An\n"})
    reason = f"tên bảng không hợp lệ; các bảng hợp lệ: {KNOWN}"
    assert errors(report) == [("staff.csv", None, None, "staff", reason)]


def test_unknown_sheet_name(engine):
    wb = openpyxl.Workbook()
    wb.active.title = "Trang1"
    wb.active.append(["person_code", "full_name"])
    buf = io.BytesIO()
    wb.save(buf)
    report = run(engine, {"book.xlsx": buf.getvalue()})
    reason = f"tên bảng không hợp lệ; các bảng hợp lệ: {KNOWN}"
    assert errors(report) == [("book.xlsx[Trang1]", None, None, "Trang1", reason)]


def test_unsupported_file_type(engine):
    report = run(engine, {"people.pdf": b"%PDF-1.4"})
    reason = "loại tệp không được hỗ trợ (chấp nhận .csv, .txt, .tsv, .xlsx)"
    assert errors(report) == [("people.pdf", None, None, None, reason)]


def test_missing_path(engine, tmp_path):
    report = import_path(engine, tmp_path / "khong_co")
    reason = "không tìm thấy tệp hoặc thư mục"
    assert errors(report) == [(str(tmp_path / "khong_co"), None, None, None, reason)]


def test_empty_folder(engine, tmp_path):
    (tmp_path / "ghi_chu.pdf").write_bytes(b"%PDF")  # not a table file: ignored in a folder
    report = import_path(engine, tmp_path)
    reason = "không có tệp nào để nhập (chấp nhận .csv, .txt, .tsv, .xlsx)"
    assert errors(report) == [(None, None, None, None, reason)]


def test_empty_file(engine):
    report = run(engine, {"people.csv": b""})
    reason = "thiếu dòng tiêu đề (dòng 1 phải là tên các cột)"
    assert errors(report) == [("people.csv", None, None, None, reason)]


def test_ragged_csv(engine):
    report = run(engine, {"people.csv": "person_code,full_name\nP1,An,thừa\n"})
    [err] = report.errors
    assert (err.file, err.kind) == ("people.csv", "bad_csv")
    # Our words and the row (the reader's own text goes to the log).
    assert err.row == 2
    assert err.reason == (
        "tệp CSV sai cấu trúc: dòng có 3 trường, dòng tiêu đề có 2 "
        "(thừa dấu phân cách hoặc thiếu dấu ngoặc kép)"
    )


def test_corrupt_workbook(engine):
    report = run(engine, {"book.xlsx": b"not a zip file"})
    [err] = report.errors
    assert (err.file, err.kind) == ("book.xlsx", "bad_excel")
    assert err.reason.startswith("không đọc được bảng tính Excel: ")


def test_unclosed_quote_names_its_row(engine):
    report = run(engine, {"people.csv": 'person_code,full_name\nP1,An\nP2,"Bình\nP3,Chi\n'})
    assert errors(report) == [
        (
            "people.csv",
            3,
            None,
            None,
            "tệp CSV sai cấu trúc: dấu ngoặc kép không được đóng (ô bắt đầu từ dòng này kéo "
            "đến cuối tệp)",
        )
    ]
