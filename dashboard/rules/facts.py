"""The facts the criteria are judged on, one frame per kind of subject and year.

Persons: roster row, unit profile, name, annual rating and its rank, discipline and its
severity, initiatives, and the titles held that year (inclusively along "implies": a CSTĐCS
holds LĐTT). Departments: their members' counts and their own rating. Nothing here is text
for people; `dashboard.rules.reasons` words it.
"""

from __future__ import annotations

import polars as pl
import polars.selectors as cs

from dashboard import organisation as org
from data_access.catalog import Catalog
from data_access.readers import Dataset


def strings(frame: pl.DataFrame) -> pl.DataFrame:
    """Codes as pl.String (readers give pl.Categorical): joins and outputs use plain strings."""
    return frame.with_columns(cs.categorical().cast(pl.String))


def military_forms(cat: Catalog) -> dict[str, str]:
    """{"LDTT": "CSTT"}: the military name of a title, from awards.toml `counts_as`."""
    return {a.counts_as: a.code for a in cat.awards.values() if a.counts_as}


def shown_award(code: str, cat: Catalog) -> pl.Expr:
    """The award code as a unit shows it: LDTT is CSTT in military units."""
    military = military_forms(cat).get(code, code)
    return pl.when(pl.col("profile") == "military").then(pl.lit(military)).otherwise(pl.lit(code))


def held_titles(ds: Dataset, cat: Catalog, *, kind: str, up_to: int) -> pl.DataFrame:
    """(year, code, title): every title a recipient of `kind` holds, inclusively along
    "implies" (a CSTĐCS holds LĐTT), in each year up to `up_to`. Unknown award codes hold
    nothing."""
    closure = pl.DataFrame(
        [(a, t) for a in cat.awards for t in cat.closure(a)],
        schema={"award_code": pl.String, "title": pl.String},
        orient="row",
    )
    return (
        strings(ds.awards)
        .filter((pl.col("recipient_kind") == kind) & (pl.col("year") <= up_to))
        .select(pl.col("year").cast(pl.Int16), pl.col("recipient_code").alias("code"), "award_code")
        .join(closure, on="award_code", how="inner")
        .select("year", "code", "title")
        .unique()
    )


def holds(held: pl.DataFrame, title: str, year: int) -> pl.DataFrame:
    """The codes holding `title` (inclusively) in `year`, one column `code`."""
    return held.filter((pl.col("title") == title) & (pl.col("year") == year)).select("code")


def annual_ratings(ds: Dataset, *, kind: str, year: int) -> pl.DataFrame:
    """(code, rating) of the annual ratings of `kind` in `year` (monthly ones are not a year's
    rating)."""
    return (
        strings(ds.ratings)
        .filter(
            (pl.col("subject_kind") == kind) & (pl.col("year") == year) & pl.col("month").is_null()
        )
        .select(pl.col("subject_code").alias("code"), "rating")
        .unique("code", keep="first")
    )


def _rank_frame(cat: Catalog) -> pl.DataFrame:
    ranks = cat.rating_rank("task")
    return pl.DataFrame(
        {"rating": list(ranks), "rating_rank": list(ranks.values())},
        schema={"rating": pl.String, "rating_rank": pl.Int64},
    )


def _severity_frame(cat: Catalog) -> pl.DataFrame:
    sev = cat.discipline_severity()
    return pl.DataFrame(
        {"discipline": list(sev), "severity": list(sev.values())},
        schema={"discipline": pl.String, "severity": pl.Int64},
    )


def units_frame(ds: Dataset, year: int | None = None) -> pl.DataFrame:
    """unit_code, cluster_code, profile: with `year`, the cluster the unit was in that year
    (organisation.membership: null when it was in none), else its current cluster."""
    units = strings(ds.units).select(
        "unit_code", "cluster_code", pl.col("profile").fill_null("civil")
    )
    if year is None:
        return units
    member = org.membership(ds, [year]).select("unit_code", "cluster_code")
    return units.drop("cluster_code").join(member, on="unit_code", how="left")


