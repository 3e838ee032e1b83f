"""The annual summary report (báo cáo tổng kết công tác thi đua, khen thưởng) of a unit or a
cluster: every figure of the year from the tables the app shows — staff, ratings by level,
titles, higher awards by level, each target and cap against its result, the ranking and its
change, the change against last year (merged units against their predecessors, as the trends
table pools them), the early warnings of a year in progress — and the sections a person writes
(assessment, lessons, direction) as marked placeholders in the template."""

from __future__ import annotations

import datetime as dt

import polars as pl

from dashboard import pipeline, vocabulary
from dashboard.documents.render import header, render_docx
from dashboard.forms.compute import located_awards
from dashboard.i18n import label, t
from dashboard.indicators import value_pct
from dashboard.l10n import locale
from dashboard.organisation import members
from dashboard.tables import analytics_table
from dashboard.views import warnings as early
from dashboard.views.progress import in_progress_years
from data_access.catalog import load_catalog
from data_access.readers import Dataset

FORMATS = ("docx", "pdf")
RATINGS = (  # (label key, measure); HTNV is what is left of the rated persons
    ("HTXSNV", "persons_htxsnv"),
    ("HTTNV", "persons_httnv"),
    ("HTNV", None),
    ("KHTNV", "persons_khtnv"),
)


def _sum(frame: pl.DataFrame, measure: str) -> int | None:
    if measure not in frame.columns or frame[measure].drop_nulls().len() == 0:
        return None
    return int(frame[measure].sum())


def _share(n: int | None, base: int | None, lang: str) -> str:
    if n is None or not base:
        return "—"
    return locale(lang).pct(100.0 * n / base)


def _count(n: int | None, lang: str) -> str:
    return "—" if n is None else locale(lang).integer(n)


