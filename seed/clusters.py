"""Cluster-years: registered targets, leader and deputies in rotation, year-end scores.

- targets: seed 002's registered set (7 indicators) for every cluster and year.
- cluster_roles: 1 leader + 1 deputy (2 for clusters of 7 or more) per cluster and year.
- scores: 4–5 criteria per unit and year (self and final points), except the cluster-years in
  `skip`; the unit with the most final points is the one given the Cờ thi đua (CO_TD_BO).
"""

from __future__ import annotations

import numpy as np
import polars as pl

from seed.draws import rng_for

# Seed 002 (Trường Chính trị tỉnh Phú Thọ, 2022): indicator, min_pct, max_pct.
SEED_002_TARGETS: tuple[tuple[str, float | None, float | None], ...] = (
    ("LDTT_RATE", 90.0, None),
    ("CSTDCS_OF_LDTT", 10.0, 15.0),
    ("TTLDXS_OF_TTLDTT", 15.0, 20.0),
    ("HIGHER_AWARD_RATE", 5.0, None),
    ("PARTY_CELL_HTTNV_PLUS_RATE", 100.0, None),
    ("PARTY_CELL_HTXSNV_RATE", 20.0, None),
    ("MASS_ORG_STRONG_RATE", 100.0, None),
)

CRITERIA: dict[str, tuple[tuple[str, float], ...]] = {
    "school": (
        ("Thực hiện nhiệm vụ đào tạo, bồi dưỡng cán bộ", 30.0),
        ("Nghiên cứu khoa học, tổng kết thực tiễn", 20.0),
        ("Xây dựng Đảng, đoàn thể và cơ quan", 20.0),
        ("Công tác thi đua, khen thưởng", 15.0),
        ("Tham gia hoạt động của cụm thi đua", 15.0),
    ),
    "office": (
        ("Thực hiện nhiệm vụ chuyên môn được giao", 40.0),
        ("Thực hiện giao ước thi đua", 20.0),
        ("Xây dựng Đảng, đoàn thể", 15.0),
        ("Công tác thi đua, khen thưởng", 15.0),
        ("Tham gia hoạt động của khối thi đua", 10.0),
    ),
    "military": (
        ("Thực hiện nhiệm vụ chính trị trung tâm", 35.0),
        ("Xây dựng chính quy, rèn luyện kỷ luật", 25.0),
        ("Xây dựng Đảng bộ, cơ quan vững mạnh toàn diện", 20.0),
        ("Phong trào thi đua Quyết thắng", 20.0),
    ),
}
SCORE_NOISE_SD = 0.008  # of a criterion's maximum
TARGET_SCHEMA = {
    "year": pl.Int32,
    "scope_kind": pl.String,
    "scope_code": pl.String,
    "indicator": pl.String,
    "min_pct": pl.Float64,
    "max_pct": pl.Float64,
}


def target_rows(
    scope_kind: str,
    codes: list[str],
    years: list[int],
    targets: tuple[tuple[str, float | None, float | None], ...] = SEED_002_TARGETS,
) -> pl.DataFrame:
    t = pl.DataFrame(list(targets), schema=["indicator", "min_pct", "max_pct"], orient="row")
    scope = pl.DataFrame({"scope_code": codes}).join(pl.DataFrame({"year": years}), how="cross")
    return (
        scope.join(t, how="cross")
        .with_columns(pl.lit(scope_kind).alias("scope_kind"))
        .select(list(TARGET_SCHEMA))
        .cast(TARGET_SCHEMA)  # type: ignore[arg-type]
    )


