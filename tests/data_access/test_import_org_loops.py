"""A chain of mergers, splits and renames that loops is refused (issue 18 item 6), on each file
row of the loop, naming the loop; a unit's row to itself (it continues) is no loop."""

from __future__ import annotations

from import_kit import dump, errors, load_base, run

HEAD = "effective_date,kind,from_unit_code,to_unit_code\n"


def test_two_units_succeeding_each_other(sqlite_engine):
    load_base(sqlite_engine)
    before = dump(sqlite_engine)
    report = run(
        sqlite_engine,
        {"unit_changes.csv": HEAD + "01/07/2025,rename,U1,U2\n01/01/2026,rename,U2,U1\n"},
    )
    why = (
        "chuỗi sáp nhập, chia tách, đổi tên quay vòng: U1 → U2 → U1; một đơn vị không thể là "
        "đơn vị kế thừa của chính nó"
    )
    assert errors(report) == [
        ("unit_changes.csv", 2, "to_unit_code", "U2", why),
        ("unit_changes.csv", 3, "to_unit_code", "U1", why),
    ]
    assert dump(sqlite_engine) == before


def test_a_longer_loop_closed_by_the_file_over_stored_changes(sqlite_engine):
    """U1 → U2 and U2 → U3 are stored; the file's U3 → U1 closes the loop: only its row is
    refused (the stored ones are not in the file), and the loop is named from its smallest code."""
    load_base(sqlite_engine)
    stored = HEAD + "01/07/2025,merge,U1,U2\n01/01/2026,merge,U2,U3\n"
    assert run(sqlite_engine, {"unit_changes.csv": stored}).ok
    report = run(sqlite_engine, {"unit_changes.csv": HEAD + "01/01/2027,merge,U3,U1\n"}, lang="en")
    assert errors(report) == [
        (
            "unit_changes.csv",
            2,
            "to_unit_code",
            "U1",
            "the chain of mergers, splits and renames loops: U1 → U2 → U3 → U1; a unit cannot "
            "succeed itself",
        )
    ]


def test_a_unit_continuing_is_no_loop(sqlite_engine):
    load_base(sqlite_engine)
    report = run(
        sqlite_engine,
        {"unit_changes.csv": HEAD + "01/07/2025,merge,U2,U1\n01/07/2025,merge,U1,U1\n"},
    )
    assert report.ok, report.lines()
