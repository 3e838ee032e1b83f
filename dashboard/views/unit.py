"""The unit page: ratings, awards by type, monthly evaluation progress and the list of people."""

from __future__ import annotations

import polars as pl

from dashboard import organisation as org
from dashboard import vocabulary
from dashboard.collation import people_order
from dashboard.i18n import label_expr
from dashboard.l10n import locale
from data_access.readers import Dataset

RATINGS: tuple[str, ...] = ("HTXSNV", "HTTNV", "HTNV", "KHTNV")
# The staff list as shown: the name, then what it is read for (eligibility), then the facts.
PEOPLE_SHOWN: tuple[str, ...] = (
    "full_name",
    "candidate_for",
    "to_check",
    "rating",
    "titles",
    "collective_name",
    "reason",
    "person_code",
)


def rating_distribution(counts: pl.DataFrame, *, year: int, unit: str) -> pl.DataFrame:
    """Persons by annual rating (rating, count) from the unit's counts; HTNV is what is left of
    the rated once HTTNV-or-better and KHTNV are taken out. No counts → no rows."""
    row = counts.filter(pl.col("year") == year, pl.col("unit_code") == unit)
    if row.height == 0 or row["persons_rated"][0] is None:
        return pl.DataFrame(schema={"rating": pl.String, "count": pl.Int64})
    wide = row.select(
        HTXSNV=pl.col("persons_htxsnv"),
        HTTNV=pl.col("persons_httnv"),
        HTNV=pl.col("persons_rated") - pl.col("persons_httnv_plus") - pl.col("persons_khtnv"),
        KHTNV=pl.col("persons_khtnv"),
    )
    return wide.unpivot(variable_name="rating", value_name="count").with_columns(
        pl.col("count").cast(pl.Int64)
    )


def _members(ds: Dataset, *, year: int, unit: str) -> pl.DataFrame:
    """(recipient_kind, recipient_code) of the unit that year: its staff, its collectives and
    the unit itself."""
    people = ds.roster.filter(pl.col("year") == year, pl.col("unit_code") == unit).select(
        recipient_kind=pl.lit("person"), recipient_code=pl.col("person_code").cast(pl.String)
    )
    coll = ds.collectives.filter(pl.col("unit_code") == unit).select(
        recipient_kind=pl.lit("collective"),
        recipient_code=pl.col("collective_code").cast(pl.String),
    )
    itself = pl.DataFrame({"recipient_kind": ["unit"], "recipient_code": [unit]})
    return pl.concat([people, coll, itself])


def awards_by_type(ds: Dataset, *, year: int, unit: str) -> pl.DataFrame:
    """Awards of the year to the unit's staff, collectives and the unit: award_code, count
    (the same award to the same recipient counts once), most frequent first."""
    aw = (
        ds.awards.filter(pl.col("year") == year)
        .select(
            pl.col("recipient_kind").cast(pl.String),
            pl.col("recipient_code").cast(pl.String),
            pl.col("award_code").cast(pl.String),
        )
        .unique()
    )
    return (
        aw.join(_members(ds, year=year, unit=unit), on=["recipient_kind", "recipient_code"])
        .group_by("award_code")
        .agg(count=pl.len().cast(pl.Int64))
        .sort("count", "award_code", descending=[True, False])
    )


def monthly_progress(ds: Dataset, *, year: int, unit: str) -> pl.DataFrame:
    """Monthly ratings of the unit's staff over its emulation year, month by month and
    cumulative: month (the month's place in the emulation year, 1–12: a school year's September
    is 1), month_label (the calendar month, "09"), rated, htxsnv, httnv, rated_cum, htxsnv_cum,
    httnv_cum, share_pct (cumulative HTXSNV share of all ratings) and cap_ratio_pct (cumulative
    HTXSNV over HTTNV, the ratio the HTXSNV cap counts; null while no HTTNV). `ds` holds the
    calendar year before too when the unit's year starts after January."""
    staff = ds.roster.filter(pl.col("year") == year, pl.col("unit_code") == unit).select(
        subject_code=pl.col("person_code").cast(pl.String)
    )
    rated = ds.ratings.lazy().filter(
        pl.col("year").is_in([year - 1, year]),
        pl.col("month").is_not_null(),
        pl.col("subject_kind") == "person",
    )
    monthly = (
        org.rating_years(rated, org.shifted_subjects(ds))
        .filter(pl.col("year") == year)
        .select(
            pl.col("subject_code").cast(pl.String),
            pl.col("em_month").cast(pl.Int64).alias("month"),
            pl.col("month").cast(pl.Int64).alias("_calendar"),
            pl.col("rating").cast(pl.String),
        )
        .collect()
    )
    per_month = (
        monthly.join(staff, on="subject_code")
        .group_by("month")
        .agg(
            month_label=pl.col("_calendar").first().cast(pl.String).str.zfill(2),
            rated=pl.len().cast(pl.Int64),
            htxsnv=(pl.col("rating") == "HTXSNV").sum().cast(pl.Int64),
            httnv=(pl.col("rating") == "HTTNV").sum().cast(pl.Int64),
        )
        .sort("month")
    )
    return per_month.with_columns(
        rated_cum=pl.col("rated").cum_sum(),
        htxsnv_cum=pl.col("htxsnv").cum_sum(),
        httnv_cum=pl.col("httnv").cum_sum(),
    ).with_columns(
        share_pct=100 * pl.col("htxsnv_cum") / pl.col("rated_cum"),
        cap_ratio_pct=pl.when(pl.col("httnv_cum") > 0).then(
            100 * pl.col("htxsnv_cum") / pl.col("httnv_cum")
        ),
    )


