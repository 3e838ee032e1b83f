"""Readers return frames with the declared schema, on every engine and every read path."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from data_access import readers
from data_access.readers import SCHEMAS, load_dataset, read_awards
from data_access.writer import upsert

AWARDS = pl.DataFrame(
    {
        "year": [2023, 2023],
        "recipient_kind": ["person", "unit"],
        "recipient_code": ["P1", "U1"],
        "award_code": ["LDTT", "BK_BO"],
        "decision_no": ["12/QĐ-TCT", None],
        "decision_date": [dt.date(2023, 12, 20), None],
    }
)


def test_empty_database_gives_typed_empty_frames(engine):
    with engine.connect() as conn:
        ds = load_dataset(conn)
    for name, schema in SCHEMAS.items():
        frame = getattr(ds, name)
        assert frame.height == 0
        assert dict(frame.schema) == schema, name


@pytest.mark.parametrize("fast", [True, False], ids=["fast-path", "row-path"])
def test_values_and_types_round_trip(engine, fast, monkeypatch):
    monkeypatch.setattr(readers, "FAST_READERS", fast)
    with engine.begin() as conn:
        upsert(conn, "awards", AWARDS)
    with engine.connect() as conn:
        got = read_awards(conn, years=[2023]).sort("recipient_code")
        none = read_awards(conn, years=[2022])
    assert dict(got.schema) == SCHEMAS["awards"]
    assert got["decision_date"].to_list() == [dt.date(2023, 12, 20), None]
    assert got["decision_no"].to_list() == ["12/QĐ-TCT", None]
    assert got["award_code"].cast(pl.String).to_list() == ["LDTT", "BK_BO"]
    assert none.height == 0


def test_a_transaction_reads_its_own_writes(engine):
    # Inside engine.begin() the fast path (its own connection) would miss uncommitted rows.
    with engine.begin() as conn:
        upsert(conn, "awards", AWARDS)
        assert read_awards(conn).height == 2