def summary_data(
    ds: Dataset,
    *,
    year: int,
    cluster: str | None = None,
    unit: str | None = None,
    lang: str = "vi",
    today: dt.date | None = None,
) -> dict:
    """The template's context: texts in `lang`, figures formatted. `ds` holds every year up to
    `year` (trends, streaks) and the awards of `year - 1` (the forms' period)."""
    if (cluster is None) == (unit is None):
        raise ValueError("summary: exactly one of cluster, unit")
    loc = locale(lang)
    profile = vocabulary.scope_profile(ds.units, cluster=cluster, unit=unit)
    if unit:
        names = ds.units.filter(pl.col("unit_code").cast(pl.String) == unit)["unit_name"]
        name = str(names[0]) if len(names) else unit
        scope_units = [unit]
    else:
        names = ds.clusters.filter(pl.col("cluster_code").cast(pl.String) == cluster)
        name = str(names["cluster_name"][0]) if names.height else str(cluster)
        scope_units = members(ds, year, str(cluster))
    counts = pipeline.counts_for(ds, [year]).filter(pl.col("unit_code").is_in(scope_units))
    staff = _sum(counts, "staff")
    rated = _sum(counts, "persons_rated")
    ratings = []
    for key, measure in RATINGS:
        if measure is None:
            plus, khtnv = _sum(counts, "persons_httnv_plus"), _sum(counts, "persons_khtnv")
            n = None if rated is None or plus is None else rated - plus - (khtnv or 0)
        else:
            n = _sum(counts, measure)
        ratings.append({"label": label("rating", key, lang) if key else key,
                        "count": _count(n, lang), "share": _share(n, rated, lang)})  # fmt: skip
    ldtt, cstdcs = _sum(counts, "persons_ldtt_plus"), _sum(counts, "persons_cstdcs_plus")
    deps = _sum(counts, "departments")
    ttldtt, ttldxs = (
        _sum(counts, "departments_ttldtt_plus"),
        _sum(counts, "departments_ttldxs_plus"),
    )

    def title(code: str, n: int | None, base: int | None) -> dict:
        words = t("documents.or_higher", lang, award=vocabulary.label("award", code, lang, profile))
        return {"label": words, "count": _count(n, lang), "share": _share(n, base, lang)}

    titles = [title("LDTT", ldtt, staff), title("CSTDCS", cstdcs, ldtt),
              title("TTLDTT", ttldtt, deps), title("TTLDXS", ttldxs, ttldtt)]  # fmt: skip
    # higher awards by level: the records of the forms' statistics period in the scope
    aw = located_awards(ds, year).filter(pl.col("unit_code").is_in(scope_units))
    cat = load_catalog()
    levels = {c: a.level for c, a in cat.awards.items()}
    aw = aw.with_columns(level=pl.col("award_code").replace_strict(levels, default=None))
    for level in ("bo_tinh", "nha_nuoc"):
        n = aw.filter(pl.col("level") == level).height
        titles.append({"label": t(f"documents.awards_{level}", lang), "count": _count(n, lang),
                       "share": ""})  # fmt: skip

    ind = analytics_table("indicators", ds, year=year, cluster=cluster, unit=unit, lang=lang)
    ind = ind.filter(pl.col("unit_code").is_null() if unit is None else pl.lit(True))
    tr = pipeline.table("trends", ds, year).filter(pl.col("year") == year)
    tr = tr.filter(
        (pl.col("unit_code") == unit)
        if unit
        else (pl.col("cluster_code") == cluster) & pl.col("unit_code").is_null()
    ).select("indicator", "value_pct", "delta_pp")
    ind = ind.join(tr.rename({"value_pct": "trend_value"}), on="indicator", how="left")
    indicators = []
    for r in ind.iter_rows(named=True):
        if r["numerator"] is None and r["value_pct"] is None and r["status"] == "no_target":
            continue  # nothing measured, nothing asked: not a line of the report
        value = (value_pct(pl.lit(r["numerator"]), pl.lit(r["denominator"])) if r["numerator"]
                 is not None else None)  # fmt: skip
        v = pl.select(value).item() if value is not None else r["value_pct"]
        lo, hi = r["target_min"], r["target_max"]
        target = (f"≥ {loc.pct(lo)}" if lo is not None else "") + (
            f"{' ; ' if lo is not None else ''}≤ {loc.pct(hi)}" if hi is not None else ""
        )
        prev = None if r["delta_pp"] is None or r["trend_value"] is None else (
            r["trend_value"] - r["delta_pp"])  # fmt: skip
        indicators.append({
            "label": r.get("indicator_name") or vocabulary.label("indicator", r["indicator"],
                                                                  lang, profile),
            "target": target or "—", "result": loc.pct(v),
            "prev": loc.pct(prev), "change": locale(lang).pp(r["delta_pp"]),
            "status": label("status", r["status"], lang) if r["status"] else "—",
        })  # fmt: skip
    q = analytics_table("quotas", ds, year=year, cluster=cluster, unit=unit, lang=lang)
    caps = [
        {"rule": (r["rule_name"] or r["rule"]) + ("" if unit else f" – {r['unit_name']}"),
         "allowed": _count(r["allowed"], lang), "used": _count(r["used"], lang),
         "remaining": (_count(r["remaining"], lang) if (r["remaining"] or 0) >= 0
                       else t("quota.over_by", lang, n=loc.integer(-r["remaining"])))}
        for r in q.iter_rows(named=True)
    ]  # fmt: skip
    rk = analytics_table("rankings", ds, year=year, cluster=cluster, unit=unit, lang=lang)
    ranking = _ranking_sentence(ds, rk, year=year, cluster=cluster, unit=unit, lang=lang)
    warned = []
    if year in in_progress_years([year], pipeline.counts_for(ds, [year])):
        w = early.in_scope(early.warnings(ds, year=year), cluster=cluster, unit=unit)
        if w.height:
            shown = early.warning_table(w, ds.units.select(
                "unit_code", pl.col("unit_name").alias("short_name")), lang=lang)  # fmt: skip
            warned = [f"{a}: {b} ({c})" for a, b, c in shown.iter_rows()]
        else:
            warned = [early.summary_text(w, lang=lang)]
    else:
        warned = [t("documents.year_closed", lang, year=year)]

    texts = {
        key: t(f"documents.{key}", lang)
        for key in ("kind", "part_results", "sec_staff", "sec_titles", "sec_targets", "sec_caps",
                    "sec_ranking", "sec_warnings", "part_assessment", "part_lessons",
                    "part_direction", "write_assessment", "write_lessons", "write_direction",
                    "col_item", "col_count", "col_share", "col_indicator", "col_target",
                    "col_result", "col_prev", "col_change", "col_status", "col_rule",
                    "col_allowed", "col_used", "col_remaining", "recipients", "signer_title",
                    "signer_note", "indicators_note")
    }  # fmt: skip
    texts["subject"] = t("documents.subject", lang, year=year)
    texts["intro"] = t("documents.intro", lang, name=name, year=year)
    texts["part_direction"] = t("documents.part_direction", lang, next=year + 1)
    staff_sentence = t("documents.staff_sentence", lang, staff=_count(staff, lang),
                       rated=_count(rated, lang), deps=_count(deps, lang))  # fmt: skip
    if not (q.height):
        caps = [{"rule": t("documents.no_caps", lang), "allowed": "", "used": "", "remaining": ""}]
    return {
        **header(issuing_body=name, lang=lang, today=today, kind="BC"),
        "t": texts,
        "name": name,
        "year": year,
        "staff_sentence": staff_sentence,
        "ratings": ratings,
        "titles": titles,
        "indicators": indicators,
        "caps": caps,
        "ranking_sentence": ranking,
        "warnings": warned,
        "recipients": [
            t("documents.recipient_above_summary", lang),
            t("documents.recipient_file", lang),
        ],
    }


