"""The benchmark's report: figures, the readable table, and the summary line (printed last).

>>> sig3(2345.6), sig3(0.01234), sig3(None)
('2350', '0.0123', 'n/a')
"""

from __future__ import annotations

import math
import os
import platform
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

SUMMARY_KEYS = (
    "pipeline_s",
    "pandas_ratio",
    "sql_ratio",
    "duckdb_ratio",
    "cold_s",
    "app_peak_mb",
    "import_visible_s",
    "browser_warm_s",
    "load_s",
    "page_warm_s",
    "peak_mb",
    # against the floor app (bench/floor_app.py) in the same run
    "floor_cold_s",
    "cold_ratio",
    "cold_over_s",
    "cold_cpu_over_s",
    "floor_warm_s",
    "warm_ratio",
    "warm_p95_ratio",
    "warm_cpu_ratio",
    "first_bytes",
)


def sig3(x: float | None) -> str:
    """A number with 3 significant digits, never in exponent form; "n/a" for a missing one."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    if x == 0:
        return "0"
    digits = 2 - math.floor(math.log10(abs(x)))
    return f"{round(x, digits):.{max(digits, 0)}f}"


def summary_line(figures: dict[str, float | None]) -> str:
    """bench: pipeline_s=… pandas_ratio=… … peak_mb=… (SUMMARY_KEYS, in order)."""
    return "bench: " + " ".join(f"{k}={sig3(figures.get(k))}" for k in SUMMARY_KEYS)


@dataclass
class Report:
    """Every figure of one run; `rows` are (section, what, value, unit or note) for the table,
    `checks` the reference comparisons, `failures` what went wrong (exit status 1)."""

    rows: list[tuple[str, str, str, str]] = field(default_factory=list)
    figures: dict[str, float | None] = field(default_factory=dict)
    checks: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def add(self, section: str, what: str, value: float | str | None, unit: str = "") -> None:
        text = value if isinstance(value, str) else sig3(value)
        self.rows.append((section, what, text, unit))

    def check(self, name: str, mismatches: list[str]) -> None:
        self.checks.append(f"{name}: {'ok' if not mismatches else 'FAILED'}")
        self.failures += [f"{name}: {m}" for m in mismatches]


def machine() -> list[str]:
    """The machine and the versions (nproc, memory, CPU model, load average)."""
    cpu, mem = "unknown CPU", "unknown memory"
    try:
        info = Path("/proc/cpuinfo").read_text().splitlines()
        cpu = next(ln.split(":", 1)[1].strip() for ln in info if ln.startswith("model name"))
        meminfo = Path("/proc/meminfo").read_text().splitlines()
        kb = next(int(ln.split()[1]) for ln in meminfo if ln.startswith("MemTotal"))
        mem = f"{kb / 2**20:.1f} GiB"
    except (OSError, StopIteration):
        pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return [
        f"machine: {len(os.sched_getaffinity(0))} CPUs ({cpu}), {mem}; load average {load}",
        f"python {platform.python_version()}, polars {pl.__version__}, "
        f"sqlite {sqlite3.sqlite_version}",
    ]


def format_report(rep: Report, header: list[str]) -> str:
    """The header, the table by section, the reference checks, any failure, the summary line."""
    width = max((len(r[1]) for r in rep.rows), default=10)
    out = [*header, ""]
    section = None
    for sec, what, value, unit in rep.rows:
        if sec != section:
            out.append(f"[{sec}]")
            section = sec
        out.append(f"  {what:<{width}}  {value:>10}  {unit}".rstrip())
    out += ["", *rep.checks, *rep.failures, summary_line(rep.figures)]
    return "\n".join(out)
