"""dashboard.clock: times stored in UTC are shown and written in THIDUA_TIMEZONE (issue 21)."""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

import polars as pl
import pytest

from dashboard import clock
from data_access import settings

STORED = dt.datetime(2026, 5, 16, 16, 42)  # naive UTC, as the database holds it


def test_default_zone_is_ho_chi_minh(monkeypatch):
    monkeypatch.delenv("THIDUA_TIMEZONE", raising=False)
    assert settings.timezone() == ZoneInfo("Asia/Ho_Chi_Minh")
    # 16:42 UTC is 23:42 in Hà Nội (UTC+7, no daylight saving)
    assert clock.stamp(STORED, "vi") == "16/05/2026 23:42 (UTC+7)"
    assert clock.stamp(STORED, "en") == "16 May 2026 23:42 (UTC+7)"


def test_a_late_utc_time_is_the_next_day_locally(monkeypatch):
    monkeypatch.delenv("THIDUA_TIMEZONE", raising=False)
    assert clock.stamp(dt.datetime(2026, 12, 31, 17, 30), "vi") == "01/01/2027 00:30 (UTC+7)"


def test_the_setting_changes_the_zone(monkeypatch):
    monkeypatch.setenv("THIDUA_TIMEZONE", "Europe/Paris")
    # 16 May: Paris on summer time, UTC+2 → 18:42; 16 January: UTC+1 → 17:42
    assert clock.stamp(STORED, "vi") == "16/05/2026 18:42 (UTC+2)"
    assert clock.stamp(STORED.replace(month=1), "vi") == "16/01/2026 17:42 (UTC+1)"
    monkeypatch.setenv("THIDUA_TIMEZONE", "UTC")
    assert clock.stamp(STORED, "vi") == "16/05/2026 16:42 (UTC)"


def test_an_unknown_zone_is_logged_and_the_default_used(monkeypatch, caplog):
    monkeypatch.setenv("THIDUA_TIMEZONE", "Asia/Hanoi_typo")
    with caplog.at_level(logging.WARNING):
        assert settings.timezone() == ZoneInfo("Asia/Ho_Chi_Minh")
    assert "Asia/Hanoi_typo" in caplog.text


@pytest.mark.parametrize(
    ("zone", "expected"),
    [("Asia/Ho_Chi_Minh", "UTC+7"), ("Asia/Kolkata", "UTC+5:30"), ("America/New_York", "UTC-4")],
)
def test_offset_text(zone, expected):
    assert clock.offset_text(clock.local(STORED, ZoneInfo(zone))) == expected


def test_a_column_of_stored_times_in_local_time(monkeypatch):
    monkeypatch.delenv("THIDUA_TIMEZONE", raising=False)
    frame = pl.DataFrame({"at": [STORED, dt.datetime(2026, 12, 31, 17, 30), None]})
    out = frame.select(clock.local_expr(pl.col("at")))["at"].to_list()
    assert out == [dt.datetime(2026, 5, 16, 23, 42), dt.datetime(2027, 1, 1, 0, 30), None]


def test_the_date_is_the_local_one():
    # at 20:00 UTC on 6 December it is already 7 December in Hà Nội (03:00)
    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    assert clock.local(dt.datetime(2026, 12, 6, 20, 0), tz).date() == dt.date(2026, 12, 7)
