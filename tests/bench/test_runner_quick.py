"""`python -m dashboard bench` end to end at a small size: the summary line's format and the
reference comparisons. Timings are not asserted: speed goals live in the benchmark itself."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench import scale

ROOT = Path(__file__).resolve().parents[2]
NUMBER = r"(\d+(\.\d+)?|n/a)"
LAST = re.compile(
    rf"^bench: pipeline_s={NUMBER} pandas_ratio={NUMBER} sql_ratio={NUMBER} "
    rf"duckdb_ratio={NUMBER} cold_s={NUMBER} app_peak_mb={NUMBER} import_visible_s={NUMBER} "
    rf"browser_warm_s={NUMBER} load_s={NUMBER} page_warm_s={NUMBER} peak_mb={NUMBER} "
    rf"floor_cold_s={NUMBER} cold_ratio={NUMBER} cold_over_s={NUMBER} "
    rf"cold_cpu_over_s={NUMBER} floor_warm_s={NUMBER} warm_ratio={NUMBER} "
    rf"warm_p95_ratio={NUMBER} warm_cpu_ratio={NUMBER} first_bytes={NUMBER}$"
)


@pytest.mark.slow
def test_quick_bench_prints_the_summary_and_passes_the_references():
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "bench", "--people", "20000", "--years", "3",
         "--runs", "5", "--ref-runs", "1", "--no-browser"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )  # fmt: skip
    lines = done.stdout.strip().splitlines()
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert LAST.match(lines[-1]), lines[-1]
    figures = dict(kv.split("=") for kv in lines[-1].removeprefix("bench: ").split())
    browser = {"cold_s", "app_peak_mb", "import_visible_s", "browser_warm_s", "first_bytes"}
    browser |= set(scale.FLOOR_KEYS)
    # every figure measured (SQL at least on SQLite) but the browser's, which this run skips:
    # tests/bench/test_browser_tiny.py drives that stage end to end
    assert [k for k, v in figures.items() if v == "n/a" and k not in browser] == []
    assert "pandas == engine: indicators, targets, quotas, rankings, trends: ok" in lines
    assert "SQL (sqlite) == engine: indicators: ok" in lines
    assert "page renders a chart without warnings: ok" in lines
    assert "DuckDB == engine (from Parquet): indicators: ok" in lines
    assert "DuckDB == engine (app pipeline): indicators: ok" in lines
    assert not any("FAILED" in ln for ln in lines)
