"""The Data page's import: what each uploaded file holds before importing, the import itself
(all or nothing, within the secretary's cluster), who may upload, and the template workbook."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl
import streamlit as st

from dashboard import access
from dashboard.rounding import DASH
from dashboard.ui import audit, loaders, session
from data_access.importer import ImportReport, import_files
from data_access.importer.preview import preview
from data_access.importer.scope import Touched
from data_access.importer.template import build_template


@dataclass(frozen=True, eq=False)
class Preview:
    """One table read from an uploaded file: its rows and the first of them, cells as written."""

    file: str
    table: str
    rows: int
    head: pl.DataFrame


def preview_files(
    files: list[tuple[str, bytes]], *, lang: str = "vi", rows: int = 20
) -> tuple[list[Preview], ImportReport]:
    """What the importer would read from each file, before importing (file, table, row count
    and the first rows, text cells as written) and the problems met reading them. Parsed in the
    importer's bounded child process: a hostile file cannot take the server down."""
    res = preview(files, lang=lang, rows=rows)
    tables = [Preview(d["file"], d["table"], d["rows"], d["head"]) for d in res.tables]
    return tables, res.report


def report_table(frame: pl.DataFrame, *, alt: str, key: str) -> None:
    """An error or warning table of a report (localized headers, reason last): columns empty
    on every row are left out (a refused file has no row, column or value), blanks show a dash,
    and the reason, the answer, gets the widest column."""
    keep = [c for c in frame.columns if frame[c].null_count() < frame.height]
    reason = frame.columns[-1]
    st.dataframe(
        frame.select(keep).to_pandas().style.format(na_rep=DASH),
        hide_index=True,
        alt=alt,
        key=key,
        column_config={reason: st.column_config.TextColumn(width="large")},
    )


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
    if report.ok:
        rows = sum(t.inserted + t.updated for t in report.summary)
        audit.audit("import_ok", f"{names} rows={rows}")
    else:
        audit.audit("import_failed", f"{names} errors={report.error_count}")
    return report


def template_bytes() -> bytes:
    """The import template workbook (built on click by the download button)."""
    return build_template()
