"""Undoing an import: its inserted rows deleted, its updated rows given back their previous
values, in one transaction, so the data are exactly as they were before it.

Refused, with nothing changed, when: the change set does not exist or was undone already; a
later import that is still in place touched the same rows (named: undo that one first); a row
it would delete is used by later data (named when a later import wrote it); a row it would
change lies in a closed year; the caller's scope does not cover it. Every undo and every
refusal is audited; an undo bumps the data version with the tables and years it touched, so
caches and the stored aggregates rebuild what changed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NoReturn

import polars as pl
from sqlalchemy import (
    Column,
    Connection,
    Engine,
    ForeignKeyConstraint,
    String,
    and_,
    func,
    select,
    text,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.schema import AddConstraint, DropConstraint

from data_access import closed_years
from data_access import models as m
from data_access.accounts import audit, audit_in
from data_access.changes import touched_of
from data_access.changesets.codec import encode_keys
from data_access.changesets.plan import TablePlan, as_import, read_plan
from data_access.changesets.record import utcnow
from data_access.errors import DataAccessError
from data_access.importer.references import KIND_TO_DIMENSION
from data_access.importer.scope import ScopeCheck, touched
from data_access.staging import staged
from data_access.writer import bump_data_version, table

LOOKUP_BATCH = 5_000
BIG_DELETE = 1_000  # rows foreign keys point at, past which the keys are checked once
STILL_USED_SHOWN = 1_000  # rows still referring to a deleted one, searched for a later import


class UndoRefused(DataAccessError):
    """An undo that cannot be done; `key` names the message (dashboard/locales), `params`
    fill it (`later`: the later change set's id, `who`, `at` in UTC; `detail`)."""

    def __init__(self, key: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.key, self.params = key, params


@dataclass(frozen=True)
class UndoResult:
    changeset: int
    deleted: dict[str, int]
    restored: dict[str, int]


def _lock(conn: Connection) -> None:
    """One undo or import writing change sets at a time: SQLite takes its write lock now;
    PostgreSQL a lock on the change sets that an import's header insert waits for."""
    if conn.dialect.name == "sqlite":
        if not conn.connection.driver_connection.in_transaction:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.execute(text("LOCK TABLE import_changesets IN SHARE ROW EXCLUSIVE MODE"))


def _header(conn: Connection, changeset: int) -> None:
    c = m.ImportChangeset
    row = conn.execute(select(c.id, c.undone_at, c.undone_by).where(c.id == changeset)).first()
    if row is None:
        raise UndoRefused("not_found", f"No import change set {changeset}", id=changeset)
    if row.undone_at is not None:
        raise UndoRefused(
            "already_undone",
            f"Import {changeset} was undone already",
            id=changeset,
            at=row.undone_at,
            who=row.undone_by,
        )


def _refuse_later(
    conn: Connection, ids: list[int], changeset: int, key: str, **kw: object
) -> NoReturn:
    """Raise naming the earliest of the later change sets `ids`."""
    c = m.ImportChangeset
    first = conn.execute(select(c.id, c.username, c.at).where(c.id.in_(ids)).order_by(c.id)).first()
    raise UndoRefused(
        key,
        f"Import {changeset}: import {first.id} ({first.username}, {first.at:%Y-%m-%d %H:%M} "
        f"UTC) came later and built on it; undo it first",
        id=changeset,
        later=first.id,
        who=first.username,
        at=first.at,
        **kw,
    )


def _later_touching(conn: Connection, changeset: int) -> list[int]:
    """Later change sets still in place that inserted or updated a row this one did."""
    a, b = (m.ImportChangeRow.__table__.alias(x) for x in ("a", "b"))
    hs = m.ImportChangeset.__table__
    query = (
        select(b.c.changeset_id)
        .select_from(a)
        .join(b, and_(b.c.table_name == a.c.table_name, b.c.row_key == a.c.row_key))
        .join(hs, hs.c.id == b.c.changeset_id)
        .where(a.c.changeset_id == changeset, b.c.changeset_id > changeset)
        .where(hs.c.undone_at.is_(None))
        .distinct()
    )
    return sorted(conn.execute(query).scalars())


def _references_to(name: str) -> list[tuple[str, str, str | None, str | None]]:
    """(table, column, kind column, kind) of every contract column that refers to rows of
    `name`: the foreign keys, and the kind/code pairs (ratings' subject, awards' recipient,
    targets' scope) that the importer checks in their place."""
    out: list[tuple[str, str, str | None, str | None]] = []
    kinds = [k for k, dim in KIND_TO_DIMENSION.items() if dim == name]
    for model in m.CONTRACT_TABLES:
        t = model.__table__
        for fk in t.foreign_keys:
            if fk.column.table.name == name:
                out.append((t.name, fk.parent.name, None, None))
        for col in t.columns:
            if col.name.endswith("_kind") and (code := col.name[:-5] + "_code") in t.c:
                out += [(t.name, code, col.name, k) for k in kinds]
    return out


def _still_used(conn: Connection, changeset: int, p: TablePlan) -> None:
    """Refuse when a row the undo would delete from `p` is referred to by a row that stays:
    naming the later import that wrote the referring row, else the row itself. Run after the
    referring tables' own deletions (they come later in the foreign-key order), so whatever
    still refers to these rows is what stands in the way."""
    if p.inserted.is_empty() or len(p.keys) != 1:
        return  # nothing refers to a table with a composite key
    key = p.keys[0]
    codes = p.inserted.select(pl.col(key).cast(pl.String).alias("code"))
    with staged(conn, [Column("code", String(255))], codes) as s:
        for child, column, kind_col, kind in _references_to(p.name):
            t = table(child)
            keys = [k.name for k in t.primary_key.columns]
            query = select(*(t.c[k] for k in keys), t.c[column]).join(s, s.c.code == t.c[column])
            if kind_col:
                query = query.where(t.c[kind_col] == kind)
            rows = conn.execute(query.limit(STILL_USED_SHOWN)).all()
            if not rows:
                continue
            found = pl.DataFrame(rows, schema=[*keys, "__ref"], orient="row")
            later = _writers(conn, changeset, child, encode_keys(child, keys, found).to_list())
            detail = f"{child}.{column} = {found['__ref'][0]}"
            if later:
                _refuse_later(conn, later, changeset, "used_later", detail=detail)
            raise UndoRefused(
                "still_used",
                f"Import {changeset}: {detail} still refers to it",
                id=changeset,
                detail=detail,
            )


def _writers(conn: Connection, changeset: int, name: str, keys: list[str]) -> list[int]:
    """Later change sets still in place that wrote any of the rows `keys` (JSON keys)."""
    r, c = m.ImportChangeRow, m.ImportChangeset
    out: set[int] = set()
    for i in range(0, len(keys), LOOKUP_BATCH):
        out |= set(
            conn.execute(
                select(r.changeset_id)
                .join(c, c.id == r.changeset_id)
                .where(r.table_name == name, r.row_key.in_(keys[i : i + LOOKUP_BATCH]))
                .where(r.changeset_id > changeset, c.undone_at.is_(None))
                .distinct()
            ).scalars()
        )
    return sorted(out)


def _closed(conn: Connection, changeset: int, tables: dict[str, pl.DataFrame]) -> None:
    refused = closed_years.refused_rows(conn, tables, changed_only=False)
    if refused.height:
        what = closed_years.describe(refused)
        raise UndoRefused(
            "year_closed",
            f"Import {changeset} changed a closed year: {what}",
            id=changeset,
            detail=what,
        )


def _restore(conn: Connection, p: TablePlan) -> None:
    if p.before.is_empty():
        return
    t, keys = table(p.name), p.keys
    vals = [c for c in p.before.columns if c not in keys]
    with staged(conn, [t.c[c] for c in keys + vals], p.before) as s:
        match = and_(*(t.c[k] == s.c[k] for k in keys))
        conn.execute(update(t).values({c: s.c[c] for c in vals}).where(match))


def _delete(conn: Connection, p: TablePlan) -> None:
    """Delete the inserted keys: staged, then one statement probing the primary key per key."""
    if p.inserted.is_empty():
        return
    t, keys = table(p.name), p.keys
    with staged(conn, [t.c[k] for k in keys], p.inserted) as s:
        on = " AND ".join(f"t.{k} = s.{k}" for k in keys)
        if conn.dialect.name == "sqlite":
            sql = (
                f"DELETE FROM {p.name} WHERE rowid IN "
                f"(SELECT t.rowid FROM {s.name} AS s CROSS JOIN {p.name} AS t ON {on})"
            )
        else:
            sql = f"DELETE FROM {p.name} AS t USING {s.name} AS s WHERE {on}"
        conn.exec_driver_sql(sql)


def _parents() -> set[str]:
    """The contract tables other tables' foreign keys point at."""
    return {
        fk.column.table.name for model in m.CONTRACT_TABLES for fk in model.__table__.foreign_keys
    }


def _fks_to(names: set[str]) -> list[ForeignKeyConstraint]:
    return [
        fk
        for model in m.CONTRACT_TABLES
        for fk in sorted(model.__table__.foreign_key_constraints, key=lambda c: c.name or "")
        if fk.referred_table.name in names
    ]


def _big(engine: Engine, changeset: int) -> bool:
    """Whether the undo deletes more than BIG_DELETE rows that foreign keys point at."""
    r = m.ImportChangeRow
    with engine.connect() as conn:
        n = conn.execute(
            select(func.count()).where(
                r.changeset_id == changeset, r.before.is_(None), r.table_name.in_(_parents())
            )
        ).scalar()
    return int(n or 0) > BIG_DELETE


@contextmanager
def _transaction(engine: Engine, checked_once: bool) -> Iterator[Connection]:
    """The undo's one transaction. `checked_once`: SQLite's per-row foreign-key checks off
    (a pragma that only takes effect outside a transaction), checked once before the commit."""
    with engine.connect() as conn:
        lite = conn.dialect.name == "sqlite" and checked_once
        raw = conn.connection.driver_connection
        if lite:
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                yield conn
        finally:
            if lite:
                raw.execute("PRAGMA foreign_keys=ON")


def _delete_all(conn: Connection, changeset: int, plans: list[TablePlan], once: bool) -> None:
    """Delete what the import inserted, children first, each table's rows checked for rows
    still referring to them first. Deleting a parent makes the database look for its children
    row by row, and a child column the primary key does not lead (roster.person_code) is then
    scanned once per row: past BIG_DELETE rows the foreign keys are set aside and checked once,
    at the end (PostgreSQL re-adds them, which validates them; SQLite runs its check)."""
    fks = _fks_to({p.name for p in plans if p.inserted.height}) if once else []
    pg = conn.dialect.name == "postgresql"
    if pg:
        for fk in fks:
            conn.execute(DropConstraint(fk))
    for p in reversed(plans):
        _still_used(conn, changeset, p)
        _delete(conn, p)
    if pg:
        for fk in fks:
            conn.execute(AddConstraint(fk))
    else:
        for child in sorted({fk.table.name for fk in fks}):
            bad = conn.exec_driver_sql(f"PRAGMA foreign_key_check({child})").fetchmany(5)
            if bad:
                raise IntegrityError(
                    "PRAGMA foreign_key_check", None, Exception(f"foreign keys broken: {bad}")
                )


def undo(
    engine: Engine,
    changeset: int,
    *,
    actor: str | None,
    scope_check: ScopeCheck | None = None,
) -> UndoResult:
    """Undo import `changeset` (see the module's docstring); raises UndoRefused."""
    once = _big(engine, changeset)
    try:
        with _transaction(engine, once) as conn:
            _lock(conn)
            _header(conn, changeset)
            later = _later_touching(conn, changeset)
            if later:
                _refuse_later(conn, later, changeset, "built_on")
            plans = read_plan(conn, changeset)
            tables = as_import(plans)
            if scope_check is not None and not scope_check(touched(conn, tables)):
                raise UndoRefused(
                    "scope", f"Import {changeset} is outside your scope", id=changeset
                )
            _closed(conn, changeset, tables)
            for p in plans:  # parents first: a restored row may point at a row kept
                _restore(conn, p)
            _delete_all(conn, changeset, plans, once)
            bump_data_version(conn, touched_of(tables))
            conn.execute(
                update(m.ImportChangeset)
                .where(m.ImportChangeset.id == changeset)
                .values(undone_at=utcnow(), undone_by=actor)
            )
            deleted = {p.name: p.inserted.height for p in plans if p.inserted.height}
            restored = {p.name: p.before.height for p in plans if p.before.height}
            summary = " ".join(f"{n}=-{deleted.get(n, 0)}/~{restored.get(n, 0)}" for n in tables)
            audit_in(conn, actor, "import_undo", f"id={changeset} {summary}")
    except UndoRefused as exc:
        audit(engine, actor, "import_undo_refused", f"id={changeset} {exc.key}: {exc}"[:1000])
        raise
    return UndoResult(changeset, deleted, restored)
