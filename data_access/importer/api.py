"""`import_path` and `import_files`: read, check everything, then write all or nothing."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import polars as pl
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from data_access import closed_years
from data_access.importer.columns import TABLE_SPECS
from data_access.importer.consistency import check_unit_counts
from data_access.importer.duplicates import check_duplicates, key_label
from data_access.importer.load import write_tables
from data_access.importer.messages import reason_expr, text
from data_access.importer.organisation import check_organisation
from data_access.importer.references import (
    check_award_recipients,
    check_references,
    dimensions,
)
from data_access.importer.report import ErrorCollector, ImportReport, TableSummary
from data_access.importer.sandbox import parse_files
from data_access.importer.scope import ScopeCheck, touched
from data_access.importer.settings import CSV_SUFFIXES, EXCEL_SUFFIXES, Limits, current_limits
from data_access.importer.sources import Source, accepted, size_text
from data_access.importer.validate import combine

Progress = Callable[[float, str], None]

# Shares of the progress bar: reading, checking, writing.
_READ, _CHECK = 0.4, 0.6


def _headers(sources: list[Source]) -> dict[tuple[str, str], str]:
    """(file, column code) -> header as the file wrote it, also for a duplicate's key list."""
    out: dict[tuple[str, str], str] = {}
    for s in sources:
        out.update({(s.file, code): h for code, h in s.headers.items()})
        keys = TABLE_SPECS[s.table].keys
        if all(k in s.headers for k in keys):
            out[(s.file, key_label(s.table))] = ", ".join(s.headers[k] for k in keys)
    return out


def _db_detail(exc: SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig or exc).strip().splitlines()[0]


def _closed_years(conn: Connection, tables: dict, errors: ErrorCollector) -> None:
    """One error per row that would change a closed year (issue 14); nothing is written then."""
    refused = closed_years.refused_rows(conn, tables)
    if refused.is_empty():
        return
    where = (
        pl.when(pl.col("cluster") == "*")
        .then(pl.lit(""))
        .otherwise(reason_expr("year_closed_for", errors.lang, cluster=pl.col("cluster")))
    )
    frame = refused.rename({"file": "__file", "row": "__row"})
    for column in frame["column"].unique().sort():
        errors.add_rows(
            frame.filter(column=column),
            pl.lit(True),
            "year_closed",
            column=column,
            value=pl.col("year"),
            year=pl.col("year"),
            where=where,
        )


def _run(
    engine: Engine,
    files: list[tuple[str, bytes | Path | None]],
    errors: ErrorCollector,
    lang: str,
    progress: Progress | None,
    limits: Limits,
    scope_check: ScopeCheck | None = None,
) -> ImportReport:
    def tell(fraction: float, key: str, **kw: object) -> None:
        if progress:
            progress(min(max(fraction, 0.0), 1.0), text(key, lang, **kw))

    sources: list[Source] = []
    stats = []
    for i, (name, data) in enumerate(files):
        tell(_READ * i / max(len(files), 1), "progress_read", file=name)
        # None: refused before reading (too large); each file is parsed in a bounded child.
        if data is not None and accepted(name, data, errors, limits):
            parsed = parse_files([(name, data)], errors, limits)
            sources += parsed.sources
            stats += [parsed.stats] if parsed.stats else []
            del parsed  # its frames live on in `sources` only, so they can be let go below
    if not files and not errors:
        errors.add("no_files")
    tell(_READ, "progress_check")
    tables = combine(sources, errors, limits)
    check_award_recipients(tables, errors)
    for name, frame in tables.items():
        check_duplicates(name, frame, errors)
    summary: tuple[TableSummary, ...] = ()
    current: list[str] = []
    try:
        with engine.begin() as conn:
            # Before anything is read: a lock committed meanwhile waits for this import, and
            # this import sees a lock committed before it (closed_years.serialize).
            closed_years.serialize(conn)
            check_references(tables, dimensions(conn, tables), errors)
            check_unit_counts(conn, tables, errors)
            check_organisation(conn, tables, errors)
            if scope_check is not None and not errors:
                hit = touched(conn, tables)
                if not scope_check(hit):
                    codes = ", ".join(sorted(hit.clusters | hit.units)[:30])
                    errors.add("scope_refused", codes=codes)
            if not errors:
                _closed_years(conn, tables, errors)
            if not errors:
                order = [n for n in TABLE_SPECS if n in tables]

                def on_table(name: str) -> None:
                    current.append(name)
                    step = (1 - _CHECK) * order.index(name) / max(len(order), 1)
                    tell(_CHECK + step, "progress_write", table=name)

                summary = write_tables(conn, tables, on_table)
    except SQLAlchemyError as exc:  # the transaction was rolled back as the exception left it
        if current:
            errors.add("db_error_table", table=current[-1], detail=_db_detail(exc))
        else:
            errors.add("db_error", detail=_db_detail(exc))
        summary = ()
    headers = _headers(sources)
    # The tables are done with: let them go before the report's frames are put together.
    sources.clear()
    tables.clear()
    if errors:
        tell(1.0, "progress_failed")
        return ImportReport(
            lang=lang,
            error_frame=errors.frame(headers),
            warning_frame=errors.warning_frame(headers),
            child_stats=tuple(stats),
        )
    tell(1.0, "progress_done")
    return ImportReport(
        lang=lang,
        summary=summary,
        warning_frame=errors.warning_frame(headers),
        child_stats=tuple(stats),
    )


def import_files(
    engine: Engine,
    files: list[tuple[str, bytes]],
    *,
    lang: str = "vi",
    progress: Progress | None = None,
    limits: Limits | None = None,
    scope_check: ScopeCheck | None = None,
) -> ImportReport:
    """Import uploaded files (name, bytes): CSVs named `<table>.csv` and/or workbooks whose
    sheets are named by table. Nothing is written unless every row of every file is valid.
    `scope_check` (the app's role check) sees the units and clusters the rows touch, inside the
    transaction; False refuses the whole import."""
    errors = ErrorCollector(lang)
    limits = limits or current_limits()
    return _run(engine, list(files), errors, lang, progress, limits, scope_check)


def _wanted(path: Path) -> bool:
    name = path.name
    hidden = name.startswith((".", "~$"))  # Excel's lock files while a workbook is open
    return path.is_file() and not hidden and path.suffix.lower() in CSV_SUFFIXES + EXCEL_SUFFIXES


def import_path(
    engine: Engine,
    path: str | os.PathLike[str],
    *,
    lang: str = "vi",
    progress: Progress | None = None,
    limits: Limits | None = None,
) -> ImportReport:
    """Import a folder of `<table>.csv` files, one such CSV, or one workbook."""
    limits = limits or current_limits()
    errors = ErrorCollector(lang)
    p = Path(path)
    if not p.exists():
        errors.add("path_missing", file=str(path))
        return ImportReport(lang=lang, error_frame=errors.frame())
    paths = sorted(f for f in p.iterdir() if _wanted(f)) if p.is_dir() else [p]
    files: list[tuple[str, bytes | Path | None]] = []
    for f in paths:
        if f.stat().st_size > limits.max_file_bytes:  # refused before reading it into memory
            errors.add("file_too_large", file=f.name, limit=size_text(limits.max_file_bytes))
            files.append((f.name, None))
        else:
            files.append((f.name, f))  # the child reads it
    return _run(engine, files, errors, lang, progress, limits)
