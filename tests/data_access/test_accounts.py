"""Accounts: argon2 hashes, roles checked against scopes, disable, audit log and retention."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text

from data_access.accounts import (
    AccountError,
    add_user,
    audit,
    authenticate,
    list_users,
    purge_audit,
    read_audit,
    set_disabled,
)
from data_access.models import User

# Columns named: units has optional columns after these (short_name).
UNITS = "INSERT INTO units (unit_code, unit_name, cluster_code, profile) VALUES "


@pytest.fixture
def scoped(engine):
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO clusters (cluster_code, cluster_name) VALUES ('C1', 'C')"))
        conn.execute(text(UNITS + "('U1', 'Đơn vị 1', 'C1', 'civil')"))
    return engine


def test_password_is_hashed_and_verified(scoped):
    add_user(scoped, "an", "mật-khẩu-số-một", role="unit_officer", scope_code="U1")
    with scoped.connect() as conn:
        stored = conn.execute(select(User.password_hash)).scalar()
    assert stored.startswith("$argon2id$") and "mật-khẩu-số-một" not in stored
    assert authenticate(scoped, "an", "mật-khẩu-số-một").role == "unit_officer"
    assert authenticate(scoped, "an", "sai") is None
    assert authenticate(scoped, "nobody", "mật-khẩu-số-một") is None


def test_disabled_account_cannot_log_in(scoped):
    add_user(scoped, "binh", "mật-khẩu-bình", role="viewer", scope_code="C1")
    set_disabled(scoped, "binh")
    assert authenticate(scoped, "binh", "mật-khẩu-bình") is None
    assert [a.disabled for a in list_users(scoped)] == [True]


@pytest.mark.parametrize(
    ("role", "scope", "message"),
    [
        ("unit_officer", "C1", "not a known unit"),  # a cluster code is not a unit
        ("cluster_secretary", "U1", "not a known cluster"),
        ("viewer", "NOPE", "not a known cluster or unit"),
        ("viewer", None, "needs --scope"),
        ("boss", "C1", "Unknown role"),
    ],
)
def test_scope_must_fit_the_role(scoped, role, scope, message):
    with pytest.raises(AccountError, match=message):
        add_user(scoped, "x", "mật-khẩu-dài", role=role, scope_code=scope)


def test_duplicate_user_is_refused(scoped):
    add_user(scoped, "root", "mật-khẩu-dài", role="admin", scope_code=None)
    with pytest.raises(AccountError, match="already exists"):
        add_user(scoped, "root", "mật-khẩu-dài-2", role="admin", scope_code=None)


def test_audit_log_records_and_purges_by_retention(scoped):
    audit(scoped, "an", "login")
    audit(scoped, "an", "download", "eligibility 2023 U1")
    log = read_audit(scoped)
    assert log.height == 2
    assert set(log["action"]) == {"login", "download"}
    # 100 days from now, a 95-day retention removes both entries; a 120-day one keeps them
    # (retention is at least 90 days: tests/data_access/test_audit_trail.py).
    later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=100)
    assert purge_audit(scoped, older_than_days=120, now=later) == 0
    assert purge_audit(scoped, older_than_days=95, now=later) == 2
    assert read_audit(scoped)["action"].to_list() == ["audit_purge"]  # the purge, audited
