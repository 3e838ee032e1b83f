"""Issue 14: the acting user is recorded for every download (built on click, in a server thread
without the session) and for every person-level list each time it changes."""

import polars as pl
import pytest
from roles_kit import ensure_account, run_as
from sqlalchemy import text

from dashboard.access import AccessDenied, Principal
from dashboard.ui import audit, session
from data_access import accounts
from data_access.engine import make_engine


@pytest.fixture
def password_mode(seeded_url, monkeypatch):
    monkeypatch.setenv("THIDUA_DB_URL", seeded_url)
    monkeypatch.setenv("THIDUA_AUTH_MODE", "password")
    eng = make_engine(seeded_url)
    yield eng
    eng.dispose()


def test_each_review_list_opened_is_audited(password_mode, seeded_url):
    """The review lists (eligibility, streaks) are cut to the unit on the page: moving from
    unit A to B and back to A is three views of each list, a rerun none."""
    at = run_as(Principal("trace_s", "cluster_secretary", "CUM4_DBSH"), "review", unit="BN_TCT")
    # another member of the cluster in the page's year, 2025 (a school merged away then is not
    # one: the selector offers the year's members)
    with password_mode.connect() as conn:
        members = (
            conn.execute(
                text(
                    "SELECT unit_code FROM cluster_members WHERE cluster_code = 'CUM4_DBSH' AND "
                    "year = 2025 ORDER BY unit_code"
                )
            )
            .scalars()
            .all()
        )  # read whole: an open cursor would hold SQLite's read lock
    other = next(c for c in members if c != "BN_TCT")
    for code in (other, "BN_TCT"):
        at.sidebar.selectbox(key="w_unit").set_value(code).run()
        assert not at.exception
    at.run()  # a rerun of the same list is not a new view
    log = accounts.read_audit(password_mode, limit=100000)
    rows = log.filter((pl.col("username") == "trace_s") & (pl.col("action") == "view_persons"))
    elig = [d for d in reversed(rows["detail"].to_list()) if d.startswith("eligibility ")]
    assert [d.split("unit=")[1] for d in elig] == ["BN_TCT", other, "BN_TCT"]


def test_a_download_is_audited_with_the_user_who_drew_it(password_mode, monkeypatch):
    ensure_account(Principal("trace_d", "unit_officer", "BN_TCT"))
    monkeypatch.setattr(
        session, "principal", lambda: Principal("trace_d", "unit_officer", "BN_TCT")
    )
    build = audit.audited(lambda: b"x", "danh-sach.csv")
    # The click runs in a server thread that has no session: nobody is signed in there.
    monkeypatch.setattr(session, "principal", lambda: None)
    assert build() == b"x"
    last = accounts.read_audit(password_mode, limit=1)
    assert last.select("username", "action", "detail").row(0) == (
        "trace_d",
        "download",
        "danh-sach.csv",
    )


def test_a_disabled_account_gets_no_download_bytes(password_mode, monkeypatch):
    ensure_account(Principal("trace_x", "unit_officer", "BN_TCT"))
    monkeypatch.setattr(
        session, "principal", lambda: Principal("trace_x", "unit_officer", "BN_TCT")
    )
    build = audit.audited(lambda: b"x", "danh-sach.csv")
    accounts.set_disabled(password_mode, "trace_x")
    try:
        with pytest.raises(AccessDenied):
            build()
        last = accounts.read_audit(password_mode, limit=1)
        assert last.select("username", "action").row(0) == ("trace_x", "download_refused")
    finally:
        accounts.set_disabled(password_mode, "trace_x", False)
