"""Every setting is documented in the README, and the import limits follow the settings."""

from __future__ import annotations

from pathlib import Path

from data_access.importer.settings import current_limits
from data_access.settings import SETTINGS

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_readme():
    missing = [s.env for s in SETTINGS.values() if f"`{s.env}`" not in README]
    assert not missing, f"settings missing from README.md: {missing}"


def test_import_limits_follow_the_environment(monkeypatch):
    monkeypatch.setenv("THIDUA_IMPORT_MAX_FILE_MB", "2")
    monkeypatch.setenv("THIDUA_IMPORT_MAX_ROWS", "10")
    monkeypatch.setenv("THIDUA_IMPORT_MAX_CELL_CHARS", "30")
    limits = current_limits()
    assert (limits.max_file_bytes, limits.max_rows, limits.max_cell_chars) == (2 * 1048576, 10, 30)


def test_hostile_file_limits_follow_the_environment(monkeypatch):
    monkeypatch.setenv("THIDUA_IMPORT_MAX_COLUMNS", "50")
    monkeypatch.setenv("THIDUA_IMPORT_MAX_CELLS", "1000")
    monkeypatch.setenv("THIDUA_IMPORT_MAX_UNZIPPED_MB", "3")
    monkeypatch.setenv("THIDUA_IMPORT_MAX_ZIP_RATIO", "40")
    monkeypatch.setenv("THIDUA_IMPORT_CHILD_MEMORY_MB", "900")
    monkeypatch.setenv("THIDUA_IMPORT_CHILD_SECONDS", "12.5")
    limits = current_limits()
    assert (limits.max_columns, limits.max_cells, limits.max_unzipped_bytes) == (50, 1000, 3 << 20)
    assert (limits.max_zip_ratio, limits.child_memory_mb, limits.child_seconds) == (40, 900, 12.5)
