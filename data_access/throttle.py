"""Login throttling kept in the database, so every app process behind the proxy shares it.

Each key ("user:NAME", "client:ADDRESS") counts its failed logins. After FREE_FAILURES the next
attempt must wait a delay that doubles with every failure (up to MAX_DELAY_S); at the limit the
key is locked for the lock period. Attempts refused while waiting or locked are not counted, so
the owner of an account is locked out for one period at most, not for as long as an attacker
keeps trying. Failures older than the lock period are forgotten.
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

Gate = Literal["open", "wait", "locked"]


@dataclass(frozen=True)
class Verdict:
    gate: Gate
    retry_after: int = 0  # seconds


def delay_after(failures: int, free: int = FREE_FAILURES) -> int:
    """Seconds an attempt must wait after `failures` failures in a row, `free` of them free."""
    if failures < free:
        return 0
    return min(2 ** (failures - free), MAX_DELAY_S)


def client_free(limit: int) -> int:
    """Free failures of a client address: an office behind one NAT address shares it."""
    return max(FREE_FAILURES, limit // 3)


def _seconds(delta: dt.timedelta) -> int:
    return max(1, int(delta.total_seconds() + 0.999))


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
        ready = row.last_failed_at + dt.timedelta(seconds=delay_after(row.failures, keys[row.key]))
        if ready > now:
            verdict = Verdict("wait", max(verdict.retry_after, _seconds(ready - now)))
    return verdict


def record_failure(
    conn: Connection, key: str, *, limit: int, lock: dt.timedelta, now: dt.datetime
) -> int:
    """Count one failure for `key` (atomically, whichever process writes); lock it at `limit`.
    Returns the count."""
    t = LoginThrottle.__table__
    ins = (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(t)
    stale = t.c.last_failed_at < now - lock
    first = ins.values(key=key, failures=1, last_failed_at=now, locked_until=None)
    conn.execute(
        first.on_conflict_do_update(
            index_elements=["key"],
            set_={"failures": case((stale, 1), else_=t.c.failures + 1), "last_failed_at": now},
        )
    )
    failures = conn.execute(select(t.c.failures).where(t.c.key == key)).scalar_one()
    if failures >= limit:
        conn.execute(update(t).where(t.c.key == key).values(locked_until=now + lock, failures=0))
    return failures


def prune(conn: Connection, *, lock: dt.timedelta, now: dt.datetime) -> int:
    """Drop keys with nothing left to remember (guesses at random names would pile up)."""
    t = LoginThrottle
    stale = (t.last_failed_at < now - lock) & (t.locked_until.is_(None) | (t.locked_until < now))
    return conn.execute(delete(t).where(stale)).rowcount


def forget(conn: Connection, key: str) -> None:
    conn.execute(delete(LoginThrottle).where(LoginThrottle.key == key))
