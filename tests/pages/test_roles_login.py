"""THIDUA_AUTH_MODE=password: an anonymous session sees the login form only (no navigation, no
sidebar, no data); a wrong password is refused and audited; the right one opens the app;
signing out returns to the form."""

import pytest
from roles_kit import run_as

from data_access import accounts
from data_access.engine import make_engine


@pytest.fixture
def password_app(seeded_url, monkeypatch):
    monkeypatch.setenv("THIDUA_DB_URL", seeded_url)
    monkeypatch.setenv("THIDUA_AUTH_MODE", "password")
    eng = make_engine(seeded_url)
    if not any(a.username == "thu_ky" for a in accounts.list_users(eng)):
        accounts.add_user(
            eng, "thu_ky", "mật-khẩu-dài", role="cluster_secretary", scope_code="CUM4_DBSH"
        )
    yield eng
    eng.dispose()


def _login(at, user, password):
    at.text_input(key="login_user").input(user)
    at.text_input(key="login_pw").input(password)
    next(b for b in at.button if b.label == "Đăng nhập").click()
    return at.run()


def test_anonymous_sees_only_the_login_form(password_app):
    at = run_as(None, "unit", unit="BN_TCT")
    assert [t.value for t in at.title] == ["Đăng nhập"]
    assert len(at.dataframe) == 0 and len(at.metric) == 0 and len(at.selectbox) == 0
    assert len(at.sidebar) == 0
    assert not at.get("plotly_chart")


def test_wrong_password_is_refused_and_audited(password_app):
    at = _login(run_as(None), "thu_ky", "sai")
    assert any("Sai tên đăng nhập" in e.value for e in at.error)
    assert len(at.dataframe) == 0
    log = accounts.read_audit(password_app, limit=5)
    assert ("thu_ky", "login_failed") in list(zip(log["username"], log["action"], strict=True))


def test_right_password_opens_the_app_and_logout_closes_it(password_app):
    at = _login(run_as(None), "thu_ky", "mật-khẩu-dài")
    assert not at.exception
    assert at.session_state["_principal"].role == "cluster_secretary"
    assert len(at.sidebar.selectbox) >= 2  # year, cluster, unit in the sidebar
    log = accounts.read_audit(password_app, limit=5)
    assert ("thu_ky", "login_ok") in list(zip(log["username"], log["action"], strict=True))
    at.button(key="logout").click().run()
    assert [t.value for t in at.title] == ["Đăng nhập"]
