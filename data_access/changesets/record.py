"""Writing an import's change set inside the import's own transaction: a header (who, when,
files), then per table the keys it inserted and the previous values of the rows it updated.

Unchanged rows leave no trace, and the rows go in at driver speed (COPY on PostgreSQL), a table
at a time, so a large import's change set costs one more append per row it changed.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
from sqlalchemy import Connection, delete, func, insert, select, update

from data_access import models as m
from data_access.accounts import printable
from data_access.changesets.codec import BEFORE, KEY, encode_keys, encode_values
from data_access.staging import write_rows
from data_access.writer import UpsertResult, key_columns, value_columns

FILES_CHARS = 1000  # import_changesets.files is VARCHAR(1000)


def utcnow() -> dt.datetime:
    """Now in UTC, without a zone: what the database stores (shown in local time)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def start(conn: Connection, actor: str | None, files: list[str]) -> int:
    """A new change set's header; its id. Removed again by `finish` when nothing changed."""
    names = printable(", ".join(files), FILES_CHARS)
    who = printable(actor, 64) if actor else None
    res = conn.execute(
        insert(m.ImportChangeset).values(at=utcnow(), username=who, files=names or "—")
    )
    return int(res.inserted_primary_key[0])


def add(conn: Connection, changeset: int, name: str, result: UpsertResult) -> None:
    """Store what one table's upsert (`record=True`) changed."""
    if not (result.inserted or result.updated):
        return
    keys = key_columns(name)
    before = result.before if result.before is not None else pl.DataFrame()
    written = [c for c in value_columns(name) if c in before.columns]
    parts = []
    if result.inserted_keys is not None and result.inserted_keys.height:
        ins = result.inserted_keys
        parts.append(
            pl.DataFrame({KEY: encode_keys(name, keys, ins)}).with_columns(
                pl.lit(None, pl.String).alias(BEFORE)
            )
        )
    if before.height:
        parts.append(
            pl.DataFrame(
                {KEY: encode_keys(name, keys, before), BEFORE: encode_values(name, written, before)}
            )
        )
    rows = pl.concat(parts, how="vertical").select(
        pl.lit(changeset, pl.Int64).alias("changeset_id"),
        pl.lit(name).alias("table_name"),
        KEY,
        BEFORE,
    )
    # Sorted: the primary key's B-tree is appended to, never split at random.
    rows = rows.unique(subset=[KEY], keep="last").sort(KEY)
    write_rows(conn, m.ImportChangeRow.__tablename__, rows.columns, rows)
    conn.execute(
        insert(m.ImportChangeTable).values(
            changeset_id=changeset,
            table_name=name,
            inserted=result.inserted,
            updated=result.updated,
            columns=",".join(written),
        )
    )


def finish(conn: Connection, changeset: int) -> bool:
    """Totals on the header; the header removed when the import changed nothing (False)."""
    t = m.ImportChangeTable
    inserted, updated = conn.execute(
        select(_total(t.inserted), _total(t.updated)).where(t.changeset_id == changeset)
    ).one()
    if not (inserted or updated):
        conn.execute(delete(m.ImportChangeset).where(m.ImportChangeset.id == changeset))
        return False
    conn.execute(
        update(m.ImportChangeset)
        .where(m.ImportChangeset.id == changeset)
        .values(inserted=int(inserted), updated=int(updated))
    )
    return True


def _total(column: object) -> object:
    """SUM that is 0, not NULL, over no rows."""
    return func.coalesce(func.sum(column), 0)
