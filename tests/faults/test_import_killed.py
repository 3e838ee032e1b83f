"""An import killed half-way leaves the database as before: `python -m dashboard import` runs in
a subprocess on 300 000 people and their roster rows (on top of the demo data), is SIGKILLed once
its transaction is writing, and every table is compared row by row with the dump taken before.

The kill comes half-way through the writing, after the people table and during the roster, so an
importer committing table by table would be caught. Observed from outside: on PostgreSQL the
import's backend has a transaction id (pg_stat_activity.backend_xid: it has written rows) and is
running a statement on roster; on SQLite the -wal file has passed 16 MB (the whole write of these
files takes ≈ 36 MB of WAL; people alone ≈ 9 MB)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import pytest
from pg_kit import assert_same, dump
from sqlalchemy import Engine, text

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
N = 300_000
WAL_HALF = 16 * 1024 * 1024


def _write_csvs(folder: Path, unit: str) -> None:
    codes = [f"K{i:06d}" for i in range(N)]
    names = [f"Nguyễn Văn {i}" for i in range(N)]
    pl.DataFrame({"person_code": codes, "full_name": names}).write_csv(folder / "people.csv")
    pl.DataFrame({"year": [2025] * N, "person_code": codes, "unit_code": [unit] * N}).write_csv(
        folder / "roster.csv"
    )


def _writing(engine: Engine, wal: Path | None, wal_before: int) -> bool:
    if wal is not None:
        return wal.exists() and wal.stat().st_size > wal_before + WAL_HALF
    with engine.connect() as conn:
        return bool(
            conn.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL "
                    "AND query ILIKE '%roster%'"
                )
            ).scalar()
        )


def _others_gone(engine: Engine, timeout_s: float = 30) -> None:
    """PostgreSQL: wait until the killed client's backend has noticed and rolled back."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with engine.connect() as conn:
            left = conn.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND pid <> pg_backend_pid()"
                )
            ).scalar()
        if not left:
            return
        time.sleep(0.2)
    pytest.fail("the killed import's backend is still there after 30 s")


def test_killed_import_changes_nothing(engine, tmp_path):
    import seed

    seed.populate(engine, scale="demo", years=(2019, 2025), progress=False)
    with engine.connect() as conn:
        unit = conn.execute(text("SELECT min(unit_code) FROM units")).scalar()
    _write_csvs(tmp_path, unit)
    before = dump(engine)
    sqlite = engine.dialect.name == "sqlite"
    wal = Path(engine.url.database + "-wal") if sqlite else None
    if sqlite:
        with engine.connect() as conn:  # start from an empty WAL so growth means the import
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    wal_before = wal.stat().st_size if wal is not None and wal.exists() else 0

    url = engine.url.render_as_string(hide_password=False)
    proc = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "import", str(tmp_path), "--db", url],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 50
        while not _writing(engine, wal, wal_before):
            assert proc.poll() is None, f"the import ended before it was killed: {proc.returncode}"
            assert time.monotonic() < deadline, "the import never started writing"
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(30)
    assert proc.returncode == -signal.SIGKILL  # killed, not finished

    if sqlite:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    else:
        _others_gone(engine)
    assert_same(before, dump(engine))
