"""Helpers for the fault tests: a scratch PostgreSQL database, stopping and starting the local
server, and a row-by-row dump of every table to compare before and after."""

from __future__ import annotations

import os
import subprocess
import time
from contextlib import AbstractContextManager
from pathlib import Path

import polars as pl
import pytest
from sqlalchemy import Engine, select

from bench.pg import admin_url, scratch_database

PG_ADMIN_URL = admin_url()
IN_CI = os.environ.get("CI", "").lower() == "true"
ETC = Path("/etc/postgresql")


def pg_ready(timeout_s: float = 0) -> bool:
    """True once `pg_isready -h 127.0.0.1` answers (polled up to `timeout_s`)."""
    deadline = time.monotonic() + timeout_s
    while True:
        ok = subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], check=False).returncode == 0
        if ok or time.monotonic() >= deadline:
            return ok
        time.sleep(0.3)


def _cluster(action: str) -> None:
    version = sorted(p.name for p in ETC.iterdir())[0]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action],
        check=True,
        capture_output=True,
        timeout=60,
    )


def need_controllable_pg() -> None:
    """Skip (fail under CI=true) unless the local cluster can be stopped and started here."""
    why = None
    if not ETC.is_dir() or not any(ETC.iterdir()):
        why = "no local PostgreSQL cluster under /etc/postgresql"
    elif not pg_ready(3):
        why = "PostgreSQL is not running at 127.0.0.1"
    elif os.environ.get("PYTEST_XDIST_WORKER"):
        why = "stopping the shared server would break tests running on other xdist workers"
    if why:
        if IN_CI:
            pytest.fail(why)
        pytest.skip(why)


def stop_server() -> None:
    _cluster("stop")


def start_server() -> None:
    """Start the cluster (if stopped) and wait until it accepts connections."""
    if not pg_ready():
        _cluster("start")
    if not pg_ready(60):
        raise RuntimeError("PostgreSQL did not come back within 60 s")


def scratch_pg() -> AbstractContextManager[str]:
    """The URL of a new, empty database on the local server; dropped afterwards."""
    return scratch_database(PG_ADMIN_URL, prefix="thidua_fault")


def dump(engine: Engine) -> dict[str, pl.DataFrame]:
    """Every table of the schema, sorted on all its columns (row order is not part of the data)."""
    from data_access.models import Base

    out = {}
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            rows = conn.execute(select(table)).all()
            cols = [c.name for c in table.columns]
            frame = pl.DataFrame(
                [tuple(r) for r in rows], schema=cols, orient="row", infer_schema_length=None
            )
            out[table.name] = frame.sort(cols, nulls_last=True) if frame.height else frame
    return out


def assert_same(before: dict[str, pl.DataFrame], after: dict[str, pl.DataFrame]) -> None:
    assert before.keys() == after.keys()
    for name in before:
        assert before[name].height == after[name].height, (
            f"{name}: {before[name].height} rows before, {after[name].height} after"
        )
        assert before[name].equals(after[name]), f"{name}: rows differ"
