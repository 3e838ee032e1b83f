"""Reported totals that cannot be: a part of unit_counts above its whole for the same unit and
year (persons_ldtt_plus > staff, ...). The bounds are data (catalog/measures.toml); the rows
compared are the files' and, for the same units and years, the database's (file rows win)."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

import polars as pl
from sqlalchemy import Connection, select

from data_access.importer.report import ErrorCollector
from data_access.writer import table as sa_table

UNIT_ITSELF = "unit_itself"  # the unit as a collective: always 1
_MEASURES_TOML = Path(__file__).resolve().parents[1] / "catalog" / "measures.toml"
_KEYS = ["year", "unit_code", "measure"]


@cache
def bounds() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(part, wholes) for every bound of measures.toml."""
    spec = tomllib.loads(_MEASURES_TOML.read_text(encoding="utf-8"))
    return tuple((b["part"], tuple(b["whole"])) for b in spec["at_most"])


def _stored(conn: Connection, frame: pl.DataFrame) -> pl.DataFrame:
    t = sa_table("unit_counts")
    units = frame["unit_code"].unique().to_list()
    years = [int(y) for y in frame["year"].unique().to_list()]
    rows = []
    for i in range(0, len(units), 5000):
        q = select(t.c.year, t.c.unit_code, t.c.measure, t.c.value).where(
            t.c.unit_code.in_(units[i : i + 5000]), t.c.year.in_(years)
        )
        rows += conn.execute(q).all()
    schema = {"year": pl.Int64, "unit_code": pl.String, "measure": pl.String, "value": pl.Int64}
    return pl.DataFrame(rows, schema=schema, orient="row")


def check_unit_counts(
    conn: Connection, tables: dict[str, pl.DataFrame], errors: ErrorCollector
) -> None:
    frame = tables.get("unit_counts")
    if frame is None or not {*_KEYS, "value"} <= set(frame.columns):
        return
    own = frame.select("__file", "__row", *_KEYS, "value").drop_nulls([*_KEYS, "value"])
    if own.is_empty():
        return
    own = own.cast({"year": pl.Int64, "value": pl.Int64})
    db = _stored(conn, own).with_columns(
        pl.lit(None, pl.String).alias("__file"), pl.lit(None, pl.Int64).alias("__row")
    )
    rows = pl.concat([own.cast({"__row": pl.Int64}), db.select(own.columns)])
    rows = rows.unique(_KEYS, keep="first", maintain_order=True)
    facts = {(y, u, m): (v, f, r) for f, r, y, u, m, v in rows.iter_rows()}
    for (year, unit, measure), (value, file, row) in facts.items():
        for part, wholes in bounds():
            if measure != part:
                continue
            found = [facts.get((year, unit, w)) for w in wholes if w != UNIT_ITSELF]
            if any(f is None for f in found):
                continue  # an absent measure is unknown, not zero
            total = sum(f[0] for f in found if f) + (UNIT_ITSELF in wholes)
            if value <= total:
                continue
            # Reported on the part's row, or on the whole's when only the whole is being imported.
            where = (file, row) if file else next(((f[1], f[2]) for f in found if f and f[1]), None)
            if where is None:
                continue
            whole = " + ".join(wholes)
            errors.add(
                "count_above_total",
                file=where[0],
                row=where[1],
                column="value",
                value=str(value),
                found=value,
                part=part,
                whole=whole,
                total=total,
            )
