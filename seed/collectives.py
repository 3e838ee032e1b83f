"""Collective-years and unit-years: ratings and titles of departments, party cells, mass
organisations and of each unit itself, consistent with their members' person-years.

`cy`: one row per collective and year (collectives × years): collective_code, unit_code, kind,
year, rating, ttldtt, ttldxs, co_td_bo, bk_bo, giay_khen.
`uy`: one row per unit and year: unit_code, cluster_code, year, rating, quality (drives the
cluster's scores), bk_bo, bk_ttg, hc_ld_3, co_td_cp (co_td_bo is set from the scores later).
A unit's quality is its lasting strength plus a little noise each year, so a cluster's ranking
moves by a place or two from one year to the next, as real ones do, rather than reshuffling.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from seed.draws import categorical, rng_for
from seed.params import RATING_RANK, RATINGS, STRENGTH, Params
from seed.people import left, severity
from seed.strength import unit_strength

DEPT_P = (0.45, 0.51, 0.04, 0.0)
CELL_P = (0.27, 0.72, 0.01, 0.0)
ORG_P = (0.30, 0.685, 0.015, 0.0)
UNIT_P = (0.45, 0.52, 0.03, 0.0)


def member_stats(py: pl.DataFrame) -> pl.DataFrame:
    """Per department and year: members, LĐTT-or-higher, CSTĐCS-or-higher, worst rating rank,
    worst discipline severity (the inputs of the TTLĐTT and TTLĐXS criteria)."""
    return (
        py.group_by("collective_code", "year")
        .agg(
            pl.len().alias("members"),
            (pl.col("ldtt") | pl.col("cstdcs")).sum().alias("n_ldtt"),
            pl.col("cstdcs").sum().alias("n_cstdcs"),
            pl.col("rating")
            .replace_strict(RATING_RANK, return_dtype=pl.Int8)
            .min()
            .alias("worst_rank"),
            severity().max().alias("worst_sev"),
        )
        .sort("collective_code", "year")
    )


def collective_years(
    collectives: pl.DataFrame,
    py: pl.DataFrame,
    years: list[int],
    *,
    seed: int,
    chunk: int,
    p: Params,
) -> pl.DataFrame:
    rng = rng_for(seed, chunk, "collectives")
    cy = (
        collectives.select("collective_code", "unit_code", "kind")
        .join(pl.DataFrame({"year": years}, schema={"year": pl.Int32}), how="cross")
        .sort("collective_code", "year")
    )
    n = cy.height
    kind = cy["kind"].to_numpy()
    rating = np.where(
        kind == "department",
        categorical(rng, n, RATINGS, DEPT_P),
        np.where(
            kind == "party_cell",
            categorical(rng, n, RATINGS, CELL_P),
            categorical(rng, n, STRENGTH, ORG_P),
        ),
    )
    u = [pl.col(f"_u{i}") for i in range(5)]
    cy = left(cy, member_stats(py), ["collective_code", "year"]).with_columns(
        *(pl.Series(f"_u{i}", rng.random(n)) for i in range(5)),
        pl.Series("rating", rating, dtype=pl.String),
        pl.col("members", "n_ldtt", "n_cstdcs").fill_null(0),
    )
    dept = pl.col("kind") == "department"
    ttldtt = (
        dept
        & (pl.col("members") > 0)
        & (2 * pl.col("n_ldtt") > pl.col("members"))
        & (pl.col("worst_sev").fill_null(0) < 2)
        & pl.col("rating").is_in(["HTXSNV", "HTTNV"])
        & (u[0] > 0.01)
    )
    cy = cy.with_columns(ttldtt.alias("ttldtt"))
    eligible_xs = (
        pl.col("ttldtt")
        & (pl.col("rating") == "HTXSNV")
        & (pl.col("worst_rank") >= 2)
        & (10 * pl.col("n_ldtt") >= 7 * pl.col("members"))
        & (pl.col("n_cstdcs") >= 1)
    )
    uy_share = cy.select("unit_code", "year").unique().sort("unit_code", "year")
    uy_share = uy_share.with_columns(
        pl.Series("xs_share", rng.uniform(*p.ttldxs_share, uy_share.height))
    )
    by = ["unit_code", "year"]
    k = (pl.col("ttldtt").sum().over(by) * pl.col("xs_share")).round().cast(pl.Int64)
    rank = pl.when(eligible_xs).then(u[1]).rank("ordinal").over(by)
    cy = left(cy, uy_share, by).with_columns(
        (eligible_xs & (rank <= k)).fill_null(False).alias("ttldxs")
    )
    return cy.with_columns(
        (pl.col("ttldxs") & (u[2] < 0.05)).alias("co_td_bo"),
        (dept & (u[3] < 0.08)).alias("bk_bo"),
        (pl.col("ttldtt") & (u[4] < 0.15)).alias("giay_khen"),
    ).drop("xs_share", "members", "n_ldtt", "n_cstdcs", "worst_rank", "worst_sev", "^_u.$")


def unit_years(units: pl.DataFrame, years: list[int], *, seed: int, chunk: int) -> pl.DataFrame:
    rng = rng_for(seed, chunk, "units")
    uy = (
        units.select("unit_code", "cluster_code")
        .join(pl.DataFrame({"year": years}, schema={"year": pl.Int32}), how="cross")
        .sort("unit_code", "year")
    )
    n = uy.height
    rating = categorical(rng, n, RATINGS, UNIT_P)
    u = [pl.Series(rng.random(n)) for _ in range(4)]
    hx = pl.col("rating") == "HTXSNV"
    rng.beta(6.0, 2.0, n)  # the former yearly quality: drawn still, so later draws do not shift
    quality = unit_strength(units, years, seed=seed, chunk=chunk)
    return left(
        uy.with_columns(pl.Series("rating", rating, dtype=pl.String)),
        quality,
        ["unit_code", "year"],
    ).with_columns(
        (u[0] < 0.12).alias("bk_bo"),
        (hx & (u[1] < 0.02)).alias("bk_ttg"),
        (hx & (u[2] < 0.005)).alias("hc_ld_3"),
        (hx & (u[3] < 0.01)).alias("co_td_cp"),
        pl.lit(False).alias("co_td_bo"),
    )
