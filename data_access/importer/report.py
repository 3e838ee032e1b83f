"""The outcome of one import: every error, or rows inserted/updated/unchanged per table.

Errors live in one Polars frame (a bad million-row file gives a million errors); Python records
are built only when someone asks for the listing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TextIO

import polars as pl

from data_access.importer.messages import REPORT_HEADERS, _lang, reason_expr, text

ERROR_SCHEMA: dict[str, pl.DataType] = {
    "file": pl.String(),
    "row": pl.Int64(),  # as a spreadsheet shows it: the header is row 1
    "column": pl.String(),
    "value": pl.String(),
    "reason": pl.String(),
    "kind": pl.String(),  # message id (messages.py), stable across languages
}
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
            return self.error_frame.drop("kind")
        return self.summary_frame()

    @property
    def error_count(self) -> int:
        return self.error_frame.height

    @property
    def warnings(self) -> list[ImportErrorRecord]:
        return [ImportErrorRecord(**row) for row in self.warning_frame.iter_rows(named=True)]

    def localized(self, frame: pl.DataFrame, *, warning: bool = False) -> pl.DataFrame:
        """(file, row, column, value, reason) with headers in the report's language."""
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
        return _csv(self.localized(self.error_frame))

    def warnings_csv(self) -> bytes:
        return _csv(self.localized(self.warning_frame, warning=True))

    def changed(self) -> bool:
        return any(s.inserted or s.updated for s in self.summary)

    def lines(self) -> list[str]:
        """Human-readable lines: one per error, or one per table then a closing line."""
        if not self.ok:
            return _lines(self.error_frame).to_list()
        out = [text("summary_line", self.lang, **vars(s)) for s in self.summary]
        return [*out, text("summary_ok", self.lang)]

    def warning_lines(self) -> list[str]:
        return _lines(self.warning_frame).to_list()

    def write_lines(self, stream: TextIO, *, warnings: bool = False, chunk: int = 100_000) -> None:
        """The error (or warning) lines written to `stream` a chunk at a time: millions of
        errors never become millions of Python objects at once (the CLI's stderr)."""
        frame = self.warning_frame if warnings else self.error_frame
        for start in range(0, frame.height, chunk):
            stream.write("\n".join(_lines(frame.slice(start, chunk)).to_list()) + "\n")


def _lines(frame: pl.DataFrame) -> pl.Series:
    """`file:row:column: value — reason` per row, as ImportErrorRecord.line() writes it."""
    where = pl.concat_str(
        [pl.col(c).cast(pl.String).fill_null("") for c in ("file", "row", "column")],
        separator=":",
    )
    line = pl.concat_str(
        [where, pl.lit(": "), pl.col("value").fill_null(""), pl.lit(" — "), pl.col("reason")]
    )
    return frame.select(line.alias("line"))["line"]


def _csv(frame: pl.DataFrame) -> bytes:
    return b"\xef\xbb\xbf" + frame.write_csv().encode("utf-8")


class _Store:
    """Problems of one kind (errors or warnings): single ones as rows, bulk ones as frames."""

    def __init__(self) -> None:
        self.rows: list[dict[str, object]] = []
        self.frames: list[pl.DataFrame] = []

    def __bool__(self) -> bool:
        return bool(self.rows) or any(not f.is_empty() for f in self.frames)

    def frame(self) -> pl.DataFrame:
        parts = [pl.DataFrame(self.rows, schema=ERROR_SCHEMA), *self.frames]
        return pl.concat([p.select(list(ERROR_SCHEMA)) for p in parts], how="vertical")


