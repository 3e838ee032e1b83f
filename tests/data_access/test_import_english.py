"""lang="en" gives every reason in English (the switch of the interface)."""

from __future__ import annotations

from import_kit import errors, run


def test_reasons_in_english(engine):
    report = run(
        engine,
        {"people.csv": "person_code,full_name,email\nP1,\n", "roster.csv": "year\n20x3\n"},
        lang="en",
    )
    assert errors(report) == [
        (
            "people.csv",
            1,
            "email",
            "email",
            "unknown column; the columns of table people are: person_code, full_name",
        ),
        ("people.csv", 2, "full_name", None, "a required value is empty"),
        (
            "roster.csv",
            1,
            "person_code",
            None,
            "missing required column 'Person code' (column code person_code)",
        ),
        (
            "roster.csv",
            1,
            "unit_code",
            None,
            "missing required column 'Unit code' (column code unit_code)",
        ),
        ("roster.csv", 2, "year", "20x3", "the year must be an integer"),
    ]
    assert report.lines()[-1] == "roster.csv:2:year: 20x3 — the year must be an integer"


def test_unknown_language_falls_back_to_vietnamese(engine):
    report = run(engine, {"people.csv": "person_code,full_name\nP1,\n"}, lang="fr")
    assert [e.reason for e in report.errors] == ["thiếu giá trị bắt buộc"]
