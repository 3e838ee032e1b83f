"""Fixtures of the benchmark tests: the tiny hand-built dataset (bench_tiny.py) as frames and
written into each database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from bench_tiny import TABLES
from sqlalchemy import Engine

from data_access.readers import Dataset
from data_access.writer import bulk_insert, bump_data_version


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
