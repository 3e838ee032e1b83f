"""Closed years (khóa sổ): after the year-end review a year is closed, for one cluster or for
all; an import may not change a closed year's rows, and reopening it is audited with a reason.

`lock`, `unlock`, `locked_years` and `closed` serve the command line and the Dữ liệu page;
`refused_rows` runs inside the import's transaction (data_access.importer.api) and names every
row of the files that would change a closed year.
"""

from __future__ import annotations

import unicodedata

import polars as pl
from sqlalchemy import Connection, Engine, delete, insert, select, text

from data_access.accounts import audit_in
from data_access.errors import DataAccessError, UnknownCode
from data_access.models import (
    ALL_CLUSTERS,
    YEAR_MAX,
    YEAR_MIN,
    ClosedYear,
    Cluster,
)
from data_access.text import printable


class YearLockError(DataAccessError):
    """A lock that cannot be set or lifted; `key` names the message, `params` fill it."""

    def __init__(self, key: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.key, self.params = key, params


REASON_MIN_LETTERS = 3


def reason_text(reason: object) -> str | None:
    """The reason as it is stored: invisible characters (format and control: zero-width spaces,
    direction marks) dropped, spaces collapsed; None unless it has at least five characters of
    which REASON_MIN_LETTERS are letters (issue 20: five zero-width spaces were a reason)."""
    text = "".join(
        ch for ch in str(reason or "") if unicodedata.category(ch)[0] != "C" or ch in "\t\n"
    )
    why = " ".join(text.split())
    letters = sum(unicodedata.category(ch).startswith("L") for ch in why)
    return why if len(why) >= 5 and letters >= REASON_MIN_LETTERS else None


# One key for every write that a closed year depends on: `lock`, `unlock` and each import take
# it inside their transaction, so a lock committed during an import waits for it and an import
# started after a lock sees it (issue 20: a lock committed 14 s before an in-flight import's
# 300 000 roster rows of that year). PostgreSQL: a transaction-scoped advisory lock; SQLite: the
# database's write lock, taken at the start (BEGIN IMMEDIATE).
LOCK_KEY = 0x74686964_75610001


def serialize(conn: Connection) -> None:
    """Take the closed-years lock for the rest of `conn`'s transaction."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": LOCK_KEY})
    elif conn.dialect.name == "sqlite":
        raw = conn.connection.driver_connection
        if not raw.in_transaction:
            conn.exec_driver_sql("BEGIN IMMEDIATE")


def _check(conn: Connection, year: int, cluster: str | None) -> str:
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise YearLockError("year_range", f"Year {year} outside {YEAR_MIN}-{YEAR_MAX}", year=year)
    if cluster is None:
        return ALL_CLUSTERS
    known = conn.execute(select(Cluster.cluster_code)).scalars().all()
    if cluster not in known:
        raise UnknownCode("cluster", cluster, list(known))
    return cluster


def lock(engine: Engine, year: int, cluster: str | None = None, *, actor: str | None) -> bool:
    """Close `year` for `cluster` (None: every cluster). False when it was closed already."""
    with engine.begin() as conn:
        serialize(conn)
        code = _check(conn, year, cluster)
        done = conn.execute(
            select(ClosedYear.year).where(ClosedYear.year == year, ClosedYear.cluster_code == code)
        ).first()
        if done:
            return False
        conn.execute(insert(ClosedYear).values(year=year, cluster_code=code, closed_by=actor))
        audit_in(conn, actor, "year_lock", f"year={year} cluster={code}")
    return True


def unlock(
    engine: Engine, year: int, cluster: str | None = None, *, reason: str, actor: str | None
) -> None:
    """Reopen `year` for `cluster` (None: the lock of every cluster), audited with `reason`."""
    why = reason_text(reason)
    if why is None:
        raise YearLockError("reason_needed", "Unlocking needs --reason (a few words)")
    with engine.begin() as conn:
        serialize(conn)
        code = _check(conn, year, cluster)
        gone = conn.execute(
            delete(ClosedYear).where(ClosedYear.year == year, ClosedYear.cluster_code == code)
        ).rowcount
        if not gone:
            whole = code != ALL_CLUSTERS and year in _years(conn, None)
            key = "closed_for_all" if whole else "not_closed"
            raise YearLockError(key, f"Year {year} ({code}): {key}", year=year, cluster=code)
        audit_in(conn, actor, "year_unlock", f"year={year} cluster={code} reason={why}")


def _years(conn: Connection, cluster: str | None) -> list[int]:
    codes = [ALL_CLUSTERS] if cluster is None else [ALL_CLUSTERS, cluster]
    rows = conn.execute(
        select(ClosedYear.year).where(ClosedYear.cluster_code.in_(codes)).distinct()
    ).scalars()
    return sorted(rows)


def locked_years(engine: Engine, cluster: str | None = None) -> list[int]:
    """Years closed for `cluster` (closed for it or for all); None: years closed for all."""
    with engine.connect() as conn:
        return _years(conn, cluster)


def closed(engine: Engine) -> pl.DataFrame:
    """Every lock: year, cluster_code (null: every cluster), closed_by, closed_at."""
    schema = {
        "year": pl.Int64,
        "cluster_code": pl.String,
        "closed_by": pl.String,
        "closed_at": pl.Datetime,
    }
    t = ClosedYear
    with engine.connect() as conn:
        rows = conn.execute(
            select(t.year, t.cluster_code, t.closed_by, t.closed_at).order_by(
                t.year, t.cluster_code
            )
        ).all()
    frame = pl.DataFrame([tuple(r) for r in rows], schema=schema, orient="row")
    return frame.with_columns(
        pl.when(pl.col("cluster_code") != ALL_CLUSTERS).then(pl.col("cluster_code"))
    )


# The import check lives beside: data_access/closed_check.py.
from data_access.closed_check import REFUSED_SCHEMA, refused_rows  # noqa: E402, F401


def describe(frame: pl.DataFrame) -> str:
    """Years and clusters of refused rows, for a one-line summary: "2024 (*), 2025 (C1)"."""
    pairs = frame.select("year", "cluster").unique().sort("year", "cluster").rows()
    return ", ".join(f"{y} ({printable(c, 64)})" for y, c in pairs)
