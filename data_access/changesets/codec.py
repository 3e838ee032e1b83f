"""A contract row's key and values as JSON text, and back: the change sets' storage form.

The key text must be the same for the same row whichever import wrote it (a later import is
found by it), so key columns are cast to one type per column, taken from the schema, before
encoding. Values are encoded the same way; Polars writes floats as their shortest exact
representation, so a restored float is the stored float bit for bit.
"""

from __future__ import annotations

import polars as pl
from sqlalchemy import Date, DateTime, Float, Integer, Numeric

from data_access.writer import table

KEY = "row_key"
BEFORE = "before"


def dtype(name: str, column: str) -> pl.DataType:
    """The Polars type a column of table `name` is encoded with."""
    sql_type = table(name).c[column].type
    if isinstance(sql_type, Integer):
        return pl.Int64()
    if isinstance(sql_type, Float | Numeric):
        return pl.Float64()
    if isinstance(sql_type, DateTime):
        return pl.Datetime("us")
    if isinstance(sql_type, Date):
        return pl.Date()
    return pl.String()


def _json(name: str, columns: list[str]) -> pl.Expr:
    typed = [pl.col(c).cast(dtype(name, c)) for c in columns]
    return pl.struct(typed).struct.json_encode()


def encode_keys(name: str, keys: list[str], frame: pl.DataFrame) -> pl.Series:
    """One JSON text per row of `frame`: its key columns, in primary-key order."""
    return frame.select(_json(name, keys).alias(KEY))[KEY]


def encode_values(name: str, columns: list[str], frame: pl.DataFrame) -> pl.Series:
    return frame.select(_json(name, columns).alias(BEFORE))[BEFORE]


def decode(name: str, columns: list[str], texts: pl.Series) -> pl.DataFrame:
    """The frame a list of JSON texts (keys or values) encodes, typed as the schema says."""
    schema = pl.Struct({c: dtype(name, c) for c in columns})
    out = pl.DataFrame({"j": texts}).select(pl.col("j").str.json_decode(schema))
    return out.unnest("j")