def person_facts(ds: Dataset, cat: Catalog, *, year: int) -> pl.DataFrame:
    """One row per roster person of `year`: unit, cluster, profile, name, collective,
    initiatives, discipline and its severity, annual rating and its rank, ldtt_plus and
    cstdcs_plus (titles held that year, inclusively)."""
    held = held_titles(ds, cat, kind="person", up_to=year)
    roster = strings(ds.roster).filter(pl.col("year") == year)
    return (
        roster.select(
            "person_code",
            "unit_code",
            "collective_code",
            pl.col("initiatives").fill_null(0).cast(pl.Int64),
            pl.col("discipline").fill_null("none"),
        )
        .join(units_frame(ds, year), on="unit_code", how="left")
        .with_columns(pl.col("profile").fill_null("civil"))
        .join(strings(ds.people).select("person_code", "full_name"), on="person_code", how="left")
        .join(
            annual_ratings(ds, kind="person", year=year).rename({"code": "person_code"}),
            on="person_code",
            how="left",
        )
        .join(_rank_frame(cat), on="rating", how="left")
        .join(_severity_frame(cat), on="discipline", how="left")
        .with_columns(
            pl.lit(year, pl.Int16).alias("year"),
            pl.col("person_code")
            .is_in(holds(held, "LDTT", year)["code"].implode())
            .alias("ldtt_plus"),
            pl.col("person_code")
            .is_in(holds(held, "CSTDCS", year)["code"].implode())
            .alias("cstdcs_plus"),
        )
    )


def discipline_names(cat: Catalog, lang: str) -> pl.DataFrame:
    key = f"name_{lang}"
    return pl.DataFrame(
        {
            "discipline": list(cat.disciplines),
            f"discipline_{lang}": [d[key].lower() for d in cat.disciplines.values()],
        }
    )


def department_facts(ds: Dataset, cat: Catalog, *, year: int) -> pl.DataFrame:
    """Departments judged in `year` (those of units with a roster that year, and any with a
    rating or award that year) with their members' counts and their own rating."""
    persons = person_facts(ds, cat, year=year)
    at_least = {level: cat.rating_rank("task")[level] for level in cat.rating_rank("task")}
    members = (
        persons.filter(pl.col("collective_code").is_not_null())
        .group_by("collective_code")
        .agg(
            pl.len().cast(pl.Int64).alias("n_members"),
            pl.col("ldtt_plus").sum().cast(pl.Int64).alias("n_ldtt"),
            pl.col("cstdcs_plus").sum().cast(pl.Int64).alias("n_cstdcs"),
            *(
                (pl.col("rating_rank") >= rank).sum().cast(pl.Int64).alias(f"_at_least_{level}")
                for level, rank in at_least.items()
            ),
            *(
                (pl.col("severity") > s).sum().cast(pl.Int64).alias(f"_worse_than_{d}")
                for d, s in cat.discipline_severity().items()
            ),
        )
    )
    ratings = annual_ratings(ds, kind="collective", year=year)
    held = held_titles(ds, cat, kind="collective", up_to=year)
    active_units = persons["unit_code"].unique().implode()
    depts = strings(ds.collectives).filter(pl.col("kind") == "department")
    judged = depts.filter(
        pl.col("unit_code").is_in(active_units)
        | pl.col("collective_code").is_in(ratings["code"].implode())
        | pl.col("collective_code").is_in(held.filter(pl.col("year") == year)["code"].implode())
    )
    return (
        judged.select("collective_code", "unit_code", "collective_name")
        .join(units_frame(ds, year), on="unit_code", how="left")
        .with_columns(pl.col("profile").fill_null("civil"), pl.lit(year, pl.Int16).alias("year"))
        .join(members, on="collective_code", how="left")
        .with_columns(cs.starts_with("n_", "_at_least_", "_worse_than_").fill_null(0))
        .join(ratings.rename({"code": "collective_code"}), on="collective_code", how="left")
        .join(_rank_frame(cat), on="rating", how="left")
    )
