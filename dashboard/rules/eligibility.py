"""Eligibility: who meets the criteria of each title in a year, who holds a title without
meeting them, and why, in words.

Rows: every roster person of the year × the person criteria in force (LDTT, shown as CSTT in
military units; CSTDCS); every department × the collective criteria (TTLDTT, TTLDXS); and the
streak titles (CSTD_BO, CSTD_TQ) for their candidates and holders. The rules and their
thresholds come from rules.toml; facts, checks and reasons are the sibling modules of
`dashboard.rules`, the streak titles `dashboard.rules.streaks`.
"""

from __future__ import annotations

import polars as pl

from dashboard.collation import given_name, vn_key
from dashboard.i18n import LANGS
from dashboard.rules.checks import collective_checks, judge, person_checks
from dashboard.rules.facts import (
    department_facts,
    discipline_names,
    held_titles,
    holds,
    person_facts,
    shown_award,
)
from dashboard.rules.reasons import with_reasons
from dashboard.rules.streaks import streak_candidates, streak_rows
from dashboard.schemas import engine_columns
from data_access.catalog import Catalog, Rule, load_catalog
from data_access.readers import Dataset

__all__ = ["COLUMNS", "eligibility", "streak_candidates"]

COLUMNS = engine_columns("eligibility")


# --- criteria rows -----------------------------------------------------------------------
def _rules(cat: Catalog, year: int, profiles: list[str], subject: str) -> list[tuple[str, Rule]]:
    return [
        (profile, rule)
        for profile in profiles
        for rule in cat.rules_for(year, profile, "criteria")
        if rule.params.get("subject") == subject
    ]


def _judged_rows(
    part: pl.DataFrame,
    kind: str,
    code_col: str,
    name_col: str,
    rule: Rule,
    cat: Catalog,
    held: pl.DataFrame,
    year: int,
) -> pl.DataFrame:
    """The eligibility row shape (ROW_SCHEMA) of judged persons or departments."""
    award = rule.params["award"]
    return part.select(
        "year",
        "cluster_code",
        "unit_code",
        pl.lit(kind).alias("subject_kind"),
        pl.col(code_col).alias("subject_code"),
        pl.col(name_col).alias("subject_name"),
        shown_award(award, cat).alias("award_code"),
        pl.lit(rule.code).alias("rule"),
        "eligible",
        pl.col(code_col).is_in(holds(held, award, year)["code"].implode()).alias("awarded"),
        "detail_vi",
        "detail_en",
        pl.lit(None, pl.String).alias("note_vi"),
        pl.lit(None, pl.String).alias("note_en"),
    )


def person_rows(ds: Dataset, cat: Catalog, *, year: int) -> pl.DataFrame:
    """One row per roster person of `year` and person criteria rule in force for its unit."""
    facts = person_facts(ds, cat, year=year)
    for lang in LANGS:  # the discipline's name in every language, for the reasons
        facts = facts.join(discipline_names(cat, lang), on="discipline", how="left")
    held = held_titles(ds, cat, kind="person", up_to=year)
    parts = []
    for profile, rule in _rules(cat, year, sorted(facts["profile"].unique().to_list()), "person"):
        part = judge(
            facts.filter(pl.col("profile") == profile), person_checks(rule, cat, held, year)
        )
        parts.append(
            _judged_rows(part, "person", "person_code", "full_name", rule, cat, held, year)
        )
    return _concat(parts)


def department_rows(ds: Dataset, cat: Catalog, *, year: int) -> pl.DataFrame:
    """One row per judged department and collective criteria rule in force for its unit."""
    facts = department_facts(ds, cat, year=year)
    held = held_titles(ds, cat, kind="collective", up_to=year)
    parts = []
    for profile, rule in _rules(
        cat, year, sorted(facts["profile"].unique().to_list()), "collective"
    ):
        p = rule.params
        extra = {}
        if "members_min_rating" in p:
            extra["n_rated_ok"] = pl.col(f"_at_least_{p['members_min_rating']}")
        if "members_max_discipline" in p:
            extra["n_disciplined"] = pl.col(f"_worse_than_{p['members_max_discipline']}")
        part = judge(
            facts.filter(pl.col("profile") == profile).with_columns(**extra),
            collective_checks(rule, cat),
        )
        parts.append(
            _judged_rows(
                part, "collective", "collective_code", "collective_name", rule, cat, held, year
            )
        )
    return _concat(parts)


