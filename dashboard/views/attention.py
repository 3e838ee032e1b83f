""" "Cần chú ý": what a leader must act on first — every unit × target missed, with the gap in
percentage points, and every legal cap overrun, with the head-count over the cap.

Pure functions on the engine's frames (indicators with targets, quotas); pages format them.
"""

from __future__ import annotations

import polars as pl

from dashboard import vocabulary
from dashboard.i18n import label_expr, t
from dashboard.l10n import locale

SCHEMA: dict[str, pl.DataType] = {
    "kind": pl.String,  # "cap" (a legal cap overrun) | "target" (a target missed)
    "unit_code": pl.String,
    "code": pl.String,  # the indicator or the cap rule
    "status": pl.String,  # below | above (targets), over (caps)
    "value": pl.Float64,  # the value in percent (targets) or the titles used (caps)
    "target_min": pl.Float64,
    "target_max": pl.Float64,
    "allowed": pl.Int64,  # caps only
    "gap": pl.Float64,  # points outside the target, or titles over the cap
}


def target_misses(
    ind: pl.DataFrame, *, year: int, cluster: str, unit: str | None = None
) -> pl.DataFrame:
    """Unit × target rows below the minimum or above the maximum, with `gap` the distance to the
    nearest bound in percentage points (always positive)."""
    rows = ind.filter(
        pl.col("year") == year,
        pl.col("cluster_code") == cluster,
        pl.col("unit_code").is_not_null(),
        pl.col("status").is_in(["below", "above"]),
    )
    if unit:
        rows = rows.filter(pl.col("unit_code") == unit)
    gap = (
        pl.when(pl.col("status") == "below")
        .then(pl.col("target_min") - pl.col("value_pct"))
        .otherwise(pl.col("value_pct") - pl.col("target_max"))
    )
    return rows.select(
        kind=pl.lit("target"),
        unit_code=pl.col("unit_code").cast(pl.String),
        code=pl.col("indicator").cast(pl.String),
        status=pl.col("status").cast(pl.String),
        value=pl.col("value_pct").cast(pl.Float64),
        target_min=pl.col("target_min").cast(pl.Float64),
        target_max=pl.col("target_max").cast(pl.Float64),
        allowed=pl.lit(None, pl.Int64),
        gap=gap.cast(pl.Float64),
    )


def cap_overruns(
    quotas: pl.DataFrame, *, year: int, cluster: str, unit: str | None = None
) -> pl.DataFrame:
    """Quota rows over their cap: `value` the titles used, `gap` = used − allowed persons."""
    rows = quotas.filter(
        pl.col("year") == year, pl.col("cluster_code") == cluster, pl.col("status") == "over"
    )
    if unit:
        rows = rows.filter(pl.col("unit_code") == unit)
    return rows.select(
        kind=pl.lit("cap"),
        unit_code=pl.col("unit_code").cast(pl.String),
        code=pl.col("rule").cast(pl.String),
        status=pl.lit("over"),
        value=pl.col("used").cast(pl.Float64),
        target_min=pl.lit(None, pl.Float64),
        target_max=pl.col("cap_pct").cast(pl.Float64),
        allowed=pl.col("allowed").cast(pl.Int64),
        gap=(pl.col("used") - pl.col("allowed")).cast(pl.Float64),
    )


def attention(
    ind: pl.DataFrame, quotas: pl.DataFrame, *, year: int, cluster: str, unit: str | None = None
) -> pl.DataFrame:
    """Every miss of the scope, worst first: cap overruns (a legal breach) before target misses,
    each kind by its gap, largest first; ties by unit and code so the order is stable."""
    parts = [
        cap_overruns(quotas, year=year, cluster=cluster, unit=unit).select(list(SCHEMA)),
        target_misses(ind, year=year, cluster=cluster, unit=unit).select(list(SCHEMA)),
    ]
    out = pl.concat([p.cast(SCHEMA) for p in parts], how="vertical")  # type: ignore[arg-type]
    return out.sort(
        pl.col("kind") == "target",
        pl.col("gap"),
        "unit_code",
        "code",
        descending=[False, True, False, False],
    )


