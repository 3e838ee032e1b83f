"""Rankings: each cluster's members ranked for a year, and the change against the year before.

Per cluster: by the sum of final points when any member has a score that year (basis `score`;
members without one come last), otherwise by targets met, then mean attainment (basis
`targets`). Ties share the lowest rank ("min": 1, 2, 2, 4).

A year's members are that year's (contract 0.3.0: `ind`'s cluster_code comes from
organisation.membership). rank_prev is the rank in the same cluster the year before; rank change
is empty, with `rank_change_note` saying why, for a unit a merger, split or rename took effect on
that year (`unit_change`) or that came from another cluster (`cluster_change`).
"""

from __future__ import annotations

import polars as pl

from dashboard import organisation as org
from dashboard.schemas import engine_columns
from data_access.readers import Dataset

COLUMNS = list(engine_columns("rankings"))
# Attainments are means of ratios: round before comparing so equal standings tie exactly.
KEY_DECIMALS = 9


def _s(name: str) -> pl.Expr:
    return pl.col(name).cast(pl.String)


def _standing(ind: pl.LazyFrame, ds: Dataset, year: int) -> pl.LazyFrame:
    """One row per member of a cluster for `year` with its rank, basis and the ranking keys."""
    status = pl.col("status")
    per_unit = (
        ind.filter(
            pl.col("year") == year,
            pl.col("unit_code").is_not_null(),
            pl.col("cluster_code").is_not_null(),  # a unit in no cluster that year is not ranked
        )
        .group_by(_s("cluster_code"), _s("unit_code"))
        .agg(
            targets_met=(status == "met").sum().cast(pl.Int64),
            # The targets that apply: every status but no_target.
            targets_total=(status.is_not_null() & (status != "no_target")).sum().cast(pl.Int64),
            mean_attainment=pl.col("attainment").mean(),
        )
    )
    points = pl.col("final_points")
    scores = (
        ds.scores.lazy()
        .filter(pl.col("year") == year)
        .group_by(_s("unit_code"))
        # A sum over no entered final points is no score, not 0.
        .agg(final_points=pl.when(points.is_not_null().any()).then(points.sum()))
        .join(org.membership(ds, [year]).lazy().select("unit_code", "cluster_code"), on="unit_code")
    )
    members = pl.concat(
        [per_unit.select("cluster_code", "unit_code"), scores.select("cluster_code", "unit_code")]
    ).unique()
    by_points = pl.struct(points.fill_null(float("-inf")))
    by_targets = pl.struct(
        pl.col("targets_met"), pl.col("mean_attainment").round(KEY_DECIMALS).fill_null(-1.0)
    )
    return (
        members.join(per_unit, on=["cluster_code", "unit_code"], how="left")
        .join(scores.drop("cluster_code"), on="unit_code", how="left")
        .with_columns(
            pl.col("targets_met", "targets_total").fill_null(0),
            basis=pl.when(points.is_not_null().any().over("cluster_code"))
            .then(pl.lit("score"))
            .otherwise(pl.lit("targets")),
        )
        .with_columns(
            rank=pl.when(pl.col("basis") == "score")
            .then(by_points.rank("min", descending=True).over("cluster_code"))
            .otherwise(by_targets.rank("min", descending=True).over("cluster_code"))
            .cast(pl.Int64)
        )
    )


def rankings(ind_with_targets: pl.DataFrame, ds: Dataset, *, year: int) -> pl.DataFrame:
    """Each cluster's members ranked for `year`, with the rank of `year − 1` and the change.

    `ind_with_targets` is `with_targets(indicators(...), ...)`; give it `year − 1` too for
    rank_prev. Columns: year, cluster_code, unit_code, rank, basis (`score`/`targets`),
    final_points, targets_met, targets_total, rank_prev, rank_change (rank_prev − rank: positive
    = moved up), role (`leader`/`deputy`/null), mean_attainment, rank_change_note
    (`unit_change`/`cluster_change`/null: why rank_change is empty). Sorted by cluster, rank, unit.

    >>> ind = pl.DataFrame({"year": [2023] * 2, "cluster_code": ["C1"] * 2,
    ...                     "unit_code": ["U1", "U2"], "status": ["below", "met"],
    ...                     "attainment": [0.5, 1.0]})
    >>> rankings(ind, Dataset.empty(), year=2023).select("unit_code", "rank", "basis").rows()
    [('U2', 1, 'targets'), ('U1', 2, 'targets')]
    """
    ind = ind_with_targets.lazy()
    now = _standing(ind, ds, year)
    prev = _standing(ind, ds, year - 1).select("cluster_code", "unit_code", rank_prev="rank")
    roles = (
        ds.cluster_roles.lazy()
        .filter(pl.col("year") == year)
        .select(_s("cluster_code"), _s("unit_code"), _s("role"))
    )
    notes = org.rank_change_notes(ds, year).lazy()
    return (
        now.join(prev, on=["cluster_code", "unit_code"], how="left")
        .join(roles, on=["cluster_code", "unit_code"], how="left")
        .join(notes, on="unit_code", how="left")
        .with_columns(
            year=pl.lit(year, dtype=pl.Int16),
            final_points=pl.col("final_points").cast(pl.Float64),
            mean_attainment=pl.col("mean_attainment").cast(pl.Float64),
            # A unit changed this year: last year's rank was another body's, no change to show.
            rank_prev=pl.when(pl.col("rank_change_note") == "unit_change")
            .then(None)
            .otherwise(pl.col("rank_prev")),
        )
        .with_columns(rank_change=pl.col("rank_prev") - pl.col("rank"))
        .select(COLUMNS)
        .sort("cluster_code", "rank", "unit_code")
        .collect()
    )
