"""Writes: bulk insert (seeding an empty database), upsert on the contract keys (imports), and
the data version that every import bumps. Callers own the transaction: pass a Connection from
`engine.begin()` so a failure anywhere rolls everything back."""

from __future__ import annotations

import logging
import sqlite3
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import polars as pl
from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    ForeignKeyConstraint,
    Index,
    Table,
    bindparam,
    func,
    select,
    tuple_,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.schema import AddConstraint, DropConstraint

from data_access import changes as change_log
from data_access import models as m
from data_access.changes import Touched

log = logging.getLogger(__name__)
BATCH = 50_000
ROWS_PER_INSERT = 100  # rows per INSERT statement on SQLite (≤ 32 766 parameters)


def table(name: str) -> Table:
    return m.TABLE_BY_NAME[name].__table__  # type: ignore[return-value]


def key_columns(name: str) -> list[str]:
    return [c.name for c in table(name).primary_key.columns]


def value_columns(name: str) -> list[str]:
    keys = set(key_columns(name))
    return [c.name for c in table(name).columns if c.name not in keys]


def _batches(frame: pl.DataFrame, size: int = BATCH) -> Iterator[pl.DataFrame]:
    for start in range(0, frame.height, size):
        yield frame.slice(start, size)


def _plain(frame: pl.DataFrame) -> pl.DataFrame:
    """Categoricals to strings: DBAPI drivers take Python str, not dictionary codes."""
    return frame.with_columns(pl.col(pl.Categorical).cast(pl.String))


def bulk_insert(conn: Connection, name: str, frame: pl.DataFrame) -> int:
    """Append rows fast (no conflict handling): for loading an empty database.

    Rows go in primary-key order, so every B-tree insert is an append. SQLite gets tuples through
    the driver's executemany (no per-row SQLAlchemy work); PostgreSQL gets CSV text through COPY.
    Runs inside the caller's transaction on both engines.
    """
    if frame.is_empty():
        return 0
    cols = [c.name for c in table(name).columns if c.name in frame.columns]
    keys = [k for k in key_columns(name) if k in cols]
    frame = _plain(frame.select(cols))
    if keys:
        frame = frame.sort(keys)
    raw = conn.connection.driver_connection
    if conn.dialect.name == "postgresql":
        # COPY is an order of magnitude faster than INSERT; Polars writes the CSV text in Rust
        # (an unquoted empty field is NULL, an empty string is written as "").
        sql = f"COPY {name} ({', '.join(cols)}) FROM STDIN (FORMAT csv)"
        with raw.cursor() as cur, cur.copy(sql) as copy:
            for batch in _batches(frame, 200_000):
                copy.write(batch.write_csv(include_header=False))
        return frame.height
    # SQLAlchemy stores Date on SQLite as ISO text; write the same text.
    frame = frame.with_columns(pl.col(pl.Date).dt.to_string("%Y-%m-%d"))
    _sqlite_insert(raw, name, cols, frame)
    return frame.height


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


@contextmanager
def bulk_load(engine: Engine, names: Iterable[str]) -> Iterator[Connection]:
    """One transaction for loading many rows into `names`; yields its Connection.

    The tables' secondary indexes are dropped first and rebuilt at the end (one sort instead of
    millions of random B-tree inserts). Foreign keys are checked once at the end instead of row
    by row: SQLite runs `PRAGMA foreign_key_check` (any violation fails the load), PostgreSQL
    re-adds the dropped constraints (which validates them) and analyses the tables. All or
    nothing: DDL is transactional on both engines, so a failure restores everything.
    """
    names = list(names)
    with engine.connect() as conn:
        lite = conn.dialect.name == "sqlite"
        raw = conn.connection.driver_connection
        if lite:
            raw.execute("PRAGMA foreign_keys=OFF")  # only takes effect outside a transaction
            old_cache = raw.execute("PRAGMA cache_size").fetchone()[0]
            raw.execute("PRAGMA cache_size=-524288")  # 512 MiB
            raw.execute("PRAGMA threads=2")  # helper threads sort for the index rebuild
        try:
            with conn.begin():
                if lite:
                    conn.exec_driver_sql("BEGIN")  # the sqlite3 module would run DDL outside it
                indexes = [ix for n in names for ix in sorted(table(n).indexes, key=_ix_name)]
                fks = [] if lite else [fk for n in names for fk in _fks(n)]
                for fk in fks:
                    conn.execute(DropConstraint(fk))
                for ix in indexes:
                    ix.drop(conn)
                yield conn
                started = time.perf_counter()
                for ix in indexes:
                    ix.create(conn)
                for fk in fks:
                    conn.execute(AddConstraint(fk))
                log.info("bulk_load: indexes rebuilt in %.1f s", time.perf_counter() - started)
                started = time.perf_counter()
                if lite:
                    bad = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchmany(5)
                    if bad:
                        raise IntegrityError(
                            "PRAGMA foreign_key_check",
                            None,
                            Exception(f"foreign key violations (table, rowid, parent): {bad}"),
                        )
                else:
                    conn.exec_driver_sql(f"ANALYZE {', '.join(names)}")
                log.info("bulk_load: checked in %.1f s; committing", time.perf_counter() - started)
        finally:
            if lite:
                raw.execute("PRAGMA foreign_keys=ON")
                raw.execute(f"PRAGMA cache_size={int(old_cache)}")
                raw.execute("PRAGMA threads=0")


