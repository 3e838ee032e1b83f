"""A roster row moved to another unit keeps the collective stored with it when its file has no
collective_code column (the upsert leaves a column the file lacks alone, writer.upsert). The
file's own collective_code is checked in references.py; here the stored one: a roster row
whose kept collective belongs to another unit is refused, as a direct write of both values
would be (issue 20). Likewise a collectives row moving a collective to another unit while
stored roster rows the files do not rewrite keep it under their own unit."""

from __future__ import annotations

import polars as pl
from sqlalchemy import Connection, select

from data_access.importer.org_tables import by_codes, overlay, read_rows
from data_access.importer.report import ErrorCollector
from data_access.writer import stored
from data_access.writer import table as sa_table


def check_stored_collectives(
    conn: Connection, tables: dict[str, pl.DataFrame], errors: ErrorCollector
) -> None:
    _moved_rows(conn, tables, errors)
    _moved_collectives(conn, tables, errors)


def _moved_rows(conn: Connection, tables: dict[str, pl.DataFrame], errors: ErrorCollector) -> None:
    roster = tables.get("roster")
    need = {"year", "person_code", "unit_code"}
    if roster is None or not need <= set(roster.columns) or "collective_code" in roster.columns:
        return
    rows = roster.drop_nulls(list(need))
    if rows.is_empty():
        return
    keys = rows.select("year", "person_code").unique()
    kept = stored(conn, "roster", keys, ["collective_code"]).drop_nulls("collective_code")
    if kept.is_empty():
        return
    kept = kept.with_columns(pl.col("year").cast(rows.schema["year"]))
    # Whose collective it is after this import: the files' collectives row wins.
    owners = overlay(
        tables.get("collectives"),
        by_codes(
            conn,
            "collectives",
            "collective_code",
            ["unit_code"],
            kept["collective_code"].unique().to_list(),
        ),
        "collective_code",
    ).select("collective_code", __owner="unit_code")
    # Only rows whose unit resolves: an unknown unit was reported already (references.py).
    known = overlay(
        tables.get("units"),
        by_codes(conn, "units", "unit_code", [], rows["unit_code"].unique().to_list()),
        "unit_code",
    ).select("unit_code")
    hit = (
        rows.join(known, on="unit_code", how="semi")
        .join(kept, on=["year", "person_code"], how="inner")
        .join(owners, on="collective_code", how="inner")
    )
    errors.add_rows(
        hit,
        pl.col("__owner") != pl.col("unit_code"),
        "collective_stored_other_unit",
        column="unit_code",
        value=pl.col("unit_code"),
        collective=pl.col("collective_code"),
        unit=pl.col("__owner"),
        row_unit=pl.col("unit_code"),
    )


def _moved_collectives(
    conn: Connection, tables: dict[str, pl.DataFrame], errors: ErrorCollector
) -> None:
    own = tables.get("collectives")
    if own is None or not {"collective_code", "unit_code"} <= set(own.columns):
        return
    mine = own.select("__file", "__row", "collective_code", "unit_code").drop_nulls(
        ["collective_code", "unit_code"]
    )
    if mine.is_empty():
        return
    r = sa_table("roster")
    schema = {"year": pl.Int64, "person_code": pl.String, "__stored_unit": pl.String}
    schema |= {"collective_code": pl.String}
    codes = mine["collective_code"].unique().to_list()
    kept = read_rows(
        conn,
        select(r.c.year, r.c.person_code, r.c.unit_code, r.c.collective_code).where(
            r.c.collective_code.in_(codes)
        ),
        schema,
    )
    roster = tables.get("roster")
    if roster is not None and {"year", "person_code"} <= set(roster.columns):
        # Rows the files rewrite are checked as the files have them (references.py, above).
        rewritten = roster.select(pl.col("year").cast(pl.Int64), "person_code").drop_nulls()
        kept = kept.join(rewritten, on=["year", "person_code"], how="anti")
    stray = (
        kept.filter(~pl.col("__stored_unit").is_in(mine["unit_code"].implode()))
        .group_by("collective_code", "__stored_unit")
        .agg(pl.len().alias("__people"), pl.col("year").min().alias("__year"))
    )
    hit = mine.join(stray, on="collective_code", how="inner").filter(
        pl.col("__stored_unit") != pl.col("unit_code")
    )
    errors.add_rows(
        hit,
        pl.lit(True),
        "collective_moved_roster",
        column="unit_code",
        value=pl.col("unit_code"),
        collective=pl.col("collective_code"),
        unit=pl.col("unit_code"),
        row_unit=pl.col("__stored_unit"),
        people=pl.col("__people"),
        year=pl.col("__year"),
    )
