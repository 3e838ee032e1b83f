"""The projector's slides: the year's highlights for a cluster, and the pooled trend lines of
the headline indicators."""

from __future__ import annotations

import polars as pl

from dashboard.formatting import fmt_int, fmt_pct
from dashboard.i18n import t

HEADLINE: tuple[str, ...] = ("LDTT_RATE", "CSTDCS_OF_LDTT", "TTLDXS_OF_TTLDTT", "HIGHER_AWARD_RATE")


def highlights(
    counts: pl.DataFrame,
    ind: pl.DataFrame,
    ranking: pl.DataFrame,
    *,
    year: int,
    cluster: str,
    lang: str,
) -> list[dict[str, str]]:
    """Big-number cards for the year: staff, the pooled LĐTT rate, persons with CSTĐCS or
    higher, units with every target met, the leading unit and the unit that rose most.
    Each card: key, label, value (text). A figure the data cannot give is left out, never 0."""
    c = counts.filter(pl.col("year") == year, pl.col("cluster_code") == cluster)
    pooled = ind.filter(
        pl.col("year") == year, pl.col("cluster_code") == cluster, pl.col("unit_code").is_null()
    )
    units = ind.filter(
        pl.col("year") == year,
        pl.col("cluster_code") == cluster,
        pl.col("unit_code").is_not_null(),
        pl.col("status").is_in(["met", "below", "above", "no_data"]),
    )
    per_unit = units.group_by("unit_code").agg(all_met=(pl.col("status") == "met").all())
    rk = ranking.filter(
        pl.col("year") == year, pl.col("cluster_code") == cluster, pl.col("rank").is_not_null()
    )
    cards: list[dict[str, str]] = []
    if c.height:
        cards.append({"key": "staff", "value": fmt_int(c["staff"].sum(), lang)})
    ldtt = pooled.filter(pl.col("indicator") == "LDTT_RATE")["value_pct"]
    if ldtt.len() and ldtt[0] is not None:
        cards.append({"key": "ldtt", "value": fmt_pct(ldtt[0], lang)})
    cstdcs = c["persons_cstdcs_plus"] if "persons_cstdcs_plus" in c.columns else pl.Series([])
    if cstdcs.drop_nulls().len():
        cards.append({"key": "cstdcs", "value": fmt_int(cstdcs.sum(), lang)})
    if per_unit.height:
        n_all = int(per_unit["all_met"].sum())
        cards.append({"key": "all_met", "value": f"{n_all}/{per_unit.height}"})
    if rk.height:
        top = rk.sort("rank", "unit_name").row(0, named=True)
        cards.append({"key": "leader", "value": str(top["unit_name"])})
        risers = rk.filter(pl.col("rank_change") > 0).sort(
            "rank_change", "rank", descending=[True, False]
        )
        if risers.height:
            r = risers.row(0, named=True)
            cards.append({"key": "riser", "value": f"{r['unit_name']} (▲ {r['rank_change']})"})
    for card in cards:
        card["label"] = t(f"projector.hl.{card['key']}", lang, year=year)
    return cards


def headline_trends(trends: pl.DataFrame, *, cluster: str, series: str) -> pl.DataFrame:
    """The cluster's pooled line of each headline indicator, shaped for `charts.trend_chart`
    (the only line, so drawn solid in the first colour)."""
    order = pl.DataFrame({"indicator": list(HEADLINE)}).with_row_index("_o")
    return (
        trends.filter(
            pl.col("cluster_code") == cluster,
            pl.col("unit_code").is_null(),
            pl.col("indicator").is_in(HEADLINE),
        )
        .join(order, on="indicator")
        .sort("_o", "year")
        .select("indicator", "year", "value_pct", series=pl.lit(series), pooled=pl.lit(False))
    )
