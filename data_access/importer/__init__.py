"""The importer: CSV/XLSX files to the contract tables, checked in full, written all or nothing.

`import_path(engine, path)` for a folder, a CSV or a workbook; `import_files(engine, files)` for
uploaded (name, bytes) pairs; `preview_files(files, lang)` / `preview(...)` for what they hold
(every file is parsed in a bounded child process, sandbox.py); `template.build_template()` for
the workbook users fill in.
"""

from data_access.importer.api import Progress, import_files, import_path
from data_access.importer.preview import Preview, preview, preview_files
from data_access.importer.report import ImportErrorRecord, ImportReport, TableSummary
from data_access.importer.settings import DEFAULT_LIMITS, Limits

__all__ = [
    "DEFAULT_LIMITS",
    "ImportErrorRecord",
    "ImportReport",
    "Limits",
    "Preview",
    "Progress",
    "TableSummary",
    "import_files",
    "import_path",
    "preview",
    "preview_files",
]
