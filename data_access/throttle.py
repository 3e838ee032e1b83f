"""Login throttling kept in the database, so every app process behind the proxy shares it.

Three counters for each attempt (issue 20 — a lock per account let anyone who can reach the
login form keep that account locked):

- "pair:NAME|CLIENT", the account from one client: a few free failures, then a delay that
  doubles with every failure (up to MAX_DELAY_S); at the limit (THIDUA_LOGIN_MAX_FAILURES) that
  pair is locked for the lock period. It locks the guesser out, never the owner elsewhere.
- "client:CLIENT", one client guessing many accounts: locked at THIDUA_LOGIN_MAX_FAILURES_CLIENT.
- "user:NAME", the account from every client, the slower rate limit against guessing from many
  addresses: ACCOUNT_FREE_FACTOR times the pair's limit free, then a doubling delay, never a
  lock. A client that signed into the account within KNOWN_DAYS ("known:NAME|CLIENT") is not
  held by it: its owner is never kept waiting by someone else's guesses.

Attempts refused while waiting or locked are not counted. Failures older than the lock period
are forgotten. Reading the state and recording the outcome is one serialized step
(`serialize`): concurrent attempts on the same keys take turns, so a burst cannot get more
password checks than the limits allow.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import Connection, case, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite

from data_access.models import LoginThrottle

FREE_FAILURES = 3
MAX_DELAY_S = 60
KEY_CHARS = 255
ACCOUNT_FREE_FACTOR = 3  # the account-wide limit starts at 3 x the per-client limit
KNOWN_DAYS = 90  # how long a successful sign-in makes a client known to its account
NEVER = dt.datetime(1970, 1, 1)  # last_failed_at of a row made only to be locked

Gate = Literal["open", "wait", "locked"]


@dataclass(frozen=True)
class Verdict:
    gate: Gate
    retry_after: int = 0  # seconds


def delay_after(failures: int, free: int = FREE_FAILURES) -> int:
    """Seconds an attempt must wait after `failures` failures in a row, `free` of them free."""
    if failures < free:
        return 0
    return min(2 ** min(failures - free, 16), MAX_DELAY_S)


def client_free(limit: int) -> int:
    """Free failures of a client address: an office behind one NAT address shares it."""
    return max(FREE_FAILURES, limit // 3)


def _seconds(delta: dt.timedelta) -> int:
    return max(1, int(delta.total_seconds() + 0.999))


def _insert(conn: Connection):
    return postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert


def serialize(conn: Connection, keys: list[str]) -> None:
    """Make the caller's read-check-record of `keys` one step: on SQLite the database's write
    lock (BEGIN IMMEDIATE, taken before anything is read); on PostgreSQL a row lock on each key
    (`SELECT … FOR UPDATE`, rows made first so that a first failure has a row to lock, in key
    order so two attempts cannot deadlock). Held until the caller's transaction ends."""
    if conn.dialect.name == "sqlite":
        raw = conn.connection.driver_connection
        if not raw.in_transaction:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        return
    t = LoginThrottle.__table__
    ordered = sorted(set(keys))
    rows = [{"key": k, "failures": 0, "last_failed_at": NEVER, "locked_until": None}
            for k in ordered]  # fmt: skip
    conn.execute(_insert(conn)(t).values(rows).on_conflict_do_nothing(index_elements=["key"]))
    conn.execute(select(t.c.key).where(t.c.key.in_(ordered)).order_by(t.c.key).with_for_update())


def check(conn: Connection, keys: dict[str, int], now: dt.datetime) -> Verdict:
    """The strictest state among `keys` (key -> its free failures): locked beats wait beats
    open."""
    t = LoginThrottle
    cols = select(t.key, t.failures, t.last_failed_at, t.locked_until)
    rows = conn.execute(cols.where(t.key.in_(list(keys)))).all()
    verdict = Verdict("open")
    for row in rows:
        if row.locked_until is not None and row.locked_until > now:
            return Verdict("locked", _seconds(row.locked_until - now))
        wait = dt.timedelta(seconds=delay_after(row.failures, keys[row.key]))
        ready = row.last_failed_at + wait
        if ready > now:
            verdict = Verdict("wait", max(verdict.retry_after, _seconds(ready - now)))
    return verdict


def record_failure(
    conn: Connection, key: str, *, limit: int | None, lock: dt.timedelta, now: dt.datetime
) -> int:
    """Count one failure for `key`; lock it at `limit` (None: never). Returns the count."""
    t = LoginThrottle.__table__
    stale = t.c.last_failed_at < now - lock
    first = _insert(conn)(t).values(key=key, failures=1, last_failed_at=now, locked_until=None)
    conn.execute(
        first.on_conflict_do_update(
            index_elements=["key"],
            set_={"failures": case((stale, 1), else_=t.c.failures + 1), "last_failed_at": now},
        )
    )
    failures = conn.execute(select(t.c.failures).where(t.c.key == key)).scalar_one()
    if limit is not None and failures >= limit:
        conn.execute(update(t).where(t.c.key == key).values(locked_until=now + lock, failures=0))
    return failures


def remember_client(conn: Connection, key: str, now: dt.datetime) -> None:
    """Mark a "known:NAME|CLIENT" key: this client signed into this account now."""
    t = LoginThrottle.__table__
    row = _insert(conn)(t).values(key=key, failures=0, last_failed_at=now, locked_until=None)
    conn.execute(row.on_conflict_do_update(index_elements=["key"], set_={"last_failed_at": now}))


def known(conn: Connection, key: str, now: dt.datetime) -> bool:
    t = LoginThrottle
    since = now - dt.timedelta(days=KNOWN_DAYS)
    hit = select(t.key).where(t.key == key, t.last_failed_at >= since)
    return conn.execute(hit).first() is not None


def prune(conn: Connection, *, lock: dt.timedelta, now: dt.datetime, keep: list[str] = ()) -> int:
    """Drop keys with nothing left to remember (guesses at random names would pile up), except
    `keep`, the keys the caller holds locked (a deleted row would let a waiting attempt through
    without its lock)."""
    t = LoginThrottle
    is_known = t.key.like("known:%")
    stale = (
        ~is_known
        & (t.last_failed_at < now - lock)
        & (t.locked_until.is_(None) | (t.locked_until < now))
    )
    old_known = is_known & (t.last_failed_at < now - dt.timedelta(days=KNOWN_DAYS))
    return conn.execute(delete(t).where((stale | old_known) & t.key.not_in(list(keep)))).rowcount


def reset(conn: Connection, key: str) -> None:
    """Forget `key`'s failures, keeping its row (and so the lock on it) until the next prune."""
    t = LoginThrottle
    conn.execute(
        update(t).where(t.key == key).values(failures=0, last_failed_at=NEVER, locked_until=None)
    )


def forget_account(conn: Connection, name: str) -> int:
    """Clear every lock and count of an account (`user unlock`, `user enable`): its own key and
    each of its client pairs. The clients' own keys stay: they may be guessing others."""
    t = LoginThrottle
    keys = conn.execute(select(t.key).where(t.key.like("pair:%") | (t.key == f"user:{name}")))
    mine = [k for k in keys.scalars() if k == f"user:{name}" or k.startswith(f"pair:{name}|")]
    if mine:
        conn.execute(delete(t).where(t.key.in_(mine)))
    return len(mine)
