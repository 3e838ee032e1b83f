"""Shared fixtures. The database suite is parametrised over SQLite and PostgreSQL.

PostgreSQL is taken from THIDUA_TEST_PG_URL (default: the local server at 127.0.0.1:5432).
With CI=true an unreachable server is a failure, never a silent skip.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import settings
from sqlalchemy import Engine

from bench.pg import admin_url, scratch_database, server_unreachable
from data_access.engine import make_engine, upgrade

# No per-example deadline: speed lives in the benchmark, never in a timed test, and a shared
# 2-core machine makes first examples slow at random.
settings.register_profile("project", deadline=None)
settings.load_profile("project")

PG_ADMIN_URL = admin_url()
IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, dropped at the end."""
    why = server_unreachable(PG_ADMIN_URL)
    if why:
        if IN_CI:
            pytest.fail(f"PostgreSQL required in CI but unreachable at {PG_ADMIN_URL}: {why}")
        pytest.skip(f"PostgreSQL not reachable at {PG_ADMIN_URL}: {why}")
    with scratch_database(PG_ADMIN_URL, prefix="thidua_test") as url:
        yield url


def _truncate(engine: Engine) -> None:
    from data_access.models import Base

    with engine.begin() as conn:
        for t in reversed(Base.metadata.sorted_tables):
            conn.execute(t.delete())


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path) -> Iterator[Engine]:
    """An upgraded, empty database on each engine."""
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'thidua.db'}")
        upgrade(eng)
    else:
        eng = make_engine(request.getfixturevalue("pg_server_url"))
        upgrade(eng)
        _truncate(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def sqlite_engine(tmp_path) -> Iterator[Engine]:
    """SQLite only, for tests that are about something other than the engine."""
    eng = make_engine(f"sqlite:///{tmp_path / 'thidua.db'}")
    upgrade(eng)
    yield eng
    eng.dispose()
