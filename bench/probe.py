"""One measurement in a fresh process: `python -m bench.probe TASK --db URL …`.

The benchmark runs each load and the page in its own process, so each starts cold (no cached
frames, no warm allocator) and reports its own peak RSS. The probe prints one JSON line, last:
{"task": …, "seconds": [...], "peak_mb": …, …}.

Tasks: generate (the seed's scale generator), copy (the same rows into another database),
load-direct (data_access.readers.load_dataset), snapshot-build, snapshot-load (warm),
aggregates-build (dashboard.pipeline.build_aggregates, what the app reads),
page (the overview page under streamlit.testing.v1.AppTest, cold then warm).
The page task is the one place in bench/ that imports Streamlit (its test harness).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from bench.memory import median_time, peak_mb

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "streamlit_app.py"
PAGE_TIMEOUT = 1800  # seconds for one AppTest run: a national cold start reads every table


def _years(text: str | None) -> list[int] | None:
    return None if not text else [int(y) for y in text.split(",")]


def _engine(url: str):
    from data_access.engine import make_engine

    return make_engine(url)


def _rows(ds: Any) -> int:
    return sum(getattr(ds, n).height for n in ds.__dataclass_fields__)


def task_generate(args: argparse.Namespace) -> dict[str, Any]:
    from bench.data import generate

    start = time.perf_counter()
    rows = generate(args.db, people=args.people, years=_years(args.years) or [], seed=args.seed)
    return {"seconds": [time.perf_counter() - start], "rows": rows}


def task_copy(args: argparse.Namespace) -> dict[str, Any]:
    from bench.data import copy_database

    start = time.perf_counter()
    rows = copy_database(args.db, args.to)
    return {"seconds": [time.perf_counter() - start], "rows": rows}


def task_load_direct(args: argparse.Namespace) -> dict[str, Any]:
    from data_access.readers import load_dataset

    eng = _engine(args.db)

    def load() -> Any:
        with eng.connect() as conn:
            return load_dataset(conn, years=_years(args.years))

    _, times, ds = median_time(load, args.runs)
    return {"seconds": times, "rows": _rows(ds)}


def task_snapshot_build(args: argparse.Namespace) -> dict[str, Any]:
    from data_access.snapshot import ensure_snapshot

    eng = _engine(args.db)
    start = time.perf_counter()
    _, folder = ensure_snapshot(eng)
    seconds = time.perf_counter() - start
    size = sum(p.stat().st_size for p in folder.iterdir())
    return {"seconds": [seconds], "snapshot_mb": size / 2**20}


def task_snapshot_load(args: argparse.Namespace) -> dict[str, Any]:
    from data_access.snapshot import load_dataset_fast

    eng = _engine(args.db)
    _, times, (_, ds) = median_time(
        lambda: load_dataset_fast(eng, years=_years(args.years)), args.runs
    )
    return {"seconds": times, "rows": _rows(ds)}


def task_aggregates_build(args: argparse.Namespace) -> dict[str, Any]:
    """The aggregates of the data version (what the app reads), built from the database."""
    from dashboard import pipeline

    eng = _engine(args.db)
    start, cpu0 = time.perf_counter(), time.process_time()
    store = pipeline.build_aggregates(eng)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu0
    files = [p for p in store.folder.rglob("*.parquet")]
    derived = [p for p in files if "derived" in p.parts]
    return {
        "seconds": [seconds],
        "cpu_s": cpu,
        "rebuilt": len(store.manifest["rebuilt"]),
        "store_mb": sum(p.stat().st_size for p in files) / 2**20,
        "derived_mb": sum(p.stat().st_size for p in derived) / 2**20,
    }


def task_page(args: argparse.Namespace) -> dict[str, Any]:
    """The overview page: the first run with empty caches (cold), then filter changes (warm)."""
    os.environ["THIDUA_DB_URL"] = args.db
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=PAGE_TIMEOUT)
    start = time.perf_counter()
    at.run()
    cold = time.perf_counter() - start
    problems = _page_problems(at)
    opts = at.session_state["_opts"]
    years = list(opts.years)
    clusters = opts.cluster_codes()
    year = years[-1]
    # Another year, back, another cluster, back: every change after the caches are filled.
    changes: list[tuple[str, Any]] = []
    if len(years) > 1:
        changes += [("w_year", years[-2]), ("w_year", year)]
    if len(clusters) > 1:
        changes += [("w_cluster", clusters[1]), ("w_cluster", clusters[0])]
    changes = (changes * max(1, -(-args.runs // max(1, len(changes)))))[: max(args.runs, 4)]
    warm: list[float] = []
    for key, value in changes:
        _change_filter(at, key, value)
        start = time.perf_counter()
        at.run()
        warm.append(time.perf_counter() - start)
        problems += _page_problems(at)
    return {
        "seconds": [cold, *warm],
        "cold_s": cold,
        "warm_s": statistics.median(warm) if warm else None,
        "warm_runs": warm,
        "problems": sorted(set(problems)),
    }


def _change_filter(at: Any, key: str, value: Any) -> None:
    """Set a sidebar filter as the user would (the widget and its callback); when AppTest's
    tree has lost the sidebar after a rerun, set the app's canonical filter state instead."""
    try:
        at.selectbox(key=key).set_value(value)
    except KeyError:
        change = {key.removeprefix("w_"): value, **({"unit": None} if key == "w_cluster" else {})}
        at.session_state["filters"] = dataclasses.replace(at.session_state["filters"], **change)


def _page_problems(at: Any) -> list[str]:
    out = [f"exception: {e.value}" for e in at.exception]
    out += [f"warning: {w.value}" for w in at.warning]
    if not at.get("plotly_chart"):
        out.append("no chart on the page")
    return out


TASKS = {
    "generate": task_generate,
    "copy": task_copy,
    "load-direct": task_load_direct,
    "snapshot-build": task_snapshot_build,
    "snapshot-load": task_snapshot_load,
    "aggregates-build": task_aggregates_build,
    "page": task_page,
}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.probe")
    p.add_argument("task", choices=TASKS)
    p.add_argument("--db", required=True)
    p.add_argument("--to", help="copy: the target database URL")
    p.add_argument("--years", help="comma-separated years (default: every year)")
    p.add_argument("--people", type=int, default=0)
    p.add_argument("--seed", type=int, default=2025)
    p.add_argument("--runs", type=int, default=1)
    args = p.parse_args(argv)
    out = {"task": args.task, **TASKS[args.task](args), "peak_mb": peak_mb()}
    sys.stdout.write("\n" + json.dumps(out) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
