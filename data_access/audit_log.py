"""The audit log: one entry inside a write's transaction (`audit_in`) or on its own (`audit`),
the admin's view (`read_audit`, newest written first) and the retention purge."""

from __future__ import annotations

import datetime as dt
import logging

import polars as pl
from sqlalchemy import Connection, Engine, delete, insert, select, text

from data_access import settings
from data_access.models import AuditLog
from data_access.text import printable

log = logging.getLogger(__name__)


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


# A direct member of the group (a superuser "is a member" of every role, and writes directly),
# in a database where the function exists.
_SCOPED_CHECK = text(
    "SELECT to_regprocedure('thidua_audit(text,text,text)') IS NOT NULL AND EXISTS ("
    "SELECT FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
    "JOIN pg_roles u ON u.oid = m.member "
    "WHERE g.rolname = 'thidua_scoped' AND u.rolname = session_user)"
)
_SCOPED: dict[str, bool] = {}


def _scoped_login(conn: Connection) -> bool:
    """A PostgreSQL login of deploy/postgres_scope.sql's thidua_scoped group (once per URL)."""
    if conn.dialect.name != "postgresql":
        return False
    key = conn.engine.url.render_as_string(hide_password=True)
    if key not in _SCOPED:
        _SCOPED[key] = bool(conn.execute(_SCOPED_CHECK).scalar())
    return _SCOPED[key]


def audit_in(conn: Connection, username: str | None, action: str, detail: str = "") -> None:
    """One audit entry inside the caller's transaction: it commits with the write it records.
    A scoped database login appends through `thidua_audit()`, which stamps the time and the
    login itself (deploy/postgres_scope.sql)."""
    if _scoped_login(conn):
        conn.execute(
            text("SELECT thidua_audit(:a, :d, :u)"),
            {"a": action[:32], "d": printable(detail, 900),
             "u": None if username is None else printable(username, 64)},
        )  # fmt: skip
        return
    conn.execute(
        insert(AuditLog).values(
            at=_utcnow(),
            username=None if username is None else printable(username, 64),
            action=action[:32],
            detail=printable(detail, 1000),
        )
    )


def audit(engine: Engine, username: str | None, action: str, detail: str = "") -> None:
    """Append one audit entry in its own transaction (it must survive a failed import)."""
    with engine.begin() as conn:
        audit_in(conn, username, action, detail)


def read_audit(engine: Engine, *, limit: int = 1000) -> pl.DataFrame:
    schema = {"at": pl.Datetime, "username": pl.String, "action": pl.String, "detail": pl.String}
    with engine.connect() as conn:
        rows = conn.execute(
            select(AuditLog.at, AuditLog.username, AuditLog.action, AuditLog.detail)
            # By id, the order rows were written: a row dated in the future (a clock, a hand
            # edit) must not hold the top of the view for ever (issue 20).
            .order_by(AuditLog.id.desc())
            .limit(limit)
        ).all()
    return pl.DataFrame([tuple(r) for r in rows], schema=schema, orient="row")


def purge_audit(
    engine: Engine,
    *,
    older_than_days: int,
    now: dt.datetime | None = None,
    actor: str | None = None,
) -> int:
    """Delete entries older than the retention period (never less than the floor); returns how
    many went. A purge that deletes something writes an entry saying so."""
    days = max(older_than_days, settings.AUDIT_RETENTION_FLOOR_DAYS)
    if days != older_than_days:
        log.warning("audit purge: %d days is below the floor; keeping %d", older_than_days, days)
    now = now or _utcnow()
    cutoff = now - dt.timedelta(days=days)
    with engine.begin() as conn:
        gone = conn.execute(delete(AuditLog).where(AuditLog.at < cutoff)).rowcount
        if gone:
            audit_in(
                conn,
                actor,
                "audit_purge",
                f"{gone} entries before {cutoff:%Y-%m-%d %H:%M} (retention {days} days)",
            )
    return gone
