"""The benchmark's browser stage (bench/browser.py, bench/scale.py) on the tiny dataset: the app
in Chromium shows a chart, a year change reruns to `notRunning`, every page opens, and an
imported roster year reaches the overview; the import is undone afterwards. The floor app runs
beside it, through nginx when nginx is installed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench import browser, proxy, scale
from dashboard import pipeline
from data_access.readers import read_years

ROOT = Path(__file__).resolve().parents[2]


@given(st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=50))
def test_percentiles_are_values_of_the_list_in_order(xs):
    p50, p95 = browser.pct(xs, 0.5), browser.pct(xs, 0.95)
    assert p50 in xs and p95 in xs
    assert min(xs) <= p50 <= p95 <= max(xs)


def test_own_process_figures_are_read_from_proc():
    assert browser.peak_rss_mb(os.getpid()) > 10
    assert browser.cpu_s(os.getpid()) > 0


def test_the_app_in_chromium_sees_an_imported_year(sqlite_engine, tmp_path, monkeypatch):
    if shutil.which(browser.CHROMIUM) is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Chromium required in CI but not found at {browser.CHROMIUM}")
        pytest.skip(f"Chromium not found at {browser.CHROMIUM}")
    from bench_tiny import TABLES

    from data_access.writer import bulk_insert, bump_data_version

    snap = tmp_path / "snap"
    monkeypatch.setenv("THIDUA_SNAPSHOT_DIR", str(snap))
    with sqlite_engine.begin() as conn:
        for name, frame in TABLES.items():
            bulk_insert(conn, name, frame)
        bump_data_version(conn)
    url = sqlite_engine.url.render_as_string(hide_password=False)
    pipeline.build_aggregates(sqlite_engine)
    env = dict(os.environ, PYTHONPATH=str(ROOT), THIDUA_SNAPSHOT_DIR=str(snap))
    do, undo, timings = scale._import_new_year(url, 2026)
    try:
        got = browser.measure(
            url, env, tmp_path / "app.log", years=[2024, 2025], runs=2, do_import=do, new_year=2026
        )
    finally:
        undo()
    assert timings["rows"] == 6  # the six 2025 roster rows, copied to 2026
    assert len(got["warm_runs"]) == 2 and all(w > 0 for w in got["warm_runs"])
    assert got["pages"] == list(browser.PAGES)
    assert got["app_peak_mb"] > 0 and got["cold_s"] > 0
    assert got["import_visible_s"] is not None and got["import_visible_s"] > 0
    # the floor app beside it: its own cold start, two warm changes alternating with the app's
    floor = got["floor"]
    assert floor["cold_s"] > 0 and len(floor["warm_runs"]) == 2
    assert got["warm_ratio"] == got["warm_p50"] / floor["warm_p50"]
    assert got["cold_over_s"] == got["cold_s"] - floor["cold_s"]
    # the front end came over HTTP: at least the entry bundle and the Plotly chunk
    assert got["first_bytes"] > 100_000 and floor["first_bytes"] > 100_000
    assert got["behind_nginx"] == proxy.available()
    with sqlite_engine.connect() as conn:
        assert read_years(conn) == [2024, 2025]  # the import was undone
