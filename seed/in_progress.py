"""The demo's current year, in progress: what a deployment holds on 2 December 2026, with the
months rated so far and no year-end review yet.

- roster: last year's staff list carried into the year (the same people, units and
  collectives; initiatives and discipline are decided at the year-end review, so none yet);
- monthly ratings (bình xét hằng tháng) of the monthly-rating units, January … `months`, drawn
  around each person's and department's rating of the year before (seed/monthly.py), with in
  each cluster one unit behind on its months and another over the HTXSNV cap's ratio so far
  (demo_features.py: the early warnings the rule book's HTXSNV_CAP gives from 2026);
- nothing else: no annual rating, title, award, score, cluster role or target of the year.

The rows of the years before are not touched (other draws, `step`), so every figure quoted from
the articles stays exact.
"""

from __future__ import annotations

import polars as pl

from seed.demo_features import pin_behind, pin_htxsnv_in_progress
from seed.monthly import monthly_ratings, on_school_year

CURRENT_YEAR = 2026  # the demo's "today" is 2 December 2026
CURRENT_MONTHS = 11  # January to November rated; December's evaluation is still to come


def _monthly_rows(monthly: pl.DataFrame, like: pl.DataFrame) -> pl.DataFrame:
    """The monthly rows in the shape of the ratings table (`like`: the chunk's ratings)."""
    return monthly.select(
        pl.format("{}-{}", "year", pl.col("month").cast(pl.String).str.zfill(2)).alias("period"),
        "subject_kind",
        "subject_code",
        "rating",
        "year",
        "month",
    ).cast(dict(like.schema))  # type: ignore[arg-type]


def add_year_in_progress(
    frames: dict[str, pl.DataFrame],
    units: pl.DataFrame,
    *,
    year: int,
    months: int,
    seed: int,
    chunk: int,
    starts: dict[str, int] | None = None,
) -> dict[str, pl.DataFrame]:
    """`frames` (one chunk's contract rows, up to `year` − 1) with `year` in progress added:
    its roster and the monthly ratings of months 1 … `months` of its emulation year (`starts`:
    unit -> start month, for the units on the school year)."""
    last = year - 1
    roster = frames["roster"].filter(pl.col("year") == last)
    ratings = frames["ratings"]
    if roster.height == 0:
        return frames
    annual = ratings.filter(pl.col("year") == last, pl.col("month").is_null()).select(
        "subject_kind", "subject_code", "rating"
    )
    person_rating = annual.filter(pl.col("subject_kind") == "person").select(
        person_code="subject_code", rating="rating"
    )
    py = (
        roster.select("person_code", "unit_code")
        .join(person_rating, on="person_code", how="left")
        .with_columns(pl.lit(year, pl.Int32).alias("year"), pl.col("rating").fill_null("HTTNV"))
    )
    dept_rating = annual.filter(pl.col("subject_kind") == "collective").select(
        collective_code="subject_code", rating="rating"
    )
    cy = (
        frames["collectives"]
        .filter(pl.col("kind") == "department")
        .select("collective_code", "unit_code", "kind")
        .join(dept_rating, on="collective_code", how="left")
        .with_columns(pl.lit(year, pl.Int32).alias("year"), pl.col("rating").fill_null("HTTNV"))
    )
    monthly_units = units.filter("monthly")["unit_code"]
    monthly = monthly_ratings(
        py, cy, monthly_units, seed=seed, chunk=chunk, months=months, step=f"in_progress_{year}"
    )
    monthly = pin_htxsnv_in_progress(pin_behind(monthly, [year], months), year)
    monthly = on_school_year(monthly, starts or {})
    carried = roster.with_columns(
        pl.lit(year).cast(roster.schema["year"]).alias("year"),
        pl.lit(0).cast(roster.schema["initiatives"]).alias("initiatives"),
        pl.lit("none").cast(roster.schema["discipline"]).alias("discipline"),
    )
    out = dict(frames)
    out["roster"] = pl.concat([frames["roster"], carried])
    out["ratings"] = pl.concat([ratings, _monthly_rows(monthly, ratings)])
    return out