class ErrorCollector:
    """Gathers errors from every check; single ones as Python values, bulk ones as frames."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._errors, self._warnings = _Store(), _Store()
        self._file_order: dict[str, int] = {}

    def file_order(self) -> list[str]:
        return sorted(self._file_order, key=self._file_order.__getitem__)

    def see_file(self, file: str) -> None:
        """Errors are listed in the order files were given."""
        self._file_order.setdefault(file, len(self._file_order))

    def add(
        self,
        msg_id: str,
        /,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        value: str | None = None,
        **fmt: object,
    ) -> None:
        self._add(self._errors, msg_id, file, row, column, value, fmt)

    def warn(
        self,
        msg_id: str,
        /,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        value: str | None = None,
        **fmt: object,
    ) -> None:
        """A warning: reported beside the errors, never stopping the import."""
        self._add(self._warnings, msg_id, file, row, column, value, fmt)

    def _add(
        self,
        store: _Store,
        msg_id: str,
        file: str | None,
        row: int | None,
        column: str | None,
        value: str | None,
        fmt: dict[str, object],
    ) -> None:
        if file is not None:
            self.see_file(file)
        store.rows.append(
            {
                "file": file,
                "row": row,
                "column": column,
                "value": value,
                "reason": text(msg_id, self.lang, **fmt),
                "kind": msg_id,
            }
        )

    def add_rows(
        self,
        frame: pl.DataFrame,
        mask: pl.Expr,
        msg_id: str,
        /,
        *,
        column: str,
        value: pl.Expr | None = None,
        **fmt: object,
    ) -> None:
        """One error per row of `frame` (which has `__file`, `__row`) where `mask` holds.

        `column` is the column code; `value` defaults to that column's raw text."""
        self._add_rows(self._errors, frame, mask, msg_id, column, value, fmt)

    def warn_rows(
        self,
        frame: pl.DataFrame,
        mask: pl.Expr,
        msg_id: str,
        /,
        *,
        column: str,
        value: pl.Expr | None = None,
        **fmt: object,
    ) -> None:
        self._add_rows(self._warnings, frame, mask, msg_id, column, value, fmt)

    def _add_rows(
        self,
        store: _Store,
        frame: pl.DataFrame,
        mask: pl.Expr,
        msg_id: str,
        column: str,
        value: pl.Expr | None,
        fmt: dict[str, object],
    ) -> None:
        # The mask as a column first: a literal predicate (pl.lit(True)) given straight to
        # filter() fails on some frames ("filter predicate length of 2 doesn't match").
        hit = (
            frame.with_columns(mask.fill_null(False).alias("__hit"))
            .filter(pl.col("__hit"))
            .drop("__hit")
        )
        if hit.is_empty():
            return
        value = pl.col(column) if value is None else value
        store.frames.append(
            hit.select(
                pl.col("__file").alias("file"),
                pl.col("__row").cast(pl.Int64).alias("row"),
                pl.lit(column, pl.String).alias("column"),
                value.cast(pl.String).alias("value"),
                reason_expr(msg_id, self.lang, **fmt).alias("reason"),
                pl.lit(msg_id, pl.String).alias("kind"),
            )
        )

    def __bool__(self) -> bool:
        return bool(self._errors)

    def absorb(self, errors: pl.DataFrame, warnings: pl.DataFrame, files: list[str]) -> None:
        """Take over what another collector found (the parsing child's), files in its order."""
        for f in files:
            self.see_file(f)
        if not errors.is_empty():
            self._errors.frames.append(errors.select(list(ERROR_SCHEMA)))
        if not warnings.is_empty():
            self._warnings.frames.append(warnings.select(list(ERROR_SCHEMA)))

    def raw(self) -> tuple[pl.DataFrame, pl.DataFrame]:
        """(errors, warnings) as found, unsorted, column codes as given."""
        return self._errors.frame(), self._warnings.frame()

    def frame(self, headers: dict[tuple[str, str], str] | None = None) -> pl.DataFrame:
        """All errors sorted by file (in the order given), then row. `headers` maps
        (file, column code) to the header text the file used, so errors name what the user
        sees; codes missing from it stay as they are."""
        out = self._errors.frame()
        # A formula cell without a saved value reads as empty: say so once, not "required".
        formula = out.filter(pl.col("kind") == "formula_no_value").select("file", "row", "column")
        if not formula.is_empty():
            out = pl.concat(
                [
                    out.filter(pl.col("kind") == "formula_no_value"),
                    out.filter(pl.col("kind") != "formula_no_value").join(
                        formula, on=["file", "row", "column"], how="anti", nulls_equal=True
                    ),
                ]
            )
        return self._finish(out, headers)

    def warning_frame(self, headers: dict[tuple[str, str], str] | None = None) -> pl.DataFrame:
        return self._finish(self._warnings.frame(), headers)

    def _finish(
        self, out: pl.DataFrame, headers: dict[tuple[str, str], str] | None
    ) -> pl.DataFrame:
        if headers:
            lookup = pl.DataFrame(
                [(f, c, h) for (f, c), h in headers.items()],
                schema={"file": pl.String, "column": pl.String, "__header": pl.String},
                orient="row",
            )
            out = out.join(lookup, on=["file", "column"], how="left", maintain_order="left")
            out = out.with_columns(pl.coalesce("__header", "column").alias("column")).drop(
                "__header"
            )
        order = pl.col("file").replace_strict(
            self._file_order, default=len(self._file_order), return_dtype=pl.Int64
        )
        return out.sort(order, pl.col("row"), nulls_last=False, maintain_order=True)
