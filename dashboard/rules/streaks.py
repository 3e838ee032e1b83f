"""Titles earned by a streak of earlier titles: rules of kind "streak" in rules.toml.

A rule says: hold `needs` (inclusively) `years` times within one unbroken run of `chain` years
ending at the year judged; with `restart_after_award`, years up to a previous receipt of the
title itself do not count again. So CSTD_BO_STREAK (needs = chain = CSTDCS, 3) asks for CSTĐCS
in each of the 3 latest years, and CSTD_TQ_STREAK (needs CSTD_BO, 2, chain CSTDCS) for CSTĐ
cấp bộ twice in a row, whether those two came in consecutive years or three years apart with
CSTĐCS every year between. The data holds no initiative's reach, so each reason says it needs
confirming (`unverified_vi/en`). Texts: `dashboard/locales/reasons.toml`, `reason.streak.*`.

Earlier years must be in the Dataset: load it with every year, not only the year judged.
"""

from __future__ import annotations

import polars as pl

from dashboard.collation import people_order
from dashboard.i18n import LANGS
from dashboard.l10n import locale
from dashboard.rules.facts import held_titles, strings, units_frame
from dashboard.rules.reasons import short, with_reasons
from data_access.catalog import Catalog, Rule, load_catalog
from data_access.readers import Dataset

SCHEMA: dict[str, pl.DataType] = {
    "year": pl.Int16,
    "cluster_code": pl.String,
    "unit_code": pl.String,
    "person_code": pl.String,
    "full_name": pl.String,
    "award_code": pl.String,
    "rule": pl.String,
    "meets": pl.Boolean,
    "holds": pl.Boolean,
    "years_counted": pl.List(pl.Int16),
    "detail_vi": pl.String,
    "detail_en": pl.String,
    "note_vi": pl.String,
    "note_en": pl.String,
    "reason": pl.String,
    "reason_en": pl.String,
}


def _persons(ds: Dataset, *, year: int) -> pl.DataFrame:
    return (
        strings(ds.roster)
        .filter(pl.col("year") == year)
        .select("person_code", "unit_code")
        .join(units_frame(ds, year), on="unit_code", how="left")
        .with_columns(pl.col("profile").fill_null("civil"))
        .join(strings(ds.people).select("person_code", "full_name"), on="person_code", how="left")
    )


def _streak(held: pl.DataFrame, rule: Rule, *, year: int) -> pl.DataFrame:
    """person_code, years_counted (the `needs` years in the run ending at `year`), n."""
    p = rule.params
    needs, chain = p["needs"], p.get("chain", p["needs"])
    earlier_award = (
        held.filter((pl.col("title") == p["award"]) & (pl.col("year") < year))
        .group_by("code")
        .agg(pl.col("year").max().alias("restart"))
    )
    chain_years = held.filter(pl.col("title") == chain).select("code", "year")
    if p.get("restart_after_award", False):
        chain_years = (
            chain_years.join(earlier_award, on="code", how="left")
            .filter(pl.col("restart").is_null() | (pl.col("year") > pl.col("restart")))
            .drop("restart")
        )
    # The run ending at `year`: going back from `year`, the k-th latest held year (k = 0, 1, …)
    # is `year - k` until the first gap; after a gap, year - y only grows faster than k.
    run = chain_years.with_columns(
        (pl.col("year").rank("ordinal", descending=True).over("code") - 1).alias("_k")
    ).filter(pl.lit(year) - pl.col("year").cast(pl.Int32) == pl.col("_k").cast(pl.Int32))
    return (
        held.filter(pl.col("title") == needs)
        .select("code", "year")
        .join(run.select("code", "year"), on=["code", "year"], how="semi")
        .sort("year")
        .group_by("code")
        .agg(pl.col("year").cast(pl.Int16).alias("years_counted"))
        .with_columns(pl.col("years_counted").list.len().cast(pl.Int64).alias("n"))
        .rename({"code": "person_code"})
    )


