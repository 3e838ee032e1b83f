"""Reading what the organisation checks need: small tables by the codes the files name, and
the rows as the database will hold them after the import (the files' rows over the stored)."""

from __future__ import annotations

import polars as pl
from sqlalchemy import Connection, select

from data_access.writer import table as sa_table

BATCH = 5_000


def read_rows(conn: Connection, stmt: object, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    return pl.DataFrame(conn.execute(stmt).all(), schema=schema, orient="row")


def by_codes(conn: Connection, name: str, key: str, cols: list[str], codes: list[str]):
    """Rows of `name` whose `key` is one of `codes` (in batches), every column as text but
    period_start_month."""
    t = sa_table(name)
    schema = {c: pl.Int64 if c == "period_start_month" else pl.String for c in [key, *cols]}
    parts = [pl.DataFrame(schema=schema)]
    for i in range(0, len(codes), BATCH):
        stmt = select(*(t.c[c] for c in schema)).where(t.c[key].in_(codes[i : i + BATCH]))
        parts.append(read_rows(conn, stmt, schema))
    return pl.concat(parts)


def overlay(own: pl.DataFrame | None, stored: pl.DataFrame, key: str) -> pl.DataFrame:
    """The rows as the database will hold them after the import: a file's row wins; a column
    the file lacks keeps its stored value (the upsert leaves it alone)."""
    if own is None or key not in own.columns:
        return stored
    present = [c for c in stored.columns if c in own.columns]
    mine = own.select(present).cast({c: stored.schema[c] for c in present}).drop_nulls(key)
    mine = mine.unique(key, keep="last", maintain_order=True)
    absent = [c for c in stored.columns if c not in present]
    if absent:
        mine = mine.join(stored.select(key, *absent), on=key, how="left")
    rest = stored.join(mine.select(key), on=key, how="anti")
    return pl.concat([mine.select(stored.columns), rest])
