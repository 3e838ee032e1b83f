"""Open sessions follow their account (issue 14): the app re-reads it with
`current_account` on every interaction and `access.refreshed` turns that into the session's
principal, so a disabled account's session ends and a changed one narrows at the next click."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from dashboard import access
from data_access.accounts import add_user, change_user, check_login, current_account, set_disabled

PASSWORD = "mật-khẩu-đủ-dài"

UNITS_INSERT = "INSERT INTO units (unit_code, unit_name, cluster_code, profile) VALUES"


@pytest.fixture
def scoped(engine):
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO clusters (cluster_code, cluster_name) VALUES ('C1', 'C')"))
        conn.execute(text(UNITS_INSERT + " ('U1', 'Đơn vị 1', 'C1', 'civil')"))
        conn.execute(text(UNITS_INSERT + " ('U2', 'Đơn vị 2', 'C1', 'civil')"))
    add_user(engine, "thu_ky", PASSWORD, role="cluster_secretary", scope_code="C1")
    return engine


def _principal(acc) -> access.Principal | None:
    return None if acc is None else access.Principal(acc.username, acc.role, acc.scope_code)


def _next_interaction(engine, session: access.Principal) -> access.Principal | None:
    return access.refreshed(session, _principal(current_account(engine, session.username)))


def test_disabled_account_ends_its_open_session(scoped):
    session = _principal(check_login(scoped, "thu_ky", PASSWORD).account)
    assert _next_interaction(scoped, session) == session
    set_disabled(scoped, "thu_ky", actor="os:tester")
    assert _next_interaction(scoped, session) is None
    set_disabled(scoped, "thu_ky", False, actor="os:tester")  # enabling needs a new login
    assert current_account(scoped, "thu_ky") is not None


def test_changed_account_narrows_its_open_session(scoped):
    session = _principal(check_login(scoped, "thu_ky", PASSWORD).account)
    change_user(scoped, "thu_ky", role="unit_officer", scope_code="U2", actor="os:tester")
    now = _next_interaction(scoped, session)
    assert (now.role, now.scope_code) == ("unit_officer", "U2")


def test_open_mode_has_no_account_to_recheck():
    assert access.refreshed(access.OPEN_ACCESS, None) is access.OPEN_ACCESS


@pytest.mark.parametrize(
    ("role", "scope", "cluster", "allowed"),
    [
        ("admin", None, None, True),
        ("admin", None, "C1", True),
        ("cluster_secretary", "C1", "C1", True),
        ("cluster_secretary", "C1", "C2", False),
        ("cluster_secretary", "C1", None, False),  # the whole year is the admin's
        ("unit_officer", "U1", "C1", False),
        ("viewer", "C1", "C1", False),
    ],
)
def test_who_may_close_a_year(role, scope, cluster, allowed):
    assert access.can_close_year(access.Principal("x", role, scope), cluster) is allowed
