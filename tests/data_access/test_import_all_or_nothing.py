"""Any error leaves the database exactly as it was: every table compared row by row."""

from __future__ import annotations

from import_kit import BASE, dump, load_base, run


def test_one_bad_row_writes_nothing(engine):
    load_base(engine)
    before = dump(engine)
    report = run(
        engine,
        {
            # Valid changes: a renamed unit, a new person, a new roster year ...
            "units.csv": "unit_code,unit_name,cluster_code\nU1,Trường Chính trị Phú Thọ,C1\n",
            "people.csv": "person_code,full_name\nP3,Lê Văn Cường\n",
            "roster.csv": "year,person_code,unit_code\n2024,P1,U1\n2024,P3,U1\n"
            # ... and one bad year on the last row.
            "2O24,P2,U1\n",
        },
    )
    assert [(e.file, e.row, e.kind) for e in report.errors] == [("roster.csv", 4, "not_year")]
    assert dump(engine) == before


def test_bad_file_into_an_empty_database_writes_nothing(engine):
    before = dump(engine)
    files = dict(BASE)
    files["roster.csv"] += "2023,P9,U1,,0,none\n"  # P9 is nobody
    report = run(engine, files)
    assert [(e.file, e.row, e.kind) for e in report.errors] == [("roster.csv", 4, "ref_missing")]
    assert dump(engine) == before
    assert all(rows == [] for rows in before.values())
