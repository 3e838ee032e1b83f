"""Issue 14 in the app: the login goes through `accounts.check_login` (one audit row per attempt,
the throttle's answers, any input refused plainly), returns to the page a deep link asked for,
and every run re-reads the account (disabled → the session ends, changed → narrowed)."""

import polars as pl
import pytest
from roles_kit import PASSWORD, ensure_account, rendered_text, run_as, units_frame

from dashboard.access import Principal
from data_access import accounts
from data_access.engine import make_engine


@pytest.fixture
def password_app(seeded_url, monkeypatch):
    monkeypatch.setenv("THIDUA_DB_URL", seeded_url)
    monkeypatch.setenv("THIDUA_AUTH_MODE", "password")
    eng = make_engine(seeded_url)
    yield eng
    eng.dispose()


def _login(at, user, password):
    at.text_input(key="login_user").input(user)
    at.text_input(key="login_pw").input(password)
    next(b for b in at.button if b.label == "Đăng nhập").click()
    return at.run()


def _rows(eng, user, action):
    log = accounts.read_audit(eng, limit=100000)
    return log.filter((pl.col("username") == user) & (pl.col("action") == action)).height


def test_a_login_writes_one_audit_row(password_app):
    ensure_account(Principal("sess_one", "viewer", "CUM4_DBSH"))
    at = _login(run_as(None), "sess_one", PASSWORD)
    assert at.session_state["_principal"].username == "sess_one"
    assert _rows(password_app, "sess_one", "login_ok") == 1
    _login(run_as(None), "sess_one", "sai-mật-khẩu-rồi")
    assert _rows(password_app, "sess_one", "login_failed") == 1


@pytest.mark.parametrize("user", ["ad\x00min", "x" * 100_000, "\u202eadmin", "  "])
def test_hostile_username_gets_the_plain_refusal(password_app, user):
    at = _login(run_as(None), user, "whatever-password")
    assert not at.exception
    assert [e.value for e in at.error] == ["Sai tên đăng nhập hoặc mật khẩu."]
    assert "_principal" not in at.session_state


def test_repeated_failures_ask_to_wait(password_app):
    ensure_account(Principal("sess_wait", "viewer", "CUM4_DBSH"))
    at = run_as(None)
    for _ in range(3):  # the free failures
        at = _login(at, "sess_wait", "sai-mật-khẩu-rồi")
    at = _login(at, "sess_wait", PASSWORD)  # the right one, too soon
    assert "_principal" not in at.session_state
    assert any("Hãy thử lại sau" in e.value for e in at.error)


def test_deep_link_lands_on_its_page_after_login(password_app, seeded_url):
    ensure_account(Principal("sess_link", "cluster_secretary", "CUM4_DBSH"))
    at = run_as(None, "unit", unit="BN_TCT")
    assert [t.value for t in at.title] == ["Đăng nhập"]
    at = _login(at, "sess_link", PASSWORD)
    assert not at.exception
    assert at.query_params.get("unit") in ("BN_TCT", ["BN_TCT"])
    assert "Đơn vị" in next(t.value for t in at.title)
    units = units_frame(seeded_url)
    name = units.filter(pl.col("unit_code") == "BN_TCT")["unit_name"].item()
    assert name in rendered_text(at)


def test_a_session_disabled_mid_way_ends_at_its_next_run(password_app):
    who = Principal("sess_off", "unit_officer", "BN_TCT")
    at = run_as(who, "unit", unit="BN_TCT")
    assert len(at.dataframe) > 0
    accounts.set_disabled(password_app, "sess_off")
    try:
        at.run()
        assert "_principal" not in at.session_state
        assert [t.value for t in at.title] == ["Đăng nhập"]
        assert len(at.dataframe) == 0 and len(at.sidebar) == 0
        assert any("phiên làm việc đã kết thúc" in w.value for w in at.warning)
    finally:
        accounts.set_disabled(password_app, "sess_off", False)


def test_a_role_change_narrows_the_open_session(password_app):
    who = Principal("sess_narrow", "cluster_secretary", "CUM4_DBSH")
    at = run_as(who, "unit", unit="BN_TCT")
    assert len(at.dataframe) > 0  # the staff list of a unit in the cluster
    accounts.change_user(password_app, "sess_narrow", role="viewer", scope_code="CUM4_DBSH")
    at.run()
    assert at.session_state["_principal"] == Principal("sess_narrow", "viewer", "CUM4_DBSH")
    assert "Vai trò của bạn chỉ xem số liệu tổng hợp" in rendered_text(at)
