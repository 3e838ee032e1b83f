"""The benchmark's data: N staff cut from the seed's national world, and the copy of a database
into PostgreSQL giving back the same frames."""

from __future__ import annotations

import polars as pl
from bench_tiny import TABLES
from polars.testing import assert_frame_equal

from bench.data import MIN_STAFF, bench_world, copy_database
from data_access.readers import load_dataset
from data_access.writer import bulk_insert, bump_data_version


def test_bench_world_keeps_whole_clusters_and_scales_staff_to_n():
    world = bench_world(20_000, [2024, 2025], seed=2025)
    first = world.staff.filter(pl.col("year") == 2024)
    units = world.units.height
    # Each unit's staff is rounded (±0.5) or raised to MIN_STAFF: the total is N give or take
    # half a person per unit.
    assert abs(first["staff"].sum() - 20_000) <= units / 2
    assert first["staff"].min() >= MIN_STAFF
    # Whole clusters: every unit of a kept cluster is kept (the national world has 10 or 11
    # unit types per cluster, never fewer than 10).
    per_cluster = world.units.group_by("cluster_code").len()
    assert per_cluster["len"].min() >= 10
    assert set(world.clusters["cluster_code"]) == set(world.units["cluster_code"])


def test_one_cluster_for_a_few_hundred_staff():
    world = bench_world(500, [2025], seed=2025)
    assert world.clusters.height == 1


def rows_of(frame: pl.DataFrame) -> pl.DataFrame:
    """The rows in one order whatever order a database returned them in."""
    plain = frame.with_columns(pl.col(pl.Categorical).cast(pl.String))
    return plain.sort(plain.columns, nulls_last=True)


def test_copy_into_postgresql_gives_back_the_same_frames(sqlite_engine, pg_admin):
    from bench.pg import scratch_database
    from data_access.engine import make_engine

    with sqlite_engine.begin() as conn:
        for name, frame in TABLES.items():
            bulk_insert(conn, name, frame)
        bump_data_version(conn)
    src_url = sqlite_engine.url.render_as_string(hide_password=False)
    with scratch_database(pg_admin) as pg_url:
        rows = copy_database(src_url, pg_url)
        pg = make_engine(pg_url)
        try:
            with pg.connect() as conn:
                got = load_dataset(conn)
        finally:
            pg.dispose()
    with sqlite_engine.connect() as conn:
        want = load_dataset(conn)
    assert rows["roster"] == 8 and rows["ratings"] == 9  # the tiny dataset's rows
    for name in TABLES:
        assert_frame_equal(rows_of(getattr(got, name)), rows_of(getattr(want, name)))
