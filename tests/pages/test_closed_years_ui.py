"""Closed years on Dữ liệu (issue 14): a cluster secretary closes their cluster's year and
reopens it only with a reason, both audited with their name; the year selector shows a lock
beside the closed year; viewers and unit officers get no such block; an admin may close the
year for every cluster."""

import shutil

import polars as pl
import pytest
from roles_kit import run_as

from dashboard.access import Principal
from data_access import accounts, closed_years
from data_access.engine import make_engine

SECRETARY = Principal("khoa_so_tk", "cluster_secretary", "CUM4_DBSH")


@pytest.fixture
def own_db(seeded_url, tmp_path, monkeypatch):
    """A copy of the demo database: the locks set here stay out of the other tests."""
    path = tmp_path / "locks.db"
    shutil.copy(seeded_url.removeprefix("sqlite:///"), path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("THIDUA_DB_URL", url)
    monkeypatch.setenv("THIDUA_AUTH_MODE", "password")
    eng = make_engine(url)
    yield eng
    eng.dispose()


def _button(at, key):
    return next(b for b in at.button if b.key == key)


def _last(eng, action):
    log = accounts.read_audit(eng, limit=100000).filter(pl.col("action") == action)
    return log.select("username", "detail").row(0)


def test_secretary_closes_and_reopens_with_a_reason(own_db):
    at = run_as(SECRETARY, "data", year="2024")
    assert "2024" in at.sidebar.selectbox(key="w_year").options
    _button(at, "lock").click()
    at.run()
    assert not at.exception
    assert closed_years.locked_years(own_db, "CUM4_DBSH") == [2024]
    assert _last(own_db, "year_lock") == ("khoa_so_tk", "year=2024 cluster=CUM4_DBSH")
    assert "2024 🔒" in at.sidebar.selectbox(key="w_year").options
    assert "2025" in at.sidebar.selectbox(key="w_year").options  # open years carry no lock
    # Reopening without a reason is refused and the year stays closed.
    _button(at, "unlock").click()
    at.run()
    assert any("cần lý do" in e.value for e in at.error)
    assert closed_years.locked_years(own_db, "CUM4_DBSH") == [2024]
    at.text_input(key="unlock_reason").input("Bổ sung khen thưởng đột xuất")
    _button(at, "unlock").click()
    at.run()
    assert closed_years.locked_years(own_db, "CUM4_DBSH") == []
    user, detail = _last(own_db, "year_unlock")
    assert user == "khoa_so_tk" and detail.endswith("reason=Bổ sung khen thưởng đột xuất")
    assert "2024" in at.sidebar.selectbox(key="w_year").options


@pytest.mark.parametrize(
    "who",
    [
        Principal("khoa_so_v", "viewer", "CUM4_DBSH"),
        Principal("khoa_so_o", "unit_officer", "BN_TCT"),
    ],
)
def test_no_lock_block_for_viewers_and_unit_officers(own_db, who):
    at = run_as(who, "data", year="2024")
    assert not at.exception
    assert not [b for b in at.button if b.key in ("lock", "unlock")]


def test_admin_closes_the_year_for_every_cluster(own_db):
    at = run_as(Principal("khoa_so_ad", "admin"), "data", year="2023")
    at.radio(key="lock_scope").set_value("*").run()
    _button(at, "lock").click()
    at.run()
    assert closed_years.locked_years(own_db, None) == [2023]
    assert _last(own_db, "year_lock") == ("khoa_so_ad", "year=2023 cluster=*")
