"""An import over stored rows updates the changed ones, inserts the new keys and leaves the
identical rows alone, with the same counts and rows on SQLite and PostgreSQL; the writer's key
lookup (keys staged in a TEMP table, one JOIN on the primary key) leaves no table behind."""

from __future__ import annotations

import polars as pl
import pytest
from import_kit import BASE, dump, run
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from data_access import changes
from data_access import models as m
from data_access.engine import data_version
from data_access.importer import TableSummary
from data_access.writer import bulk_insert, upsert

# Against BASE (roster 2023: P1 in U1/K1 with 1 initiative, P2 in U1 without collective, 0):
#   people: P2 as stored (unchanged), P3 new                      → 1 new, 0 updated, 1 same
#   roster: 2023 P1 now 3 initiatives (updated), 2023 P2 as stored (unchanged),
#           2024 P1 and 2024 P3 (new keys)                        → 2 new, 1 updated, 1 same
NEXT = {
    "people.csv": """
        person_code,full_name
        P2,Trần Thị Bình
        P3,Lê Văn Cường
    """,
    "roster.csv": """
        year,person_code,unit_code,collective_code,initiatives,discipline
        2023,P1,U1,K1,3,none
        2023,P2,U1,,0,none
        2024,P1,U1,K1,0,none
        2024,P3,U2,K2,2,khien_trach
    """,
}


def _temp_tables(engine) -> list[str]:
    with engine.connect() as conn:
        sql = (
            "SELECT name FROM sqlite_temp_master"
            if conn.dialect.name == "sqlite"
            else "SELECT relname FROM pg_class WHERE relpersistence = 't'"
        )
        return [r[0] for r in conn.exec_driver_sql(sql)]


def test_upsert_updates_changed_rows_and_inserts_new_keys(engine):
    run(engine, BASE)
    before = data_version(engine)
    report = run(engine, NEXT)
    assert report.ok, report.lines()
    assert report.summary == (
        TableSummary("people", 1, 0, 1),
        TableSummary("roster", 2, 1, 1),
    )
    rows = dump(engine)
    assert rows["people"] == [
        ("P1", "Nguyễn Văn An"),
        ("P2", "Trần Thị Bình"),
        ("P3", "Lê Văn Cường"),
    ]
    assert rows["roster"] == [
        (2023, "P1", "U1", "K1", 3, "none"),
        (2023, "P2", "U1", None, 0, "none"),
        (2024, "P1", "U1", "K1", 0, "none"),
        (2024, "P3", "U2", "K2", 2, "khien_trach"),
    ]
    # The incremental rebuild is told the tables and years the import wrote.
    assert changes.changed_since(engine, before, data_version(engine)) == {
        "people": None,
        "roster": {2023, 2024},
    }
    assert _temp_tables(engine) == []


def test_upsert_of_some_value_columns_keeps_the_others(engine):
    run(engine, BASE)
    # Only `initiatives` given: P1's changes 1 → 4, P2's stays 0; unit and collective kept.
    frame = pl.DataFrame({"year": [2023, 2023], "person_code": ["P1", "P2"], "initiatives": [4, 0]})
    with engine.begin() as conn:
        res = upsert(conn, "roster", frame)
    assert (res.inserted, res.updated, res.unchanged) == (0, 1, 1)
    with engine.connect() as conn:
        t = m.Roster.__table__
        got = conn.execute(select(t).order_by(t.c.year, t.c.person_code)).all()
    assert [tuple(r) for r in got] == [
        (2023, "P1", "U1", "K1", 4, "none"),
        (2023, "P2", "U1", None, 0, "none"),
    ]


def test_upsert_repeating_a_key_keeps_its_last_row(engine):
    run(engine, BASE)
    # P1 twice (2 → then 5: both differ from the stored 1), P9 twice as a new key (7, then 8).
    run(engine, {"people.csv": "person_code,full_name\nP9,Phạm Thị Dung\n"})
    frame = pl.DataFrame(
        {
            "year": [2023, 2023, 2025, 2025],
            "person_code": ["P1", "P1", "P9", "P9"],
            "unit_code": ["U1", "U1", "U2", "U2"],
            "initiatives": [2, 5, 7, 8],
        }
    )
    with engine.begin() as conn:
        res = upsert(conn, "roster", frame)
    # Counts are of the frame's rows: two rows for a new key, two for a changed one.
    assert (res.inserted, res.updated, res.unchanged) == (2, 2, 0)
    roster = dump(engine)["roster"]
    assert [(y, p, u, n) for y, p, u, _c, n, _d in roster] == [
        (2023, "P1", "U1", 5),
        (2023, "P2", "U1", 0),
        (2025, "P9", "U2", 8),
    ]


def test_a_driver_path_error_is_sqlalchemys_own(engine):
    # The bulk path writes through the raw driver; a key already stored must still surface as
    # sqlalchemy's IntegrityError, which the importer reports as "nothing was written".
    run(engine, BASE)
    again = pl.DataFrame({"person_code": ["P1"], "full_name": ["Nguyễn Văn An"]})
    with pytest.raises(IntegrityError), engine.begin() as conn:
        bulk_insert(conn, "people", again)
    assert [r[0] for r in dump(engine)["people"]] == ["P1", "P2"]
