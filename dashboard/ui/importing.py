"""The Data page's import: what each uploaded file holds before importing, the import itself
(all or nothing, within the secretary's cluster), who may upload, and the template workbook."""

from __future__ import annotations

import hashlib
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


@dataclass(frozen=True, eq=False)
class Checked:
    """The preview of an upload: the tables read, the import's whole check run and rolled back
    (`report`: every error; when clean, the rows per table it would change), the clusters and
    units it would create, and whether Import may be pressed (`ready`, before confirming)."""

    tables: list[Preview]
    report: ImportReport
    created: dict[str, list[str]]
    ready: bool
    digest: str


def _digest(files: list[tuple[str, bytes]]) -> str:
    h = hashlib.sha256()
    for name, data in files:
        h.update(name.encode("utf-8", "replace") + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()


def preview_files(files: list[tuple[str, bytes]], *, lang: str = "vi", rows: int = 20) -> Checked:
    """What importing these files would do, found by doing it in a transaction rolled back:
    every error with file, row and column, the rows per table it would change, the clusters and
    units it would create. Parsed in the importer's bounded child process (a hostile file cannot
    take the server down). Kept for this session until the files or the data change, so a
    rerun (ticking the confirmation) does not check everything again."""
    digest = _digest(files)
    key = (digest, session.version(), lang)
    kept = st.session_state.get("_preview")
    if kept is not None and kept[0] == key:
        return kept[1]
    res = preview(
        files,
        lang=lang,
        rows=rows,
        engine=session.get_engine(),
        scope_check=scope_check(session.principal_or_anonymous()),
    )
    tables = [Preview(d["file"], d["table"], d["rows"], d["head"]) for d in res.tables]
    out = Checked(tables, res.report, res.created, res.ready, digest)
    st.session_state["_preview"] = (key, out)
    return out


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


def scope_check(p: access.Principal) -> Callable[[Touched], bool]:
    """The role's check on what an import (or an undo) touches, run inside its transaction."""
    every = loaders.all_options().units

    def in_scope(hit: Touched) -> bool:
        # Clusters touched (a cluster row, a cluster target) must be the secretary's own.
        return access.can_import(p, hit.units, every) and (
            p.is_admin or hit.clusters <= {p.scope_code}
        )

    return in_scope


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
    report = import_files(
        session.get_engine(),
        files,
        lang=lang,
        progress=progress,
        scope_check=scope_check(p),
        actor=audit.actor(),
    )
    st.session_state.pop("_preview", None)
    names = ", ".join(n for n, _ in files)
    if report.ok:
        rows = sum(t.inserted + t.updated for t in report.summary)
        cs = f" changeset={report.changeset_id}" if report.changeset_id else ""
        audit.audit("import_ok", f"{names} rows={rows}{cs}")
    else:
        audit.audit("import_failed", f"{names} errors={report.error_count}")
    return report


def template_bytes() -> bytes:
    """The import template workbook (built on click by the download button)."""
    return build_template()
