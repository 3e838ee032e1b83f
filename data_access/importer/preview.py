"""What the importer would read from uploaded files, before importing: parsed in the same
bounded child as the import (sandbox.py), so a hostile file cannot take the server down during
the preview either."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from data_access.importer.report import ErrorCollector, ImportReport
from data_access.importer.sandbox import parse_files
from data_access.importer.settings import Limits, current_limits
from data_access.importer.sources import accepted


@dataclass(frozen=True)
class Preview:
    """`tables`: one dict per table read (file, table, rows, head); `report`: the problems met
    while reading (errors and warnings; nothing is written by a preview)."""

    tables: list[dict[str, Any]]
    report: ImportReport


def preview(
    files: list[tuple[str, bytes | Path]],
    *,
    lang: str = "vi",
    rows: int = 20,
    limits: Limits | None = None,
) -> Preview:
    limits = limits or current_limits()
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
