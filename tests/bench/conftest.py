"""Fixtures of the benchmark tests: the tiny hand-built dataset (bench_tiny.py) as frames and
written into each database."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from bench_tiny import ORG_TABLES, TABLES
from sqlalchemy import Engine

from bench.pg import admin_url, server_unreachable
from data_access.readers import Dataset
from data_access.writer import bulk_insert, bump_data_version


@pytest.fixture
def pg_admin() -> str:
    """The admin URL of the PostgreSQL server (skipped when unreachable, failed under CI=true)."""
    url = admin_url()
    why = server_unreachable(url)
    if why:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL required in CI but unreachable at {url}: {why}")
        pytest.skip(f"PostgreSQL not reachable at {url}: {why}")
    return url


@pytest.fixture
def tiny_ds() -> Dataset:
    return Dataset.empty(**TABLES)


@pytest.fixture
def tiny_db(engine: Engine) -> Iterator[Engine]:
    """The tiny dataset written into an empty database (SQLite and PostgreSQL)."""
    with engine.begin() as conn:
        for name, frame in TABLES.items():
            bulk_insert(conn, name, frame)
        bump_data_version(conn)
    yield engine


@pytest.fixture
def org_ds() -> Dataset:
    """The tiny organisation dataset (membership change, school-year unit)."""
    return Dataset.empty(**ORG_TABLES)


@pytest.fixture
def org_db(engine: Engine) -> Iterator[Engine]:
    """The tiny organisation dataset written into an empty database (SQLite and PostgreSQL)."""
    with engine.begin() as conn:
        for name, frame in ORG_TABLES.items():
            bulk_insert(conn, name, frame)
        bump_data_version(conn)
    yield engine
