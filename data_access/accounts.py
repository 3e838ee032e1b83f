"""Accounts, logins and the audit log. Passwords are stored as argon2id hashes only.

The app logs in with `check_login` (throttled, audited, one plain refusal for every bad input)
and re-reads the account with `current_account` on every interaction, so disabling or changing
an account takes effect in its open sessions at their next click (issue 14).
"""

from __future__ import annotations

import datetime as dt
import getpass
import logging
import os
from dataclasses import dataclass
from functools import cache
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, insert, select, update

from data_access import settings, throttle
from data_access.audit_log import audit, audit_in, purge_audit, read_audit  # noqa: F401
from data_access.errors import DataAccessError
from data_access.models import ROLES, Cluster, Unit, User
from data_access.text import printable
from data_access.usernames import InvalidUsername, normalise, skeleton

log = logging.getLogger(__name__)
_HASHER = PasswordHasher()
MAX_PASSWORD_CHARS = 1024  # argon2 would hash a megabyte-long "password" happily, slowly

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


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def os_actor() -> str:
    """The acting user of a command-line write: the operating-system account, marked as such so
    it is never mistaken for an app account of the same name."""
    try:
        who = getpass.getuser()
    except (OSError, KeyError):  # no login name and no passwd entry (some containers)
        who = f"uid{os.getuid()}" if hasattr(os, "getuid") else "unknown"
    return f"os:{who}"[:64]


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def _name(username: str) -> str:
    try:
        return normalise(username)
    except InvalidUsername as exc:
        why = {
            "empty": "is empty",
            "long": "is too long",
            "chars": "holds characters other than a-z, 0-9 and . _ - @ (spaces, accents, "
            "symbols, look-alike letters)",
            "script": "mixes in letters of another alphabet",
        }[exc.reason]
        raise AccountError(f"Username {printable(str(username), 80)!r} {why}") from exc


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
    engine: Engine,
    username: str,
    password: str,
    *,
    role: str,
    scope_code: str | None,
    actor: str | None = None,
) -> Account:
    """Create an account under the normalised name. Refused: a password shorter than
    THIDUA_PASSWORD_MIN_LENGTH, a name that exists or looks like one that does."""
    name = _name(username)
    minimum = settings.password_min_length()
    if len(password) < minimum:
        raise AccountError(f"The password must have at least {minimum} characters")
    if len(password) > MAX_PASSWORD_CHARS:
        raise AccountError(f"The password must have at most {MAX_PASSWORD_CHARS} characters")
    key = skeleton(name)
    scope = None if role == "admin" else scope_code
    with engine.begin() as conn:
        _check_scope(conn, role, scope_code)
        if conn.execute(select(User.username).where(User.username == name)).first():
            raise AccountError(f"User {name!r} already exists")
        twin = conn.execute(select(User.username).where(User.skeleton == key)).scalar()
        if twin is not None:
            raise AccountError(f"User {name!r} looks like the existing user {twin!r}")
        conn.execute(
            insert(User).values(
                username=name,
                skeleton=key,
                password_hash=hash_password(password),
                role=role,
                scope_code=scope,
                disabled=False,
            )
        )
        audit_in(conn, actor, "user_add", f"{name} role={role} scope={scope or '*'}")
    return Account(name, role, scope, False)


def list_users(engine: Engine) -> list[Account]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(User.username, User.role, User.scope_code, User.disabled).order_by(User.username)
        ).all()
    return [Account(r.username, r.role, r.scope_code, bool(r.disabled)) for r in rows]


def set_disabled(
    engine: Engine, username: str, disabled: bool = True, *, actor: str | None = None
) -> None:
    name = _name(username)
    with engine.begin() as conn:
        done = conn.execute(
            update(User).where(User.username == name).values(disabled=disabled)
        ).rowcount
        if not done:
            raise AccountError(f"No user {name!r}")
        if not disabled:  # enabling an account also lifts its login locks
            throttle.forget_account(conn, name)
        audit_in(conn, actor, "user_disable" if disabled else "user_enable", name)


def change_user(
    engine: Engine,
    username: str,
    *,
    role: str,
    scope_code: str | None,
    actor: str | None = None,
) -> Account:
    """A new role and scope; open sessions narrow at their next interaction."""
    name = _name(username)
    scope = None if role == "admin" else scope_code
    with engine.begin() as conn:
        _check_scope(conn, role, scope_code)
        row = conn.execute(_ACCOUNT_COLUMNS.where(User.username == name)).first()
        if row is None:
            raise AccountError(f"No user {name!r}")
        conn.execute(update(User).where(User.username == name).values(role=role, scope_code=scope))
        audit_in(
            conn,
            actor,
            "user_change",
            f"{name} role={row.role}->{role} scope={row.scope_code or '*'}->{scope or '*'}",
        )
    return Account(name, role, scope, bool(row.disabled))


@cache
def _dummy_hash() -> str:
    # Verifying against this dummy keeps the time of "no such user" equal to "wrong password".
    # Made on the first login, not at import: argon2 is slow on purpose, and the app imports
    # this module on every start, in open mode too.
    return _HASHER.hash("not-a-real-password")


def _verify(stored: str | None, password: str) -> bool:
    dummy = _dummy_hash()  # on both paths, so the first login of a process costs the same
    try:
        return _HASHER.verify(stored or dummy, password)
    except (VerificationError, InvalidHashError):
        return False


