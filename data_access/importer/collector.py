"""`ErrorCollector`: every check's errors and warnings, put together as one compact frame.

Bulk errors arrive as frames, one per check (its reason and column one value down the rows);
they are cast to the compact schema as they are found, and sorted into the report's order
(file as given, then row) a column at a time, so millions of errors are never held twice.
"""

from __future__ import annotations

import polars as pl

from data_access.importer.messages import reason_expr, text

ERROR_SCHEMA: dict[str, pl.DataType] = {
    "file": pl.Categorical(),
    "row": pl.Int32(),  # as a spreadsheet shows it: the header is row 1 (at most 2**31 rows)
    "column": pl.Categorical(),
    "value": pl.Categorical(),
    "reason": pl.Categorical(),
    "kind": pl.Categorical(),  # message id (messages.py), stable across languages
}


class _Store:
    """Problems of one kind (errors or warnings): single ones as rows, bulk ones as frames."""

    def __init__(self) -> None:
        self.rows: list[dict[str, object]] = []
        self.frames: list[pl.DataFrame] = []

    def __bool__(self) -> bool:
        return bool(self.rows) or any(not f.is_empty() for f in self.frames)

    def parts(self) -> list[pl.DataFrame]:
        """Each part in the compact schema; a constant column (the reason of one check, its
        column) stays one value until the parts are put together."""
        return [pl.DataFrame(self.rows, schema=ERROR_SCHEMA), *self.frames]

    def take(self) -> list[pl.DataFrame]:
        """The parts, no longer held here: sorting them into one frame then holds them once."""
        parts = self.parts()
        self.rows, self.frames = [], []
        return parts

    def put(self, frame: pl.DataFrame) -> pl.DataFrame:
        """Hold `frame` (every problem, sorted) as the only part, and return it."""
        self.frames = [frame]
        return frame

    def frame(self) -> pl.DataFrame:
        return pl.concat(self.parts(), how="vertical", rechunk=False)


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
        # Lazily, so only the columns the error names are filtered, not the whole table.
        value = pl.col(column) if value is None else value
        hit = (
            frame.lazy()
            .with_columns(mask.fill_null(False).alias("__hit"))
            .filter(pl.col("__hit"))
            .select(
                pl.col("__file").alias("file"),
                pl.col("__row").cast(pl.Int32).alias("row"),
                pl.lit(column, pl.String).alias("column"),
                value.cast(pl.String).alias("value"),
                reason_expr(msg_id, self.lang, **fmt).alias("reason"),
                pl.lit(msg_id, pl.String).alias("kind"),
            )
            .collect()
        )
        if not hit.is_empty():
            store.frames.append(hit.cast(ERROR_SCHEMA))

    def __bool__(self) -> bool:
        return bool(self._errors)

    def absorb(self, errors: pl.DataFrame, warnings: pl.DataFrame, files: list[str]) -> None:
        """Take over what another collector found (the parsing child's), files in its order."""
        for f in files:
            self.see_file(f)
        if not errors.is_empty():
            self._errors.frames.append(errors.select(list(ERROR_SCHEMA)).cast(ERROR_SCHEMA))
        if not warnings.is_empty():
            self._warnings.frames.append(warnings.select(list(ERROR_SCHEMA)).cast(ERROR_SCHEMA))

    def raw(self) -> tuple[pl.DataFrame, pl.DataFrame]:
        """(errors, warnings) as found, unsorted, column codes as given."""
        return self._errors.frame(), self._warnings.frame()

    def frame(self, headers: dict[tuple[str, str], str] | None = None) -> pl.DataFrame:
        """All errors sorted by file (in the order given), then row. `headers` maps
        (file, column code) to the header text the file used, so errors name what the user
        sees; codes missing from it stay as they are."""
        parts = self._errors.take()
        # A formula cell without a saved value reads as empty: say so once, not "required".
        formula = pl.concat([p.filter(pl.col("kind") == "formula_no_value") for p in parts]).select(
            "file", "row", "column"
        )
        if not formula.is_empty():
            parts = [p.filter(pl.col("kind") == "formula_no_value") for p in parts] + [
                p.filter(pl.col("kind") != "formula_no_value").join(
                    formula, on=["file", "row", "column"], how="anti", nulls_equal=True
                )
                for p in parts
            ]
        return self._errors.put(self._finish(parts, headers))

    def warning_frame(self, headers: dict[tuple[str, str], str] | None = None) -> pl.DataFrame:
        return self._warnings.put(self._finish(self._warnings.take(), headers))

    def _finish(
        self, parts: list[pl.DataFrame], headers: dict[tuple[str, str], str] | None
    ) -> pl.DataFrame:
        """The parts as one frame in the report's order. `parts` is emptied: once the parts are
        sorted into the frame nothing may hold them, or the errors would be held twice."""
        if headers:
            # Part by part: a part is one check's rows, so the relabelled copy is that small.
            parts[:] = [_relabel(p, headers) for p in parts]
        # The sort key part by part, so its intermediate columns are one part long.
        stride = max((p["row"].max() or 0 for p in parts), default=0) + 1  # type: ignore[operator]
        keys = [p.select(_order(p, self._file_order, stride).alias("key")) for p in parts]
        at = pl.concat(keys, rechunk=False).select(
            pl.arg_sort_by("key", maintain_order=True, nulls_last=False)
        )["key"]
        del keys
        out = pl.concat(parts, how="vertical", rechunk=False)
        parts.clear()
        # Gathered a column at a time, each unsorted column let go as soon as it is sorted.
        names, columns = out.columns, out.get_columns()
        del out
        for i in range(len(columns)):
            columns[i] = columns[i].gather(at)
        return pl.DataFrame(dict(zip(names, columns, strict=True)))


def _order(frame: pl.DataFrame, file_order: dict[str, int], stride: int) -> pl.Expr:
    """One integer per error that sorts as (file in the order given, row), an absent file or
    row first: one key sorts millions of rows far faster than two, and a 32-bit one (when
    files x rows fit) in half the memory.

    The file's rank is looked up by the category's number (a handful of files), not by casting
    millions of file names back to text."""
    ranks = len(file_order) + 2  # 0: no file, then the files given, then any other
    dtype = pl.UInt32 if ranks * stride < 2**32 else pl.Int64
    files = frame.select(pl.col("file").unique().drop_nulls())["file"]
    rank = {
        code: file_order.get(name, len(file_order)) + 1
        for code, name in zip(files.to_physical(), files, strict=True)
    }
    file_rank = pl.col("file").to_physical().replace_strict(rank, default=0, return_dtype=dtype)
    return file_rank * pl.lit(stride, dtype) + pl.col("row").fill_null(0).cast(dtype)


def _relabel(part: pl.DataFrame, headers: dict[tuple[str, str], str]) -> pl.DataFrame:
    """The part with each column code replaced by the header its file used."""
    files = part["file"].unique().drop_nulls().to_list()
    columns = part["column"].unique().drop_nulls().to_list()
    found = [(f, c) for f in files for c in columns if (f, c) in headers]
    if not found:
        return part
    whole = part["file"].null_count() == part["column"].null_count() == 0
    if len(files) == len(columns) == 1 and whole:
        # One check on one file (the usual part): one label, kept as a single value.
        label = pl.lit(headers[found[0]], pl.Categorical)
        return part.with_columns(label.alias("column"))
    label = pl.col("column")
    for f, c in found:
        hit = (pl.col("file") == f) & (pl.col("column") == c)
        label = pl.when(hit).then(pl.lit(headers[(f, c)])).otherwise(label)
    return part.with_columns(label.cast(pl.Categorical).alias("column"))
