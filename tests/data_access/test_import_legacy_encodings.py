"""Legacy Vietnamese encodings (issue 13): TCVN3 (ABC) and VNI-Windows files are converted to
Unicode; a file mixing encodings is refused naming the first line that differs; nothing that did
not decode cleanly is stored. The legacy bytes are written out by hand below, letter by letter
from the published layouts, not produced by the importer's own tables."""

from __future__ import annotations

from import_kit import errors, to_cp1258
from sqlalchemy import text

from data_access.importer import import_files

HEAD = b"person_code,full_name\n"
EXPECTED = [("P1", "Nguyễn Văn Thư"), ("P2", "Trần Thị Bình"), ("P3", "Đặng Hữu Phước")]
# TCVN3: ễ D4, ă A8, ư AD, ầ C7, ị DE, ì D7, Đ A7, ặ C6, ữ F7, ướ = ư AD + ớ ED.
TCVN3 = (
    HEAD + b"P1,Nguy\xd4n V\xa8n Th\xad\nP2,Tr\xc7n Th\xde B\xd7nh\n"
    b"P3,\xa7\xc6ng H\xf7u Ph\xad\xedc\n"
)
# VNI-Windows: ễ = e + E3, ă = a + EA, ư = F6, ầ = a + E0, ị = F2, ì = EC, Đ = D1,
# ặ = a + EB, ữ = F6 + F5, ướ = F6 + F4 F9 (ơ + acute).
VNI = (
    HEAD + b"P1,Nguye\xe3n Va\xean Th\xf6\nP2,Tra\xe0n Th\xf2 B\xecnh\n"
    b"P3,\xd1a\xebng H\xf6\xf5u Ph\xf6\xf4\xf9c\n"
)


def _people(engine) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT person_code, full_name FROM people ORDER BY 1"))
        return [tuple(r) for r in rows]


def test_tcvn3_is_converted(engine):
    report = import_files(engine, [("people.csv", TCVN3)])
    assert report.ok, report.lines()
    assert _people(engine) == EXPECTED
    [warning] = report.warnings
    assert (warning.file, warning.kind) == ("people.csv", "encoding_converted")
    assert "TCVN3 (ABC)" in warning.reason


def test_vni_is_converted(engine):
    report = import_files(engine, [("people.csv", VNI)], lang="en")
    assert report.ok, report.lines()
    assert _people(engine) == EXPECTED
    assert [w.reason for w in report.warnings] == [
        "the file uses the legacy VNI-Windows encoding; converted to Unicode, check the names"
    ]


def test_utf8_and_cp1258_lines_are_refused(engine):
    data = HEAD + "P1,Nguyễn Văn An\n".encode() + to_cp1258("P2,Trần Thị Bình\n")
    report = import_files(engine, [("people.csv", data)])
    assert errors(report) == [
        (
            "people.csv",
            3,
            None,
            None,
            "tệp trộn nhiều bảng mã: dòng 3 là Windows-1258, các dòng trước là UTF-8; "
            "hãy lưu lại tệp dạng CSV UTF-8",
        )
    ]
    assert _people(engine) == []


def test_cp1258_and_tcvn3_lines_are_refused(engine):
    data = to_cp1258("person_code,full_name\nP1,Nguyễn Văn An\nP4,Lê Thị Hường\n")
    data += b"P2,Tr\xc7n Th\xde B\xd7nh\n"
    report = import_files(engine, [("people.csv", data)], lang="en")
    [err] = report.errors
    assert (err.row, err.kind) == (4, "encoding_mixed")
    assert err.reason == (
        "the file mixes encodings: line 4 is TCVN3 (ABC), the lines before it are Windows-1258; "
        "save the file again as CSV UTF-8"
    )
    assert _people(engine) == []


def test_text_that_is_not_vietnamese_in_any_table_is_refused(engine):
    # Latin-1 German: every legacy table decodes the bytes, none gives Vietnamese syllables.
    data = HEAD + "P1,Jürgen Müller-Lüdenscheidt\nP2,Björn Ærøskøbing\n".encode("latin-1")
    report = import_files(engine, [("people.csv", data)])
    [err] = report.errors
    assert err.kind == "encoding_dirty"
    assert err.reason.startswith("không đọc được tệp: bảng mã gần nhất là ")
    assert _people(engine) == []