def authenticate(engine: Engine, username: str, password: str) -> Account | None:
    """The account when the password matches and the account is enabled; otherwise None.
    Not throttled and not audited: logins go through `check_login`."""
    try:
        name = normalise(username)
    except InvalidUsername:
        _verify(None, "")
        return None
    with engine.connect() as conn:
        row = conn.execute(_ACCOUNT_COLUMNS.where(User.username == name)).first()
    if not _verify(row.password_hash if row is not None else None, password):
        return None
    if row is None or row.disabled:
        return None
    return Account(row.username, row.role, row.scope_code, False)


LoginStatus = Literal["ok", "refused", "wait", "locked"]


@dataclass(frozen=True)
class LoginResult:
    """`status`: ok (account set), refused (one plain answer for a wrong password, an unknown or
    disabled account and any malformed input), wait or locked (too many failures: try again in
    `retry_after` seconds)."""

    status: LoginStatus
    account: Account | None = None
    retry_after: int = 0

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def _key(prefix: str, text: str) -> str:
    return (prefix + text)[: throttle.KEY_CHARS]


def check_login(
    engine: Engine,
    username: object,
    password: object,
    *,
    client: str | None = None,
    via: str = "password",
    now: dt.datetime | None = None,
) -> LoginResult:
    """Log in: throttled per account and client, per client and per account across clients
    (`data_access.throttle`, shared through the database, read and recorded in one serialized
    step), every outcome audited (`via` says where: password, export, form, report, …). Never
    raises for any input. `client` is the client's address (the app) or the command line's
    operating-system user; None is this computer."""
    raw = username if isinstance(username, str) else repr(username)
    try:
        name: str | None = normalise(username)
    except InvalidUsername:
        name = None
    good_password = isinstance(password, str) and len(password) <= MAX_PASSWORD_CHARS
    per_pair, per_client, minutes = settings.login_limits()
    who_key = name or printable(raw, 200)
    where = printable(str(client), 100) if client else "local"
    user_key = _key("user:", who_key)
    pair_key = _key("pair:", f"{who_key}|{where}")
    known_key = _key("known:", f"{who_key}|{where}")
    limits: dict[str, int | None] = {pair_key: per_pair, user_key: None}
    free = {pair_key: throttle.FREE_FAILURES, user_key: per_pair * throttle.ACCOUNT_FREE_FACTOR}
    if client:
        client_key = _key("client:", where)
        limits[client_key] = per_client
        free[client_key] = throttle.client_free(per_client)
    who = name or printable(raw, 64) or None
    with engine.begin() as conn:
        throttle.serialize(conn, list(limits))
        # The time once the lock is held: an attempt that waited for another must not be
        # dated before it and so escape the delay that one started.
        now = now or _utcnow()
        gated = dict(free)
        if throttle.known(conn, known_key, now):
            del gated[user_key]  # its owner's client: not held by guesses from elsewhere
        gate = throttle.check(conn, gated, now)
        if gate.gate != "open":
            audit_in(conn, who, "login_failed", f"{via}: {gate.gate} {gate.retry_after}s")
            return LoginResult(gate.gate, retry_after=gate.retry_after)
        row = None
        if name is not None:
            row = conn.execute(_ACCOUNT_COLUMNS.where(User.username == name)).first()
        stored = row.password_hash if row is not None else None
        matched = _verify(stored, password if good_password else "")  # type: ignore[arg-type]
        if matched and good_password and row is not None and not row.disabled:
            # The client's own count stays: it may be guessing other accounts.
            throttle.reset(conn, pair_key)
            throttle.remember_client(conn, known_key, now)
            audit_in(conn, row.username, "login_ok", via)
            return LoginResult("ok", Account(row.username, row.role, row.scope_code, False))
        lock = dt.timedelta(minutes=minutes)
        throttle.prune(conn, lock=lock, now=now, keep=list(limits))
        for key, limit in limits.items():
            throttle.record_failure(conn, key, limit=limit, lock=lock, now=now)
        why = "invalid input" if name is None or not good_password else "refused"
        audit_in(conn, who, "login_failed", f"{via}: {why}")
    return LoginResult("refused")


def unlock_user(engine: Engine, username: str, *, actor: str | None = None) -> int:
    """Clear an account's login locks and counts (every client's), audited; returns how many
    keys went. `set_disabled(…, False)` (user enable) does the same."""
    name = _name(username)
    with engine.begin() as conn:
        if conn.execute(select(User.username).where(User.username == name)).first() is None:
            raise AccountError(f"No user {name!r}")
        gone = throttle.forget_account(conn, name)
        audit_in(conn, actor, "user_unlock", f"{name} ({gone} throttle keys)")
    return gone


def current_account(engine: Engine, username: str) -> Account | None:
    """The account as it is now (one primary-key read): None when it was disabled or removed.
    The app calls this on every interaction and ends or narrows the session accordingly."""
    with engine.connect() as conn:
        row = conn.execute(_ACCOUNT_COLUMNS.where(User.username == username)).first()
    if row is None or row.disabled:
        return None
    return Account(row.username, row.role, row.scope_code, False)


def account(engine: Engine, username: str) -> Account | None:
    """An enabled account by name (for OIDC users, whose identity the provider proved)."""
    try:
        name = normalise(username)
    except InvalidUsername:
        return None
    return current_account(engine, name)
