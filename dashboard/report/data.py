"""What the meeting pack shows, for one cluster and year, as plain data (texts formatted in the
chosen language): ranking with rank change, targets by unit, highlights, trends of the headline
indicators, and the review lists (candidates, holders to check, quota headroom).

Every figure comes from the contract tables (`dashboard.tables.analytics_table`, which runs the
one composition of the engine in `dashboard.pipeline`), so the pack says what the app says.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from dashboard import pipeline, vocabulary
from dashboard.collation import vn_key
from dashboard.formatting import fmt_int, fmt_number, fmt_pct
from dashboard.i18n import label, t
from dashboard.indicators import value_pct
from dashboard.tables import analytics_table
from dashboard.views.projector import HEADLINE, highlights
from data_access.readers import Dataset

STATUSES = ("met", "below", "above", "no_data", "no_target")


def _change(change: int | None, prev: int | None, lang: str) -> str:
    if prev is None:
        return t("report.new", lang)
    if not change:
        return "="
    return f"▲ {change}" if change > 0 else f"▼ {-change}"


def _ranking(rk: pl.DataFrame, lang: str) -> list[dict]:
    rows = []
    for r in rk.sort("rank", vn_key(pl.col("unit_name")), nulls_last=True).iter_rows(named=True):
        points = r["final_points"]
        rows.append({
            "rank": "" if r["rank"] is None else str(r["rank"]),
            "unit": r["unit_name"] or r["unit_code"],
            "basis": label("basis", r["basis"], lang) if r["basis"] else "",
            "points": "" if points is None else fmt_number(points, lang, decimals=1),
            "targets": f"{r['targets_met'] or 0}/{r['targets_total'] or 0}",
            "prev": "" if r["rank_prev"] is None else str(r["rank_prev"]),
            "change": _change(r["rank_change"], r["rank_prev"], lang),
            "up": (r["rank_change"] or 0) > 0,
            "down": (r["rank_change"] or 0) < 0,
        })  # fmt: skip
    return rows


def _targets(ind: pl.DataFrame, rk: pl.DataFrame, lang: str, profile: str) -> dict:
    """Units (in rank order) × indicators that carry a target somewhere in the cluster."""
    units = ind.filter(pl.col("unit_code").is_not_null())
    with_target = units.filter(
        pl.col("target_min").is_not_null() | pl.col("target_max").is_not_null()
    )
    codes = [c for c in with_target["indicator"].unique(maintain_order=True).to_list()]
    order = rk.sort("rank", vn_key(pl.col("unit_name")), nulls_last=True)
    rows = []
    for u in order.iter_rows(named=True):
        mine = units.filter(pl.col("unit_code") == u["unit_code"])
        cells = []
        for code in codes:
            hit = mine.filter(pl.col("indicator") == code)
            if hit.height == 0:
                cells.append({"text": "", "status": "no_data"})
                continue
            r = hit.row(0, named=True)
            cells.append({"text": fmt_pct(r["value_pct"], lang) if r["value_pct"] is not None
                          else "—", "status": r["status"] or "no_data"})  # fmt: skip
        rows.append({"unit": u["unit_name"] or u["unit_code"], "cells": cells})
    heads = [vocabulary.label("indicator_short", c, lang, profile) for c in codes]
    return {"heads": heads, "rows": rows}


def _trends(tr: pl.DataFrame, lang: str, profile: str) -> list[dict]:
    pooled = tr.filter(pl.col("unit_code").is_null(), pl.col("indicator").is_in(HEADLINE))
    out = []
    for code in HEADLINE:
        s = pooled.filter(pl.col("indicator") == code, pl.col("value_pct").is_not_null())
        if s.height:
            pts = [[int(y), float(v)] for y, v in s.sort("year").select("year", "value_pct").rows()]
            out.append({"name": vocabulary.label("indicator_short", code, lang, profile),
                        "points": pts,
                        "last": fmt_pct(pts[-1][1], lang)})  # fmt: skip
    return out


def _verdicts(elig: pl.DataFrame, cond: pl.Expr) -> list[dict]:
    rows = elig.filter(cond)
    return [
        {"unit": r["unit_name"] or r["unit_code"], "subject": r["subject_name"] or "",
         "award": r["award_name"] or r["award_code"], "reason": r["reason"] or ""}
        for r in rows.iter_rows(named=True)
    ]  # fmt: skip


def _quotas(q: pl.DataFrame, lang: str) -> list[dict]:
    return [
        {"unit": r["unit_name"] or r["unit_code"], "rule": r["rule_name"] or r["rule"],
         "base": fmt_int(r["base_count"], lang), "cap": fmt_pct(r["cap_pct"], lang),
         "allowed": fmt_int(r["allowed"], lang), "used": fmt_int(r["used"], lang),
         "remaining": fmt_int(r["remaining"], lang),
         "status": label("quota_status", r["status"], lang) if r["status"] else "",
         "over": r["status"] == "over"}
        for r in q.iter_rows(named=True)
    ]  # fmt: skip


def report_data(
    ds: Dataset, *, year: int, cluster: str, lang: str = "vi", today: dt.date | None = None
) -> dict:
    """Everything report.typ prints, texts in `lang`. `ds` must hold every year up to `year`
    (trends) and the eligibility window."""
    day = today or dt.date.today()

    def table(name: str) -> pl.DataFrame:
        return analytics_table(name, ds, year=year, cluster=cluster, lang=lang)

    rk, ind, q, elig = (table(n) for n in ("rankings", "indicators", "quotas", "eligibility"))
    # the contract's files keep two decimals; a printed figure is rounded once, from the
    # engine's unrounded value (65/510 prints 12,7 %, not 12,75 → 12,8 %)
    ind = ind.with_columns(
        pl.when(pl.col("numerator").is_not_null())
        .then(value_pct(pl.col("numerator"), pl.col("denominator")))
        .otherwise(pl.col("value_pct"))
        .alias("value_pct")
    )
    tr = pipeline.table("trends", ds, year).filter(pl.col("cluster_code") == cluster)
    counts = pipeline.counts_for(ds, [year])
    # the cluster's words: a military block's pack says quân nhân, CSTT, ĐVQT/ĐVTT
    profile = vocabulary.scope_profile(ds.units, cluster=cluster, unit=None)
    cards = highlights(counts, ind, rk, year=year, cluster=cluster, lang=lang, profile=profile)
    name = ds.clusters.filter(pl.col("cluster_code").cast(pl.String) == cluster)["cluster_name"]
    texts = {
        k: t(f"report.{k}", lang)
        for k in (
            "title",
            "highlights",
            "ranking",
            "targets",
            "trends",
            "candidates",
            "to_check",
            "quotas",
            "none",
            "rank",
            "unit",
            "points",
            "targets_met",
            "prev",
            "change",
            "subject",
            "award",
            "reason",
            "rule",
            "base",
            "allowed",
            "used",
            "remaining",
            "status",
            "legend",
        )
    }
    texts["basis"] = t("col.basis", lang)
    texts["cap"] = t("col.cap_pct", lang)
    texts["subtitle"] = t("report.subtitle", lang, year=year, date=day.strftime(
        "%d/%m/%Y" if lang == "vi" else "%Y-%m-%d"))  # fmt: skip
    texts["page"] = t("files.page_of", lang, page="{page}", pages="{pages}")
    texts["status_names"] = {s: label("status", s, lang) for s in STATUSES}
    return {
        "lang": lang,
        "year": year,
        "cluster": name[0] if len(name) else cluster,
        "units": [r["unit_name"] or r["unit_code"] for r in rk.iter_rows(named=True)],
        "texts": texts,
        "highlights": [{"label": c["label"], "value": c["value"]} for c in cards],
        "ranking": _ranking(rk, lang),
        "targets": _targets(ind, rk, lang, profile),
        "trends": _trends(tr, lang, profile),
        "candidates": _verdicts(elig, pl.col("eligible") & ~pl.col("awarded")),
        "to_check": _verdicts(elig, ~pl.col("eligible") & pl.col("awarded")),
        "quotas": _quotas(q, lang),
    }
