"""Award budget: the cash that goes with the titles of a year, per unit and award.

money.toml holds the multiples and the base salary table: each recipient gets multiple × the
base salary in force on the decision date (31 December of the award year without a date),
rounded up to the next `round_up_to_vnd`. A recipient holding several titles in one year is
paid only the highest amount (rule SEVERAL_TITLES_HIGHEST_PAID: Nghị định 91/2017/NĐ-CP,
điều 66.2.c, carried into later decrees), so it is counted only in that award's row.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from dashboard.rules.facts import strings, units_frame
from dashboard.schemas import engine_columns
from data_access.catalog import Catalog, load_catalog
from data_access.readers import Dataset

COLUMNS = engine_columns("budget")
SEVERAL_TITLES = "SEVERAL_TITLES_HIGHEST_PAID"
_MILLI = 1000  # multiples are held in thousandths (0.3 → 300) so the money stays integer


def _multiples(cat: Catalog) -> pl.DataFrame:
    items = cat.money["multiples"]
    return pl.DataFrame(
        {
            "award_code": list(items),
            "multiple": [float(v) for v in items.values()],
            "_milli": [round(float(v) * _MILLI) for v in items.values()],
            "_award_order": [list(cat.awards).index(c) if c in cat.awards else -1 for c in items],
        },
        schema={
            "award_code": pl.String,
            "multiple": pl.Float64,
            "_milli": pl.Int64,
            "_award_order": pl.Int32,
        },
    )


def _salaries(cat: Catalog) -> pl.DataFrame:
    rows = cat.money["base_salary"]
    return pl.DataFrame(
        {"_from": [r["from"] for r in rows], "_salary": [int(r["vnd"]) for r in rows]},
        schema={"_from": pl.Date, "_salary": pl.Int64},
    ).sort("_from")


def _recipient_units(ds: Dataset, *, year: int) -> pl.DataFrame:
    """(recipient_kind, recipient_code, unit_code): a person's roster unit that year, a
    collective's unit, a unit itself."""
    persons = (
        strings(ds.roster)
        .filter(pl.col("year") == year)
        .select(
            pl.lit("person").alias("recipient_kind"),
            pl.col("person_code").alias("recipient_code"),
            "unit_code",
        )
    )
    collectives = strings(ds.collectives).select(
        pl.lit("collective").alias("recipient_kind"),
        pl.col("collective_code").alias("recipient_code"),
        "unit_code",
    )
    units = strings(ds.units).select(
        pl.lit("unit").alias("recipient_kind"),
        pl.col("unit_code").alias("recipient_code"),
        "unit_code",
    )
    return pl.concat([persons, collectives, units]).unique(["recipient_kind", "recipient_code"])


def budget(ds: Dataset, *, year: int, catalog: Catalog | None = None) -> pl.DataFrame:
    """Contract `budget` columns: per unit and award of `year`, the recipients counted and the
    money due (amount_vnd, a total; null when a base salary is unknown for the date).

    Example: one LĐTT decided on 01/07/2024: 0.3 × 2 340 000 = 702 000 → rounded up to
    710 000; the same person also CSTĐCS that year → only the CSTĐCS row counts them.
    """
    cat = catalog or load_catalog()
    step = int(cat.money["round_up_to_vnd"])
    highest_only = [p for p in ("civil", "military") if cat.rule(SEVERAL_TITLES).applies(year, p)]
    amount = (pl.col("_salary") * pl.col("_milli") + (_MILLI * step - 1)) // (_MILLI * step) * step
    paid = (
        strings(ds.awards)
        .filter(pl.col("year") == year)
        .join(_multiples(cat), on="award_code", how="inner")
        .with_columns(
            pl.col("decision_date").fill_null(dt.date(year, 12, 31)).alias("_date"),
        )
        .sort("_date")
        .join_asof(_salaries(cat), left_on="_date", right_on="_from", strategy="backward")
        .with_columns(amount.alias("_amount"))
        .join(_recipient_units(ds, year=year), on=["recipient_kind", "recipient_code"], how="left")
        .join(units_frame(ds, year), on="unit_code", how="left")
        # The titles of one recipient, highest amount first (then the higher multiple, then the
        # later title in awards.toml), so the first of each recipient is the one paid.
        .sort(
            "recipient_kind",
            "recipient_code",
            "_amount",
            "_milli",
            "_award_order",
            descending=[False, False, True, True, True],
            nulls_last=True,
        )
        .with_columns(
            pl.int_range(pl.len()).over("recipient_kind", "recipient_code").alias("_rank")
        )
        .filter((pl.col("_rank") == 0) | ~pl.col("profile").fill_null("civil").is_in(highest_only))
    )
    return (
        paid.group_by("cluster_code", "unit_code", "award_code")
        .agg(
            pl.len().cast(pl.Int64).alias("count"),
            pl.col("multiple").first(),
            pl.when(pl.col("_amount").is_null().any())
            .then(None)
            .otherwise(pl.col("_amount").sum())
            .cast(pl.Int64)
            .alias("amount_vnd"),
            pl.col("_award_order").first(),
        )
        .with_columns(pl.lit(year, pl.Int16).alias("year"))
        .sort("cluster_code", "unit_code", "_award_order", "award_code", nulls_last=True)
        .select(COLUMNS)
    )
