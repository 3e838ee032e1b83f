"""The audit log: a page showing names is logged once a session, a download is logged when its
bytes are built, and entries older than the retention are purged when the app starts."""

import datetime as dt

import polars as pl
import pytest
from roles_kit import run_as
from sqlalchemy import update

from dashboard.access import Principal
from dashboard.ui import audit
from data_access import accounts
from data_access.engine import make_engine
from data_access.models import AuditLog


@pytest.fixture
def password_mode(seeded_url, monkeypatch):
    monkeypatch.setenv("THIDUA_DB_URL", seeded_url)
    monkeypatch.setenv("THIDUA_AUTH_MODE", "password")
    eng = make_engine(seeded_url)
    yield eng
    eng.dispose()


def _entries(eng, user):
    log = accounts.read_audit(eng, limit=100000)
    return log.filter(pl.col("username") == user)


def test_person_view_is_audited_once_per_session(password_mode):
    at = run_as(Principal("audit_o", "unit_officer", "BN_TCT"), "unit", unit="BN_TCT")
    at.run()  # a rerun of the same page is not a new view
    views = _entries(password_mode, "audit_o").filter(pl.col("action") == "view_persons")
    assert views["detail"].to_list() == ["people year=2025 unit=BN_TCT"]


def test_aggregate_pages_write_no_person_view(password_mode):
    run_as(Principal("audit_v", "viewer", "CUM4_DBSH"), "overview")
    assert _entries(password_mode, "audit_v").height == 0


def test_download_is_audited_when_built(password_mode, monkeypatch):
    monkeypatch.setenv("THIDUA_AUTH_MODE", "open")  # the open principal has no name
    before = accounts.read_audit(password_mode, limit=100000).height
    build = audit.audited(lambda: b"x", "chi-so.csv")
    assert accounts.read_audit(password_mode, limit=100000).height == before  # not on render
    assert build() == b"x"
    last = accounts.read_audit(password_mode, limit=1)
    assert (last["action"][0], last["detail"][0]) == ("download", "chi-so.csv")


def test_old_entries_are_purged_on_start(make_db, app_on, monkeypatch):
    url = make_db({})
    eng = make_engine(url)
    accounts.audit(eng, "cu", "login_ok")
    accounts.audit(eng, "moi", "login_ok")
    # Retention is at least 90 days (issue 14): 101 days old goes with 100 days kept.
    old = dt.datetime.now() - dt.timedelta(days=101)
    with eng.begin() as conn:
        conn.execute(update(AuditLog).where(AuditLog.username == "cu").values(at=old))
    monkeypatch.setenv("THIDUA_AUDIT_RETENTION_DAYS", "100")
    app_on(url)("overview")
    log = accounts.read_audit(eng)
    # The purge is itself audited.
    assert log.select("username", "action").rows() == [(None, "audit_purge"), ("moi", "login_ok")]
    eng.dispose()
