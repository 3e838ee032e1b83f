"""Repeated keys in the files: an identical row is a "duplicate row"; the same key with other
values is "conflicting facts", naming both rows (also across two files of the same table)."""

from __future__ import annotations

from import_kit import errors, load_base, run


def test_duplicate_row(engine):
    report = run(engine, {"people.csv": "person_code,full_name\nP1,An\nP2,Bình\nP1,An\n"})
    reason = "dòng lặp lại: giống hệt dòng 2 (people.csv)"
    assert errors(report) == [("people.csv", 4, "person_code", "P1", reason)]


def test_person_on_two_rosters_in_one_year(engine):
    load_base(engine)
    report = run(
        engine, {"roster.csv": "year,person_code,unit_code\n2024,P1,U1\n2024,P2,U1\n2024,P1,U2\n"}
    )
    reason = (
        "dữ liệu mâu thuẫn với dòng 2 (roster.csv): cùng khóa «2024, P1» nhưng ở dòng đó là «U1»"
    )
    assert errors(report) == [("roster.csv", 4, "unit_code", "U2", reason)]


def test_duplicate_key_names_the_key_columns_as_written(engine):
    # Headers in Vietnamese: the error names the key columns the way the file wrote them.
    load_base(engine)
    report = run(engine, {"roster.csv": "Năm,Mã cá nhân,Mã đơn vị\n2024,P1,U1\n2024,P1,U1\n"})
    reason = "dòng lặp lại: giống hệt dòng 2 (roster.csv)"
    assert errors(report) == [("roster.csv", 3, "Năm, Mã cá nhân", "2024, P1", reason)]


def test_conflict_across_two_files(engine):
    load_base(engine)
    report = run(
        engine,
        {
            "people.csv": "person_code,full_name\nP5,Lê Văn Cường\n",
            "People.txt": "person_code\tfull_name\r\nP5\tLê Văn Cương\r\n",
        },
    )
    reason = (
        "dữ liệu mâu thuẫn với dòng 2 (people.csv): cùng khóa «P5» nhưng ở dòng đó là "
        "«Lê Văn Cường»"
    )
    assert errors(report) == [("People.txt", 2, "full_name", "Lê Văn Cương", reason)]


def test_same_person_in_two_years_is_not_a_duplicate(engine):
    load_base(engine)
    report = run(engine, {"roster.csv": "year,person_code,unit_code\n2023,P1,U1\n2024,P1,U2\n"})
    assert report.ok, report.lines()
