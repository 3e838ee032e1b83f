"""The importer: CSV/XLSX files to the contract tables, checked in full, written all or nothing.

`import_path(engine, path)` for a folder, a CSV or a workbook; `import_files(engine, files)` for
uploaded (name, bytes) pairs; `template.build_template()` for the workbook users fill in.
"""

from data_access.importer.api import Progress, import_files, import_path
from data_access.importer.report import ImportErrorRecord, ImportReport, TableSummary
from data_access.importer.settings import DEFAULT_LIMITS, Limits

__all__ = [
    "DEFAULT_LIMITS",
    "ImportErrorRecord",
    "ImportReport",
    "Limits",
    "Progress",
    "TableSummary",
    "import_files",
    "import_path",
]
