"""The warnings channel (issue 13, issue 11 item 6): a leading apostrophe is dropped, a "?"
inside a word is reported as a probable lost letter, formula cells import the value Excel saved
(with a warning) or are refused when none was saved."""

from __future__ import annotations

from hostile_kit import cell, sheet, workbook
from import_kit import errors, load_base, run, to_cp1258
from sqlalchemy import text

from data_access.importer import import_files


def test_leading_apostrophe_is_dropped(engine):
    load_base(engine)
    # Semicolons, as a Vietnamese Excel saves it (the decimal comma stays in the cell).
    head = "year;scope_kind;scope_code;indicator;min_pct;max_pct\n"
    report = run(engine, {"targets.csv": head + "2023;unit;U1;LDTT_RATE;'90,5;\n"})
    assert report.ok, report.lines()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT min_pct FROM targets")).scalar_one() == 90.5


def test_question_mark_inside_a_word_is_a_warning(engine):
    data = to_cp1258("person_code,full_name\nP1,Nguyễn Văn An\nP2,Ngo? Thị Thu Thủy\n")
    report = import_files(engine, [("people.csv", data)])
    assert report.ok, report.lines()
    assert [(w.file, w.row, w.column, w.value, w.kind) for w in report.warnings] == [
        ("people.csv", 3, "full_name", "Ngo? Thị Thu Thủy", "lost_letter")
    ]
    assert report.warnings[0].reason.startswith("có thể mất chữ")


def test_formula_with_a_saved_value_imports_it_with_a_warning(engine):
    rows = f'<row r="1">{cell("A1", "person_code")}{cell("B1", "full_name")}</row>'
    rows += (
        f'<row r="2">{cell("A2", "P1")}<c r="B2" t="str"><f>"Nguyễn "&amp;"An"</f>'
        "<v>Nguyễn An</v></c></row>"
    )
    report = import_files(engine, [("book.xlsx", workbook(sheet(rows, "A1:B2")))])
    assert report.ok, report.lines()
    assert [(w.file, w.row, w.column, w.kind) for w in report.warnings] == [
        ("book.xlsx[people]", 2, "full_name", "formula_cached")
    ]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT full_name FROM people")).scalar_one() == "Nguyễn An"


def test_formula_without_a_saved_value_is_refused_as_such(engine):
    rows = f'<row r="1">{cell("A1", "person_code")}{cell("B1", "full_name")}</row>'
    rows += f'<row r="2">{cell("A2", "P1")}<c r="B2"><f>"An"</f><v></v></c></row>'
    report = import_files(engine, [("book.xlsx", workbook(sheet(rows, "A1:B2")))])
    assert errors(report) == [
        (
            "book.xlsx[people]",
            2,
            "full_name",
            None,
            "ô chứa công thức nhưng không có giá trị lưu sẵn (tệp chưa được tính lại); hãy mở "
            "tệp bằng Excel, lưu lại rồi nhập",
        )
    ]  # and not "thiếu giá trị bắt buộc"
