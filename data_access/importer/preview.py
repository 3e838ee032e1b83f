"""What an import of uploaded files would do, before importing.

With the database (`engine=`), the preview is the import itself run in a transaction that is
rolled back (api.check_files): every check the import makes, file, row and column for each
error, the rows per table it would insert, update or leave, and the clusters and units it would
create, which the page asks the user to confirm. Without it, only what the files hold. Either
way the files are parsed in the import's bounded child (sandbox.py), so a hostile file cannot
take the server down during the preview either.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from data_access.importer.api import check_files
from data_access.importer.report import ErrorCollector, ImportReport
from data_access.importer.sandbox import parse_files
from data_access.importer.scope import ScopeCheck
from data_access.importer.settings import Limits, current_limits
from data_access.importer.sources import accepted


@dataclass(frozen=True)
class Preview:
    """`tables`: one dict per table read (file, table, rows, head); `report`: every problem the
    import would meet (nothing is written by a preview) and, when clean and checked against the
    database, `report.summary`: the rows per table it would insert, update or leave;
    `created`: table -> the codes it would create in `api.CONFIRM_NEW` tables."""

    tables: list[dict[str, Any]]
    report: ImportReport
    created: dict[str, list[str]] = field(default_factory=dict)
    checked: bool = False  # against the database (every check of the import), or files only

    @property
    def ready(self) -> bool:
        """Nothing stands in the import's way (new clusters or units still need a yes)."""
        return self.checked and self.report.ok


def preview(
    files: list[tuple[str, bytes | Path]],
    *,
    lang: str = "vi",
    rows: int = 20,
    limits: Limits | None = None,
    engine: Engine | None = None,
    scope_check: ScopeCheck | None = None,
) -> Preview:
    limits = limits or current_limits()
    if engine is not None:
        report, tables, created = check_files(
            engine, files, lang=lang, head=rows, limits=limits, scope_check=scope_check
        )
        return Preview(tables, report, created, checked=True)
    errors = ErrorCollector(lang)
    out: list[dict[str, Any]] = []
    for name, data in files:
        if not accepted(name, data, errors, limits):
            continue
        parsed = parse_files([(name, data)], errors, limits, head=rows)
        for src, total in zip(parsed.sources, parsed.rows, strict=True):
            frame = src.frame.select([c for c in src.frame.columns if not c.startswith("__")])
            frame = frame.rename({c: src.headers.get(c, c) for c in frame.columns})
            out.append({"file": src.file, "table": src.table, "rows": total, "head": frame})
    report = ImportReport(
        lang=lang, error_frame=errors.frame(), warning_frame=errors.warning_frame()
    )
    return Preview(out, report)


def preview_files(
    files: list[tuple[str, bytes | Path]], lang: str = "vi", *, rows: int = 20
) -> list[dict[str, Any]]:
    """The shape dashboard/ui.py's preview_files returns: file, table, row count and the first
    rows (text cells, as written, headers as the file wrote them). Problems: `preview()`."""
    return preview(files, lang=lang, rows=rows).tables
