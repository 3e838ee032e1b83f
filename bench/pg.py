"""Scratch PostgreSQL databases: a uniquely named database created for one run and dropped after,
shared by the benchmark and the test suites (tests/conftest.py, tests/faults/pg_kit.py).

The server is the one of THIDUA_TEST_PG_URL (default: the local server at 127.0.0.1:5432).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_ENV = "THIDUA_TEST_PG_URL"
PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def admin_url() -> str:
    """The admin URL of the server: THIDUA_TEST_PG_URL, else the local server."""
    return os.environ.get(PG_ENV, PG_DEFAULT)


def server_unreachable(url: str) -> str | None:
    """None when the database at `url` answers, else why not (first line of the error)."""
    eng = create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with eng.connect() as conn:
            conn.execute(text("SELECT 1"))
        return None
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
        return str(exc).splitlines()[0]
    finally:
        eng.dispose()


def server_version(url: str) -> str:
    """e.g. "PostgreSQL 15.20"."""
    eng = create_engine(url)
    try:
        with eng.connect() as conn:
            return "PostgreSQL " + str(conn.execute(text("SHOW server_version")).scalar())
    finally:
        eng.dispose()


@contextmanager
def scratch_database(admin: str | None = None, *, prefix: str = "thidua_bench") -> Iterator[str]:
    """A new, empty database (its URL) on the server of `admin` (default `admin_url()`), named
    `prefix_<random>`, dropped on exit whatever happens (even with sessions still open)."""
    url = admin or admin_url()
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    # pre-ping: a fault test may restart the server in between (the pooled connection is dead)
    eng = create_engine(url, isolation_level="AUTOCOMMIT", pool_pre_ping=True)
    try:
        with eng.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield make_url(url).set(database=name).render_as_string(hide_password=False)
        finally:
            with eng.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        eng.dispose()
