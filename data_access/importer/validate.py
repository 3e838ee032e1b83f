"""Cells to typed values, checking every cell of a column at once with Polars expressions.

Each check reports the rows where it fails (the whole column, not the first bad cell); a cell that
fails becomes null in the typed frame, so later checks (references, duplicates) skip it instead
of reporting it twice.
"""

from __future__ import annotations

import polars as pl

from data_access.importer.columns import (
    CHOICE,
    COUNT,
    DATE,
    MONTH,
    PCT,
    PERIOD,
    POINTS,
    TABLE_SPECS,
    YEAR,
    ColumnSpec,
    choice_lists,
    choice_words,
    max_length,
)
from data_access.importer.report import ErrorCollector
from data_access.importer.settings import Limits
from data_access.importer.sources import Source
from data_access.models import YEAR_MAX, YEAR_MIN

INT_MAX = 2**31 - 1  # the databases' INTEGER
_INT = r"^[0-9]+(\.0+)?$"  # Excel may hand over 2023 as "2023.0"
_NUMBER = r"^[0-9]+([.,][0-9]+)?$"  # a decimal comma is how Vietnamese write 90,5
_PERIOD = r"^[0-9]{4}(-[0-9]{2})?$"
_EXCEL_MIDNIGHT = r"^([0-9]{4}-[0-9]{1,2}-[0-9]{1,2})[ T]00:00:00(\.0+)?$"  # a date cell


def _integer(raw: pl.Expr) -> pl.Expr:
    return raw.str.replace(r"\.0+$", "").cast(pl.Int64, strict=False)


def _number(raw: pl.Expr) -> pl.Expr:
    return raw.str.replace(",", ".", literal=True).cast(pl.Float64, strict=False)


def _date(raw: pl.Expr) -> pl.Expr:
    iso = raw.str.replace(_EXCEL_MIDNIGHT, "$1")
    return pl.coalesce(
        raw.str.to_date("%d/%m/%Y", strict=False), iso.str.to_date("%Y-%m-%d", strict=False)
    )


def _check_column(
    frame: pl.DataFrame, table: str, spec: ColumnSpec, errors: ErrorCollector, limits: Limits
) -> list[pl.Expr]:
    """Report every bad cell of one column; return the typed column(s) to keep."""
    c, raw = spec.code, pl.col(spec.code)
    present = raw.is_not_null()
    length = raw.str.len_chars()
    errors.add_rows(
        frame,
        length > limits.max_cell_chars,
        "cell_too_long",
        column=c,
        limit=limits.max_cell_chars,
    )
    limit = max_length(table, c)
    if limit is not None and limit < limits.max_cell_chars:
        errors.add_rows(
            frame,
            (length > limit) & (length <= limits.max_cell_chars),
            "too_long",
            column=c,
            limit=limit,
        )
    if spec.required:
        errors.add_rows(frame, ~present, "required_empty", column=c)

    typed: pl.Expr = raw
    extra: list[pl.Expr] = []
    if spec.kind in (YEAR, COUNT):
        shape_ok = raw.str.contains(_INT)
        value = _integer(raw)
        if spec.kind == YEAR:
            errors.add_rows(frame, present & ~shape_ok, "not_year", column=c)
            in_range = value.is_between(YEAR_MIN, YEAR_MAX)
            errors.add_rows(
                frame,
                shape_ok & ~in_range.fill_null(False),
                "year_range",
                column=c,
                min=YEAR_MIN,
                max=YEAR_MAX,
            )
        else:
            errors.add_rows(frame, present & ~shape_ok, "not_count", column=c)
            in_range = value <= INT_MAX
            errors.add_rows(
                frame,
                shape_ok & ~in_range.fill_null(False),
                "count_too_large",
                column=c,
                limit=INT_MAX,
            )
        typed = pl.when(shape_ok & in_range).then(value)
    elif spec.kind == MONTH:
        value = _integer(raw)
        ok = raw.str.contains(_INT) & value.is_between(1, 12)
        errors.add_rows(frame, present & ~ok.fill_null(False), "not_month", column=c)
        typed = pl.when(ok).then(value)
    elif spec.kind == PCT:
        bare = raw.str.strip_suffix("%").str.strip_chars()
        value = _number(bare)
        ok = bare.str.contains(_NUMBER) & (value <= 100)
        errors.add_rows(frame, present & ~ok.fill_null(False), "not_pct", column=c)
        typed = pl.when(ok).then(value)
    elif spec.kind == POINTS:
        ok = raw.str.contains(_NUMBER) & _number(raw).is_finite()
        errors.add_rows(frame, present & ~ok.fill_null(False), "not_points", column=c)
        typed = pl.when(ok).then(_number(raw))
    elif spec.kind == DATE:
        typed = _date(raw)
        errors.add_rows(frame, present & typed.is_null(), "not_date", column=c)
    elif spec.kind == PERIOD:
        year = raw.str.slice(0, 4).cast(pl.Int64, strict=False)
        month = raw.str.slice(5, 2).cast(pl.Int64, strict=False)
        shape_ok = raw.str.contains(_PERIOD) & (month.is_null() | month.is_between(1, 12))
        in_range = year.is_between(YEAR_MIN, YEAR_MAX)
        errors.add_rows(frame, present & ~shape_ok.fill_null(False), "not_period", column=c)
        errors.add_rows(
            frame, shape_ok & ~in_range, "year_range", column=c, min=YEAR_MIN, max=YEAR_MAX
        )
        ok = shape_ok & in_range
        typed = pl.when(ok).then(raw)
        # ratings.year/month are derived from the period (filled at write time).
        extra = [pl.when(ok).then(year).alias("year"), pl.when(ok).then(month).alias("month")]
    elif spec.kind == CHOICE:
        allowed = choice_lists()[spec.choices or c]
        # Codes are matched case-insensitively and stored in their canonical spelling.
        # The Vietnamese words of a list (sáp nhập for merge) are accepted as well.
        canon = {a.lower(): a for a in allowed} | choice_words(spec.choices or c)
        typed = raw.str.to_lowercase().replace_strict(canon, default=None, return_dtype=pl.String)
        errors.add_rows(
            frame, present & typed.is_null(), "invalid_choice", column=c, allowed=", ".join(allowed)
        )
    if spec.default is not None:
        typed = pl.when(present).then(typed).otherwise(pl.lit(spec.default))
    return [typed.alias(c), *extra]


