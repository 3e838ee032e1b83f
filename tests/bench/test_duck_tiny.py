"""DuckDB as the benchmark's peer (bench/duck.py): on the tiny dataset's snapshot it gives the
figures worked by hand in bench_tiny.py and the engine's indicators; a difference is caught."""

from __future__ import annotations

import polars as pl
from bench_tiny import row

from bench import compare, duck, scale
from dashboard import pipeline
from data_access.snapshot import ensure_snapshot, load_dataset_fast


def _snapshot(tiny_db, tmp_path, monkeypatch):
    monkeypatch.setenv("THIDUA_SNAPSHOT_DIR", str(tmp_path / "snap"))
    return ensure_snapshot(tiny_db)[1]


def test_duckdb_over_the_snapshot_gives_the_hand_figures(tiny_db, tmp_path, monkeypatch):
    folder = _snapshot(tiny_db, tmp_path, monkeypatch)
    walls, cpus, got = duck.timed(folder, 2025, 2)
    assert len(walls) == len(cpus) == 2
    # U1: P1 (CSTĐCS, implies LĐTT) and P2 (LĐTT) of 4 staff; U3 reported 9 of 10.
    assert row(got, "LDTT_RATE", "U1") == (2, 4, 50.0)
    assert row(got, "LDTT_RATE", "U3") == (9, 10, 90.0)
    # U2 has no person award at all: its numerator is unknown, so C1 pools U1 alone.
    assert row(got, "LDTT_RATE", "U2") == (None, 2, None)
    assert row(got, "LDTT_RATE", None, "C1") == (2, 4, 50.0)


def test_duckdb_equals_the_engine_and_a_difference_is_reported(tiny_db, tmp_path, monkeypatch):
    folder = _snapshot(tiny_db, tmp_path, monkeypatch)
    _, _, theirs = duck.timed(folder, 2025, 1)
    _, ds = load_dataset_fast(tiny_db)
    mine = pipeline.run(ds, year=2025).indicators.filter(pl.col("year") == 2025)
    assert compare.indicators(mine, theirs) == []
    assert compare.indicators(scale._engine_from_parquet(folder, 2025), theirs) == []
    off = theirs.with_columns(
        pl.when(pl.col("unit_code") == "U1").then(pl.col("numerator") + 1).otherwise("numerator")
        .alias("numerator")
    )  # fmt: skip
    assert compare.indicators(mine, off) != []
