"""Eligibility: who meets the criteria of each title in a year, who holds a title without
meeting them, and why, in words.

Rows: every roster person of the year × the person criteria in force (LDTT, shown as CSTT in
military units; CSTDCS); every department × the collective criteria (TTLDTT, TTLDXS); and the
streak titles (CSTD_BO, CSTD_TQ) for their candidates and holders. The rules and their
thresholds come from rules.toml (see `dashboard.criteria` and `dashboard.streaks`).
"""

from __future__ import annotations

import polars as pl

from dashboard.collation import given_name, vn_key
from dashboard.criteria import department_rows, person_rows, with_reasons
from dashboard.streaks import streak_candidates, streak_rows
from data_access.catalog import Catalog, load_catalog
from data_access.readers import Dataset

__all__ = ["COLUMNS", "eligibility", "streak_candidates"]

COLUMNS = (
    "year",
    "cluster_code",
    "unit_code",
    "subject_kind",
    "subject_code",
    "subject_name",
    "award_code",
    "eligible",
    "awarded",
    "reason",
    "reason_en",
    "rule",
)


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
