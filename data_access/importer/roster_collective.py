"""A roster row moved to another unit keeps the collective stored with it when its file has no
collective_code column (the upsert leaves a column the file lacks alone, writer.upsert). The
file's own collective_code is checked in references.py; here the stored one: a roster row
whose kept collective belongs to another unit is refused, as a direct write of both values
would be (issue 20)."""

from __future__ import annotations

import polars as pl
from sqlalchemy import Connection

from data_access.importer.org_tables import by_codes, overlay
from data_access.importer.report import ErrorCollector
from data_access.writer import stored


def check_stored_collectives(
    conn: Connection, tables: dict[str, pl.DataFrame], errors: ErrorCollector
) -> None:
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
    hit = rows.join(kept, on=["year", "person_code"], how="inner").join(
        owners, on="collective_code", how="inner"
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
