"""A unit's history through mergers, splits and renames (contract 0.3.0): for a year before a
change took effect, a merged unit's figures are its predecessors' pooled (Σ numerators ÷ Σ
denominators, itself included where it existed); a split or renamed unit's are its parent's.

Who the sources are is `dashboard.organisation.history_sources`; this module turns them into
indicator rows the trends, the KPI cards' change against last year and the change table use.
`pooled_from` names the codes that had figures that year, sorted and `;`-separated.
"""

from __future__ import annotations

import polars as pl

from dashboard import organisation as org
from dashboard.indicators import indicators
from data_access.readers import Dataset

LABEL = "pooled_from"


def contributing(counts: pl.DataFrame, sources: pl.DataFrame) -> pl.DataFrame:
    """`sources` rows whose source had counts that year, for units whose history is not only
    their own (a unit whose predecessors had no figures keeps its own row)."""
    have = counts.select(pl.col("year").cast(pl.Int16), pl.col("unit_code").cast(pl.String))
    got = sources.with_columns(pl.col("year").cast(pl.Int16)).join(
        have.unique(), left_on=["year", "source_code"], right_on=["year", "unit_code"], how="semi"
    )
    others = got.filter(pl.col("source_code") != pl.col("unit_code")).select("unit_code", "year")
    return got.join(others.unique(), on=["unit_code", "year"], how="semi")


def pooled_counts(counts: pl.DataFrame, sources: pl.DataFrame) -> pl.DataFrame:
    """Counts rows of the sources, each labelled with the unit it stands for in `cluster_code`
    (organisation.pooled_history), of the contributing sources only."""
    return org.pooled_history(counts, contributing(counts, sources))


def pooled_indicators(counts: pl.DataFrame, sources: pl.DataFrame) -> pl.DataFrame:
    """Indicator rows standing for a unit's years before its change: year, cluster_code (the
    cluster of the unit itself that year, else of its first source), unit_code, indicator,
    numerator, denominator, value_pct, pooled_from."""
    src = contributing(counts, sources)
    schema = {
        "year": pl.Int16,
        "cluster_code": pl.String,
        "unit_code": pl.String,
        "indicator": pl.String,
        "numerator": pl.Int64,
        "denominator": pl.Int64,
        "value_pct": pl.Float64,
        LABEL: pl.String,
    }
    if src.is_empty():
        return pl.DataFrame(schema=schema)
    label = src.group_by("unit_code", "year").agg(
        pl.col("source_code").sort().str.join(";").alias(LABEL)
    )
    c = counts.with_columns(
        pl.col("year").cast(pl.Int16), pl.col("unit_code", "cluster_code").cast(pl.String)
    )
    home = (
        src.join(c.select("year", "unit_code", "cluster_code"), left_on=["year", "source_code"],
                 right_on=["year", "unit_code"])
        .sort("year", pl.col("source_code") != pl.col("unit_code"), "source_code")
        .group_by("unit_code", "year", maintain_order=True)
        .agg(pl.col("cluster_code").first())
    )  # fmt: skip
    pooled = (
        indicators(org.pooled_history(c, src))
        .filter(pl.col("unit_code").is_null())
        .select(
            "year",
            pl.col("cluster_code").alias("unit_code"),
            "indicator",
            "numerator",
            "denominator",
            "value_pct",
        )
    )
    return (
        pooled.join(home, on=["unit_code", "year"], how="left")
        .join(label, on=["unit_code", "year"], how="left")
        .select(list(schema))
        .cast(schema)  # type: ignore[arg-type]
    )


def with_history(ind: pl.DataFrame, counts: pl.DataFrame, ds: Dataset) -> pl.DataFrame:
    """`ind` (indicator rows of `counts`) with each unit's rows of a year before its change
    replaced by its sources pooled, and a `pooled_from` column (null on every other row). A
    cluster's pooled rows are left as they were: they are that year's members."""
    years = counts["year"].unique().to_list()
    pooled = pooled_indicators(counts, org.history_sources(ds, years))
    base = ind.with_columns(pl.lit(None, pl.String).alias(LABEL))
    if pooled.is_empty():
        return base
    base = base.with_columns(pl.col("year").cast(pl.Int16), pl.col("unit_code").cast(pl.String))
    kept = base.join(pooled.select("year", "unit_code"), on=["year", "unit_code"], how="anti")
    return pl.concat([kept, pooled], how="diagonal_relaxed").sort(
        "year", "cluster_code", "unit_code", nulls_last=False
    )
