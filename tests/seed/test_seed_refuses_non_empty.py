"""populate refuses a database that holds data, unless reset=True replaces it."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text

from seed import SeedError, populate


def _count(eng: Engine, table: str) -> int:
    with eng.connect() as conn:
        return conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one()


def _version(eng: Engine) -> str:
    with eng.connect() as conn:
        return conn.execute(text("SELECT value FROM meta WHERE key = 'data_version'")).scalar_one()


def test_second_populate_is_refused_and_changes_nothing(engine):
    first = populate(engine, scale="demo", years=(2024, 2025), progress=False)
    version = _version(engine)
    with pytest.raises(SeedError, match="reset"):
        populate(engine, scale="demo", years=(2024, 2025), progress=False)
    assert _count(engine, "roster") == first["roster"]
    assert _version(engine) == version


def test_reset_replaces_the_data_and_bumps_the_version(engine):
    populate(engine, scale="demo", years=(2019, 2025), progress=False)
    version = _version(engine)
    again = populate(engine, scale="demo", years=(2025, 2025), progress=False, reset=True)
    assert _count(engine, "roster") == again["roster"]
    with engine.connect() as conn:
        years = conn.execute(text("SELECT DISTINCT year FROM roster")).scalars().all()
    assert years == [2025]
    assert _version(engine) != version


def test_unknown_scale_and_bad_years_are_refused(engine):
    with pytest.raises(SeedError, match="scale"):
        populate(engine, scale="county", progress=False)
    with pytest.raises(SeedError, match="years"):
        populate(engine, years=(2025, 2019), progress=False)
