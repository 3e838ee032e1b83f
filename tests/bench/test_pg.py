"""bench/pg.py: a scratch database exists inside the block, under its prefix, and is gone after,
also when the block raises."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.pg import scratch_database


def _exists(admin: str, name: str) -> bool:
    eng = create_engine(admin)
    try:
        with eng.connect() as conn:
            q = text("SELECT COUNT(*) FROM pg_database WHERE datname = :n")
            return conn.execute(q, {"n": name}).scalar_one() == 1
    finally:
        eng.dispose()


def test_created_then_dropped_even_with_a_session_open(pg_admin):
    with scratch_database(pg_admin, prefix="thidua_pgtest") as url:
        name = make_url(url).database
        assert name.startswith("thidua_pgtest_")
        assert _exists(pg_admin, name)
        eng = create_engine(url)
        conn = eng.connect()  # still open when the block ends: the drop forces it out
        assert conn.execute(text("SELECT 1")).scalar_one() == 1
    assert not _exists(pg_admin, name)
    eng.dispose()


def test_dropped_when_the_block_raises(pg_admin):
    with pytest.raises(RuntimeError), scratch_database(pg_admin, prefix="thidua_pgtest") as url:
        name = make_url(url).database
        raise RuntimeError("boom")
    assert not _exists(pg_admin, name)


def test_two_databases_have_two_names(pg_admin):
    with scratch_database(pg_admin) as a, scratch_database(pg_admin) as b:
        assert a != b
