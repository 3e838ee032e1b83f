"""The demo data seeded once per session on each engine, for the read-only seed tests.

Tests that write (determinism, refusal, reset) use the shared `engine` fixture instead. The
PostgreSQL copy lives in its own database, so other suites truncating theirs cannot touch it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text

from data_access.engine import make_engine, upgrade
from seed import populate

PG_ADMIN_URL = os.environ.get(
    "THIDUA_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def seeded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """An engine on a database holding the demo as the app loads it: `populate(scale="demo",
    years=(2019, 2025), in_progress_months=11)` (2026 in progress)."""
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path_factory.mktemp('seed') / 'demo.db'}")
        upgrade(eng)
        populate(eng, scale="demo", years=(2019, 2025), progress=False, in_progress_months=11)
        yield eng
        eng.dispose()
        return
    request.getfixturevalue("pg_server_url")  # skips (or fails in CI) when unreachable
    name = f"thidua_seed_{uuid.uuid4().hex[:10]}"
    # pre-ping: a test restarts the server (tests/faults), killing pooled connections
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", pool_pre_ping=True)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    eng = make_engine(PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}")
    try:
        upgrade(eng)
        populate(eng, scale="demo", years=(2019, 2025), progress=False, in_progress_months=11)
        yield eng
    finally:
        eng.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


class Sql:
    """Plain SQL against one engine: `one(sql)` → the single value, `all(sql)` → tuples."""

    def __init__(self, eng: Engine) -> None:
        self.eng = eng

    def one(self, sql: str, **params: object) -> object:
        with self.eng.connect() as conn:
            return conn.execute(text(sql), params).scalar_one()

    def all(self, sql: str, **params: object) -> list[tuple]:
        with self.eng.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql), params)]


@pytest.fixture
def db(seeded: Engine) -> Sql:
    return Sql(seeded)