def _fks(name: str) -> list[ForeignKeyConstraint]:
    return sorted(table(name).foreign_key_constraints, key=lambda fk: fk.name or "")


def _ix_name(ix: Index) -> str:
    return ix.name or ""


def clear(conn: Connection) -> None:
    """Delete every row of the contract tables, children first (the seed's reset)."""
    for model in reversed(m.CONTRACT_TABLES):
        conn.execute(model.__table__.delete())
    conn.execute(m.Meta.__table__.delete().where(m.Meta.key == IMPORTED_KEY))


IMPORTED_KEY = "imported_at"  # set by every import that changed something; cleared by clear()


def mark_imported(conn: Connection) -> None:
    """Remember that the database holds imported data (the seed's reset then asks twice)."""
    t = m.Meta.__table__
    ins = postgresql.insert(t) if conn.dialect.name == "postgresql" else sqlite.insert(t)
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    conn.execute(
        ins.values(key=IMPORTED_KEY, value=stamp).on_conflict_do_update(
            index_elements=["key"], set_={"value": stamp}
        )
    )


def imported_at(engine: Engine) -> str | None:
    """When an import last changed the data (UTC), or None if the data were only seeded."""
    with engine.connect() as conn:
        return conn.execute(select(m.Meta.value).where(m.Meta.key == IMPORTED_KEY)).scalar()


@dataclass(frozen=True)
class UpsertResult:
    inserted: int
    updated: int
    unchanged: int


def _key_condition(
    conn: Connection, t: Table, keys: list[str], batch: pl.DataFrame
) -> ColumnElement[bool]:
    """WHERE clause matching a batch of (possibly composite) keys."""
    if len(keys) == 1:
        return t.c[keys[0]].in_(batch[keys[0]].to_list())
    if conn.dialect.name == "postgresql":
        # psycopg prepares a statement run 5 times and PostgreSQL may then keep a generic plan,
        # in which `(a, b) IN (<5000 parameters>)` is an OR chain tested row by row (minutes
        # for a 100k roster). Two array parameters unnested into a key set give a semi-join
        # whatever the plan.
        arrays = [
            bindparam(None, batch[k].to_list(), type_=postgresql.ARRAY(t.c[k].type)) for k in keys
        ]
        keyset = select(func.unnest(*arrays).table_valued(*keys).render_derived())
        return tuple_(*(t.c[k] for k in keys)).in_(keyset)
    return tuple_(*(t.c[k] for k in keys)).in_(batch.rows())


def _existing(conn: Connection, name: str, frame: pl.DataFrame) -> pl.DataFrame:
    """Rows already stored under the frame's keys (read in batches of keys)."""
    t, keys = table(name), key_columns(name)
    cols = keys + [c for c in value_columns(name) if c in frame.columns]
    parts = []
    for batch in _batches(frame.select(keys).unique(), 5_000):
        cond = _key_condition(conn, t, keys, batch)
        rows = conn.execute(select(*(t.c[c] for c in cols)).where(cond)).all()
        if rows:
            parts.append(pl.DataFrame(rows, schema=cols, orient="row", infer_schema_length=None))
    if not parts:
        return pl.DataFrame(schema={c: frame.schema[c] for c in cols})
    return pl.concat(parts, how="vertical_relaxed")


