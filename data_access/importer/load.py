"""Writing a validated import: one transaction, tables in foreign-key order, upsert on the
contract keys, and a new data version only when something changed."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
from sqlalchemy import Connection

from data_access import models as m
from data_access.changes import touched_of
from data_access.importer.report import TableSummary
from data_access.writer import UpsertResult, bump_data_version, mark_imported, upsert

Step = Callable[[str], None]
# Told what each table's upsert changed (keys inserted, previous values of rows updated): the
# import's change set, or the preview's list of what would be created.
Recorder = Callable[[str, UpsertResult], None]


def storable(frame: pl.DataFrame) -> pl.DataFrame:
    """The columns the database holds (drops the importer's bookkeeping columns)."""
    return frame.select(c for c in frame.columns if not c.startswith("__"))


def write_tables(
    conn: Connection,
    tables: dict[str, pl.DataFrame],
    on_table: Step | None = None,
    *,
    record: Recorder | None = None,
) -> tuple[TableSummary, ...]:
    """Upsert every table in `tables` inside the caller's transaction (`engine.begin()`);
    `record` sees each table's changes as they are written, and only those rows are kept."""
    out = []
    for model in m.CONTRACT_TABLES:
        name = model.__tablename__
        if name not in tables:
            continue
        if on_table:
            on_table(name)
        res = upsert(conn, name, storable(tables[name]), record=record is not None)
        if record is not None:
            record(name, res)
        out.append(TableSummary(name, res.inserted, res.updated, res.unchanged))
    changed = {s.table: storable(tables[s.table]) for s in out if s.inserted or s.updated}
    if changed:
        bump_data_version(conn, touched_of(changed))
        mark_imported(conn)  # seed --reset asks twice before deleting imported data
    return tuple(out)
