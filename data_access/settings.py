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
        "failed logins of one account from one client before that pair is locked for "
        "THIDUA_LOGIN_LOCK_MINUTES (3x as many from all clients slow the account, never lock it)",
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
    "trusted_proxies": Setting(
        "THIDUA_TRUSTED_PROXIES",
        "",
        "addresses or networks (comma-separated) of the reverse proxies whose X-Forwarded-For "
        "names the client; this computer (127.0.0.1, ::1) is always one",
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


def _int_or_none(text: str) -> int | None:
    try:
        return int(text.strip())
    except ValueError:
        return None


def _int(name: str, minimum: int) -> int:
    value = _int_or_none(get(name))
    if value is None:
        raise ValueError(f"{SETTINGS[name].env}={get(name)!r}: expected a whole number")
    if value < minimum:
        raise ValueError(f"{SETTINGS[name].env}={value}: expected at least {minimum}")
    return value


def password_min_length() -> int:
    return _int("password_min_length", 8)


# Bounds of the login settings: a lock of a year at most (a larger value would overflow a
# datetime: THIDUA_LOGIN_LOCK_MINUTES=99999999999 raised OverflowError on a failed login), and
# counts no larger than anyone could mean.
LOGIN_LOCK_MINUTES_MAX = 366 * 24 * 60
LOGIN_FAILURES_MAX = 10_000


def _bounded(name: str, minimum: int, maximum: int) -> int:
    value = _int(name, minimum)
    if value > maximum:
        log.warning("%s=%d is above the ceiling; using %d", SETTINGS[name].env, value, maximum)
        return maximum
    return value


def login_limits() -> tuple[int, int, int]:
    """(failures per account and client, failures per client, lock minutes), each bounded: a
    value above its ceiling is lowered to it (with a log line), so a failed login never
    overflows a date."""
    return (
        _bounded("login_max_failures", 1, LOGIN_FAILURES_MAX),
        _bounded("login_max_failures_client", 1, LOGIN_FAILURES_MAX),
        _bounded("login_lock_minutes", 1, LOGIN_LOCK_MINUTES_MAX),
    )


def _truthy(text: str) -> bool:
    return text.strip().lower() in ("1", "true", "yes", "on")


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def trusted_proxies(text: str | None = None) -> list[Network]:
    """The proxies whose X-Forwarded-For is believed (THIDUA_TRUSTED_PROXIES, comma-separated
    addresses or networks). A malformed entry is a configuration error, said at once: a typo
    must not silently make every client share the proxy's address."""
    raw = get("trusted_proxies") if text is None else text
    nets: list[Network] = []
    for part in raw.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            nets.append(ipaddress.ip_network(part, strict=False))
        except ValueError as exc:
            raise ValueError(f"THIDUA_TRUSTED_PROXIES: {part!r} is not an address") from exc
    return nets


def _ip(text: str | None):
    try:
        return ipaddress.ip_address((text or "").strip().strip("[]"))
    except ValueError:
        return None


def is_local(address: str | None) -> bool:
    """True for this computer: no address (Streamlit's st.context.ip_address is None for a
    loopback peer) or a loopback one."""
    if address is None:
        return True
    ip = _ip(address)
    return ip is not None and ip.is_loopback


def client_from(
    peer: str | None, forwarded: str | None, proxies: list[Network] | None = None
) -> str | None:
    """The client's address: the peer of the connection, unless the peer is a trusted proxy
    (this computer or THIDUA_TRUSTED_PROXIES), then the X-Forwarded-For entries read from the
    right (each proxy appends the address it saw) past every trusted proxy. Entries left of the
    first untrusted one are whatever the client chose to send and are ignored. None means this
    computer."""
    nets = trusted_proxies() if proxies is None else proxies

    def trusted(addr: str | None) -> bool:
        if is_local(addr):
            return True
        ip = _ip(addr)
        return ip is not None and any(ip in net for net in nets)

    hops = [h.strip() for h in (forwarded or "").split(",") if h.strip()]
    current = peer
    while trusted(current) and hops:
        current = hops.pop()
    if is_local(current):
        return None
    return str(current)[:100]


OpenNetwork = Literal["ok", "refuse", "warn"]


def open_network(
    mode: str,
    address: str | None,
    allow: bool | None = None,
    *,
    client: str | None = None,
) -> OpenNetwork:
    """What the entry point does in open mode, which has no login: "ok" (a login is required,
    or only this computer is served), "refuse" (the app listens on a network address, or the
    client — the address Streamlit sees, through a proxy the one it forwarded — is not this
    computer; not allowed), "warn" (allowed by THIDUA_ALLOW_OPEN_NETWORK: show a banner that
    anyone on the network sees every figure and name). `address` is Streamlit's
    `server.address` (empty: every interface); `client` the resolved client address, None for
    this computer. The bind address alone is not enough: nginx on this computer forwarding to
    127.0.0.1 brings the whole network in (issue 20)."""
    if mode != "open":
        return "ok"
    host = (address or "").strip().strip("[]")
    bound_locally = host == "localhost" or (bool(host) and is_local(host))
    if bound_locally and is_local(client):
        return "ok"
    allowed = _truthy(get("allow_open_network")) if allow is None else allow
    return "warn" if allowed else "refuse"
