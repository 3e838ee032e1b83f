"""The imports that changed data, newest first: who, when (UTC), files, rows per table, and
whether and by whom each was undone."""

from __future__ import annotations

import polars as pl
from sqlalchemy import Engine, select

from data_access import models as m

SCHEMA = {
    "id": pl.Int64,
    "at": pl.Datetime("us"),
    "username": pl.String,
    "files": pl.String,
    "inserted": pl.Int64,
    "updated": pl.Int64,
    "undone_at": pl.Datetime("us"),
    "undone_by": pl.String,
}
TABLES_SCHEMA = {"id": pl.Int64, "table": pl.String, "inserted": pl.Int64, "updated": pl.Int64}


def list_changesets(engine: Engine, *, limit: int = 200) -> pl.DataFrame:
    """The latest `limit` change sets (columns in SCHEMA), newest first."""
    c = m.ImportChangeset
    with engine.connect() as conn:
        rows = conn.execute(
            select(*(getattr(c, k) for k in SCHEMA)).order_by(c.id.desc()).limit(limit)
        ).all()
    return pl.DataFrame([tuple(r) for r in rows], schema=SCHEMA, orient="row")


def changeset_tables(engine: Engine, ids: list[int]) -> pl.DataFrame:
    """Rows inserted and updated per table of the change sets `ids`, in the contract's order."""
    t = m.ImportChangeTable
    if not ids:
        return pl.DataFrame(schema=TABLES_SCHEMA)
    with engine.connect() as conn:
        rows = conn.execute(
            select(t.changeset_id, t.table_name, t.inserted, t.updated).where(
                t.changeset_id.in_(ids)
            )
        ).all()
    order = {model.__tablename__: i for i, model in enumerate(m.CONTRACT_TABLES)}
    frame = pl.DataFrame([tuple(r) for r in rows], schema=TABLES_SCHEMA, orient="row")
    return frame.sort(pl.col("id"), pl.col("table").replace_strict(order, default=99))
