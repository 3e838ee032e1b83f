"""The importer's scope hook: it sees every unit and cluster the rows touch (a person through the
roster in the files or in the database), and a refusal writes nothing."""

from __future__ import annotations

from import_kit import csv, dump, load_base

from data_access.importer import import_files


def _import(engine, files, seen):
    def check(hit):
        seen.append(hit)
        return hit.units <= {"U1", "U2"} and hit.clusters <= {"C1"}  # a secretary of C1

    pairs = [(n, csv(v)) for n, v in files.items()]
    return import_files(engine, pairs, scope_check=check)


def test_rating_of_a_person_of_another_cluster_is_refused(engine):
    load_base(engine)
    with engine.begin() as conn:  # P2 moves to U3 (cluster C2) in 2024
        conn.exec_driver_sql(
            "INSERT INTO people (person_code, full_name) VALUES ('P9', 'Ngô Chín')"
        )
        conn.exec_driver_sql(
            "INSERT INTO roster (year, person_code, unit_code, initiatives, discipline) "
            "VALUES (2024, 'P9', 'U3', 0, 'none')"
        )
    before = dump(engine)
    seen = []
    report = _import(
        engine,
        {"ratings.csv": "period,subject_kind,subject_code,rating\n2024,person,P9,HTXSNV\n"},
        seen,
    )
    # P9 is on U3's roster (database) → U3 touched → refused
    assert seen[0].units == frozenset({"U3"})
    assert [e.kind for e in report.errors] == ["scope_refused"]
    assert dump(engine) == before


def test_rows_of_own_cluster_pass(engine):
    load_base(engine)
    seen = []
    report = _import(
        engine,
        {
            "roster.csv": "year,person_code,unit_code\n2024,P1,U2\n",
            "targets.csv": "year,scope_kind,scope_code,indicator,min_pct\n"
            "2024,cluster,C1,LDTT_RATE,80\n",
        },
        seen,
    )
    assert report.ok, report.lines()
    # roster U2 in the file, P1 also on U1 in the database (2023); the cluster target C1
    assert seen[0].units == frozenset({"U1", "U2"}) and seen[0].clusters == frozenset({"C1"})


def test_a_unit_of_another_cluster_in_the_file_is_refused(engine):
    load_base(engine)
    before = dump(engine)
    seen = []
    report = _import(
        engine, {"units.csv": "unit_code,unit_name,cluster_code\nU3,Tên mới,C2\n"}, seen
    )
    assert not report.ok and dump(engine) == before
    assert seen[0].clusters == frozenset({"C2"})


def test_a_merger_touches_both_units(sqlite_engine):
    """0.3.0: merging U3 (cluster C2) into U1 touches U3: a secretary of C1 is refused."""
    load_base(sqlite_engine)
    before = dump(sqlite_engine)
    seen = []
    report = _import(
        sqlite_engine,
        {
            "unit_changes.csv": "effective_date,kind,from_unit_code,to_unit_code\n"
            "01/07/2025,merge,U3,U1\n"
        },
        seen,
    )
    assert seen[0].units == frozenset({"U1", "U3"})
    assert [e.kind for e in report.errors] == ["scope_refused"]
    assert dump(sqlite_engine) == before
