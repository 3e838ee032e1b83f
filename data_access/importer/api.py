"""`import_path` and `import_files`: read, check everything, then write all or nothing."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from data_access import changesets, closed_years
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
from data_access.importer.roster_collective import check_stored_collectives
from data_access.importer.sandbox import parse_files
from data_access.importer.scope import ScopeCheck, touched
from data_access.importer.settings import CSV_SUFFIXES, EXCEL_SUFFIXES, Limits, current_limits
from data_access.importer.sources import Source, accepted, size_text
from data_access.importer.validate import combine
from data_access.writer import UpsertResult

Progress = Callable[[float, str], None]

# Shares of the progress bar: reading, checking, writing.
_READ, _CHECK = 0.4, 0.6
# Tables whose new rows a preview names and the user confirms before importing (issue 21: the
# template's example rows once created a cluster every user then landed on).
CONFIRM_NEW = ("clusters", "units")


@dataclass
class _Extra:
    """What a run learns besides its report: the first rows of each table read (preview), the
    codes it would create in CONFIRM_NEW tables, and the change set it wrote."""

    head: int | None = None
    tables: list[dict] = field(default_factory=list)
    created: dict[str, list[str]] = field(default_factory=dict)
    changeset: int | None = None


@contextmanager
def _transaction(engine: Engine, dry_run: bool) -> Iterator[Connection]:
    """The import's one transaction: committed, or for a dry run (the preview) always rolled
    back, so every check the import makes, down to the database's own constraints, runs and
    nothing stays."""
    if not dry_run:
        with engine.begin() as conn:
            yield conn
        return
    with engine.connect() as conn:
        trans = conn.begin()
        try:
            yield conn
        finally:
            trans.rollback()


def _previewed(source: Source, rows: int, head: int) -> dict:
    frame = source.frame.head(head)
    frame = frame.select([c for c in frame.columns if not c.startswith("__")])
    frame = frame.rename({c: source.headers.get(c, c) for c in frame.columns})
    return {"file": source.file, "table": source.table, "rows": rows, "head": frame}


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
    *,
    actor: str | None = None,
    dry_run: bool = False,
    extra: _Extra | None = None,
) -> ImportReport:
    extra = extra if extra is not None else _Extra()

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
            if extra.head is not None:
                for src, total in zip(parsed.sources, parsed.rows, strict=True):
                    extra.tables.append(_previewed(src, total, extra.head))
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
        with _transaction(engine, dry_run) as conn:
            if not dry_run:
                # Before anything is read: a lock committed meanwhile waits for this import, and
                # this import sees a lock committed before it (closed_years.serialize).
                closed_years.serialize(conn)
            check_references(tables, dimensions(conn, tables), errors)
            check_unit_counts(conn, tables, errors)
            check_organisation(conn, tables, errors)
            check_stored_collectives(conn, tables, errors)
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

                if dry_run:
                    summary = write_tables(
                        conn, tables, on_table, record=_created_into(extra.created)
                    )
                else:
                    cs: list[int] = []  # the header, written with the first change

                    def keep(name: str, res: UpsertResult) -> None:
                        if (res.inserted or res.updated) and not cs:
                            cs.append(changesets.start(conn, actor, [str(n) for n, _ in files]))
                        if cs:
                            changesets.add(conn, cs[0], name, res)

                    summary = write_tables(conn, tables, on_table, record=keep)
                    extra.changeset = cs[0] if cs and changesets.finish(conn, cs[0]) else None
    except SQLAlchemyError as exc:  # the transaction was rolled back as the exception left it
        if current:
            errors.add("db_error_table", table=current[-1], detail=_db_detail(exc))
        else:
            errors.add("db_error", detail=_db_detail(exc))
        summary = ()
        extra.changeset = None
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
        changeset_id=extra.changeset,
    )


def _created_into(out: dict[str, list[str]]) -> Callable[[str, UpsertResult], None]:
    """A recorder keeping the codes of the new rows of CONFIRM_NEW tables (first key column)."""

    def keep(name: str, res: UpsertResult) -> None:
        if name in CONFIRM_NEW and res.inserted_keys is not None and res.inserted_keys.height:
            first = res.inserted_keys.columns[0]
            out[name] = sorted(str(v) for v in res.inserted_keys[first].to_list())

    return keep


def import_files(
    engine: Engine,
    files: list[tuple[str, bytes]],
    *,
    lang: str = "vi",
    progress: Progress | None = None,
    limits: Limits | None = None,
    scope_check: ScopeCheck | None = None,
    actor: str | None = None,
) -> ImportReport:
    """Import uploaded files (name, bytes): CSVs named `<table>.csv` and/or workbooks whose
    sheets are named by table. Nothing is written unless every row of every file is valid.
    `scope_check` (the app's role check) sees the units and clusters the rows touch, inside the
    transaction; False refuses the whole import. An import that changed something is a change
    set by `actor` (`report.changeset_id`; data_access.changesets lists and undoes them)."""
    errors = ErrorCollector(lang)
    limits = limits or current_limits()
    return _run(engine, list(files), errors, lang, progress, limits, scope_check, actor=actor)


def check_files(
    engine: Engine,
    files: list[tuple[str, bytes | Path]],
    *,
    lang: str = "vi",
    head: int = 20,
    limits: Limits | None = None,
    scope_check: ScopeCheck | None = None,
) -> tuple[ImportReport, list[dict], dict[str, list[str]]]:
    """Everything `import_files` would do, in a transaction rolled back: (the report, with
    every error and the rows per table that would be inserted, updated or left; the tables
    read with their first `head` rows; the codes that would be new in CONFIRM_NEW tables)."""
    errors = ErrorCollector(lang)
    limits = limits or current_limits()
    extra = _Extra(head=head)
    pairs: list[tuple[str, bytes | Path | None]] = list(files)
    report = _run(engine, pairs, errors, lang, None, limits, scope_check, dry_run=True, extra=extra)
    return report, extra.tables, extra.created if report.ok else {}


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
    actor: str | None = None,
) -> ImportReport:
    """Import a folder of `<table>.csv` files, one such CSV, or one workbook (a change set by
    `actor` when it changed something)."""
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
    return _run(engine, files, errors, lang, progress, limits, actor=actor)