def people(ds: Dataset, elig: pl.DataFrame, *, year: int, unit: str, lang: str) -> pl.DataFrame:
    """The unit's staff that year, sorted the Vietnamese way (given name, then full name):
    person_code, full_name, collective_name, rating (annual, by name), titles (awards of the
    year, by name), candidate_for (titles they meet the criteria for but do not hold),
    to_check (titles held without meeting the criteria), reason. Titles are named in the words
    of the unit's profile (ds.units; a military unit's TTLDXS is "Đơn vị quyết thắng")."""
    profile = vocabulary.scope_profile(
        ds.units.with_columns(pl.col("unit_code").cast(pl.String)),
        cluster=_cluster_of(ds, unit),
        unit=unit,
    )
    roster = ds.roster.filter(pl.col("year") == year, pl.col("unit_code") == unit).select(
        pl.col("person_code").cast(pl.String), pl.col("collective_code").cast(pl.String)
    )
    names = ds.people.select(pl.col("person_code").cast(pl.String), "full_name")
    colls = ds.collectives.select(pl.col("collective_code").cast(pl.String), "collective_name")
    rating = ds.ratings.filter(
        pl.col("year") == year, pl.col("month").is_null(), pl.col("subject_kind") == "person"
    ).select(
        person_code=pl.col("subject_code").cast(pl.String),
        rating=label_expr(pl.col("rating"), "rating", lang),
    )
    titles = (
        ds.awards.filter(pl.col("year") == year, pl.col("recipient_kind") == "person")
        .select(
            person_code=pl.col("recipient_code").cast(pl.String),
            title=vocabulary.label_expr(pl.col("award_code"), "award", lang, profile),
        )
        .unique()
        .group_by("person_code")
        .agg(titles=pl.col("title").sort().str.join(", "))
    )
    reason_col = locale(lang).column("reason")
    reason_col = reason_col if reason_col in elig.columns else "reason"
    e = elig.filter(pl.col("subject_kind") == "person").select(
        person_code=pl.col("subject_code").cast(pl.String),
        award=vocabulary.label_expr(pl.col("award_code"), "award", lang, profile),
        eligible=pl.col("eligible").cast(pl.Boolean),
        awarded=pl.col("awarded").cast(pl.Boolean),
        reason=pl.col(reason_col),
    )
    verdicts = e.group_by("person_code").agg(
        candidate_for=pl.col("award")
        .filter(pl.col("eligible") & ~pl.col("awarded"))
        .sort()
        .str.join(", "),
        to_check=pl.col("award")
        .filter(~pl.col("eligible") & pl.col("awarded"))
        .sort()
        .str.join(", "),
        reason=pl.col("reason").filter(~pl.col("eligible") & pl.col("awarded")).str.join("; "),
    )
    out = (
        roster.join(names, on="person_code", how="left")
        .join(colls, on="collective_code", how="left")
        .join(rating, on="person_code", how="left")
        .join(titles, on="person_code", how="left")
        .join(verdicts, on="person_code", how="left")
        .with_columns(pl.col("candidate_for", "to_check", "reason").replace("", None))
    )
    return out.sort(people_order(pl.col("full_name"))).select(
        "person_code",
        "full_name",
        "collective_name",
        "rating",
        "titles",
        "candidate_for",
        "to_check",
        "reason",
    )


def _cluster_of(ds: Dataset, unit: str) -> str | None:
    row = ds.units.filter(pl.col("unit_code").cast(pl.String) == unit)
    if row.height == 0 or "cluster_code" not in row.columns:
        return None
    return str(row["cluster_code"][0])


def filter_people(frame: pl.DataFrame, *, query: str = "", show: str = "all") -> pl.DataFrame:
    """Rows whose name or code contains `query` (case-insensitive, literal), and, by `show`:
    "candidates" (meet the criteria of a title they lack) or "to_check" (hold a title without
    meeting its criteria)."""
    out = frame
    q = query.strip().lower()
    if q:
        out = out.filter(
            pl.col("full_name").str.to_lowercase().str.contains(q, literal=True)
            | pl.col("person_code").str.to_lowercase().str.contains(q, literal=True)
        )
    if show == "candidates":
        out = out.filter(pl.col("candidate_for").is_not_null())
    elif show == "to_check":
        out = out.filter(pl.col("to_check").is_not_null())
    return out
