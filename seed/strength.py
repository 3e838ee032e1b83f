"""A unit's lasting strength: the same units do well year after year, as in real clusters.

One draw per unit (Beta(6, 2), mean 0.75, sd ≈ 0.14) plus a small yearly wobble gives the unit's
`quality` in a year. It drives the cluster's scores (clusters.py) and, standardised, part of the
unit-year effect on its people's ratings (people.py), so a unit's rank moves by a place or two
from one year to the next rather than reshuffling.
"""

from __future__ import annotations

import polars as pl

from seed.draws import rng_for

QUALITY_NOISE_SD = 0.02  # year-to-year wobble of a unit's quality
STRENGTH_MEAN, STRENGTH_SD = 0.75, 0.144  # of Beta(6, 2)


def unit_strength(units: pl.DataFrame, years: list[int], *, seed: int, chunk: int) -> pl.DataFrame:
    """unit_code, year, quality in [0, 1]. Its own random stream, so adding it shifted no other
    draw."""
    rng = rng_for(seed, chunk, "unit_strength")
    codes = units.select("unit_code").unique().sort("unit_code")
    strength = codes.with_columns(pl.Series("strength", rng.beta(6.0, 2.0, codes.height)))
    uy = strength.join(pl.DataFrame({"year": years}, schema={"year": pl.Int32}), how="cross").sort(
        "unit_code", "year"
    )
    wobble = pl.Series(rng.normal(0.0, QUALITY_NOISE_SD, uy.height))
    return uy.select(
        "unit_code", "year", (pl.col("strength") + wobble).clip(0.0, 1.0).alias("quality")
    )


def standardised(quality: pl.Expr) -> pl.Expr:
    """Quality on a mean-0, sd-1 scale."""
    return (quality - STRENGTH_MEAN) / STRENGTH_SD
