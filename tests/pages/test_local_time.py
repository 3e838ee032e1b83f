"""Times in local time (issue 21): an import logged at 16:42 UTC reads "23:42 (UTC+7)" on Dữ
liệu, and the administrators' audit view shows its entries in local time too; the setting
THIDUA_TIMEZONE moves both."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from sqlalchemy import insert

from data_access.engine import make_engine
from data_access.models import AuditLog
from tests.pages.roles_kit import run_as

STORED = dt.datetime(2026, 5, 16, 16, 42)  # naive UTC, as accounts.audit writes it


@pytest.fixture
def logged_url(make_db):
    url = make_db(
        {
            "clusters": pl.DataFrame({"cluster_code": ["C1"], "cluster_name": ["Cụm 1"]}),
            "units": pl.DataFrame(
                {"unit_code": ["U1"], "unit_name": ["Trường A"], "cluster_code": ["C1"]}
            ),
        }
    )
    eng = make_engine(url)
    with eng.begin() as conn:
        conn.execute(
            insert(AuditLog).values(
                at=STORED, username="os:can_bo", action="import_ok", detail="units.csv rows=1"
            )
        )
    eng.dispose()
    return url


def _last_import(at) -> str:
    return next(m for m in at.metric if m.label == "Lần nhập gần nhất").value


def test_last_import_in_local_time(app_on, logged_url, monkeypatch):
    monkeypatch.delenv("THIDUA_TIMEZONE", raising=False)
    at = app_on(logged_url)("data")
    assert not at.exception, at.exception
    assert _last_import(at) == "16/05/2026 23:42 (UTC+7)"


def test_the_setting_moves_the_time(app_on, logged_url, monkeypatch):
    monkeypatch.setenv("THIDUA_TIMEZONE", "UTC")
    at = app_on(logged_url)("data")
    assert _last_import(at) == "16/05/2026 16:42 (UTC)"


def test_audit_view_in_local_time(logged_url, monkeypatch):
    from dashboard.access import Principal

    monkeypatch.setenv("THIDUA_DB_URL", logged_url)
    monkeypatch.setenv("THIDUA_AUTH_MODE", "password")
    monkeypatch.delenv("THIDUA_TIMEZONE", raising=False)
    at = run_as(Principal("quan_tri", "admin", None), "data")
    assert not at.exception, at.exception
    log = next(d.value for d in at.dataframe if "Thao tác" in d.value.columns)
    row = log[log["Thao tác"] == "Nhập dữ liệu"].iloc[0]  # import_ok, in words
    assert row["Thời điểm"].to_pydatetime() == dt.datetime(2026, 5, 16, 23, 42)
    assert any("giờ địa phương (Asia/Ho_Chi_Minh, UTC+7)" in c.value for c in at.caption)
