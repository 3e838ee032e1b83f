"""The review page (bình xét): candidates, holders to check, quota rows, streak candidates and
the budget by award, in the interface language."""

from __future__ import annotations

import polars as pl

from dashboard.i18n import label_expr
from dashboard.l10n import locale
from data_access.catalog import load_catalog


def in_scope(frame: pl.DataFrame, *, cluster: str, unit: str | None) -> pl.DataFrame:
    """Rows of the cluster, or of one unit when a unit is chosen."""
    out = frame.filter(pl.col("cluster_code") == cluster)
    return out.filter(pl.col("unit_code") == unit) if unit else out


def _reason(frame: pl.DataFrame, lang: str) -> pl.Expr:
    col = locale(lang).column("reason")
    return pl.col(col if col in frame.columns else "reason").alias("reason")


def _verdict_rows(elig: pl.DataFrame, cond: pl.Expr, lang: str) -> pl.DataFrame:
    return elig.filter(cond).select(
        "unit_code",
        label_expr(pl.col("subject_kind"), "subject_kind", lang).alias("subject_kind"),
        "subject_name",
        label_expr(pl.col("award_code"), "award", lang).alias("award_name"),
        _reason(elig, lang),
    )


def candidates(elig: pl.DataFrame, *, lang: str) -> pl.DataFrame:
    """Who meets the criteria of a title they do not hold yet (the engine's order is kept:
    units, then people the Vietnamese way, then departments)."""
    return _verdict_rows(elig, pl.col("eligible") & ~pl.col("awarded"), lang)


def to_check(elig: pl.DataFrame, *, lang: str) -> pl.DataFrame:
    """Who holds a title without meeting its criteria, with the reason in words."""
    return _verdict_rows(elig, ~pl.col("eligible") & pl.col("awarded"), lang)


def quota_rows(quotas: pl.DataFrame, units: pl.DataFrame, *, lang: str) -> pl.DataFrame:
    """Quota headroom for display: unit_name, rule (short name), rule_text, base_count,
    cap_pct, allowed, used, remaining, status (by name) and status__code."""
    names = units.select(pl.col("unit_code").cast(pl.String), "unit_name")
    return quotas.join(names, on="unit_code", how="left").select(
        "unit_name",
        label_expr(pl.col("rule"), "rule", lang).alias("rule"),
        pl.col(f"rule_text_{lang}").alias("rule_text"),
        "base_count",
        "cap_pct",
        "allowed",
        "used",
        "remaining",
        label_expr(pl.col("status"), "quota_status", lang).alias("status"),
        status__code=pl.col("status"),
    )


def streak_rows(streaks: pl.DataFrame, *, lang: str) -> pl.DataFrame:
    """Streak candidates for display: unit_code, full_name, award_name, eligible, awarded,
    years (e.g. "2021, 2022, 2023") and the reason."""
    return streaks.select(
        "unit_code",
        "full_name",
        label_expr(pl.col("award_code"), "award", lang).alias("award_name"),
        label_expr(pl.col("meets"), "bool", lang).alias("eligible"),
        label_expr(pl.col("holds"), "bool", lang).alias("awarded"),
        pl.col("years_counted")
        .list.eval(pl.element().cast(pl.String))
        .list.join(", ")
        .alias("years"),
        _reason(streaks, lang),
    )


def budget_by_award(budget: pl.DataFrame) -> pl.DataFrame:
    """award_code, count, multiple, amount_vnd summed over the scope's units, in the catalogue's
    order of awards."""
    order = {code: i for i, code in enumerate(load_catalog().awards)}
    return (
        budget.group_by("award_code")
        .agg(pl.col("count").sum(), pl.col("multiple").first(), pl.col("amount_vnd").sum())
        .sort(pl.col("award_code").replace_strict(order, default=len(order), return_dtype=pl.Int64))
    )
