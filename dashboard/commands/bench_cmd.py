"""Performance benchmark: loads, engine, pandas and SQL references, the overview page, memory.

Without --db it generates N staff over Y years (ending 2025) into a temporary SQLite file; with
PostgreSQL reachable (--pg, THIDUA_TEST_PG_URL or 127.0.0.1:5432) the same rows are measured
there too, in a scratch database dropped at the end. Exit 1 when a reference disagrees with the
engine or the page fails. The last line printed is the summary:
bench: pipeline_s=… pandas_ratio=… sql_ratio=… duckdb_ratio=… cold_s=… app_peak_mb=…
import_visible_s=… browser_warm_s=… load_s=… page_warm_s=… peak_mb=… floor_cold_s=…
cold_ratio=… cold_over_s=… cold_cpu_over_s=… floor_warm_s=… warm_ratio=… warm_p95_ratio=…
warm_cpu_ratio=… first_bytes=… (one line; the floor_ figures and ratios are the bare Streamlit
app's of the same run, bench/floor_app.py)
"""

from __future__ import annotations

import argparse
import subprocess
import sys

# The benchmark sits above the product (it uses seed, the app and a browser): this command hands
# its arguments to `python -m bench` in a child process instead of importing it, so no product
# module depends on it. Its options: `python -m bench --help`.
PARSER_OPTIONS = {"add_help": False, "prefix_chars": "\0"}
OWN_DB_OPTION = True  # --db travels with the other arguments


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("args", nargs=argparse.REMAINDER, help="options of python -m bench")


def run(args: argparse.Namespace) -> int:
    return subprocess.call([sys.executable, "-m", "bench", *args.args])