def _target_bounds(raw: pl.DataFrame, typed: pl.DataFrame, errors: ErrorCollector) -> None:
    """A target has a minimum, a maximum or both, and the minimum is not above the maximum.
    A bound that is present but malformed was reported already: it does not count as absent."""
    none = pl.lit(None, pl.String)
    frame = raw.select(
        "__file",
        "__row",
        (pl.col("min_pct") if "min_pct" in raw.columns else none).alias("__lo_text"),
        (pl.col("max_pct") if "max_pct" in raw.columns else none).alias("__hi_text"),
    ).with_columns(
        (typed[c] if c in typed.columns else pl.lit(None, pl.Float64)).alias(alias)
        for c, alias in (("min_pct", "__lo"), ("max_pct", "__hi"))
    )
    absent = pl.col("__lo_text").is_null() & pl.col("__hi_text").is_null()
    errors.add_rows(frame, absent, "target_no_bound", column="min_pct", value=none)
    errors.add_rows(
        frame,
        pl.col("__lo") > pl.col("__hi"),
        "target_min_gt_max",
        column="min_pct",
        value=pl.col("__lo_text"),
        min=pl.col("__lo_text"),
        max=pl.col("__hi_text"),
    )


def convert(source: Source, errors: ErrorCollector, limits: Limits) -> pl.DataFrame:
    """The source's typed frame: `__file`, `__row` and one typed column per present column."""
    spec = TABLE_SPECS[source.table]
    exprs: list[pl.Expr] = [pl.col("__file"), pl.col("__row")]
    for col in spec.columns:
        if col.code in source.frame.columns:
            exprs += _check_column(source.frame, source.table, col, errors, limits)
    typed = source.frame.select(exprs)
    if source.table == "targets":
        _target_bounds(source.frame, typed, errors)
    return typed


def combine(
    sources: list[Source], errors: ErrorCollector, limits: Limits
) -> dict[str, pl.DataFrame]:
    """One typed frame per table, over every file that holds it (in the order given)."""
    if sources and all(s.frame.is_empty() for s in sources):
        # Headers only (the template as downloaded): say so rather than "succeeded" with nothing.
        # Named by the workbook, not one of its sheets (Excel forbids "[" in a sheet name).
        label = sources[0].file
        errors.add("no_rows", file=label[: label.rindex("[")] if label.endswith("]") else label)
    parts: dict[str, list[pl.DataFrame]] = {}
    for s in sources:
        parts.setdefault(s.table, []).append(convert(s, errors, limits))
    out = {}
    for table, frames in parts.items():
        frame = pl.concat(frames, how="diagonal_relaxed")
        defaults = [
            pl.col(c.code).fill_null(pl.lit(c.default))
            for c in TABLE_SPECS[table].columns
            if c.default is not None and c.code in frame.columns
        ]
        out[table] = frame.with_columns(defaults) if defaults else frame
    return out
