"""The benchmark's server-start warm-up (bench/browser.py `serve(warm_up=True)`, docs/deploy.md):
Streamlit's script health check, asked for as soon as the server answers, runs the app before
any browser connects. Seen from outside: the data version's aggregates, which the overview's
first run builds, appear on disk with no browser at all; without the warm-up nothing of the app
runs until a browser connects."""

from __future__ import annotations

import os
import time
from pathlib import Path

from bench import browser
from data_access.writer import bulk_insert, bump_data_version

ROOT = Path(__file__).resolve().parents[2]


def _tiny(sqlite_engine) -> str:
    from bench_tiny import TABLES

    with sqlite_engine.begin() as conn:
        for name, frame in TABLES.items():
            bulk_insert(conn, name, frame)
        bump_data_version(conn)
    return sqlite_engine.url.render_as_string(hide_password=False)


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_the_warm_up_runs_the_app_before_any_browser(sqlite_engine, tmp_path):
    url = _tiny(sqlite_engine)
    for warm_up in (False, True):
        snap = tmp_path / f"snap-{warm_up}"
        env = dict(os.environ, PYTHONPATH=str(ROOT), THIDUA_SNAPSHOT_DIR=str(snap))
        with browser.serve(url, env, tmp_path / f"app-{warm_up}.log", warm_up=warm_up):
            deadline = time.monotonic() + (120 if warm_up else 3)
            while not _files(snap) and time.monotonic() < deadline:
                time.sleep(0.2)
            built = _files(snap)
        assert bool(built) is warm_up, (warm_up, built)
