"""Import limits, in one place: a later issue fuzzes the importer against them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Hard limits on what one import accepts; exceeding one is an error, never a crash."""

    max_file_bytes: int = 200 * 1024 * 1024  # per file, before decoding
    max_rows: int = 5_000_000  # per table in one file or sheet
    max_cell_chars: int = 1_000  # per cell, after normalisation
    max_columns: int = 200  # per table: a real table has at most a dozen
    # A workbook is a zip: its declared uncompressed size and ratio are checked before calamine
    # opens it (a 50 kB "xlsx" can inflate to gigabytes of sheet XML). Real workbooks compress
    # about 5-20x; 1 000 000 rows of ten cells unzip to about 400 MB.
    max_unzipped_bytes: int = 1024 * 1024 * 1024
    max_zip_ratio: float = 200.0
    # A worksheet's used range (declared <dimension> or its farthest cell): the XLSX reader
    # allocates rows x columns cells for it, however few hold a value.
    max_cells: int = 30_000_000
    # The child process that parses untrusted files (sandbox.py): address space and wall time.
    child_memory_mb: int = 4096
    child_seconds: float = 300.0


DEFAULT_LIMITS = Limits()


def current_limits() -> Limits:
    """The limits in force: DEFAULT_LIMITS overridden by the THIDUA_IMPORT_* settings."""
    from dataclasses import replace

    from data_access import settings

    return replace(
        DEFAULT_LIMITS,
        max_file_bytes=int(float(settings.get("import_max_file_mb")) * 1024 * 1024),
        max_rows=int(settings.get("import_max_rows")),
        max_cell_chars=int(settings.get("import_max_cell_chars")),
        max_columns=int(settings.get("import_max_columns")),
        max_cells=int(settings.get("import_max_cells")),
        max_unzipped_bytes=int(float(settings.get("import_max_unzipped_mb")) * 1024 * 1024),
        max_zip_ratio=float(settings.get("import_max_zip_ratio")),
        child_memory_mb=int(settings.get("import_child_memory_mb")),
        child_seconds=float(settings.get("import_child_seconds")),
    )


# File kinds by extension. Excel saves "Unicode text" as .txt (UTF-16, TAB-separated).
CSV_SUFFIXES = (".csv", ".tsv", ".txt")
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
