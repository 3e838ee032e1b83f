"""The 2025 reorganisation and the military block's school year leave the demo's 2019–2024
rows as they were (issue 18): a digest of every row of those years, taken from the demo as it
was generated before the change (commit 76ffab9), must match.

The school-year block's monthly ratings are compared in the draws' own terms: its month k of
emulation year Y is now stored at its calendar month (September of Y − 1 … August of Y), so
each such row is read back as (Y, k) before hashing; nothing else is rewritten."""

from __future__ import annotations

import hashlib

import polars as pl
import pytest
from sqlalchemy import Engine, text

from seed.demo_world import unit_start_months

LAST = 2024
# sha256 of the sorted rows of each table, years 2019–2024, from the demo as seeded at 76ffab9
# (populate(scale="demo", years=(2019, 2025), in_progress_months=11)).
BEFORE = {
    "people": "b815d266851364be7da9b21dfe316c9663f4a61ea7df9575b15e2c1fbfa6536b",
    "roster": "04b0266aaead780c61db64669a5db208307b4535b462f465ad49d0f93558bf7f",
    "ratings": "dff29311b8325b9422f0b47352dc3f5d8e350be4f5ad8306a699739efc4697a6",
    "awards": "a47c0727e6e68d75e38de851266ffdc01f6135eba233019dd89875667f16847b",
    "targets": "455dfd3165534294aed17a854d833f3ec1d04349d55e210d6340ce099075f352",
    "cluster_roles": "087c3e607c33c86d1a910f63b69965b6e6137c072e059ff970dd2d12d4e6c171",
    "scores": "53fab4e5b516ddde6dce0add904306fe3cb2538c9ef5ea40f61d1daf0e612e58",
    "unit_counts": "56827ce10847c318640037c15705bbf6b17b3a15a8eb3222efa5f1a640cd3c1a",
}
COLUMNS = {
    "people": "person_code, full_name",
    "roster": "year, person_code, unit_code, collective_code, initiatives, discipline",
    "ratings": "period, subject_kind, subject_code, rating, year, month",
    "awards": "year, recipient_kind, recipient_code, award_code, decision_no, decision_date, "
    "method",
    "targets": "year, scope_kind, scope_code, indicator, min_pct, max_pct",
    "cluster_roles": "year, cluster_code, unit_code, role",
    "scores": "year, unit_code, criterion, max_points, self_points, final_points",
    "unit_counts": "year, unit_code, measure, value",
}


def _school_year_back(ratings: pl.DataFrame, roster: pl.DataFrame) -> pl.DataFrame:
    """Monthly rows of the school-year units' people and collectives as (emulation year, its
    k-th month), the draws' terms."""
    starts = unit_start_months()
    units = list(starts)
    people = roster.filter(pl.col("unit_code").is_in(units))["person_code"].unique()
    school = pl.col("month").is_not_null() & (
        pl.col("subject_code").is_in(people.implode())
        | pl.col("subject_code").str.split(".").list.first().is_in(units)
    )
    m = 9 if set(starts.values()) == {9} else pytest.fail("one start month expected")
    k = (pl.col("month") - m) % 12 + 1
    y = pl.col("year") + (pl.col("month") >= m).cast(pl.Int64)
    return ratings.with_columns(
        pl.when(school).then(y).otherwise("year").alias("year"),
        pl.when(school).then(k).otherwise("month").alias("month"),
    ).with_columns(
        pl.when(school)
        .then(pl.format("{}-{}", "year", pl.col("month").cast(pl.String).str.zfill(2)))
        .otherwise("period")
        .alias("period")
    )


def digests(eng: Engine, *, school_year: bool = True) -> dict[str, str]:
    """sha256 per table of its rows of 2019–2024; `school_year=False` reads the monthly rows as
    stored (the demo before the school year, from which BEFORE was taken)."""
    out = {}
    with eng.connect() as conn:

        def read(name: str) -> pl.DataFrame:
            rows = conn.execute(text(f"SELECT {COLUMNS[name]} FROM {name}")).all()
            cols = [c.strip() for c in COLUMNS[name].split(",")]
            return pl.DataFrame(
                [tuple(r) for r in rows], schema=cols, orient="row", infer_schema_length=None
            )

        roster = read("roster")
        for name in COLUMNS:
            frame = read(name)
            if name == "ratings" and school_year:
                frame = _school_year_back(frame, roster)
            if "year" in frame.columns:
                frame = frame.filter(pl.col("year") <= LAST)
            lines = sorted("\t".join(map(str, r)) for r in frame.iter_rows())
            out[name] = hashlib.sha256("\n".join(lines).encode()).hexdigest()
    return out


def test_the_years_before_the_merger_are_the_rows_they_were(seeded):
    assert digests(seeded) == BEFORE
