"""Writes: bulk insert (seeding an empty database), upsert on the contract keys (imports), and
the data version that every import bumps. Callers own the transaction: pass a Connection from
`engine.begin()` so a failure anywhere rolls everything back."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import polars as pl
from sqlalchemy import (
    Connection,
    Date,
    Engine,
    ForeignKeyConstraint,
    Index,
    Table,
    and_,
    select,
    text,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.schema import AddConstraint, DropConstraint

from data_access import changes as change_log
from data_access import models as m
from data_access.changes import Touched
from data_access.staging import driver_errors, staged, write_rows

log = logging.getLogger(__name__)


def table(name: str) -> Table:
    return m.TABLE_BY_NAME[name].__table__  # type: ignore[return-value]


def key_columns(name: str) -> list[str]:
    return [c.name for c in table(name).primary_key.columns]


def value_columns(name: str) -> list[str]:
    keys = set(key_columns(name))
    return [c.name for c in table(name).columns if c.name not in keys]


def _plain(frame: pl.DataFrame) -> pl.DataFrame:
    """Categoricals to strings: DBAPI drivers take Python str, not dictionary codes."""
    return frame.with_columns(pl.col(pl.Categorical).cast(pl.String))


def bulk_insert(conn: Connection, name: str, frame: pl.DataFrame) -> int:
    """Append rows fast (no conflict handling): for loading an empty database, and an
    upsert's new keys.

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
    return write_rows(conn, name, cols, frame)


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
    """Delete every row of the contract tables, children first (the seed's reset), and the
    import change sets, which described data that is gone."""
    for model in (m.ImportChangeRow, m.ImportChangeTable, m.ImportChangeset):
        conn.execute(model.__table__.delete())
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
    """Rows inserted, updated and left alone. With `upsert(..., record=True)` also what an undo
    needs: the keys inserted (`inserted_keys`) and, for the rows updated only, their stored
    values before (`before`: keys and the value columns written, as read from the database)."""

    inserted: int
    updated: int
    unchanged: int
    inserted_keys: pl.DataFrame | None = None
    before: pl.DataFrame | None = None


def _existing(
    conn: Connection, name: str, frame: pl.DataFrame, columns: list[str] | None = None
) -> pl.DataFrame:
    """Rows already stored under the frame's keys: the keys staged in a TEMP table, then one
    JOIN on the primary key (one index probe per key, on either engine). The value columns
    read are `columns`, else those the frame holds."""
    t, keys = table(name), key_columns(name)
    wanted_cols = columns if columns is not None else frame.columns
    cols = keys + [c for c in value_columns(name) if c in wanted_cols]
    # Sorted keys probe the index in its own order: neighbouring keys share pages, so the
    # lookup reads each page once instead of once per key.
    wanted = frame.select(keys).unique().sort(keys)
    with staged(conn, [t.c[k] for k in keys], wanted) as s:
        # SQLite's CROSS JOIN keeps the staged keys as the outer loop whatever its statistics
        # say, so the roster is probed by key, never scanned.
        join = "CROSS JOIN" if conn.dialect.name == "sqlite" else "JOIN"
        on = " AND ".join(f"t.{k} = s.{k}" for k in keys)
        picked = ", ".join(f"t.{c}" for c in cols)
        sql = f"SELECT {picked} FROM {s.name} AS s {join} {name} AS t ON {on}"
        if conn.dialect.name == "sqlite" and any(isinstance(t.c[c].type, Date) for c in cols):
            # SQLite keeps dates as text: SQLAlchemy's result types turn them back into dates.
            rows = conn.execute(text(sql).columns(*(t.c[c] for c in cols))).all()
        else:  # driver tuples: no per-row SQLAlchemy work for millions of stored rows
            cur = conn.connection.driver_connection.cursor()
            try:
                with driver_errors(conn, sql):
                    cur.execute(sql)
                    rows = cur.fetchall()
            finally:
                cur.close()
    if not rows:
        return pl.DataFrame(schema={c: frame.schema.get(c, pl.String) for c in cols})
    return pl.DataFrame(rows, schema=cols, orient="row", infer_schema_length=None)


def stored(
    conn: Connection, name: str, keys: pl.DataFrame, columns: list[str] | None = None
) -> pl.DataFrame:
    """The stored rows of table `name` under the keys in `keys` (key columns, then `columns`,
    default every value column), read inside the caller's transaction."""
    cols = value_columns(name) if columns is None else columns
    return _plain(_existing(conn, name, _plain(keys), cols))


def _marked(
    conn: Connection, name: str, frame: pl.DataFrame, old: pl.DataFrame | None = None
) -> pl.DataFrame:
    """`frame` with `__present` (its key is stored) and `__same` (stored with these values);
    `old` is what `_existing` read for it, when the caller has it already."""
    keys = key_columns(name)
    vals = [c for c in value_columns(name) if c in frame.columns]
    old = _plain(_existing(conn, name, frame)) if old is None else old
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


def upsert(
    conn: Connection, name: str, frame: pl.DataFrame, *, record: bool = False
) -> UpsertResult:
    """Insert new keys, update changed rows, leave identical rows alone (so a re-import changes
    nothing). `frame` holds the key columns and any subset of the value columns. `record`
    keeps the inserted keys and the previous values of the updated rows (an import's change
    set); unchanged rows cost nothing more."""
    if frame.is_empty():
        return UpsertResult(0, 0, 0)
    frame = _plain(frame)
    keys = key_columns(name)
    vals = [c for c in value_columns(name) if c in frame.columns]
    old = _plain(_existing(conn, name, frame))
    marked = _marked(conn, name, frame, old)
    new_rows = marked.filter(~pl.col("__present")).select(keys + vals)
    changed = marked.filter(pl.col("__present") & ~pl.col("__same")).select(keys + vals)
    unchanged = marked.height - new_rows.height - changed.height

    # Keys just read as absent (in this transaction) need no conflict handling: the bulk path
    # (COPY on PostgreSQL). A frame repeating a key keeps its last row, as one row per key
    # applied in order would.
    bulk_insert(conn, name, _last_per_key(new_rows, keys))
    if not changed.is_empty():
        # Changed keys are stored (read in this transaction): one UPDATE … FROM the staged
        # rows, probing the primary key once per row; columns the frame lacks stay as stored.
        t = table(name)
        with staged(conn, [t.c[c] for c in keys + vals], _last_per_key(changed, keys)) as s:
            match = and_(*(t.c[k] == s.c[k] for k in keys))
            conn.execute(update(t).values({c: s.c[c] for c in vals}).where(match))
    if not record:
        return UpsertResult(new_rows.height, changed.height, unchanged)
    inserted_keys = new_rows.select(keys).unique(maintain_order=True)
    # The stored values exactly as read (not cast to the file's types), for the updated keys.
    typed = old.with_columns(pl.col(k).cast(frame.schema[k]) for k in keys).with_row_index("__i")
    picked = typed.join(changed.select(keys), on=keys, how="semi", nulls_equal=True)["__i"]
    before = old[picked]
    return UpsertResult(new_rows.height, changed.height, unchanged, inserted_keys, before)


def _last_per_key(frame: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    if not frame.select(keys).is_duplicated().any():
        return frame
    return frame.unique(subset=keys, keep="last", maintain_order=True)


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
