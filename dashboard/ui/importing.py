"""The Data page's import: what each uploaded file holds before importing, the import itself
(all or nothing, within the secretary's cluster), who may upload, and the template workbook."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from dashboard import access
from dashboard.ui import audit, loaders, session
from data_access.importer import ImportReport, import_files
from data_access.importer.report import ErrorCollector
from data_access.importer.scope import Touched
from data_access.importer.settings import DEFAULT_LIMITS
from data_access.importer.sources import read_sources
from data_access.importer.template import build_template


@dataclass(frozen=True, eq=False)
class Preview:
    """One table read from an uploaded file: its rows and the first of them, cells as written."""

    file: str
    table: str
    rows: int
    head: pl.DataFrame


def preview_files(files: list[tuple[str, bytes]], *, rows: int = 20) -> list[Preview]:
    """What the importer would read from each file, before importing: file, table, row count and
    the first rows (text cells, as written). Problems are left to the import's own report."""
    out = []
    for name, data in files:
        for src in read_sources(name, data, ErrorCollector("vi"), DEFAULT_LIMITS):
            frame = src.frame.select([c for c in src.frame.columns if not c.startswith("__")])
            frame = frame.rename({c: src.headers.get(c, c) for c in frame.columns})
            out.append(Preview(src.file, src.table, src.frame.height, frame.head(rows)))
    return out


def can_upload() -> bool:
    p = session.principal()
    return p is not None and (p.is_admin or p.role == "cluster_secretary")


def run_import(
    files: list[tuple[str, bytes]], *, lang: str, progress: Callable[[float, str], None]
) -> ImportReport:
    """Import uploaded files, all or nothing; returns the importer's ImportReport."""
    p = session.principal_or_anonymous()
    if not (p.is_admin or p.role == "cluster_secretary"):
        raise access.AccessDenied(f"role {p.role!r} may not import")
    every = loaders.all_options().units

    def in_scope(hit: Touched) -> bool:
        # Clusters touched (a cluster row, a cluster target) must be the secretary's own.
        return access.can_import(p, hit.units, every) and (
            p.is_admin or hit.clusters <= {p.scope_code}
        )

    report = import_files(
        session.get_engine(), files, lang=lang, progress=progress, scope_check=in_scope
    )
    names = ", ".join(n for n, _ in files)
    audit.audit("import_ok" if report.ok else "import_failed", names)
    return report


def template_bytes() -> bytes:
    """The import template workbook (built on click by the download button)."""
    return build_template()
