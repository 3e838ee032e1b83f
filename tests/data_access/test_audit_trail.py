"""Audit retention has a floor and every purge is itself audited (issue 14)."""

from __future__ import annotations

import datetime as dt
import logging

from data_access import settings
from data_access.accounts import audit, os_actor, purge_audit, read_audit


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def test_retention_below_the_floor_is_raised_with_a_log_line(monkeypatch, caplog):
    monkeypatch.setenv("THIDUA_AUDIT_RETENTION_DAYS", "0")
    with caplog.at_level(logging.WARNING, logger="data_access.settings"):
        assert settings.audit_retention_days() == 90
    assert "THIDUA_AUDIT_RETENTION_DAYS=0" in caplog.text
    monkeypatch.setenv("THIDUA_AUDIT_RETENTION_DAYS", "365")
    assert settings.audit_retention_days() == 365


def test_a_zero_day_purge_keeps_the_last_90_days(engine, caplog):
    audit(engine, "an", "login_ok")
    with caplog.at_level(logging.WARNING, logger="data_access.accounts"):
        assert purge_audit(engine, older_than_days=0) == 0
    assert "below the floor" in caplog.text
    # 89 days on the entry is still inside the floor; 91 days on it goes.
    assert purge_audit(engine, older_than_days=0, now=_now() + dt.timedelta(days=89)) == 0
    assert read_audit(engine)["action"].to_list() == ["login_ok"]
    assert purge_audit(engine, older_than_days=0, now=_now() + dt.timedelta(days=91)) == 1


def test_each_purge_is_audited_with_its_actor(engine):
    for _ in range(3):
        audit(engine, "an", "download", "x")
    later = _now() + dt.timedelta(days=200)
    assert purge_audit(engine, older_than_days=100, now=later, actor=os_actor()) == 3
    log = read_audit(engine)
    assert log["action"].to_list() == ["audit_purge"]
    assert log["username"][0] == os_actor()
    assert log["detail"][0].startswith("3 entries before")
    assert "retention 100 days" in log["detail"][0]
