"""Local time: times are stored in UTC (naive, as the database holds them) and every time shown
or written is in the zone of THIDUA_TIMEZONE (Asia/Ho_Chi_Minh unless set), with its offset
said beside it ("23:42 (UTC+7)"), so an officer in Hà Nội reads the clock on the wall.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import polars as pl

from dashboard.l10n import locale
from data_access import settings


def zone() -> ZoneInfo:
    return settings.timezone()


def local(at: dt.datetime, tz: ZoneInfo | None = None) -> dt.datetime:
    """A stored time (naive UTC, or aware) in the local zone, aware.

    >>> local(dt.datetime(2026, 5, 16, 16, 42), ZoneInfo("Asia/Ho_Chi_Minh")).isoformat()
    '2026-05-16T23:42:00+07:00'
    """
    aware = at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)
    return aware.astimezone(tz or zone())


def offset_text(at: dt.datetime) -> str:
    """The UTC offset of an aware time as people write it: "UTC+7", "UTC+5:30", "UTC".

    >>> offset_text(local(dt.datetime(2026, 1, 1), ZoneInfo("Asia/Kolkata")))
    'UTC+5:30'
    """
    off = at.utcoffset() or dt.timedelta(0)
    minutes = int(off.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    h, m = divmod(abs(minutes), 60)
    return f"UTC{sign}{h}" + (f":{m:02d}" if m else "")


def stamp(at: dt.datetime, lang: str, tz: ZoneInfo | None = None) -> str:
    """A stored time as a person reads it: local date and time with the offset.

    >>> stamp(dt.datetime(2026, 5, 16, 16, 42), "vi", ZoneInfo("Asia/Ho_Chi_Minh"))
    '16/05/2026 23:42 (UTC+7)'
    """
    here = local(at, tz)
    return f"{locale(lang).date(here.date())} {here:%H:%M} ({offset_text(here)})"


def local_expr(expr: pl.Expr, tz: ZoneInfo | None = None) -> pl.Expr:
    """A column of stored times (naive UTC) as naive local wall-clock times, for tables and
    files that show them."""
    key = (tz or zone()).key
    return expr.dt.replace_time_zone("UTC").dt.convert_time_zone(key).dt.replace_time_zone(None)


def today(tz: ZoneInfo | None = None) -> dt.date:
    """Today's date in the local zone (the server may run in UTC: at 01:00 in Hà Nội it is
    still yesterday there)."""
    return dt.datetime.now(tz or zone()).date()


def zone_note(tz: ZoneInfo | None = None) -> str:
    """The zone and its offset now, for a caption: "Asia/Ho_Chi_Minh, UTC+7"."""
    z = tz or zone()
    return f"{z.key}, {offset_text(dt.datetime.now(z))}"
