"""The overview page: KPI cards with the change against last year, the bullet chart's rows with
the legal cap lines, and the unit × target status matrix."""

from __future__ import annotations

import polars as pl

from dashboard import history, vocabulary
from dashboard.charts.layout import target_text
from dashboard.charts.palette import STATUS_BADGE, STATUS_ICONS, STATUS_ORDER
from dashboard.formatting import DASH, fmt_int, fmt_pct, fmt_pct_expr, fmt_pp
from dashboard.i18n import t
from dashboard.views.scope import scope_rows
from dashboard.vocabulary import term
from data_access.catalog import load_catalog

KPI_INDICATORS: tuple[str, ...] = ("LDTT_RATE", "CSTDCS_OF_LDTT", "TTLDXS_OF_TTLDTT")
KPIS: tuple[str, ...] = ("staff", *KPI_INDICATORS, "targets_met")
# Statuses of a target that is set (no_target rows do not count in "x of y targets met").
TARGET_SET = ("met", "below", "above", "no_data")


def kpis(
    counts: pl.DataFrame,
    ind: pl.DataFrame,
    *,
    year: int,
    cluster: str,
    unit: str | None,
    sources: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """One row per KPI card, in `KPIS` order: kpi, value, prev (last year), total, prev_total,
    target_min, target_max, status, prev_from (the codes pooled into `prev`, else null).

    staff is the sum of the scope's roster (or reported) staff; the three rates are the scope's
    indicator values (pooled for a cluster); targets_met counts the scope's targets met, with
    `total` the targets set. A year without data gives null, never 0. A unit is itself whatever
    cluster it was in last year; with `sources` (organisation.history_sources) a merged unit's
    last year is its predecessors pooled (Σ numerators ÷ Σ denominators), a split or renamed
    unit's its parent's.
    """
    years = [year, year - 1]
    c = counts.filter(pl.col("year").is_in(years))
    if unit:
        c = c.filter(pl.col("unit_code") == unit)
        scoped = ind.filter(pl.col("unit_code") == unit, pl.col("year").is_in(years))
    else:
        c = c.filter(pl.col("cluster_code") == cluster)
        scoped = scope_rows(ind, cluster=cluster, unit=None).filter(pl.col("year").is_in(years))
    prev_from = None
    if unit and sources is not None:
        src = sources.filter(pl.col("unit_code") == unit, pl.col("year") == year - 1)
        pooled = history.pooled_indicators(counts, src)
        if pooled.height:
            prev_from = pooled[history.LABEL][0]
            prev_counts = history.pooled_counts(counts, src).with_columns(
                pl.col("year").cast(c["year"].dtype)
            )
            c = pl.concat(
                [c.filter(pl.col("year") == year), prev_counts.select(c.columns)],
                how="vertical_relaxed",
            )
            # Last year's targets were the predecessors', not the unit's: no count to compare.
            scoped = pl.concat(
                [
                    scoped.filter(pl.col("year") == year),
                    pooled.select(
                        pl.col(col).cast(scoped[col].dtype)
                        for col in pooled.columns
                        if col in scoped.columns
                    ),
                ],
                how="diagonal_relaxed",
            )
    staff = c.group_by("year").agg(
        kpi=pl.lit("staff"),
        value=pl.col("staff").sum().cast(pl.Float64),
        total=pl.lit(None, pl.Int64),
    )
    rates = scoped.filter(pl.col("indicator").is_in(KPI_INDICATORS)).select(
        "year",
        kpi=pl.col("indicator"),
        value=pl.col("value_pct"),
        total=pl.lit(None, pl.Int64),
        **_target_cols(scoped),
    )
    met = (
        scoped.filter(pl.col("status").is_in(TARGET_SET))
        .group_by("year")
        .agg(
            kpi=pl.lit("targets_met"),
            value=(pl.col("status") == "met").sum().cast(pl.Float64),
            total=pl.len().cast(pl.Int64),
        )
    )
    cols = ["year", "kpi", "value", "total"]
    long = pl.concat(
        [staff.select(cols), rates.select(cols), met.select(cols)], how="vertical_relaxed"
    )
    targets = rates.filter(pl.col("year") == year).select(
        "kpi", "target_min", "target_max", "status"
    )
    now = long.filter(pl.col("year") == year).drop("year")
    prev = (
        long.filter(pl.col("year") == year - 1)
        .drop("year")
        .rename({"value": "prev", "total": "prev_total"})
    )
    order = pl.DataFrame({"kpi": list(KPIS)})
    return (
        order.join(now, on="kpi", how="left")
        .join(prev, on="kpi", how="left")
        .join(targets, on="kpi", how="left")
        .select("kpi", "value", "prev", "total", "prev_total", "target_min", "target_max", "status")
        .with_columns(
            prev_from=pl.when(pl.col("prev").is_not_null()).then(pl.lit(prev_from, pl.String))
        )
    )


def _target_cols(frame: pl.DataFrame) -> dict[str, pl.Expr]:
    """target_min, target_max and status of indicator rows (null when the frame has none)."""
    out = {}
    for col, dtype in (("target_min", pl.Float64), ("target_max", pl.Float64)):
        out[col] = pl.col(col).cast(dtype) if col in frame.columns else pl.lit(None, dtype)
    out["status"] = (
        pl.col("status").cast(pl.String) if "status" in frame.columns else pl.lit(None, pl.String)
    )
    return out


def cap_lines(*, year: int, profiles: list[str]) -> pl.DataFrame:
    """Legal caps that are a ceiling on an indicator (same numerator and base), for the bullet
    chart: indicator, cap_pct, rule. A cluster shows a cap only when it binds every member
    profile (a civil cap is not drawn over a military unit)."""
    cat = load_catalog()
    rows = []
    for code, d in cat.indicators.items():
        for rule in cat.rules:
            if rule.kind != "cap" or not profiles:
                continue
            if not all(rule.applies(year, p) for p in set(profiles)):
                continue
            if (rule.params.get("counted"),) == d.numerator and (
                rule.params.get("base"),
            ) == d.denominator:
                rows.append(
                    {"indicator": code, "cap_pct": float(rule.params["cap_pct"]), "rule": rule.code}
                )
    return pl.DataFrame(
        rows, schema={"indicator": pl.String, "cap_pct": pl.Float64, "rule": pl.String}
    )


def bullet_rows(
    ind: pl.DataFrame, caps: pl.DataFrame, *, year: int, cluster: str, unit: str | None
) -> pl.DataFrame:
    """The scope's indicators for the year with their targets, status and cap line: indicator,
    value_pct, target_min, target_max, status, cap_pct.

    Sorted by status (`STATUS_ORDER`: below and above first, then no data, met, no target),
    then in the catalogue's order. An indicator with neither a value nor a target says nothing
    (e.g. the monthly shares of a unit that records no monthly ratings showed "○ —") and is left
    out."""
    order = pl.DataFrame({"indicator": list(load_catalog().indicators)}).with_row_index("_o")
    rank = pl.DataFrame({"status": list(STATUS_ORDER)}).with_row_index("_s")
    rows = scope_rows(ind, cluster=cluster, unit=unit).filter(
        pl.col("year") == year,
        ~(pl.col("value_pct").is_null() & (pl.col("status").fill_null("no_target") == "no_target")),
    )
    return (
        rows.with_columns(pl.col("status").cast(pl.String))
        .join(caps.select("indicator", "cap_pct"), on="indicator", how="left")
        .join(order, on="indicator", how="left")
        .join(rank, on="status", how="left")
        .sort("_s", "_o", nulls_last=True)
        .select("indicator", "value_pct", "target_min", "target_max", "status", "cap_pct")
    )


def scope_bullet(
    counts: pl.DataFrame, ind: pl.DataFrame, *, year: int, cluster: str, unit: str | None
) -> pl.DataFrame:
    """`bullet_rows` with the cap lines that bind the scope's unit profiles that year."""
    c = counts.filter(pl.col("year") == year, pl.col("cluster_code") == cluster)
    if unit:
        c = c.filter(pl.col("unit_code") == unit)
    profiles = c["profile"].cast(pl.String).unique().to_list()
    caps = cap_lines(year=year, profiles=profiles)
    return bullet_rows(ind, caps, year=year, cluster=cluster, unit=unit)


def status_matrix(
    ind: pl.DataFrame, units: pl.DataFrame, *, year: int, cluster: str
) -> pl.DataFrame:
    """Long rows of every unit of the cluster × every indicator that has a target somewhere in
    the cluster that year: unit_code, unit_name, indicator, value_pct, status. Pages pivot it
    into the status table (colour and icon)."""
    rows = ind.filter(
        pl.col("year") == year, pl.col("cluster_code") == cluster, pl.col("unit_code").is_not_null()
    )
    targeted = rows.filter(pl.col("status") != "no_target")["indicator"].unique()
    names = units.select(pl.col("unit_code").cast(pl.String), "unit_name")
    order = pl.DataFrame({"indicator": list(load_catalog().indicators)}).with_row_index("_o")
    return (
        rows.filter(pl.col("indicator").is_in(targeted.implode()))
        .join(names, on="unit_code", how="left")
        .join(order, on="indicator", how="left")
        .sort("unit_code", "_o")
        .select("unit_code", "unit_name", "indicator", "value_pct", "status")
    )


def _signed_int(v: float | None, lang: str) -> str | None:
    if v is None:
        return None
    text = fmt_int(v, lang)
    return "+" + text if v > 0 else text


def kpi_cards(cards: pl.DataFrame, *, lang: str, profile: str = "civil") -> list[dict[str, object]]:
    """Text for each KPI card (label, value, delta, delta colour mode, help), from `kpis`.

    A rate's change is in percentage points; a change of exactly zero is the number 0 (grey,
    no arrow). Rates with a ceiling (CSTĐCS/LĐTT, TTLĐXS/TTLĐTT) do not colour their change:
    up is not better for them.
    """
    out = []
    for row in cards.to_dicts():  # five cards, not data rows
        kpi, value, prev = row["kpi"], row["value"], row["prev"]
        delta = None if value is None or prev is None else value - prev
        if kpi == "staff":
            shown, delta_text, color = fmt_int(value, lang), _signed_int(delta, lang), "off"
        elif kpi == "targets_met":
            shown = (
                DASH if value is None else f"{fmt_int(value, lang)}/{fmt_int(row['total'], lang)}"
            )
            delta_text, color = _signed_int(delta, lang), "normal"
        else:
            shown, color = fmt_pct(value, lang), "normal" if kpi == "LDTT_RATE" else "off"
            delta_text = None if delta is None else fmt_pp(delta, lang)
        status = row.get("status")
        has_target = row.get("target_min") is not None or row.get("target_max") is not None
        out.append(
            {
                "kpi": kpi,
                "label": term(f"kpi.{kpi}", lang, profile),
                "value": shown,
                "delta": 0 if delta == 0 else delta_text,
                "color": color,
                "help": term(f"kpi.{kpi}.help", lang, profile),
                # The target and its status, as a badge: colour and icon (never colour alone).
                "status": status,
                "badge": None
                if status is None or kpi not in KPI_INDICATORS
                else f"{STATUS_ICONS.get(status, '')} {t(f'status.{status}', lang)}",
                "target": t(
                    "kpi.target",
                    lang,
                    target=target_text(row.get("target_min"), row.get("target_max"), lang),
                )
                if has_target and kpi in KPI_INDICATORS
                else None,
                "badge_color": STATUS_BADGE.get(status or "", "gray"),
            }
        )
    return out


def status_wide(
    matrix: pl.DataFrame, *, lang: str, with_code: bool = False, profile: str = "civil"
) -> pl.DataFrame:
    """The status table: one row per unit, one column per indicator (short name) holding
    "icon value", plus a hidden "<column>__status" code column that colours it (and the
    unit_code last, `with_code`, for a selection to map back to)."""
    cells = matrix.with_columns(
        name=vocabulary.label_expr(pl.col("indicator"), "indicator_short", lang, profile),
        text=pl.concat_str(
            pl.col("status").fill_null("no_data").replace_strict(STATUS_ICONS, default=""),
            pl.lit(" "),
            fmt_pct_expr(pl.col("value_pct"), lang),
        ),
    )
    names = cells["name"].unique(maintain_order=True).to_list()
    text = cells.pivot(on="name", index=["unit_code", "unit_name"], values="text")
    codes = cells.pivot(on="name", index="unit_code", values="status").rename(
        {n: f"{n}__status" for n in names}
    )
    return text.join(codes, on="unit_code", how="left").select(
        "unit_name", *names, *(f"{n}__status" for n in names), *(["unit_code"] if with_code else [])
    )
