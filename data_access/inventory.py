"""What is loaded: rows per contract table and year, the data version, the last import.

Small counting queries (one GROUP BY per table), for the Dữ liệu page: an officer sees at once
whether this year's data is in, and who loaded it when.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import polars as pl
from sqlalchemy import Connection, func, select

from data_access import models as m

ROWS_SCHEMA: dict[str, pl.DataType] = {
    "table": pl.String,
    "by_year": pl.Boolean,  # the table has a year column
    "year": pl.Int64,
    "rows": pl.Int64,
}
IMPORT_ACTIONS = ("import_ok",)
_ROWS = re.compile(r"\brows=(\d+)\b")


@dataclass(frozen=True)
class LastImport:
    """The latest successful import in the audit log: when (UTC), by whom, which files, and how
    many rows when the entry records them ("rows=N" in its detail; None otherwise)."""

    at: dt.datetime
    username: str | None
    detail: str
    rows: int | None


def table_rows(conn: Connection) -> pl.DataFrame:
    """table, by_year, year, rows for every contract table in import order; a table without a
    year column gives one row with year null; an empty table one row with year null, rows 0."""
    out: list[tuple[str, bool, int | None, int]] = []
    for model in m.CONTRACT_TABLES:
        name = model.__tablename__
        year = getattr(model, "year", None)
        if year is None:
            n = conn.execute(select(func.count()).select_from(model)).scalar_one()
            out.append((name, False, None, int(n)))
            continue
        found = conn.execute(select(year, func.count()).group_by(year).order_by(year)).all()
        out += [(name, True, int(y), int(n)) for y, n in found] or [(name, True, None, 0)]
    return pl.DataFrame(out, schema=ROWS_SCHEMA, orient="row")


def data_version(conn: Connection) -> str | None:
    """The data version token (bumped by every import), or None before any data."""
    return conn.execute(select(m.Meta.value).where(m.Meta.key == "data_version")).scalar()


def last_import(conn: Connection) -> LastImport | None:
    """The latest successful import recorded in the audit log, or None (e.g. demo data loaded
    at first start writes no audit entry)."""
    row = conn.execute(
        select(m.AuditLog.at, m.AuditLog.username, m.AuditLog.detail)
        .where(m.AuditLog.action.in_(IMPORT_ACTIONS))
        .order_by(m.AuditLog.at.desc(), m.AuditLog.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    detail = row.detail or ""
    hit = _ROWS.search(detail)
    return LastImport(row.at, row.username, detail, int(hit.group(1)) if hit else None)
