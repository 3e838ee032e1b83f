"""bulk_insert and bulk_load: rows round-trip exactly, indexes and foreign keys come back, and a
failure or a dangling reference leaves the database as it was."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import IntegrityError

from data_access.writer import bulk_insert, bulk_load

TABLES = ("clusters", "units", "people", "roster", "awards")
CLUSTERS = pl.DataFrame({"cluster_code": ["C1"], "cluster_name": ["Cụm 1"], "organizer": [None]})
UNITS = pl.DataFrame(
    {"unit_code": ["U1"], "unit_name": ["Trường Chính trị tỉnh Hà Nam"], "cluster_code": ["C1"]}
)
PEOPLE = pl.DataFrame(
    {"person_code": ["P2", "P1"], "full_name": ["Trần Thị Bình", "Nguyễn Văn An"]}
)
ROSTER = pl.DataFrame(
    {"year": [2023, 2023], "person_code": ["P1", "P2"], "unit_code": ["U1", "U1"]}
)
AWARDS = pl.DataFrame(
    {
        "year": [2023, 2023],
        "recipient_kind": ["person", "unit"],
        "recipient_code": ["P1", "U1"],
        "award_code": ["LDTT", "BK_BO"],
        "decision_no": ["12/QĐ-TCT", ""],  # an empty text stays empty, not NULL
        "decision_date": [dt.date(2023, 12, 20), None],
    }
)


def _indexes(engine: Engine) -> set[str]:
    insp = inspect(engine)
    return {ix["name"] for t in TABLES for ix in insp.get_indexes(t)}


def _fks(engine: Engine) -> set[tuple[str, str]]:
    insp = inspect(engine)
    return {(t, fk["referred_table"]) for t in TABLES for fk in insp.get_foreign_keys(t)}


def _load(engine: Engine, roster: pl.DataFrame = ROSTER) -> None:
    with bulk_load(engine, TABLES) as conn:
        for name, frame in (
            ("clusters", CLUSTERS),
            ("units", UNITS),
            ("people", PEOPLE),
            ("roster", roster),
            ("awards", AWARDS),
        ):
            bulk_insert(conn, name, frame)


def test_rows_round_trip_and_schema_comes_back(engine):
    before = (_indexes(engine), _fks(engine))
    _load(engine)
    with engine.connect() as conn:
        people = conn.execute(text("SELECT * FROM people ORDER BY person_code")).all()
        roster = conn.execute(
            text("SELECT year, person_code, initiatives, discipline FROM roster ORDER BY 2")
        ).all()
        awards = conn.execute(
            text("SELECT recipient_code, decision_no, decision_date FROM awards ORDER BY 1")
        ).all()
    assert [tuple(r) for r in people] == [("P1", "Nguyễn Văn An"), ("P2", "Trần Thị Bình")]
    # absent columns take the schema's defaults (0 initiatives, no discipline)
    assert [tuple(r) for r in roster] == [(2023, "P1", 0, "none"), (2023, "P2", 0, "none")]
    got = [(code, no, str(d) if d is not None else None) for code, no, d in awards]
    assert got == [("P1", "12/QĐ-TCT", "2023-12-20"), ("U1", "", None)]
    assert (_indexes(engine), _fks(engine)) == before
    assert "ix_roster_unit_year" in before[0]


def test_an_error_inside_leaves_nothing(engine):
    before = (_indexes(engine), _fks(engine))
    with pytest.raises(RuntimeError), bulk_load(engine, TABLES) as conn:
        bulk_insert(conn, "clusters", CLUSTERS)
        raise RuntimeError("generation failed")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM clusters")).scalar_one() == 0
    assert (_indexes(engine), _fks(engine)) == before


def test_a_dangling_reference_fails_the_whole_load(engine):
    dangling = pl.DataFrame({"year": [2023], "person_code": ["P9"], "unit_code": ["U1"]})
    with pytest.raises(IntegrityError):
        _load(engine, roster=dangling)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM people")).scalar_one() == 0
