"""check_login (issue 14): one plain refusal for any input, every failure audited, throttling
per account and per client kept in the database, usernames normalised, look-alikes refused."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from data_access import throttle
from data_access.accounts import AccountError, add_user, check_login, read_audit
from data_access.engine import make_engine

PASSWORD = "mật-khẩu-đủ-dài"
T0 = dt.datetime(2026, 3, 1, 8, 0, 0)

UNITS_INSERT = "INSERT INTO units (unit_code, unit_name, cluster_code, profile) VALUES"


@pytest.fixture
def scoped(engine):
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO clusters (cluster_code, cluster_name) VALUES ('C1', 'C')"))
        conn.execute(text(UNITS_INSERT + " ('U1', 'Đơn vị 1', 'C1', 'civil')"))
    add_user(engine, "admin", PASSWORD, role="admin", scope_code=None)
    return engine


def _failed(engine) -> int:
    log = read_audit(engine, limit=100_000)
    return log.filter(action="login_failed").height


def test_right_password_logs_in_and_is_audited(scoped):
    res = check_login(scoped, "admin", PASSWORD, client="10.0.0.1", now=T0)
    assert res.ok and res.account.username == "admin" and res.account.role == "admin"
    assert read_audit(scoped, limit=1)["action"][0] == "login_ok"


def test_61st_attempt_after_60_wrong_is_refused_with_the_right_password(scoped):
    # The attacker waits out every delay, so attempts are real password checks until the lock
    # (THIDUA_LOGIN_MAX_FAILURES = 10); the rest of the 60 meet the lock.
    now, checked = T0, 0
    for _ in range(60):
        res = check_login(scoped, "admin", "sai-mật-khẩu", client="10.0.0.1", now=now)
        assert not res.ok
        checked += res.status == "refused"
        if res.status == "wait":
            now += dt.timedelta(seconds=res.retry_after)
    assert checked == 10
    res = check_login(scoped, "admin", PASSWORD, client="10.0.0.1", now=now)
    assert res.status == "locked" and res.account is None and res.retry_after > 0


def test_60_wrong_in_a_burst_then_the_right_one_is_refused(scoped):
    for _ in range(60):
        assert not check_login(scoped, "admin", "sai", client="10.0.0.2", now=T0).ok
    res = check_login(scoped, "admin", PASSWORD, client="10.0.0.2", now=T0)
    assert not res.ok and res.status in ("wait", "locked")
    assert _failed(scoped) == 61  # every failure audited, the throttled ones too


def test_delay_grows_then_the_lock_expires(scoped, monkeypatch):
    monkeypatch.setenv("THIDUA_LOGIN_MAX_FAILURES", "6")
    monkeypatch.setenv("THIDUA_LOGIN_LOCK_MINUTES", "15")
    now, gates = T0, []
    for _ in range(6):
        assert check_login(scoped, "admin", "sai", now=now).status == "refused"
        with scoped.connect() as conn:
            verdict = throttle.check(conn, {"pair:admin|local": throttle.FREE_FAILURES}, now)
        gates.append((verdict.gate, verdict.retry_after))
        now += dt.timedelta(seconds=verdict.retry_after)
    # Free attempts, then 1, 2, 4 s (doubling), then the lock of 15 minutes.
    assert gates == [
        ("open", 0), ("open", 0), ("wait", 1), ("wait", 2), ("wait", 4), ("locked", 900)
    ]  # fmt: skip
    assert check_login(scoped, "admin", PASSWORD, now=now).ok  # the lock has passed


def test_throttle_is_shared_by_another_process(scoped):
    for _ in range(throttle.FREE_FAILURES):
        check_login(scoped, "admin", "sai", now=T0)
    other = make_engine(scoped.url)  # another app process: another engine, another pool
    try:
        assert check_login(other, "admin", PASSWORD, now=T0).status == "wait"
    finally:
        other.dispose()


def test_a_client_guessing_many_accounts_is_locked(scoped, monkeypatch):
    monkeypatch.setenv("THIDUA_LOGIN_MAX_FAILURES_CLIENT", "5")
    now = T0
    for i in range(5):  # one guess each at five names: no account reaches its own limit
        res = check_login(scoped, f"user{i}", "sai", client="203.0.113.9", now=now)
        assert res.status == "refused"
        with scoped.connect() as conn:
            verdict = throttle.check(conn, {"client:203.0.113.9": 3}, now)
        if verdict.gate == "wait":
            now += dt.timedelta(seconds=verdict.retry_after)
    res = check_login(scoped, "admin", PASSWORD, client="203.0.113.9", now=now)
    assert res.status == "locked"
    assert check_login(scoped, "admin", PASSWORD, client="198.51.100.1", now=now).ok


@pytest.mark.parametrize(
    "username",
    ["adm\x00in", "\x00", "a" * 100_000, "", "   ", "ad min", "аdmin", "admin\ud800", None, 42],
    ids=[
        "nul",
        "only-nul",
        "huge",
        "empty",
        "blank",
        "space",
        "cyrillic",
        "surrogate",
        "none",
        "int",
    ],
)
def test_any_username_gets_the_plain_refusal_and_an_audit_row(scoped, username):
    before = _failed(scoped)
    res = check_login(scoped, username, PASSWORD, client="10.0.0.3", now=T0)
    assert (res.status, res.account) == ("refused", None)
    assert _failed(scoped) == before + 1
    stored = read_audit(scoped, limit=1)["username"][0] or ""
    assert "\x00" not in stored and len(stored) <= 64


@pytest.mark.parametrize("password", ["\x00", "x" * 10_000_000, None, b"bytes", PASSWORD + "\x00"])
def test_any_password_gets_the_plain_refusal(scoped, password):
    assert check_login(scoped, "admin", password, now=T0).status == "refused"


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(username=st.text(max_size=80), password=st.text(max_size=40))
def test_no_input_raises(sqlite_engine, username, password):
    res = check_login(sqlite_engine, username, password, client=username, now=T0)
    assert res.status in ("refused", "wait", "locked")


@pytest.mark.parametrize("name", [" admin", "Admin", "ADMIN ", "ａｄｍｉｎ", "admin\u200b"])
def test_spellings_of_one_name_log_into_the_same_account_or_none(scoped, name):
    res = check_login(scoped, name, PASSWORD, now=T0)
    assert res.status == "refused" or res.account.username == "admin"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (" admin", "already exists"),
        ("Admin", "already exists"),
        ("ADMİN", "already exists|another alphabet|symbols"),
        ("ᴀdmin", "symbols"),  # U+1D00, Latin small capital: no NFKC mapping (issue 20)
        ("ᴡuong.cos", "symbols"),  # U+1D21
        ("admin\u200b", "symbols"),
        ("vương", "symbols"),
        ("adm1n", "looks like the existing user 'admin'"),
        ("admln", "looks like the existing user 'admin'"),
        ("аdmin", "another alphabet"),  # Cyrillic а
        ("ad min", "spaces"),
    ],
)
def test_look_alike_usernames_are_refused(scoped, name, message):
    with pytest.raises(AccountError, match=message):
        add_user(scoped, name, PASSWORD, role="admin", scope_code=None)


def test_usernames_are_stored_normalised(scoped):
    acc = add_user(scoped, "  Nguyen.Van@Bo.Gov.VN ", PASSWORD, role="viewer", scope_code="C1")
    assert acc.username == "nguyen.van@bo.gov.vn"
    assert check_login(scoped, "NGUYEN.VAN@bo.gov.vn", PASSWORD, now=T0).ok
    assert check_login(scoped, "ｎｇｕｙｅｎ.ｖａｎ@bo.gov.vn", PASSWORD, now=T0).ok  # NFKC


@pytest.mark.parametrize("name", ["Nguyễn.Văn@bo.gov.vn", "ᴀdmin", "a b", "a+b@x.vn", "a|b"])
def test_only_plain_characters_make_a_username(scoped, name):
    # Issue 20: a-z, 0-9, '.', '_', '-', '@' after NFKC folding, nothing else.
    with pytest.raises(AccountError, match=r"characters other than a-z|another alphabet"):
        add_user(scoped, name, PASSWORD, role="admin", scope_code=None)


def test_short_password_is_refused(scoped, monkeypatch):
    with pytest.raises(AccountError, match="at least 12 characters"):
        add_user(scoped, "an", "x", role="admin", scope_code=None)
    monkeypatch.setenv("THIDUA_PASSWORD_MIN_LENGTH", "20")
    with pytest.raises(AccountError, match="at least 20 characters"):
        add_user(scoped, "an", PASSWORD, role="admin", scope_code=None)


def test_forgotten_failures_leave_no_rows(scoped):
    for i in range(20):  # guesses at names that do not exist
        check_login(scoped, f"khong_co_{i}", "sai", client="10.0.0.9", now=T0)
    later = T0 + dt.timedelta(minutes=16)  # past the lock period
    check_login(scoped, "admin", "sai", now=later)
    with scoped.connect() as conn:
        keys = conn.execute(text("SELECT key FROM login_throttle")).scalars().all()
    assert sorted(keys) == ["pair:admin|local", "user:admin"]
