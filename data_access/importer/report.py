"""The outcome of one import: every error, or rows inserted/updated/unchanged per table.

Errors live in one Polars frame (a bad million-row file gives a million errors); Python records
are built only when someone asks for the listing. The frame is compact: file, column, value, reason
and kind are categorical (a reason is one of a few texts repeated down the rows, each stored once),
so fifteen million errors stay a few hundred megabytes; the screen and `to_frame()` give strings.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import TextIO

import polars as pl

from data_access.formulas import neutralise_frame
from data_access.importer.collector import ERROR_SCHEMA, ErrorCollector
from data_access.importer.columns import TABLE_SPECS
from data_access.importer.messages import REPORT_HEADERS, _lang, text

__all__ = ["ERROR_SCHEMA", "ErrorCollector", "ImportErrorRecord", "ImportReport", "TableSummary"]

SUMMARY_SCHEMA: dict[str, pl.DataType] = {
    "table": pl.String(),
    "inserted": pl.Int64(),
    "updated": pl.Int64(),
    "unchanged": pl.Int64(),
}


@dataclass(frozen=True)
class ImportErrorRecord:
    """One problem: where it is (file, row, column), the value found, and what is wrong."""

    file: str | None
    row: int | None
    column: str | None
    value: str | None
    reason: str
    kind: str

    def line(self) -> str:
        """`file:row:column: value — reason`, the CLI's stderr format."""
        where = ":".join("" if p is None else str(p) for p in (self.file, self.row, self.column))
        return f"{where}: {self.value or ''} — {self.reason}"


@dataclass(frozen=True)
class TableSummary:
    table: str
    inserted: int
    updated: int
    unchanged: int


@dataclass(frozen=True)
class ImportReport:
    """`ok` is True when nothing was wrong and everything was written."""

    lang: str = "vi"
    error_frame: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=ERROR_SCHEMA))
    summary: tuple[TableSummary, ...] = ()
    # Warnings (file, row, column, value, reason, kind): shown, never blocking the import.
    warning_frame: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=ERROR_SCHEMA))
    # How each parsing child ended (sandbox.ChildStats): exit, seconds, peak RSS.
    child_stats: tuple[object, ...] = ()
    # The change set this import wrote (data_access.changesets), None when nothing changed.
    changeset_id: int | None = None

    @property
    def ok(self) -> bool:
        return self.error_frame.is_empty()

    @property
    def errors(self) -> list[ImportErrorRecord]:
        return [ImportErrorRecord(**row) for row in self.error_frame.iter_rows(named=True)]

    def summary_frame(self) -> pl.DataFrame:
        rows = [(s.table, s.inserted, s.updated, s.unchanged) for s in self.summary]
        return pl.DataFrame(rows, schema=SUMMARY_SCHEMA, orient="row")

    def to_frame(self) -> pl.DataFrame:
        """For the app: the errors (file, row, column, value, reason) when the import failed,
        else the summary per table (table, inserted, updated, unchanged)."""
        if not self.ok:
            return _plain(self.error_frame.drop("kind"))
        return self.summary_frame()

    @property
    def error_count(self) -> int:
        return self.error_frame.height

    @property
    def warnings(self) -> list[ImportErrorRecord]:
        return [ImportErrorRecord(**row) for row in self.warning_frame.iter_rows(named=True)]

    def localized(self, frame: pl.DataFrame, *, warning: bool = False) -> pl.DataFrame:
        """(file, row, column, value, reason) with headers in the report's language, as text
        (for a table on screen)."""
        return _plain(self._headed(frame, warning=warning))

    def _headed(self, frame: pl.DataFrame, *, warning: bool = False) -> pl.DataFrame:
        """The same, still compact (the CSV download writes it straight)."""
        lang = _lang(self.lang)
        names = {c: REPORT_HEADERS[c][lang] for c in ("file", "row", "column", "value")}
        names["reason"] = REPORT_HEADERS["warning" if warning else "reason"][lang]
        return frame.select(list(names)).rename(names)

    def screen(self, limit: int | None = None) -> tuple[pl.DataFrame, str | None]:
        """The first `limit` errors (THIDUA_IMPORT_ERRORS_ON_SCREEN) with localized headers, and
        a line saying how many there are in all when some were left off (else None)."""
        if limit is None:
            from data_access import settings

            limit = int(settings.get("import_errors_on_screen"))
        shown = self.localized(self.error_frame.head(limit))
        total = self.error_frame.height
        note = (
            text("errors_shown", self.lang, shown=shown.height, count=total)
            if total > shown.height
            else None
        )
        return shown, note

    def errors_csv(self) -> bytes:
        """Every error as CSV (UTF-8 with BOM, so Excel reads the Vietnamese), localized headers."""
        return _csv(self._headed(self.error_frame))

    def warnings_csv(self) -> bytes:
        return _csv(self._headed(self.warning_frame, warning=True))

    def changed(self) -> bool:
        return any(s.inserted or s.updated for s in self.summary)

    def lines(self) -> list[str]:
        """Human-readable lines: one per error, or one per table then a closing line."""
        if not self.ok:
            return _lines(self.error_frame).to_list()
        out = [
            text("summary_line", self.lang, **{**vars(s), "name": table_name(s.table, self.lang)})
            for s in self.summary
        ]
        return [*out, text("summary_ok", self.lang)]

    def warning_lines(self) -> list[str]:
        return _lines(self.warning_frame).to_list()

    def write_lines(self, stream: TextIO, *, warnings: bool = False, chunk: int = 100_000) -> None:
        """The error (or warning) lines written to `stream` a chunk at a time: millions of
        errors never become millions of Python objects at once (the CLI's stderr)."""
        frame = self.warning_frame if warnings else self.error_frame
        for start in range(0, frame.height, chunk):
            stream.write("\n".join(_lines(frame.slice(start, chunk)).to_list()) + "\n")


def table_name(table: str, lang: str) -> str:
    """A table as the template's sheet names it, in the report's language ("Thành viên cụm
    theo năm"), for the summary beside its code."""
    spec = TABLE_SPECS.get(table)
    if spec is None:
        return table
    return spec.sheet_vi if _lang(lang) == "vi" else spec.sheet_en


def _lines(frame: pl.DataFrame) -> pl.Series:
    """`file:row:column: value — reason` per row, as ImportErrorRecord.line() writes it."""
    where = pl.concat_str(
        [pl.col(c).cast(pl.String).fill_null("") for c in ("file", "row", "column")],
        separator=":",
    )
    value, reason = (pl.col(c).cast(pl.String) for c in ("value", "reason"))
    line = pl.concat_str([where, pl.lit(": "), value.fill_null(""), pl.lit(" — "), reason])
    return frame.select(line.alias("line"))["line"]


def _plain(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with its categorical columns as strings and its row numbers as 64-bit integers
    (what a table on screen expects)."""
    return frame.with_columns(
        pl.col(pl.Categorical).cast(pl.String), pl.col(pl.Int32).cast(pl.Int64)
    )


def _csv(frame: pl.DataFrame, chunk: int = 1_000_000) -> bytes:
    """UTF-8 with BOM, written a chunk at a time into one buffer: a list of millions of errors
    is held once as bytes, not also as one text and its encoded copy. Every text cell — the
    value as the file had it, the file's own name — neutralised as every export is
    (`data_access.formulas`): the list is opened in a spreadsheet."""
    out = io.BytesIO()
    out.write(b"\xef\xbb\xbf")
    frame.head(0).write_csv(out)
    for start in range(0, frame.height, chunk):
        neutralise_frame(frame.slice(start, chunk)).write_csv(out, include_header=False)
    return out.getvalue()
