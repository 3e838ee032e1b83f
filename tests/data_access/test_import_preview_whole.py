"""The preview runs the whole import, rolled back (issue 21): every error the import would
report, with file, row and column, and what a clean import would change; nothing is written."""

from __future__ import annotations

from import_kit import SIX, csv, dump, load_base

from data_access.engine import data_version
from data_access.importer import preview


def test_six_errors_are_all_in_the_preview_and_nothing_is_written(engine):
    load_base(engine)
    before, version = dump(engine), data_version(engine)
    pv = preview([("roster.csv", csv(SIX))], engine=engine)
    found = [(e.file, e.row, e.column, e.value, e.kind) for e in pv.report.errors]
    assert found == [
        ("roster.csv", 2, "unit_code", "U9", "ref_missing"),
        ("roster.csv", 3, "year", "20x4", "not_year"),
        ("roster.csv", 4, "person_code", "P7", "ref_missing"),
        ("roster.csv", 5, "initiatives", "-1", "not_count"),
        ("roster.csv", 6, "discipline", "sa_thai", "invalid_choice"),
        ("roster.csv", 7, "collective_code", "K1", "collective_other_unit"),
    ]
    assert not pv.ready and pv.checked
    assert dump(engine) == before and data_version(engine) == version


def test_reading_the_files_alone_finds_none_of_them():
    """What the preview was before (issue 21: "six deliberate errors, the preview showed
    none"): without the database only the files are read, and that is never `ready`."""
    pv = preview([("roster.csv", csv(SIX))])
    assert pv.report.error_count == 0
    assert not pv.checked and not pv.ready


def test_a_clean_preview_says_what_it_would_change_and_create(engine):
    load_base(engine)
    before, version = dump(engine), data_version(engine)
    files = {
        "clusters.csv": "cluster_code,cluster_name\nC9,Cụm mới\n",
        # U1 renamed (an update), U9 new in the new cluster, U2 as it is (unchanged)
        "units.csv": """
            unit_code,unit_name,cluster_code,profile
            U1,Trường Chính trị tỉnh Phú Thọ mới,C1,civil
            U2,Trường Chính trị tỉnh Hà Nam,C1,civil
            U9,Trường mới,C9,civil
        """,
    }
    pv = preview([(n, csv(v)) for n, v in files.items()], engine=engine)
    assert pv.ready and pv.report.ok
    assert [(s.table, s.inserted, s.updated, s.unchanged) for s in pv.report.summary] == [
        ("clusters", 1, 0, 0),
        ("units", 1, 1, 1),
    ]
    assert pv.created == {"clusters": ["C9"], "units": ["U9"]}
    assert [(t["file"], t["table"], t["rows"]) for t in pv.tables] == [
        ("clusters.csv", "clusters", 1),
        ("units.csv", "units", 3),
    ]
    assert pv.tables[1]["head"]["unit_name"][0] == "Trường Chính trị tỉnh Phú Thọ mới"
    assert dump(engine) == before and data_version(engine) == version


def test_a_preview_finds_a_closed_year_as_the_import_does(engine):
    from data_access import closed_years

    load_base(engine)
    closed_years.lock(engine, 2023, None, actor="t")
    roster = "year,person_code,unit_code,initiatives\n2023,P1,U1,4\n"
    pv = preview([("roster.csv", csv(roster))], engine=engine)
    assert [(e.row, e.column, e.kind) for e in pv.report.errors] == [(2, "year", "year_closed")]