def _ranking_sentence(
    ds: Dataset, rk: pl.DataFrame, *, year: int, cluster: str | None, unit: str | None, lang: str
) -> str:
    if unit:
        if rk.height == 0 or rk["rank"][0] is None:
            return t("documents.no_rank", lang)
        r = rk.row(0, named=True)
        total = len(members(ds, year, str(r["cluster_code"])))
        if r["rank_prev"] is None:
            change = t("documents.rank_new", lang)
        elif not r["rank_change"]:
            change = t("documents.rank_same", lang, prev=r["rank_prev"])
        else:
            key = "documents.rank_up" if r["rank_change"] > 0 else "documents.rank_down"
            change = t(key, lang, n=abs(r["rank_change"]), prev=r["rank_prev"])
        return t("documents.rank_unit", lang, rank=r["rank"], total=total,
                 cluster=r.get("cluster_name") or r["cluster_code"], change=change)  # fmt: skip
    ranked = rk.filter(pl.col("rank").is_not_null()).sort("rank")
    if ranked.height == 0:
        return t("documents.no_rank", lang)
    top = ", ".join(f"{r['rank']}. {r['unit_name']}" for r in ranked.head(3).iter_rows(named=True))
    risers = ranked.filter(pl.col("rank_change") > 0).sort("rank_change", descending=True)
    rise = (t("documents.rank_riser", lang, unit=risers["unit_name"][0],
              n=risers["rank_change"][0]) if risers.height else "")  # fmt: skip
    return t("documents.rank_cluster", lang, n=ranked.height, top=top) + rise


def to_docx(
    ds: Dataset,
    *,
    year: int,
    cluster: str | None = None,
    unit: str | None = None,
    lang: str = "vi",
    today: dt.date | None = None,
) -> bytes:
    context = summary_data(ds, year=year, cluster=cluster, unit=unit, lang=lang, today=today)
    return render_docx("summary.docx", context)
