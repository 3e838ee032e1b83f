"""`populate(engine, world=…)`: a pre-built world is written as given (the benchmark's cut of the
national world), and `exceptions=False` leaves out the hand-made exceptions."""

from __future__ import annotations

import polars as pl
from sqlalchemy import Engine, select, text

from data_access.engine import make_engine, upgrade
from data_access.models import CONTRACT_TABLES
from seed import build_world, populate

YEARS = (2024, 2025)


def _fresh(tmp_path, name: str) -> Engine:
    eng = make_engine(f"sqlite:///{tmp_path / name}")
    upgrade(eng)
    return eng


def _content(eng: Engine) -> dict[str, list[tuple]]:
    with eng.connect() as conn:
        return {
            m.__tablename__: [
                tuple(r)
                for r in conn.execute(
                    select(*m.__table__.columns).order_by(*m.__table__.primary_key.columns)
                )
            ]
            for m in CONTRACT_TABLES
        }


def test_a_given_world_is_the_one_written(tmp_path):
    world = build_world("demo", list(range(YEARS[0], YEARS[1] + 1)))
    first = world.clusters["cluster_code"][0]
    keep = pl.col("cluster_code") == first
    units = world.units.filter(keep)
    in_units = pl.col("unit_code").is_in(units["unit_code"].implode())
    one = type(world)(
        clusters=world.clusters.filter(keep),
        units=units,
        staff=world.staff.filter(in_units),
        departments=world.departments.filter(in_units),
    )
    eng = _fresh(tmp_path, "one.db")
    rows = populate(eng, world=one, years=YEARS, progress=False, exceptions=False)
    with eng.connect() as conn:
        written = sorted(conn.execute(text("SELECT unit_code FROM units")).scalars())
        clusters = conn.execute(text("SELECT COUNT(*) FROM clusters")).scalar()
        staff_2024 = conn.execute(text("SELECT COUNT(*) FROM roster WHERE year = 2024")).scalar()
    eng.dispose()
    assert written == sorted(units["unit_code"].to_list())
    assert clusters == 1 and rows["clusters"] == 1
    # every post of the first year is held by one person on the roster
    assert staff_2024 == one.staff.filter(pl.col("year") == 2024)["staff"].sum()


def test_exceptions_false_draws_plainly_and_the_default_keeps_them(tmp_path):
    plain, pinned, default = (_fresh(tmp_path, f"{n}.db") for n in ("p", "x", "d"))
    populate(plain, years=YEARS, progress=False, exceptions=False)
    populate(pinned, years=YEARS, progress=False, exceptions=True)
    populate(default, years=YEARS, progress=False)
    a, b, c = _content(plain), _content(pinned), _content(default)
    for e in (plain, pinned, default):
        e.dispose()
    assert b == c  # exceptions are on by default
    assert a["units"] == b["units"]  # the same world
    assert any(a[t] != b[t] for t in a)  # the demo's pins change some rows