def roles(units: pl.DataFrame, years: list[int], anchors: pl.DataFrame) -> pl.DataFrame:
    """Leader and deputies rotate through the members in unit order, one step a year.
    `anchors`: cluster_code, anchor_year, anchor_unit (that unit leads in that year); clusters
    without an anchor start with their first member in the first year."""
    members = units.select(
        "cluster_code",
        "unit_code",
        pl.int_range(pl.len()).over("cluster_code").alias("pos"),
        pl.len().over("cluster_code").alias("n"),
    )
    anchor = members.join(
        anchors,
        left_on=["cluster_code", "unit_code"],
        right_on=["cluster_code", "anchor_unit"],
        how="inner",
    ).select("cluster_code", "anchor_year", pl.col("pos").alias("anchor_pos"))
    step = (
        pl.col("pos")
        - pl.col("anchor_pos").fill_null(0)
        - (pl.col("year") - pl.col("anchor_year").fill_null(years[0]))
    ) % pl.col("n")
    deputies = pl.when(pl.col("n") >= 7).then(2).otherwise(1)
    return (
        members.join(pl.DataFrame({"year": years}, schema={"year": pl.Int32}), how="cross")
        .join(anchor, on="cluster_code", how="left")
        .with_columns(step.alias("step"))
        .filter(pl.col("step") <= deputies)
        .select(
            "year",
            "cluster_code",
            "unit_code",
            pl.when(pl.col("step") == 0)
            .then(pl.lit("leader"))
            .otherwise(pl.lit("deputy"))
            .alias("role"),
        )
        .sort("year", "cluster_code", "unit_code")
    )


def scores(
    uy: pl.DataFrame, criteria_of: pl.DataFrame, skip: pl.DataFrame, *, seed: int, chunk: int
) -> pl.DataFrame:
    """year, unit_code, criterion, max_points, self_points, final_points (half-point steps).
    `criteria_of`: cluster_code, criteria; `skip`: cluster_code, year pairs without scores."""
    crit = pl.DataFrame(
        [(k, c, m) for k, rows in CRITERIA.items() for c, m in rows],
        schema=["criteria", "criterion", "max_points"],
        orient="row",
    )
    rows = (
        uy.select("unit_code", "cluster_code", "year", "quality")
        .join(skip, on=["cluster_code", "year"], how="anti")
        .join(criteria_of, on="cluster_code", how="left")
        .join(crit, on="criteria", how="inner")
        .sort("unit_code", "year", "criterion")
    )
    rng = rng_for(seed, chunk, "scores")
    n = rows.height
    m = pl.col("max_points")
    half = 2.0  # points are given in half-point steps
    # Cluster scores sit high (≈ 80–98 % of the maximum); quality spreads the members, and the
    # marking noise is small beside the gaps between members, so ranks persist year to year.
    share = 0.78 + 0.2 * pl.col("quality") + pl.Series(rng.normal(0, SCORE_NOISE_SD, n))
    final = (share.clip(0.6, 1.0) * m * half).round() / half
    extra = (pl.Series(np.abs(rng.normal(0, 0.03, n))) * m * half).round() / half
    return rows.with_columns(final.alias("final_points")).select(
        "year",
        "unit_code",
        "cluster_code",
        "criterion",
        "max_points",
        pl.min_horizontal(m, pl.col("final_points") + extra).alias("self_points"),
        "final_points",
    )


def flag_winners(uy: pl.DataFrame, sc: pl.DataFrame) -> pl.DataFrame:
    """CO_TD_BO to the unit with the most final points in each scored cluster-year (ties: the
    first unit code), else to the unit of the best quality."""
    totals = sc.group_by("cluster_code", "year", "unit_code").agg(
        pl.col("final_points").sum().alias("pts")
    )
    ranked = uy.join(
        totals, on=["cluster_code", "year", "unit_code"], how="left", maintain_order="left"
    ).with_columns(pl.coalesce("pts", pl.col("quality") - 1e6).alias("_key"))
    top = (
        ranked.sort(
            ["cluster_code", "year", "_key", "unit_code"], descending=[False, False, True, False]
        )
        .group_by("cluster_code", "year", maintain_order=True)
        .first()
        .select("unit_code", "year", pl.lit(True).alias("_win"))
    )
    return (
        uy.join(top, on=["unit_code", "year"], how="left", maintain_order="left")
        .with_columns(pl.col("_win").fill_null(False).alias("co_td_bo"))
        .drop("_win")
    )
