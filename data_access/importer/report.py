"""The outcome of one import: every error, or rows inserted/updated/unchanged per table.

Errors live in one Polars frame (a bad million-row file gives a million errors); Python records
are built only when someone asks for the listing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from data_access.importer.messages import reason_expr, text

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

    def changed(self) -> bool:
        return any(s.inserted or s.updated for s in self.summary)

    def lines(self) -> list[str]:
        """Human-readable lines: one per error, or one per table then a closing line."""
        if not self.ok:
            return [e.line() for e in self.errors]
        out = [text("summary_line", self.lang, **vars(s)) for s in self.summary]
        return [*out, text("summary_ok", self.lang)]


class ErrorCollector:
    """Gathers errors from every check; single ones as Python values, bulk ones as frames."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._rows: list[dict[str, object]] = []
        self._frames: list[pl.DataFrame] = []
        self._file_order: dict[str, int] = {}

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
        if file is not None:
            self.see_file(file)
        self._rows.append(
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
        hit = frame.filter(mask.fill_null(False))
        if hit.is_empty():
            return
        value = pl.col(column) if value is None else value
        self._frames.append(
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
        return bool(self._rows) or any(not f.is_empty() for f in self._frames)

    def frame(self, headers: dict[tuple[str, str], str] | None = None) -> pl.DataFrame:
        """All errors sorted by file (in the order given), then row. `headers` maps
        (file, column code) to the header text the file used, so errors name what the user
        sees; codes missing from it stay as they are."""
        parts = [pl.DataFrame(self._rows, schema=ERROR_SCHEMA), *self._frames]
        out = pl.concat([p.select(list(ERROR_SCHEMA)) for p in parts], how="vertical")
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
