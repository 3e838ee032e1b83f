"""Duplicate keys in the files being imported (across every file that holds the same table).

A later row identical to an earlier one is a "duplicate row"; a later row with the same key and
other values is "conflicting facts" (a person on two units' rosters in one year), reported on the
first column that differs and naming the earlier row and its value.
"""

from __future__ import annotations

import polars as pl

from data_access.importer.columns import TABLE_SPECS
from data_access.importer.report import ErrorCollector


def key_label(table: str) -> str:
    """The error's column for a duplicate: the key columns, comma-separated."""
    return ", ".join(TABLE_SPECS[table].keys)


def check_duplicates(table: str, frame: pl.DataFrame, errors: ErrorCollector) -> None:
    keys = list(TABLE_SPECS[table].keys)
    if not set(keys) <= set(frame.columns):
        return  # a key column is missing: reported as a missing column already
    values = [c for c in frame.columns if c not in keys and not c.startswith("__")]
    complete = frame.filter(pl.all_horizontal(pl.col(k).is_not_null() for k in keys))
    # Only rows whose key repeats go through the window functions below.
    rows = complete.filter(pl.struct(keys).is_duplicated())
    if rows.is_empty():
        return
    first = {c: pl.col(c).first().over(keys) for c in ["__file", "__row", *values]}
    differs = [pl.when(~pl.col(v).eq_missing(first[v])).then(pl.lit(v)) for v in values]

    def at_diff(of: dict[str, pl.Expr]) -> pl.Expr:
        """Per row, the expression for the column named in `__diff` (null when none)."""
        whens = [pl.when(pl.col("__diff") == v).then(e.cast(pl.String)) for v, e in of.items()]
        return pl.coalesce(whens) if whens else pl.lit(None, pl.String)

    marked = (
        rows.with_columns(
            __later=pl.int_range(pl.len()).over(keys) > 0,
            __first_file=first["__file"],
            __first_row=first["__row"],
            __key=pl.concat_str([pl.col(k).cast(pl.String) for k in keys], separator=", "),
            # The first column whose value differs from the key's first row.
            __diff=pl.coalesce(differs) if differs else pl.lit(None, pl.String),
        )
        .with_columns(
            __here=at_diff({v: pl.col(v) for v in values}),
            __there=at_diff({v: first[v] for v in values}),
        )
        .filter(pl.col("__later"))
    )
    errors.add_rows(
        marked,
        pl.col("__diff").is_null(),
        "duplicate_row",
        column=key_label(table),
        value=pl.col("__key"),
        row=pl.col("__first_row"),
        file=pl.col("__first_file"),
    )
    for v in values:
        if (table, v) == ("cluster_members", "cluster_code"):
            # A unit in two clusters in one year: said in the words of the organisation.
            errors.add_rows(
                marked,
                pl.col("__diff") == v,
                "member_two_clusters",
                column=v,
                value=pl.col("__here"),
                row=pl.col("__first_row"),
                file=pl.col("__first_file"),
                unit=pl.col("unit_code"),
                year=pl.col("year"),
                other=pl.col("__there"),
            )
            continue
        errors.add_rows(
            marked,
            pl.col("__diff") == v,
            "conflict",
            column=v,
            value=pl.col("__here"),
            row=pl.col("__first_row"),
            file=pl.col("__first_file"),
            key=pl.col("__key"),
            other=pl.col("__there"),
        )
