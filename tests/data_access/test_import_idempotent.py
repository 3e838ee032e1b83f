"""Importing the same files twice changes nothing the second time; a real change is an update."""

from __future__ import annotations

from import_kit import BASE, dump, run

from data_access.engine import data_version
from data_access.importer import TableSummary


def test_second_import_changes_nothing(engine):
    first = run(engine, BASE)
    # BASE holds 2 clusters, 3 units, 3 collectives, 2 people, 2 roster lines.
    assert first.summary == (
        TableSummary("clusters", 2, 0, 0),
        TableSummary("units", 3, 0, 0),
        TableSummary("collectives", 3, 0, 0),
        TableSummary("people", 2, 0, 0),
        TableSummary("roster", 2, 0, 0),
    )
    content, version = dump(engine), data_version(engine)
    second = run(engine, BASE)
    assert second.summary == (
        TableSummary("clusters", 0, 0, 2),
        TableSummary("units", 0, 0, 3),
        TableSummary("collectives", 0, 0, 3),
        TableSummary("people", 0, 0, 2),
        TableSummary("roster", 0, 0, 2),
    )
    assert dump(engine) == content
    assert data_version(engine) == version  # nothing changed: caches stay valid


def test_changed_row_is_updated_and_bumps_the_version(engine):
    run(engine, BASE)
    version = data_version(engine)
    report = run(
        engine, {"people.csv": "person_code,full_name\nP1,Nguyễn Văn Ân\nP2,Trần Thị Bình\n"}
    )
    assert report.summary == (TableSummary("people", 0, 1, 1),)
    assert data_version(engine) != version


def test_absent_optional_column_keeps_the_stored_value(engine):
    # U1 is military; a units file without the profile column leaves that as it is.
    run(
        engine,
        {
            "clusters.csv": BASE["clusters.csv"],
            "units.csv": "unit_code,unit_name,cluster_code,profile\nU1,Đơn vị,C1,military\n",
        },
    )
    report = run(engine, {"units.csv": "unit_code,unit_name,cluster_code\nU1,Đơn vị,C1\n"})
    assert report.summary == (TableSummary("units", 0, 0, 1),)


def test_composite_key_update(engine):
    # roster's key is (year, person_code): P1 moves from K1 to no collective; P2 is unchanged.
    run(engine, BASE)
    report = run(
        engine,
        {"roster.csv": "year,person_code,unit_code,collective_code\n2023,P1,U1,\n2023,P2,U1,\n"},
    )
    assert report.summary == (TableSummary("roster", 0, 1, 1),)
    assert [r[:4] for r in dump(engine)["roster"]] == [
        (2023, "P1", "U1", None),
        (2023, "P2", "U1", None),
    ]
