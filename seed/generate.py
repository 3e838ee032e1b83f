"""One chunk of clusters → the contract tables' rows, vectorised.

Per chunk: people (≈ 1.25 × staff), roster (Σ staff over years), ratings (persons, collectives,
units each year, plus 12 months of persons and departments of monthly units), awards (≈ 1.2 per
person-year), targets (7 per cluster-year), cluster_roles (2–3 per cluster-year), scores (4–5 per
unit-year) and unit_counts (21 per reported-only unit-year).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import polars as pl

from seed import clusters as cl
from seed.awards import award_rows, with_decisions
from seed.collectives import collective_years, unit_years
from seed.counts import measures
from seed.monthly import monthly_ratings
from seed.params import Params
from seed.people import PyHook, person_years
from seed.structure import World

Hook = Callable[[pl.DataFrame], pl.DataFrame]


def _same(frame: pl.DataFrame) -> pl.DataFrame:
    return frame


@dataclass(frozen=True)
class Pins:
    """Hand-made exceptions to the generic draws (demo.py); every hook defaults to "none"."""

    person_years: PyHook = _same  # before the streak titles (CSTĐ cấp bộ) are drawn
    person_awards: PyHook = _same
    collective_years: Hook = _same
    unit_years: Hook = _same
    monthly: Callable[[pl.DataFrame, pl.DataFrame, pl.DataFrame], pl.DataFrame] = (
        lambda monthly, py, cy: monthly
    )
    extra_counts: Callable[[pl.DataFrame], pl.DataFrame] | None = None  # py -> unit_counts rows
    unit_targets: pl.DataFrame | None = None
    role_anchors: pl.DataFrame = field(
        default_factory=lambda: pl.DataFrame(
            schema={"cluster_code": pl.String, "anchor_year": pl.Int32, "anchor_unit": pl.String}
        )
    )
    skip_scores: pl.DataFrame = field(
        default_factory=lambda: pl.DataFrame(schema={"cluster_code": pl.String, "year": pl.Int32})
    )


def _ratings(
    py: pl.DataFrame, cy: pl.DataFrame, uy: pl.DataFrame, monthly: pl.DataFrame
) -> pl.DataFrame:
    annual = pl.concat(
        [
            py.select(
                "year",
                pl.lit("person").alias("subject_kind"),
                pl.col("person_code").alias("subject_code"),
                "rating",
            ),
            cy.select(
                "year",
                pl.lit("collective").alias("subject_kind"),
                pl.col("collective_code").alias("subject_code"),
                "rating",
            ),
            uy.select(
                "year",
                pl.lit("unit").alias("subject_kind"),
                pl.col("unit_code").alias("subject_code"),
                "rating",
            ),
        ]
    ).with_columns(pl.lit(None, pl.Int32).alias("month"))
    months = monthly.select("year", "subject_kind", "subject_code", "rating", "month")
    return pl.concat([annual, months]).select(
        pl.when(pl.col("month").is_null())
        .then(pl.col("year").cast(pl.String))
        .otherwise(pl.format("{}-{}", "year", pl.col("month").cast(pl.String).str.zfill(2)))
        .alias("period"),
        "subject_kind",
        "subject_code",
        "rating",
        "year",
        "month",
    )


def generate_chunk(
    world: World,
    years: list[int],
    *,
    seed: int,
    chunk: int,
    first_no: int,
    params: Params,
    pins: Pins,
) -> tuple[dict[str, pl.DataFrame], int]:
    """The rows of every contract table for one chunk (frames keyed by table name), and the
    next free person number."""
    people, py = person_years(
        world,
        years,
        seed=seed,
        chunk=chunk,
        first_no=first_no,
        p=params,
        pin=pins.person_years,
        pin_awards=pins.person_awards,
    )
    next_no = first_no + people.height
    cy = pins.collective_years(
        collective_years(world.collectives(), py, years, seed=seed, chunk=chunk, p=params)
    )
    uy = unit_years(world.units, years, seed=seed, chunk=chunk)
    criteria = world.clusters.select("cluster_code", "criteria")
    sc = cl.scores(uy, criteria, pins.skip_scores, seed=seed, chunk=chunk)
    uy = pins.unit_years(cl.flag_winners(uy, sc))
    monthly_units = world.units.filter("monthly")["unit_code"]
    monthly = pins.monthly(
        monthly_ratings(
            py, cy, monthly_units, seed=seed, chunk=chunk, months=params.monthly_months
        ),
        py,
        cy,
    )

    reported = world.units.filter("reported_only")["unit_code"].implode()
    mine = pl.col("unit_code").is_in(reported)
    counts = [measures(py.filter(mine), cy.filter(mine), uy.filter(mine), monthly.filter(mine))]
    if pins.extra_counts is not None:
        counts.append(pins.extra_counts(py))
    py, cy, uy, monthly = (f.filter(~mine) for f in (py, cy, uy, monthly))
    people = people.join(py.select("person_no").unique(), on="person_no", how="semi")

    awards = with_decisions(award_rows(py, cy, uy), world.units, seed=seed, chunk=chunk)
    cluster_codes = world.clusters["cluster_code"].to_list()
    targets = [cl.target_rows("cluster", cluster_codes, years)]
    if pins.unit_targets is not None:
        targets.append(
            pins.unit_targets.filter(
                pl.col("scope_code").is_in(world.units["unit_code"].implode())
                & pl.col("year").is_in(years)
            )
        )
    collectives = world.collectives().filter(~pl.col("unit_code").is_in(reported))
    frames = {
        "collectives": collectives,
        "people": people,
        "roster": py.select(
            "year", "person_code", "unit_code", "collective_code", "initiatives", "discipline"
        ),
        "ratings": _ratings(py, cy, uy, monthly),
        "awards": awards,
        "targets": pl.concat(targets),
        "cluster_roles": cl.roles(world.units, years, pins.role_anchors),
        "scores": sc,
        "unit_counts": pl.concat(counts),
    }
    return frames, next_no