ROW_SCHEMA: dict[str, pl.DataType] = {
    "year": pl.Int16,
    "cluster_code": pl.String,
    "unit_code": pl.String,
    "subject_kind": pl.String,
    "subject_code": pl.String,
    "subject_name": pl.String,
    "award_code": pl.String,
    "rule": pl.String,
    "eligible": pl.Boolean,
    "awarded": pl.Boolean,
    "detail_vi": pl.String,
    "detail_en": pl.String,
    "note_vi": pl.String,
    "note_en": pl.String,
}


def _concat(parts: list[pl.DataFrame]) -> pl.DataFrame:
    typed = [p.select(pl.col(c).cast(t) for c, t in ROW_SCHEMA.items()) for p in parts]
    return pl.concat(typed) if typed else pl.DataFrame(schema=ROW_SCHEMA)


# --- the table ------------------------------------------------------------------------------


def eligibility(ds: Dataset, *, year: int, catalog: Catalog | None = None) -> pl.DataFrame:
    """Contract `eligibility` columns plus `reason_en` and `rule`, sorted by cluster, unit,
    then people the Vietnamese way (given name, then full name), then departments by name.

    Example: a person rated HTNV gives the LDTT row eligible false, awarded false, reason
    "Xếp loại HTNV, chưa đạt HTTNV"; a holder of CSTĐCS with no initiative gives
    "Cần rà soát: Không có sáng kiến".
    """
    cat = catalog or load_catalog()
    streaks = streak_rows(ds, cat, year=year).select(
        "year",
        "cluster_code",
        "unit_code",
        pl.lit("person").alias("subject_kind"),
        pl.col("person_code").alias("subject_code"),
        pl.col("full_name").alias("subject_name"),
        "award_code",
        "rule",
        pl.col("meets").alias("eligible"),
        pl.col("holds").alias("awarded"),
        "detail_vi",
        "detail_en",
        "note_vi",
        "note_en",
    )
    rows = pl.concat(
        [person_rows(ds, cat, year=year), department_rows(ds, cat, year=year), streaks]
    )
    award_order = pl.DataFrame(
        {"award_code": list(cat.awards), "_award_order": range(len(cat.awards))},
        schema={"award_code": pl.String, "_award_order": pl.Int32},
    )
    return (
        with_reasons(rows)
        .join(_subject_order(rows), on=SUBJECT, how="left")
        .join(award_order, on="award_code", how="left")
        .sort("_subject_order", "_award_order", nulls_last=True)
        .select(COLUMNS)
    )


SUBJECT = ["cluster_code", "unit_code", "subject_kind", "subject_code"]


def _subject_order(rows: pl.DataFrame) -> pl.DataFrame:
    """The position of each subject in the list: cluster, unit, people (given name, then full
    name, the Vietnamese way) before departments (by name). Sorting the distinct subjects and
    not every row keeps the collation keys to one per subject."""
    name = pl.col("subject_name")
    is_person = pl.col("subject_kind") == "person"
    subjects = rows.select(*SUBJECT, "subject_name").unique(SUBJECT)
    return subjects.sort(
        "cluster_code",
        "unit_code",
        is_person.not_(),
        vn_key(pl.when(is_person).then(given_name(name)).otherwise(name)),
        vn_key(name),
        "subject_code",
        nulls_last=True,
    ).select(*SUBJECT, pl.int_range(pl.len(), dtype=pl.Int64).alias("_subject_order"))
