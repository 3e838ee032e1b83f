"""BENCHMARK PEER — not used by the app. DuckDB over the same Parquet snapshot the engine reads:
the indicator families of bench/sql_reference.py (the same SQL: every count a GROUP BY over the
person rows of the year, pooled per cluster), run on views over the snapshot files, so DuckDB
starts from the same bytes as the engine. Checked equal to the engine's indicators."""

from __future__ import annotations

import time
from pathlib import Path

import polars as pl

from bench.sql_reference import FAMILIES, SCHEMA, family_sql
from data_access.catalog import load_catalog
from data_access.readers import SCHEMAS

TABLES = tuple(SCHEMAS)


def connect(folder: Path):
    """An in-memory DuckDB with one view per snapshot table (codes as text)."""
    import duckdb

    con = duckdb.connect()
    for name in TABLES:
        path = str(folder / f"{name}.parquet").replace("'", "''")
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{path}')")
    return con


def indicators(con, year: int) -> pl.DataFrame:
    """Every indicator of every unit and cluster of `year`, long form (columns of SCHEMA)."""
    cat = load_catalog()
    parts = []
    for name, fam in FAMILIES.items():
        # con.sql: a relation straight to Arrow (a DB-API result would copy the rows once more)
        wide = pl.from_arrow(con.sql(family_sql(name, years=[year], catalog=cat)).to_arrow_table())
        for i, code in enumerate(fam.indicators):
            parts.append(
                wide.select(
                    pl.col("year").cast(pl.Int64),
                    pl.col("cluster_code").cast(pl.String),
                    pl.col("unit_code").cast(pl.String),
                    pl.lit(code, pl.String).alias("indicator"),
                    pl.col(f"n{i}").cast(pl.Int64).alias("numerator"),
                    pl.col(f"d{i}").cast(pl.Int64).alias("denominator"),
                    pl.col(f"v{i}").cast(pl.Float64).alias("value_pct"),
                )
            )
    return pl.concat(parts).select(list(SCHEMA))


def timed(folder: Path, year: int, runs: int) -> tuple[list[float], list[float], pl.DataFrame]:
    """(wall s per run, CPU s per run (this process: DuckDB's threads included), last result);
    each run opens a new connection, so nothing is cached between runs."""
    import duckdb  # noqa: F401 - the module import is not part of a run

    walls, cpus, out = [], [], pl.DataFrame()
    for _ in range(max(1, runs)):
        w0, c0 = time.perf_counter(), time.process_time()
        con = connect(folder)
        try:
            out = indicators(con, year)
        finally:
            con.close()
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    return walls, cpus, out
