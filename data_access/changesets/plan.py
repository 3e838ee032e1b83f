"""A change set read back as frames: per table, the keys it inserted and the rows it updated
with their previous values, and what the rows look like now (for the checks before an undo)."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from sqlalchemy import Connection, select

from data_access import models as m
from data_access.changesets.codec import BEFORE, KEY, decode, dtype
from data_access.writer import key_columns, stored, value_columns


@dataclass(frozen=True)
class TablePlan:
    """One table of a change set: `inserted` (key columns) are deleted by an undo, `before`
    (key columns and the value columns the import wrote) are written back; `now` holds every
    stored column of both, as the rows are before the undo."""

    name: str
    inserted: pl.DataFrame
    before: pl.DataFrame
    now: pl.DataFrame

    @property
    def keys(self) -> list[str]:
        return key_columns(self.name)

    def restored(self) -> pl.DataFrame:
        """The updated rows as they will be after the undo: every stored column."""
        if self.before.is_empty():
            return self.before
        keys = self.keys
        kept = [c for c in self.now.columns if c not in self.before.columns]
        now = self.now.select(keys + kept).cast({k: self.before.schema[k] for k in keys})
        return self.before.join(now, on=keys, how="left", nulls_equal=True)


def read_plan(conn: Connection, changeset: int) -> list[TablePlan]:
    """Every table of the change set, in the contract's foreign-key order."""
    t, r = m.ImportChangeTable, m.ImportChangeRow
    written = dict(
        conn.execute(select(t.table_name, t.columns).where(t.changeset_id == changeset)).all()
    )
    out = []
    for model in m.CONTRACT_TABLES:
        name = model.__tablename__
        if name not in written:
            continue
        rows = conn.execute(
            select(r.row_key, r.before).where(r.changeset_id == changeset, r.table_name == name)
        ).all()
        frame = pl.DataFrame(rows, schema={KEY: pl.String, BEFORE: pl.String}, orient="row")
        keys = key_columns(name)
        columns = [c for c in written[name].split(",") if c in value_columns(name)]
        new = frame.filter(pl.col(BEFORE).is_null())
        old = frame.filter(pl.col(BEFORE).is_not_null())
        inserted = decode(name, keys, new[KEY])
        before = pl.concat(
            [decode(name, keys, old[KEY]), decode(name, columns, old[BEFORE])], how="horizontal"
        )
        every = pl.concat([inserted, before.select(keys)], how="vertical")
        now = stored(conn, name, every) if every.height else every.head(0)
        now = now.cast({c: dtype(name, c) for c in now.columns})
        out.append(TablePlan(name, inserted, before, now))
    return out


def as_import(plans: list[TablePlan]) -> dict[str, pl.DataFrame]:
    """The rows an undo touches, before and after, shaped as an import's tables (with __file and
    __row), for the checks the import runs: closed years and the role's scope."""
    out = {}
    for p in plans:
        parts = [p.now]
        restored = p.restored()
        if restored.height:
            parts.append(restored.select(p.now.columns).cast(p.now.schema, strict=False))
        frame = pl.concat(parts, how="vertical_relaxed")
        out[p.name] = frame.with_row_index("__row", offset=1).with_columns(
            pl.lit(p.name).alias("__file")
        )
    return out