def _marked(conn: Connection, name: str, frame: pl.DataFrame) -> pl.DataFrame:
    """`frame` with `__present` (its key is stored) and `__same` (stored with these values)."""
    keys = key_columns(name)
    vals = [c for c in value_columns(name) if c in frame.columns]
    old = _plain(_existing(conn, name, frame))
    old = old.with_columns(pl.col(c).cast(frame.schema[c], strict=False) for c in old.columns)
    # Presence comes from a key match, not from non-null values (a stored row may be all-null).
    found = old.select(keys).with_columns(pl.lit(True).alias("__present"))
    joined = frame.join(old, on=keys, how="left", suffix="__old", nulls_equal=True).join(
        found, on=keys, how="left", nulls_equal=True
    )
    present = pl.col("__present").fill_null(False)
    same = (
        pl.all_horizontal(pl.col(c).eq_missing(pl.col(f"{c}__old")) for c in vals)
        if vals
        else pl.lit(True)
    )
    return joined.with_columns(present.alias("__present"), same.alias("__same")).drop(
        [f"{c}__old" for c in vals]
    )


def changes(conn: Connection, name: str, frame: pl.DataFrame) -> pl.DataFrame:
    """The rows of `frame` an upsert would insert or update (all of `frame`'s columns)."""
    if frame.is_empty():
        return frame
    marked = _marked(conn, name, _plain(frame))
    return marked.filter(~pl.col("__present") | ~pl.col("__same")).drop("__present", "__same")


def upsert(conn: Connection, name: str, frame: pl.DataFrame) -> UpsertResult:
    """Insert new keys, update changed rows, leave identical rows alone (so a re-import changes
    nothing). `frame` holds the key columns and any subset of the value columns."""
    if frame.is_empty():
        return UpsertResult(0, 0, 0)
    frame = _plain(frame)
    keys = key_columns(name)
    vals = [c for c in value_columns(name) if c in frame.columns]
    marked = _marked(conn, name, frame)
    new_rows = marked.filter(~pl.col("__present")).select(keys + vals)
    changed = marked.filter(pl.col("__present") & ~pl.col("__same")).select(keys + vals)
    unchanged = marked.height - new_rows.height - changed.height

    parts = [new_rows, changed]
    if not new_rows.select(keys).is_duplicated().any():
        # Keys just read as absent (in this transaction) need no conflict handling: the bulk
        # path (COPY on PostgreSQL) is several times faster than INSERT ... ON CONFLICT. A frame
        # repeating a key keeps the old path, where the last row wins.
        bulk_insert(conn, name, new_rows)
        parts = [changed]
    t = table(name)
    ins = postgresql.insert(t) if conn.dialect.name == "postgresql" else sqlite.insert(t)
    for part in parts:
        if part.is_empty():
            continue
        stmt = (
            ins.on_conflict_do_update(index_elements=keys, set_={c: ins.excluded[c] for c in vals})
            if vals
            else ins.on_conflict_do_nothing(index_elements=keys)
        )
        for batch in _batches(part):
            conn.execute(stmt, batch.to_dicts())
    return UpsertResult(new_rows.height, changed.height, unchanged)


def bump_data_version(conn: Connection, touched: Touched | None = None) -> str:
    """Give the data a new version token; cached frames keyed on the old one go stale.

    `touched` (table → years, None for a whole table; see data_access.changes) lets the stored
    aggregates rebuild only those partitions; None means everything may have changed."""
    token = uuid.uuid4().hex
    t = m.Meta.__table__
    parent = conn.execute(select(m.Meta.value).where(m.Meta.key == "data_version")).scalar()
    change_log.record(conn, parent or "0", token, touched)
    ins = postgresql.insert(t) if conn.dialect.name == "postgresql" else sqlite.insert(t)
    conn.execute(
        ins.values(key="data_version", value=token).on_conflict_do_update(
            index_elements=["key"], set_={"value": token}
        )
    )
    return token
