"""The review page (bình xét): candidates, holders to check, quota rows, streak candidates and
the budget by award, in the interface language and in the words of the scope's unit profile
(`profile`: a military scope's TTLDXS is "Đơn vị quyết thắng", its LĐTT criteria CSTT's)."""

from __future__ import annotations

import polars as pl

from dashboard import vocabulary
from dashboard.i18n import label_expr
from dashboard.l10n import locale
from dashboard.names import short_names
from data_access.catalog import load_catalog


def in_scope(frame: pl.DataFrame, *, cluster: str, unit: str | None) -> pl.DataFrame:
    """Rows of the cluster, or of one unit when a unit is chosen."""
    out = frame.filter(pl.col("cluster_code") == cluster)
    return out.filter(pl.col("unit_code") == unit) if unit else out


def _reason(frame: pl.DataFrame, lang: str) -> pl.Expr:
    col = locale(lang).column("reason")
    return pl.col(col if col in frame.columns else "reason").alias("reason")


def _verdict_rows(elig: pl.DataFrame, cond: pl.Expr, lang: str, profile: str) -> pl.DataFrame:
    return elig.filter(cond).select(
        "unit_code",
        label_expr(pl.col("subject_kind"), "subject_kind", lang).alias("subject_kind"),
        "subject_name",
        vocabulary.label_expr(pl.col("award_code"), "award", lang, profile).alias("award_name"),
        _reason(elig, lang),
    )


def candidates(elig: pl.DataFrame, *, lang: str, profile: str = "civil") -> pl.DataFrame:
    """Who meets the criteria of a title they do not hold yet (the engine's order is kept:
    units, then people the Vietnamese way, then departments)."""
    return _verdict_rows(elig, pl.col("eligible") & ~pl.col("awarded"), lang, profile)


def to_check(elig: pl.DataFrame, *, lang: str, profile: str = "civil") -> pl.DataFrame:
    """Who holds a title without meeting its criteria, with the reason in words."""
    return _verdict_rows(elig, ~pl.col("eligible") & pl.col("awarded"), lang, profile)


def with_unit_names(frame: pl.DataFrame, units: pl.DataFrame) -> pl.DataFrame:
    """`frame` with the unit's short name (`dashboard.names`) as its first column, `unit_name`,
    beside the code: review tables are read by name, "BN_TCT" alone says little."""
    names = short_names(units).select("unit_code", unit_name="short_name")
    out = (
        frame.drop("unit_name", strict=False)
        .with_columns(pl.col("unit_code").cast(pl.String))
        .join(names, on="unit_code", how="left", maintain_order="left")
    )
    return out.select("unit_name", *[c for c in out.columns if c != "unit_name"])


def quota_rows(
    quotas: pl.DataFrame, units: pl.DataFrame, *, lang: str, profile: str = "civil"
) -> pl.DataFrame:
    """Quota headroom for display, the answer first: unit_name (short), rule (short name),
    headroom ("còn 2 (đã dùng 4/6)"), status (by name), cap_pct, base_count, allowed, used,
    remaining and status__code (the colour: met within the quota, above over it). The rule's
    long text is the same on every row of a rule: it goes in `rule_notes`, once per rule."""
    loc = locale(lang)
    used = loc.integer_expr(pl.col("used"))
    allowed = loc.integer_expr(pl.col("allowed"))
    headroom = (
        pl.when(pl.col("remaining") < 0)
        .then(
            loc.t_expr(
                "quota.over", n=loc.integer_expr(-pl.col("remaining")), used=used, allowed=allowed
            )
        )
        .otherwise(
            loc.t_expr(
                "quota.headroom",
                n=loc.integer_expr(pl.col("remaining")),
                used=used,
                allowed=allowed,
            )
        )
    )
    return with_unit_names(quotas, units).select(
        "unit_name",
        vocabulary.label_expr(pl.col("rule"), "rule", lang, profile).alias("rule"),
        headroom.fill_null(pl.lit("—")).alias("headroom"),
        label_expr(pl.col("status"), "quota_status", lang).alias("status"),
        "cap_pct",
        "base_count",
        "allowed",
        "used",
        "remaining",
        # coloured as a target status: within the quota is "met", over it "above" a ceiling
        status__code=pl.col("status").replace_strict(
            {"ok": "met", "over": "above"}, default="no_data", return_dtype=pl.String
        ),
    )


def rule_notes(quotas: pl.DataFrame, *, lang: str, profile: str = "civil") -> list[str]:
    """One line per cap rule of the table: its short name, its text and its source."""
    source = "source_en" if lang == "en" and "source_en" in quotas.columns else "source"
    rules = quotas.select("rule", f"rule_text_{lang}", source).unique(maintain_order=True)
    return [
        f"{vocabulary.label('rule', r, lang, profile)}: {text} ({src})"
        for r, text, src in rules.iter_rows()  # two or three rules, not data rows
    ]


def streak_rows(streaks: pl.DataFrame, *, lang: str, profile: str = "civil") -> pl.DataFrame:
    """Streak candidates for display: unit_code, full_name, award_name, eligible, awarded,
    years (e.g. "2021, 2022, 2023") and the reason."""
    return streaks.select(
        "unit_code",
        "full_name",
        vocabulary.label_expr(pl.col("award_code"), "award", lang, profile).alias("award_name"),
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
