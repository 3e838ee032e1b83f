"""Monthly ratings (bình xét hằng tháng) for the units that rate month by month.

Rows: one per person-month (≈ 12 × staff of each monthly unit and year) and one per
department-month (12 × departments), each drawn around the subject's annual rating:
an HTXSNV year has ≈ 55 % HTXSNV months, an HTTNV year ≈ 12 %.
"""

from __future__ import annotations

import polars as pl

from seed.draws import rng_for

# annual rating -> (P[HTXSNV], P[HTNV], P[KHTNV]) for one month; the rest is HTTNV
PERSON_MONTH = {
    "HTXSNV": (0.55, 0.0, 0.0),
    "HTTNV": (0.12, 0.04, 0.0),
    "HTNV": (0.02, 0.55, 0.05),
    "KHTNV": (0.0, 0.45, 0.45),
}
DEPT_MONTH = {
    "HTXSNV": (0.75, 0.0, 0.0),
    "HTTNV": (0.35, 0.02, 0.0),
    "HTNV": (0.05, 0.5, 0.0),
    "KHTNV": (0.0, 0.5, 0.4),
}
SCHEMA = {
    "year": pl.Int32,
    "month": pl.Int32,
    "subject_kind": pl.String,
    "subject_code": pl.String,
    "unit_code": pl.String,
    "rating": pl.String,
}


def draw_month(
    annual: pl.Expr, u: pl.Expr, table: dict[str, tuple[float, float, float]]
) -> pl.Expr:
    """A monthly rating given the annual one and a uniform draw `u`."""
    xs, ht, kh = (
        annual.replace_strict({k: v[i] for k, v in table.items()}, return_dtype=pl.Float64)
        for i in range(3)
    )
    return (
        pl.when(u < xs)
        .then(pl.lit("HTXSNV"))
        .when(u < xs + ht)
        .then(pl.lit("HTNV"))
        .when(u < xs + ht + kh)
        .then(pl.lit("KHTNV"))
        .otherwise(pl.lit("HTTNV"))
    )


def _months(frame: pl.DataFrame, months: int) -> pl.DataFrame:
    return frame.with_columns(pl.int_ranges(1, months + 1, dtype=pl.Int32).alias("month")).explode(
        "month"
    )


def monthly_ratings(
    py: pl.DataFrame,
    cy: pl.DataFrame,
    monthly_units: pl.Series,
    *,
    seed: int,
    chunk: int,
    months: int = 12,
    step: str = "monthly",
) -> pl.DataFrame:
    """Person-month and department-month ratings of `monthly_units` (SCHEMA columns), months
    1 … `months` of each year; `step` names the draws (another step, other draws)."""
    rng = rng_for(seed, chunk, step)
    units = monthly_units.implode()
    pm = _months(
        py.filter(pl.col("unit_code").is_in(units))
        .select("year", pl.col("person_code").alias("subject_code"), "unit_code", "rating")
        .sort("subject_code", "year"),
        months,
    )
    pm = pm.with_columns(pl.Series("_u", rng.random(pm.height))).select(
        "year",
        "month",
        pl.lit("person").alias("subject_kind"),
        "subject_code",
        "unit_code",
        draw_month(pl.col("rating"), pl.col("_u"), PERSON_MONTH).alias("rating"),
    )
    dm = _months(
        cy.filter(pl.col("unit_code").is_in(units) & (pl.col("kind") == "department"))
        .select("year", pl.col("collective_code").alias("subject_code"), "unit_code", "rating")
        .sort("subject_code", "year"),
        months,
    )
    dm = dm.with_columns(pl.Series("_u", rng.random(dm.height))).select(
        "year",
        "month",
        pl.lit("collective").alias("subject_kind"),
        "subject_code",
        "unit_code",
        draw_month(pl.col("rating"), pl.col("_u"), DEPT_MONTH).alias("rating"),
    )
    return pl.concat([pm, dm]).cast(SCHEMA)  # type: ignore[arg-type]


def on_school_year(monthly: pl.DataFrame, starts: dict[str, int]) -> pl.DataFrame:
    """Monthly rows of units whose emulation year starts in another month (`starts`: unit ->
    start month m) moved to their calendar months: the draws' month k of year Y is the k-th
    month from m of Y − 1 (m = 9: September of Y − 1 … August of Y)."""
    if not starts:
        return monthly
    m = pl.col("unit_code").replace_strict(starts, default=1, return_dtype=pl.Int32)
    cal = ((m - 1 + pl.col("month") - 1) % 12 + 1).cast(monthly.schema["month"])
    return monthly.with_columns(
        pl.when(m > 1)
        .then(pl.col("year") - (cal >= m).cast(pl.Int32))
        .otherwise("year")
        .cast(monthly.schema["year"])
        .alias("year"),
        pl.when(m > 1).then(cal).otherwise("month").alias("month"),
    )
