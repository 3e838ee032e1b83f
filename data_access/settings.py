"""Settings as data: every setting, its environment variable, default and meaning in one table.

tests/data_access/test_settings_documented.py checks that each one is documented in the README.
"""

from __future__ import annotations

import ipaddress
import logging
import os
from dataclasses import dataclass
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Setting:
    env: str
    default: str
    help: str

    def get(self) -> str:
        return os.environ.get(self.env, self.default)


SETTINGS: dict[str, Setting] = {
    "db_url": Setting(
        "THIDUA_DB_URL", "sqlite:///data/thidua.db", "SQLAlchemy URL of the database"
    ),
    "auth_mode": Setting(
        "THIDUA_AUTH_MODE", "open", "open (no login), password (accounts in the DB) or oidc"
    ),
    "audit_retention_days": Setting(
        "THIDUA_AUDIT_RETENTION_DAYS",
        "730",
        "days the audit log keeps an entry (at least 90: a smaller value is raised to 90)",
    ),
    "password_min_length": Setting(
        "THIDUA_PASSWORD_MIN_LENGTH", "12", "shortest password `user add` accepts"
    ),
    "login_max_failures": Setting(
        "THIDUA_LOGIN_MAX_FAILURES",
        "10",
        "failed logins of one account before it is locked for THIDUA_LOGIN_LOCK_MINUTES",
    ),
    "login_max_failures_client": Setting(
        "THIDUA_LOGIN_MAX_FAILURES_CLIENT",
        "30",
        "failed logins from one client address (any account) before it is locked",
    ),
    "login_lock_minutes": Setting(
        "THIDUA_LOGIN_LOCK_MINUTES", "15", "how long a lock lasts; failures older are forgotten"
    ),
    "allow_open_network": Setting(
        "THIDUA_ALLOW_OPEN_NETWORK",
        "",
        "`1` lets open mode listen on an address other than 127.0.0.1 (everyone sees all data)",
    ),
    "snapshot_dir": Setting(
        "THIDUA_SNAPSHOT_DIR",
        "",
        "folder for the Parquet snapshots (default: beside the SQLite file, or data/snapshots)",
    ),
    "import_max_file_mb": Setting(
        "THIDUA_IMPORT_MAX_FILE_MB", "200", "largest file one import accepts (MB)"
    ),
    "import_max_rows": Setting(
        "THIDUA_IMPORT_MAX_ROWS", "5000000", "most rows per table in one import"
    ),
    "import_max_cell_chars": Setting(
        "THIDUA_IMPORT_MAX_CELL_CHARS", "1000", "longest text in one imported cell"
    ),
    "import_max_columns": Setting(
        "THIDUA_IMPORT_MAX_COLUMNS", "200", "most columns per table (CSV header, sheet width)"
    ),
    "import_max_cells": Setting(
        "THIDUA_IMPORT_MAX_CELLS",
        "30000000",
        "most cells one worksheet may span (rows x columns of its used range)",
    ),
    "import_max_unzipped_mb": Setting(
        "THIDUA_IMPORT_MAX_UNZIPPED_MB", "1024", "largest total a workbook may unzip to (MB)"
    ),
    "import_max_zip_ratio": Setting(
        "THIDUA_IMPORT_MAX_ZIP_RATIO", "200", "highest unzipped/zipped ratio of a workbook"
    ),
    "import_child_memory_mb": Setting(
        "THIDUA_IMPORT_CHILD_MEMORY_MB",
        "4096",
        "address-space limit (RLIMIT_AS) of the child process that parses uploaded files (MB)",
    ),
    "import_child_seconds": Setting(
        "THIDUA_IMPORT_CHILD_SECONDS", "300", "time limit of the child process that parses files"
    ),
    "import_errors_on_screen": Setting(
        "THIDUA_IMPORT_ERRORS_ON_SCREEN",
        "500",
        "errors shown on the Data page (the full list is a CSV download)",
    ),
    "org_name": Setting(
        "THIDUA_ORG_NAME",
        "",
        "the body this database serves: the reporting body of a whole-database form, the "
        "receiving body of a cluster's, the issuing body of its documents",
    ),
    "timezone": Setting(
        "THIDUA_TIMEZONE",
        "Asia/Ho_Chi_Minh",
        "IANA time zone every time is shown and written in (times are stored in UTC)",
    ),
}

AUTH_MODES = ("open", "password", "oidc")
DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"


def timezone() -> ZoneInfo:
    """The time zone of every time shown or written (THIDUA_TIMEZONE). An unknown name is
    logged and the default used: a typo must not take the pages down."""
    name = get("timezone").strip() or DEFAULT_TIMEZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        log.warning("THIDUA_TIMEZONE=%r is not a known time zone; using %s", name, DEFAULT_TIMEZONE)
        return ZoneInfo(DEFAULT_TIMEZONE)


def get(name: str) -> str:
    return SETTINGS[name].get()


def auth_mode() -> str:
    mode = get("auth_mode").strip().lower()
    if mode not in AUTH_MODES:
        raise ValueError(f"THIDUA_AUTH_MODE={mode!r}: expected one of {', '.join(AUTH_MODES)}")
    return mode


def org_name() -> str:
    """THIDUA_ORG_NAME, trimmed ("" when unset: the documents leave a line to write it on)."""
    return " ".join(get("org_name").split())


AUDIT_RETENTION_FLOOR_DAYS = 90  # a typo must not wipe the log (issue 14)


def audit_retention_days() -> int:
    days = int(get("audit_retention_days"))
    if days < AUDIT_RETENTION_FLOOR_DAYS:
        log.warning(
            "THIDUA_AUDIT_RETENTION_DAYS=%d is below the floor; keeping %d days",
            days,
            AUDIT_RETENTION_FLOOR_DAYS,
        )
        return AUDIT_RETENTION_FLOOR_DAYS
    return days


def _int(name: str, minimum: int) -> int:
    value = int(get(name))
    if value < minimum:
        raise ValueError(f"{SETTINGS[name].env}={value}: expected at least {minimum}")
    return value


def password_min_length() -> int:
    return _int("password_min_length", 8)


def login_limits() -> tuple[int, int, int]:
    """(failures per account, failures per client, lock minutes)."""
    return (
        _int("login_max_failures", 1),
        _int("login_max_failures_client", 1),
        _int("login_lock_minutes", 1),
    )


def _truthy(text: str) -> bool:
    return text.strip().lower() in ("1", "true", "yes", "on")


OpenNetwork = Literal["ok", "refuse", "warn"]


def open_network(mode: str, address: str | None, allow: bool | None = None) -> OpenNetwork:
    """What the entry point does about the address Streamlit listens on (`server.address`):
    "ok" (a login is required, or only this computer can connect), "refuse" (open mode on a
    network address, not allowed), "warn" (allowed by THIDUA_ALLOW_OPEN_NETWORK: show a banner
    that anyone on the network sees every figure and name). An empty address means every
    interface."""
    if mode != "open":
        return "ok"
    host = (address or "").strip().strip("[]")
    if host == "localhost":
        return "ok"
    try:
        if host and ipaddress.ip_address(host).is_loopback:
            return "ok"
    except ValueError:
        pass  # a host name other than localhost may resolve to anything
    allowed = _truthy(get("allow_open_network")) if allow is None else allow
    return "warn" if allowed else "refuse"
