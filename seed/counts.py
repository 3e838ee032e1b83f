"""Reported totals (unit_counts) of a unit that shares only numbers with its cluster.

The totals are counted from that unit's generated records, which are then left out of the
database, so the unit looks like its peers in every indicator. 21 measures (contract.md) per unit
and year.
"""

from __future__ import annotations

import polars as pl

from data_access.catalog import MEASURES

PERSON_HIGHER = ("cstd_bo", "bk_bo", "bk_ttg", "hc_ld_3")
DEPT_HIGHER = ("ttldxs", "co_td_bo", "bk_bo")
UNIT_HIGHER = ("co_td_bo", "co_td_cp", "bk_bo", "bk_ttg", "hc_ld_3")
SCHEMA = {"year": pl.Int32, "unit_code": pl.String, "measure": pl.String, "value": pl.Int64}


def _any(cols: tuple[str, ...]) -> pl.Expr:
    return pl.any_horizontal(*cols)


def measures(
    py: pl.DataFrame, cy: pl.DataFrame, uy: pl.DataFrame, monthly: pl.DataFrame
) -> pl.DataFrame:
    """Long frame year, unit_code, measure, value for every unit-year in `uy`."""
    r = pl.col("rating")
    persons = py.group_by("unit_code", "year").agg(
        pl.len().alias("staff"),
        (pl.col("ldtt") | pl.col("cstdcs")).sum().alias("persons_ldtt_plus"),
        (pl.col("cstdcs") | pl.col("cstd_bo")).sum().alias("persons_cstdcs_plus"),
        pl.len().alias("persons_rated"),
        (r == "HTXSNV").sum().alias("persons_htxsnv"),
        (r == "HTTNV").sum().alias("persons_httnv"),
        r.is_in(["HTXSNV", "HTTNV"]).sum().alias("persons_httnv_plus"),
        (r == "KHTNV").sum().alias("persons_khtnv"),
        _any(PERSON_HIGHER).sum().alias("_p_higher"),
    )
    k = pl.col("kind")
    colls = cy.group_by("unit_code", "year").agg(
        (k == "department").sum().alias("departments"),
        ((k == "department") & pl.col("ttldtt")).sum().alias("departments_ttldtt_plus"),
        ((k == "department") & (pl.col("ttldxs") | pl.col("co_td_bo")))
        .sum()
        .alias("departments_ttldxs_plus"),
        ((k == "department") & _any(DEPT_HIGHER)).sum().alias("_d_higher"),
        (k == "party_cell").sum().alias("party_cells"),
        ((k == "party_cell") & r.is_in(["HTXSNV", "HTTNV"])).sum().alias("party_cells_httnv_plus"),
        ((k == "party_cell") & (r == "HTXSNV")).sum().alias("party_cells_htxsnv"),
        (k == "mass_org").sum().alias("mass_orgs"),
        ((k == "mass_org") & r.is_in(["VMXS", "VM"])).sum().alias("mass_orgs_strong"),
    )
    sk = pl.col("subject_kind")
    months = monthly.group_by("unit_code", "year").agg(
        (sk == "person").sum().alias("person_months_rated"),
        ((sk == "person") & (r == "HTXSNV")).sum().alias("person_months_htxsnv"),
        (sk == "collective").sum().alias("department_months_rated"),
        ((sk == "collective") & (r == "HTXSNV")).sum().alias("department_months_htxsnv"),
    )
    on = ["unit_code", "year"]
    wide = (
        uy.select(*on, _any(UNIT_HIGHER).cast(pl.UInt32).alias("_u_higher"))
        .join(persons, on=on, how="left")
        .join(colls, on=on, how="left")
        .join(months, on=on, how="left")
        .with_columns(
            (pl.col("_p_higher") + pl.col("_d_higher") + pl.col("_u_higher")).alias(
                "higher_award_recipients"
            )
        )
    )
    return (
        wide.unpivot(index=on, on=list(MEASURES), variable_name="measure", value_name="value")
        .drop_nulls("value")
        .select(list(SCHEMA))
        .cast(SCHEMA)  # type: ignore[arg-type]
        .sort("year", "unit_code", "measure")
    )
