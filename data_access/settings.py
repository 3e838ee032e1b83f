"""Settings as data: every setting, its environment variable, default and meaning in one table.

tests/data_access/test_settings_documented.py checks that each one is documented in the README.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


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
        "THIDUA_AUDIT_RETENTION_DAYS", "730", "days the audit log keeps an entry"
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
}

AUTH_MODES = ("open", "password", "oidc")


def get(name: str) -> str:
    return SETTINGS[name].get()


def auth_mode() -> str:
    mode = get("auth_mode").strip().lower()
    if mode not in AUTH_MODES:
        raise ValueError(f"THIDUA_AUTH_MODE={mode!r}: expected one of {', '.join(AUTH_MODES)}")
    return mode


def audit_retention_days() -> int:
    return int(get("audit_retention_days"))
