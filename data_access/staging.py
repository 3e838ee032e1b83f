"""Rows into the database at driver speed, and TEMP tables staged from a frame.

`write_rows` is the fast append both the bulk loader and the upsert use: COPY on PostgreSQL,
multi-row executemany on SQLite. `staged` puts a frame into a temporary table inside the
caller's transaction, so that a set of keys is matched with one JOIN on the target's primary
key instead of thousands of `IN` lists (SQLite plans a row-value `IN` list as a full scan).
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import polars as pl
from sqlalchemy import Column, Connection, MetaData, Table
from sqlalchemy.exc import DBAPIError

ROWS_PER_INSERT = 100  # rows per INSERT statement on SQLite (≤ 32 766 parameters)


def _batches(frame: pl.DataFrame, size: int) -> Iterator[pl.DataFrame]:
    for start in range(0, frame.height, size):
        yield frame.slice(start, size)


def write_rows(conn: Connection, name: str, cols: list[str], frame: pl.DataFrame) -> int:
    """Append `frame[cols]` to table `name` (no conflict handling) inside the caller's
    transaction; rows written. Categoricals must already be strings."""
    if frame.is_empty():
        return 0
    frame = frame.select(cols)
    raw = conn.connection.driver_connection
    if conn.dialect.name == "postgresql":
        # COPY is an order of magnitude faster than INSERT; Polars writes the CSV text in Rust
        # (an unquoted empty field is NULL, an empty string is written as "").
        sql = f"COPY {name} ({', '.join(cols)}) FROM STDIN (FORMAT csv)"
        with driver_errors(conn, sql), raw.cursor() as cur, cur.copy(sql) as copy:
            for batch in _batches(frame, 200_000):
                copy.write(batch.write_csv(include_header=False))
        return frame.height
    # SQLAlchemy stores Date on SQLite as ISO text; write the same text.
    frame = frame.with_columns(pl.col(pl.Date).dt.to_string("%Y-%m-%d"))
    with driver_errors(conn, f"INSERT INTO {name}"):
        _sqlite_insert(raw, name, cols, frame)
    return frame.height


@contextmanager
def driver_errors(conn: Connection, statement: str) -> Iterator[None]:
    """A database error met through the raw driver raised as SQLAlchemy's own (IntegrityError,
    OperationalError, …), as `conn.execute` would: callers (the importer) catch SQLAlchemyError
    to report "nothing was written" instead of a traceback."""
    base = conn.dialect.loaded_dbapi.Error
    try:
        yield
    except base as exc:
        raise DBAPIError.instance(statement, None, exc, base, dialect=conn.dialect) from exc


def _sqlite_insert(
    raw: sqlite3.Connection, name: str, cols: list[str], frame: pl.DataFrame
) -> None:
    """executemany with ROWS_PER_INSERT rows per statement: ~40 % less CPU than one row each,
    as the per-statement work of the sqlite3 module is paid a hundred times less often."""
    k = len(cols)
    one = "(" + ", ".join("?" * k) + ")"
    head = f"INSERT INTO {name} ({', '.join(cols)}) VALUES "
    many = head + ", ".join([one] * ROWS_PER_INSERT)
    cur = raw.cursor()
    try:
        for batch in _batches(frame, 100_000):
            rows = np.empty((batch.height, k), dtype=object)
            for j, c in enumerate(cols):
                rows[:, j] = batch[c].to_list()
            full = batch.height // ROWS_PER_INSERT * ROWS_PER_INSERT
            if full:
                cur.executemany(many, map(tuple, rows[:full].reshape(-1, k * ROWS_PER_INSERT)))
            if full < batch.height:
                cur.executemany(head + one, map(tuple, rows[full:]))
    finally:
        cur.close()


def _begin_sqlite(conn: Connection) -> None:
    """Open the SQLite transaction now if the driver has not yet: the sqlite3 module begins
    only before DML, and a TEMP table created outside it would outlive a rollback on the
    pooled connection. IMMEDIATE takes the write lock at once (waiting out other writers as
    any write does): a deferred transaction that reads first and writes later fails outright
    if another connection committed in between."""
    raw = conn.connection.driver_connection
    if not raw.in_transaction:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


@contextmanager
def staged(conn: Connection, columns: list[Column], frame: pl.DataFrame) -> Iterator[Table]:
    """A TEMP table holding `frame` (columns named and typed as `columns`), dropped on leaving.

    Created inside the caller's transaction on both engines, so a failure (the caller's
    rollback) removes it with everything else; PostgreSQL also drops it at commit."""
    name = f"stage_{uuid.uuid4().hex[:16]}"
    tmp = Table(
        name,
        MetaData(),
        *(Column(c.name, c.type) for c in columns),
        prefixes=["TEMPORARY"],
        postgresql_on_commit="DROP",
    )
    if conn.dialect.name == "sqlite":
        _begin_sqlite(conn)
    tmp.create(conn)
    write_rows(conn, name, [c.name for c in columns], frame)
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"ANALYZE {name}")  # row count for the planner: hash or index join
    yield tmp
    tmp.drop(conn)
