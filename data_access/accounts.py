"""Accounts and the audit log. Passwords are stored as argon2id hashes only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, delete, insert, select, update

from data_access.errors import DataAccessError
from data_access.models import ROLES, AuditLog, Cluster, Unit, User

_HASHER = PasswordHasher()
# Verifying against this dummy keeps the time of "no such user" equal to "wrong password".
_DUMMY_HASH = _HASHER.hash("not-a-real-password")


_ACCOUNT_COLUMNS = select(
    User.username, User.password_hash, User.role, User.scope_code, User.disabled
)


@dataclass(frozen=True)
class Account:
    username: str
    role: str
    scope_code: str | None
    disabled: bool


class AccountError(DataAccessError):
    """Bad account data: unknown role, scope that does not exist, duplicate user."""


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def _check_scope(conn: Connection, role: str, scope: str | None) -> None:
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}; known: {', '.join(ROLES)}")
    if role == "admin":
        return
    if not scope:
        raise AccountError(f"Role {role!r} needs --scope (a cluster or unit code)")
    in_units = conn.execute(select(Unit.unit_code).where(Unit.unit_code == scope)).first()
    in_clusters = conn.execute(
        select(Cluster.cluster_code).where(Cluster.cluster_code == scope)
    ).first()
    allowed = {
        "viewer": bool(in_units or in_clusters),
        "unit_officer": bool(in_units),
        "cluster_secretary": bool(in_clusters),
    }[role]
    if not allowed:
        kind = {"unit_officer": "unit", "cluster_secretary": "cluster"}.get(role, "cluster or unit")
        raise AccountError(f"Scope {scope!r} is not a known {kind} code")


def add_user(
    engine: Engine, username: str, password: str, *, role: str, scope_code: str | None
) -> Account:
    if not password:
        raise AccountError("Empty password")
    with engine.begin() as conn:
        _check_scope(conn, role, scope_code)
        if conn.execute(select(User.username).where(User.username == username)).first():
            raise AccountError(f"User {username!r} already exists")
        conn.execute(
            insert(User).values(
                username=username,
                password_hash=hash_password(password),
                role=role,
                scope_code=None if role == "admin" else scope_code,
                disabled=False,
            )
        )
    return Account(username, role, None if role == "admin" else scope_code, False)


def list_users(engine: Engine) -> list[Account]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(User.username, User.role, User.scope_code, User.disabled).order_by(User.username)
        ).all()
    return [Account(r.username, r.role, r.scope_code, bool(r.disabled)) for r in rows]


def set_disabled(engine: Engine, username: str, disabled: bool = True) -> None:
    with engine.begin() as conn:
        done = conn.execute(
            update(User).where(User.username == username).values(disabled=disabled)
        ).rowcount
    if not done:
        raise AccountError(f"No user {username!r}")


def authenticate(engine: Engine, username: str, password: str) -> Account | None:
    """The account when the password matches and the account is enabled; otherwise None."""
    with engine.connect() as conn:
        row = conn.execute(_ACCOUNT_COLUMNS.where(User.username == username)).first()
    stored = row.password_hash if row is not None and row.password_hash else _DUMMY_HASH
    try:
        _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None or row.disabled:
        return None
    return Account(row.username, row.role, row.scope_code, False)


def account(engine: Engine, username: str) -> Account | None:
    """An enabled account by name (for OIDC users, whose identity the provider proved)."""
    with engine.connect() as conn:
        row = conn.execute(_ACCOUNT_COLUMNS.where(User.username == username)).first()
    if row is None or row.disabled:
        return None
    return Account(row.username, row.role, row.scope_code, False)


def audit(engine: Engine, username: str | None, action: str, detail: str = "") -> None:
    """Append one audit entry in its own transaction (it must survive a failed import)."""
    with engine.begin() as conn:
        conn.execute(
            insert(AuditLog).values(
                at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
                username=username,
                action=action,
                detail=detail[:1000],
            )
        )


def read_audit(engine: Engine, *, limit: int = 1000) -> pl.DataFrame:
    schema = {"at": pl.Datetime, "username": pl.String, "action": pl.String, "detail": pl.String}
    with engine.connect() as conn:
        rows = conn.execute(
            select(AuditLog.at, AuditLog.username, AuditLog.action, AuditLog.detail)
            .order_by(AuditLog.at.desc(), AuditLog.id.desc())
            .limit(limit)
        ).all()
    return pl.DataFrame([tuple(r) for r in rows], schema=schema, orient="row")


def purge_audit(engine: Engine, *, older_than_days: int, now: dt.datetime | None = None) -> int:
    """Delete entries older than the retention period; returns how many went."""
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    cutoff = now - dt.timedelta(days=older_than_days)
    with engine.begin() as conn:
        return conn.execute(delete(AuditLog).where(AuditLog.at < cutoff)).rowcount
