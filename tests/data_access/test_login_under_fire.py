"""The login throttle under fire (issue 20): a burst of concurrent attempts gets no more
password checks than the limits allow (read-and-record serialized: BEGIN IMMEDIATE on SQLite,
SELECT … FOR UPDATE on PostgreSQL); an attacker elsewhere locks only its own client, never the
owner's; `user unlock` and `user enable` lift a lock; a huge lock setting does not overflow."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import text

from data_access import accounts, throttle
from data_access.accounts import add_user, check_login, set_disabled, unlock_user
from data_access.engine import make_engine

PASSWORD = "mật-khẩu-đủ-dài"
T0 = dt.datetime(2026, 3, 1, 8, 0, 0)

pytestmark = pytest.mark.slow  # argon2 checks by the dozen, on both engines


@pytest.fixture
def admin(engine):
    add_user(engine, "admin", PASSWORD, role="admin", scope_code=None)
    return engine


def _burst(engine, n_engines: int, threads_each: int, client: str) -> list[str]:
    """`n_engines` x `threads_each` wrong attempts released at once, each engine a separate
    pool as another app process would be; the same `now` for all, so no delay runs out."""
    engines = [engine] + [make_engine(engine.url) for _ in range(n_engines - 1)]
    start = threading.Barrier(n_engines * threads_each)
    out: list[str] = []
    lock = threading.Lock()

    def attempt(eng):
        start.wait()
        res = check_login(eng, "admin", "sai-mật-khẩu", client=client, now=T0)
        with lock:
            out.append(res.status)

    workers = [threading.Thread(target=attempt, args=(e,)) for e in engines
               for _ in range(threads_each)]  # fmt: skip
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    for e in engines[1:]:
        e.dispose()
    return out


def test_a_burst_gets_only_the_free_password_checks(admin):
    # 3 pools x 6 threads at the same instant: FREE_FAILURES (3) real checks, then every other
    # attempt meets the delay. Without the serialization each thread read "open" before any
    # failure was recorded, and all of them were checked.
    statuses = _burst(admin, 3, 6, "203.0.113.50")
    assert statuses.count("refused") == throttle.FREE_FAILURES
    assert statuses.count("wait") == 18 - throttle.FREE_FAILURES
    res = check_login(admin, "admin", PASSWORD, client="203.0.113.50", now=T0)
    assert res.status == "wait" and res.account is None


def _wrong_until_locked(engine, client: str, now: dt.datetime) -> dt.datetime:
    """Wrong passwords from `client`, waiting out each delay, until its pair is locked."""
    for _ in range(100):
        res = check_login(engine, "admin", "sai", client=client, now=now)
        if res.status == "locked":
            return now
        now += dt.timedelta(seconds=res.retry_after)
    raise AssertionError("never locked")


def test_an_attacker_elsewhere_locks_only_its_own_client(admin):
    # The owner signs in from the office once; an attacker then locks its pair.
    assert check_login(admin, "admin", PASSWORD, client="198.51.100.10", now=T0).ok
    now = _wrong_until_locked(admin, "203.0.113.66", T0)
    assert check_login(admin, "admin", PASSWORD, client="203.0.113.66", now=now).status == "locked"
    # The owner, at the office and from a new address, is not locked out.
    assert check_login(admin, "admin", PASSWORD, client="198.51.100.10", now=now).ok
    assert check_login(admin, "admin", PASSWORD, client="192.0.2.44", now=now).ok


def test_many_addresses_slow_the_account_without_locking_its_owner(admin, monkeypatch):
    monkeypatch.setenv("THIDUA_LOGIN_MAX_FAILURES", "10")
    assert check_login(admin, "admin", PASSWORD, client="198.51.100.10", now=T0).ok
    now = T0
    # 15 addresses, 3 guesses each (each within its own pair's free failures): 45 guesses.
    for i in range(15):
        for _ in range(3):
            res = check_login(admin, "admin", "sai", client=f"203.0.113.{i}", now=now)
            if res.status == "wait":
                now += dt.timedelta(seconds=res.retry_after)
    # One more guess, just now: the account-wide limit (3 x 10 free, then doubling to
    # MAX_DELAY_S) holds every other client that has not signed in before ...
    assert check_login(admin, "admin", "sai", client="203.0.113.200", now=now).status == "refused"
    with admin.connect() as conn:
        verdict = throttle.check(conn, {"user:admin": 30}, now)
    assert (verdict.gate, verdict.retry_after) == ("wait", throttle.MAX_DELAY_S)
    res = check_login(admin, "admin", PASSWORD, client="192.0.2.45", now=now)
    assert (res.status, res.retry_after) == ("wait", throttle.MAX_DELAY_S)  # a minute, no lock
    # ... but not the owner's known client, and nobody waits longer than that minute.
    assert check_login(admin, "admin", PASSWORD, client="198.51.100.10", now=now).ok
    later = now + dt.timedelta(seconds=throttle.MAX_DELAY_S)
    assert check_login(admin, "admin", PASSWORD, client="192.0.2.45", now=later).ok


def _locked(engine, client: str, now) -> bool:
    return check_login(engine, "admin", PASSWORD, client=client, now=now).status == "locked"


def test_user_unlock_and_user_enable_lift_the_lock(admin):
    now = _wrong_until_locked(admin, "203.0.113.70", T0)
    assert _locked(admin, "203.0.113.70", now)
    assert unlock_user(admin, "admin", actor="os:tester") >= 1
    # The pair's 15-minute lock is gone; the address's own count (it may be guessing other
    # accounts) still asks for its short delay.
    now += dt.timedelta(seconds=throttle.MAX_DELAY_S)
    assert check_login(admin, "admin", PASSWORD, client="203.0.113.70", now=now).ok
    log = accounts.read_audit(admin, limit=5)
    assert "user_unlock" in log["action"].to_list()

    now = _wrong_until_locked(admin, "203.0.113.71", now)
    set_disabled(admin, "admin", True)
    set_disabled(admin, "admin", False)
    now += dt.timedelta(seconds=throttle.MAX_DELAY_S)
    assert check_login(admin, "admin", PASSWORD, client="203.0.113.71", now=now).ok


def test_unlock_of_an_unknown_account_is_refused(admin):
    with pytest.raises(accounts.AccountError, match="No user"):
        unlock_user(admin, "khong_co")


def test_a_huge_lock_setting_does_not_overflow(admin, monkeypatch):
    monkeypatch.setenv("THIDUA_LOGIN_LOCK_MINUTES", "99999999999")
    monkeypatch.setenv("THIDUA_LOGIN_MAX_FAILURES", "1")
    res = check_login(admin, "admin", "sai", client="203.0.113.80", now=T0)
    assert res.status == "refused"
    res = check_login(admin, "admin", PASSWORD, client="203.0.113.80", now=T0)
    assert res.status == "locked" and res.retry_after == 366 * 24 * 3600


@pytest.mark.parametrize("value", ["99999999999", "10000000"])
def test_login_settings_are_bounded(monkeypatch, value):
    from data_access import settings

    monkeypatch.setenv("THIDUA_LOGIN_LOCK_MINUTES", value)
    monkeypatch.setenv("THIDUA_LOGIN_MAX_FAILURES", value)
    per_pair, _, minutes = settings.login_limits()
    assert minutes == settings.LOGIN_LOCK_MINUTES_MAX
    assert per_pair == settings.LOGIN_FAILURES_MAX


def test_known_clients_are_pruned_after_their_time(admin):
    assert check_login(admin, "admin", PASSWORD, client="198.51.100.10", now=T0).ok
    later = T0 + dt.timedelta(days=throttle.KNOWN_DAYS + 1)
    check_login(admin, "other", "sai", client="203.0.113.90", now=later)
    with admin.connect() as conn:
        keys = conn.execute(text("SELECT key FROM login_throttle")).scalars().all()
    assert not any(k.startswith("known:admin|") for k in keys)