def _texts(rule: Rule, cat: Catalog, *, year: int) -> list[pl.Expr]:
    p = rule.params
    needs, times = p["needs"], int(p["years"])
    per_year = p.get("chain", needs) == needs  # a title held every year: "năm" vs "lần"
    listed = pl.col("years_counted").list.eval(pl.element().cast(pl.String)).list.join(", ")
    n = pl.col("n")
    out = []
    for lang in LANGS:
        loc = locale(lang)
        words = {
            "title": short(needs, cat),
            "unit": loc.t("reason.streak.years" if per_year else "reason.streak.times"),
            "n": n,
            "years": listed,
            "times": times,
            "year": year,
        }
        out.append(
            pl.when(pl.col("meets"))
            .then(loc.t_expr("reason.streak.met", **words))
            .when(n > 0)
            .then(loc.t_expr("reason.streak.short", **words))
            .otherwise(loc.t_expr("reason.streak.none", **words))
            .alias(f"detail_{lang}")
        )
    # The notes are the rule's own (rules.toml `unverified_vi/en`).
    out += [
        pl.lit(p.get(f"unverified_{lang}")).cast(pl.String).alias(f"note_{lang}") for lang in LANGS
    ]
    return out


def streak_rows(ds: Dataset, cat: Catalog, *, year: int) -> pl.DataFrame:
    """Persons of `year` who meet a streak rule in force, or hold its title: one row each with
    meets, holds, years_counted and detail/note texts (without the composed reason)."""
    persons = _persons(ds, year=year)
    held = held_titles(ds, cat, kind="person", up_to=year)
    rules = {
        r.code: r
        for profile in sorted(persons["profile"].unique().to_list())
        for r in cat.rules_for(year, profile, "streak")
    }
    streak_awards = {r.params["award"] for r in rules.values()}
    parts = []
    for rule in rules.values():
        award = rule.params["award"]
        # Holders of a higher streak title get that title's row, not this one as well.
        higher = [a for a in streak_awards if a != award and award in cat.closure(a)]
        this_year = held.filter(pl.col("year") == year)
        holders = this_year.filter(pl.col("title") == award)["code"].implode()
        holders_higher = this_year.filter(pl.col("title").is_in(higher))["code"].implode()
        part = (
            persons.filter(pl.col("profile").is_in(list(rule.profiles)))
            .join(_streak(held, rule, year=year), on="person_code", how="left")
            .with_columns(
                pl.col("n").fill_null(0),
                pl.col("years_counted").fill_null(pl.lit([], pl.List(pl.Int16))),
                pl.col("person_code").is_in(holders).alias("holds"),
                pl.col("person_code").is_in(holders_higher).alias("_holds_higher"),
            )
            .with_columns((pl.col("n") >= int(rule.params["years"])).alias("meets"))
            .filter(pl.col("meets") | (pl.col("holds") & ~pl.col("_holds_higher")))
            .with_columns(
                pl.lit(year, pl.Int16).alias("year"),
                pl.lit(award).alias("award_code"),
                pl.lit(rule.code).alias("rule"),
                *_texts(rule, cat, year=year),
            )
        )
        parts.append(part)
    if not parts:
        return pl.DataFrame(schema=SCHEMA).drop("reason", "reason_en")
    cols = [c for c in SCHEMA if c not in ("reason", "reason_en")]
    return pl.concat([p.select(pl.col(c).cast(SCHEMA[c]) for c in cols) for p in parts])


def streak_candidates(ds: Dataset, *, year: int, catalog: Catalog | None = None) -> pl.DataFrame:
    """Persons on the roster of `year` who meet CSTD_BO_STREAK / CSTD_TQ_STREAK (or hold the
    title without meeting it: `meets` false), with `holds` (already awarded that year), the
    years counted and the reason in Vietnamese and English.

    Example: CSTĐCS in 2021, 2022 and 2023 → CSTD_BO, meets, years_counted [2021, 2022, 2023],
    "Đủ tiêu chuẩn, chưa được đề nghị: CSTĐCS 3 năm liên tục (2021, 2022, 2023); cần xác nhận
    sáng kiến cấp bộ/tỉnh".
    """
    cat = catalog or load_catalog()
    rows = streak_rows(ds, cat, year=year)
    out = with_reasons(rows.rename({"meets": "eligible", "holds": "awarded"}))
    return (
        out.rename({"eligible": "meets", "awarded": "holds"})
        .sort(
            "cluster_code",
            "unit_code",
            *people_order(pl.col("full_name")),
            "person_code",
            "award_code",
            nulls_last=True,
        )
        .select(list(SCHEMA))
    )