def attention_table(
    rows: pl.DataFrame, names: pl.DataFrame, *, lang: str, profile: str = "civil"
) -> pl.DataFrame:
    """The list as shown: unit (short name), what is missed, the value against its target, and
    the gap in words ("thiếu 2,8 đ.p.", "vượt hạn mức 2 người"). `names`: unit_code, short_name."""
    loc = locale(lang)
    ind_name = vocabulary.label_expr(pl.col("code"), "indicator_short", lang, profile)
    rule_name = vocabulary.label_expr(pl.col("code"), "rule", lang, profile)
    target = (
        pl.when(pl.col("target_min").is_not_null() & pl.col("target_max").is_not_null())
        .then(
            pl.concat_str(
                loc.pct_expr(pl.col("target_min")),
                pl.lit(" – "),
                loc.pct_expr(pl.col("target_max")),
            )
        )
        .when(pl.col("target_min").is_not_null())
        .then(pl.concat_str(pl.lit("≥ "), loc.pct_expr(pl.col("target_min"))))
        .otherwise(pl.concat_str(pl.lit("≤ "), loc.pct_expr(pl.col("target_max"))))
    )
    is_cap = pl.col("kind") == "cap"
    return (
        rows.join(names.select("unit_code", "short_name"), on="unit_code", how="left")
        .with_columns(
            unit=pl.coalesce("short_name", "unit_code"),
            what=pl.when(is_cap).then(rule_name).otherwise(ind_name),
            value_text=pl.when(is_cap)
            .then(
                loc.t_expr(
                    "attention.used_allowed",
                    used=loc.integer_expr(pl.col("value")),
                    allowed=loc.integer_expr(pl.col("allowed")),
                )
            )
            .otherwise(loc.pct_expr(pl.col("value"))),
            target_text=pl.when(is_cap)
            .then(pl.concat_str(pl.lit("≤ "), loc.pct_expr(pl.col("target_max"))))
            .otherwise(target),
            gap_text=pl.when(is_cap)
            .then(loc.t_expr("attention.over_people", n=loc.integer_expr(pl.col("gap"))))
            .when(pl.col("status") == "below")
            .then(loc.t_expr("attention.short_by", pp=loc.num_expr(pl.col("gap"), 1)))
            .otherwise(loc.t_expr("attention.over_by", pp=loc.num_expr(pl.col("gap"), 1))),
        )
        .select(
            attention_unit="unit",
            attention_what="what",
            attention_gap="gap_text",
            attention_value="value_text",
            attention_target="target_text",
            # a cap overrun is coloured as "above" (over a ceiling)
            status=pl.col("status").replace("over", "above"),
            unit_code="unit_code",
            code="code",
        )
    )


def attention_file(
    rows: pl.DataFrame, names: pl.DataFrame, *, lang: str, profile: str = "civil"
) -> pl.DataFrame:
    """The list as a file: the same rows as `attention_table`, every figure a number (it sorts
    and sums) with its unit beside it, the status a column of its own — never "thiếu 33,3 đ.p."
    as text. A target miss's value, bounds and gap are percent and percentage points; a cap
    overrun's value is titles used, its gap people over."""
    is_cap = pl.col("kind") == "cap"
    ind_name = vocabulary.label_expr(pl.col("code"), "indicator_short", lang, profile)
    rule_name = vocabulary.label_expr(pl.col("code"), "rule", lang, profile)
    status = pl.col("status").replace("over", "above")
    return rows.join(names.select("unit_code", "short_name"), on="unit_code", how="left").select(
        attention_unit=pl.coalesce("short_name", "unit_code"),
        unit_code="unit_code",
        attention_what=pl.when(is_cap).then(rule_name).otherwise(ind_name),
        code="code",
        attention_status=label_expr(status, "status", lang),
        attention_gap_num=pl.col("gap"),
        attention_gap_unit=pl.when(is_cap)
        .then(pl.lit(t("attention.unit_people", lang)))
        .otherwise(pl.lit(t("attention.unit_pp", lang))),
        attention_value_num=pl.col("value"),
        attention_allowed=pl.col("allowed"),
        target_min=pl.when(is_cap).then(None).otherwise(pl.col("target_min")),
        target_max=pl.col("target_max"),
    )
