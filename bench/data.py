"""The benchmark's data: N staff over Y years from the seed's scale generator, and the same rows
copied into another database (PostgreSQL) through the readers and the bulk writer.

Sizes: the national world of seed/scale.py (63 provinces × 64 units in 6 clusters each,
≈ 2 000 000 staff) cut to whole clusters, in order, until N staff are reached, then every unit's
staff scaled so the first year holds N: ~500 staff is one cluster, 50 000 about one and a half
provinces, 2 000 000 the whole country.
"""

from __future__ import annotations

import polars as pl

from data_access import writer
from data_access.engine import make_engine, upgrade
from data_access.models import CONTRACT_TABLES
from data_access.readers import (
    read_awards,
    read_cluster_members,
    read_cluster_roles,
    read_clusters,
    read_collectives,
    read_people,
    read_ratings,
    read_roster,
    read_scores,
    read_targets,
    read_unit_changes,
    read_unit_counts,
    read_units,
    read_years,
)

MIN_STAFF = 3  # a unit keeps at least this many staff when a small size is scaled down


def bench_world(people: int, years: list[int], *, seed: int):
    """The seed's national world cut to whole clusters holding ≥ `people` staff in the first
    year, with staff scaled so that year holds `people` (± rounding)."""
    from seed.scale import scale_world
    from seed.structure import World

    world = scale_world("national", years, seed=seed, first_chunk=1)
    first = world.staff.filter(pl.col("year") == years[0])
    per_cluster = (
        world.units.select("unit_code", "cluster_code")
        .join(first, on="unit_code")
        .group_by("cluster_code", maintain_order=True)
        .agg(pl.col("staff").sum())
        .join(world.clusters.select("cluster_code", "chunk"), on="cluster_code")
        .sort("chunk", "cluster_code")
        .with_columns(before=pl.col("staff").cum_sum() - pl.col("staff"))
    )
    keep = per_cluster.filter(pl.col("before") < people)
    factor = people / keep["staff"].sum()
    units = world.units.filter(pl.col("cluster_code").is_in(keep["cluster_code"].implode()))
    in_units = pl.col("unit_code").is_in(units["unit_code"].implode())
    staff = world.staff.filter(in_units).with_columns(
        (pl.col("staff") * factor).round().clip(MIN_STAFF, None).cast(pl.Int32)
    )
    return World(
        clusters=world.clusters.filter(
            pl.col("cluster_code").is_in(keep["cluster_code"].implode())
        ),
        units=units,
        staff=staff,
        departments=world.departments.filter(in_units),
    )


def generate(url: str, *, people: int, years: list[int], seed: int = 2025) -> dict[str, int]:
    """Create the schema at `url` and load N staff over `years` (consecutive); rows written per
    table. `seed.populate` on the cut world, every row a plain draw (no demo chunk, no pins)."""
    from seed import populate

    world = bench_world(people, years, seed=seed)
    eng = make_engine(url)
    try:
        upgrade(eng)
        return populate(
            eng,
            world=world,
            years=(years[0], years[-1]),
            seed=seed,
            progress=False,
            exceptions=False,
        )
    finally:
        eng.dispose()


_READERS = {
    "clusters": lambda c, y: read_clusters(c),
    "units": lambda c, y: read_units(c),
    "collectives": lambda c, y: read_collectives(c),
    "people": lambda c, y: read_people(c),
    "roster": lambda c, y: read_roster(c, years=y),
    "ratings": lambda c, y: read_ratings(c, years=y),
    "awards": lambda c, y: read_awards(c, years=y),
    "targets": lambda c, y: read_targets(c, years=y),
    "cluster_roles": lambda c, y: read_cluster_roles(c, years=y),
    "scores": lambda c, y: read_scores(c, years=y),
    "unit_counts": lambda c, y: read_unit_counts(c, years=y),
    "cluster_members": lambda c, y: read_cluster_members(c, years=y),
    "unit_changes": lambda c, y: read_unit_changes(c),
}
YEARLESS = ("clusters", "units", "collectives", "people", "unit_changes")


def copy_database(src_url: str, dst_url: str) -> dict[str, int]:
    """Copy every contract table from `src_url` into the empty `dst_url` (upgraded here), a year
    at a time (bounded memory), in one bulk-load transaction; bump the target's data version.

    Years are those of `read_years` (roster, unit_counts, targets): ratings and awards of other
    years count in no indicator and are not copied.
    """
    src, dst = make_engine(src_url), make_engine(dst_url)
    rows = {}
    try:
        upgrade(dst)
        names = [m.__tablename__ for m in CONTRACT_TABLES]
        with src.connect() as sconn, writer.bulk_load(dst, names) as dconn:
            years = read_years(sconn)
            for name in names:
                parts = [None] if name in YEARLESS else [[y] for y in years]
                rows[name] = sum(
                    writer.bulk_insert(dconn, name, _READERS[name](sconn, y)) for y in parts
                )
            writer.bump_data_version(dconn)
    finally:
        src.dispose()
        dst.dispose()
    return rows
