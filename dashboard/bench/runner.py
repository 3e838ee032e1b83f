"""`python -m dashboard bench`: loads, engine, pandas and SQL references, the page, memory.

One run, one dataset: without --db the seed's scale generator writes N staff over Y years
(ending at 2025) into a temporary SQLite file; when PostgreSQL is reachable the same rows are
copied into a scratch database, measured, and dropped. Loads and the page run in child processes
(cold, each with its own peak RSS); the engine and the references run here, on the frames the
app would load (the Parquet snapshot). The last line printed is the summary:

    bench: pipeline_s=T pandas_ratio=R1 sql_ratio=R2 load_s=L page_warm_s=W peak_mb=M
"""

from __future__ import annotations

import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from dashboard.bench import compare
from dashboard.bench.memory import cpu_seconds, median_time, peak_mb
from dashboard.bench.pipeline import STAGES, earlier_counts, run_engine, window

LAST_YEAR = 2025
PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
PG_ENV = "THIDUA_TEST_PG_URL"
ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Options:
    people: int = 2_000_000
    years: int = 5
    db: str | None = None
    pg: str | None = None
    no_pg: bool = False  # measure SQLite only (the growth table's smaller sizes)
    runs: int = 5
    ref_runs: int = 3
    seed: int = 2025
    keep: bool = False
    profile: str | None = None  # folder for the pyinstrument reports
    log: Callable[[str], None] = field(default=lambda s: print(s, file=sys.stderr, flush=True))


@dataclass
class Report:
    """Every figure of one run; `rows` are (section, what, value, unit/note) for the table."""

    rows: list[tuple[str, str, str, str]] = field(default_factory=list)
    figures: dict[str, float | None] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)

    def add(self, section: str, what: str, value: float | str | None, unit: str = "") -> None:
        text = value if isinstance(value, str) else sig3(value)
        self.rows.append((section, what, text, unit))


def sig3(x: float | None) -> str:
    """A number with 3 significant digits, never in exponent form (2345 → 2340, 0.01234 →
    0.0123); "n/a" for a missing one."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    if x == 0:
        return "0"
    digits = 2 - math.floor(math.log10(abs(x)))
    return f"{round(x, digits):.{max(digits, 0)}f}"


def summary_line(figures: dict[str, float | None]) -> str:
    keys = ("pipeline_s", "pandas_ratio", "sql_ratio", "load_s", "page_warm_s", "peak_mb")
    return "bench: " + " ".join(f"{k}={sig3(figures.get(k))}" for k in keys)


# --- child processes -------------------------------------------------------------------------
def probe(task: str, db: str, env: dict[str, str], **kw: Any) -> dict[str, Any]:
    """Run `python -m dashboard.bench.probe TASK` and return its JSON (its last line)."""
    cmd = [sys.executable, "-m", "dashboard.bench.probe", task, "--db", db]
    for k, v in kw.items():
        if v is not None:
            cmd += [f"--{k.replace('_', '-')}", str(v)]
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]
    if done.returncode != 0 or not lines:
        tail = "\n".join(done.stderr.strip().splitlines()[-15:])
        raise RuntimeError(f"probe {task} failed (exit {done.returncode}):\n{tail}")
    return json.loads(lines[-1])


def _years_arg(years: list[int] | None) -> str | None:
    return None if years is None else ",".join(str(y) for y in years)


# --- PostgreSQL scratch database ---------------------------------------------------------------
def pg_admin_url(explicit: str | None) -> str:
    return explicit or os.environ.get(PG_ENV) or PG_DEFAULT


def pg_reachable(url: str) -> str | None:
    """None when PostgreSQL answers at `url`, else why not."""
    from sqlalchemy import create_engine, text

    try:
        eng = create_engine(url, connect_args={"connect_timeout": 3})
        with eng.connect() as conn:
            conn.execute(text("SELECT 1"))
        eng.dispose()
        return None
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
        return str(exc).splitlines()[0]


def pg_version(url: str) -> str:
    from sqlalchemy import create_engine, text

    eng = create_engine(url)
    try:
        with eng.connect() as conn:
            return "PostgreSQL " + str(conn.execute(text("SHOW server_version")).scalar())
    finally:
        eng.dispose()


def _pg_admin(url: str, sql: str) -> None:
    from sqlalchemy import create_engine, text

    eng = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with eng.connect() as conn:
            conn.execute(text(sql))
    finally:
        eng.dispose()


# --- the stages --------------------------------------------------------------------------------
def _loads(
    label: str, url: str, env: dict[str, str], opts: Options, rep: Report, year: int
) -> None:
    """Direct reader path, snapshot build, snapshot warm loads; each in a cold child."""
    opts.log(f"[{label}] direct load (readers.load_dataset), every year …")
    d = probe("load-direct", url, env)
    rep.add(label, "load, direct readers (every year)", d["seconds"][0], f"s, {d['rows']:,} rows")
    rep.add(label, "  peak RSS of that process", d["peak_mb"], "MB")
    opts.log(f"[{label}] snapshot build …")
    b = probe("snapshot-build", url, env)
    rep.add(label, "snapshot build (once per data version)", b["seconds"][0], "s")
    rep.add(label, "  snapshot size on disk", b["snapshot_mb"], "MB")
    opts.log(f"[{label}] snapshot warm loads …")
    w = probe("snapshot-load", url, env, runs=opts.runs)
    warm = statistics.median(w["seconds"])
    rep.add(label, f"load, snapshot warm (every year, median of {opts.runs})", warm, "s")
    rep.add(label, "  peak RSS of that process", w["peak_mb"], "MB")
    ww = probe("snapshot-load", url, env, runs=opts.runs, years=_years_arg(window(year)))
    rep.add(
        label,
        f"load, snapshot warm (years {year - 1}–{year})",
        statistics.median(ww["seconds"]),
        "s",
    )
    rep.figures[f"load_direct_{label}"] = d["seconds"][0]
    rep.figures[f"load_snapshot_{label}"] = warm
    rep.figures[f"load_peak_{label}"] = max(d["peak_mb"], w["peak_mb"])


def _sql(label: str, url: str, ds_engine: Any, opts: Options, rep: Report, year: int) -> None:
    from data_access.bench_sql import FAMILIES, run_family
    from data_access.catalog import load_catalog
    from data_access.engine import make_engine

    eng = make_engine(url)
    cat = load_catalog()
    ys = [year]  # the year's indicators, as the engine's timed run counts
    fam_times: dict[str, list[float]] = {f: [] for f in FAMILIES}
    result = None
    try:
        with eng.connect() as conn:
            for _ in range(max(1, opts.ref_runs)):
                parts = []
                for fam in FAMILIES:
                    start = time.perf_counter()
                    parts.append(run_family(conn, fam, years=ys, catalog=cat))
                    fam_times[fam].append(time.perf_counter() - start)
                result = pl.concat(parts)
    finally:
        eng.dispose()
    total = sum(statistics.median(t) for t in fam_times.values())
    slowest = max(fam_times, key=lambda f: statistics.median(fam_times[f]))
    rep.add(
        "sql",
        f"SQL in {label}, {len(FAMILIES)} family queries (median of {opts.ref_runs})",
        total,
        "s",
    )
    rep.add("sql", f"  slowest family: {slowest}", statistics.median(fam_times[slowest]), "s")
    rep.figures[f"sql_{label}"] = total
    bad = compare.indicators(ds_engine.indicators.filter(pl.col("year") == year), result)
    name = f"SQL ({label}) == engine: indicators"
    rep.checks.append(f"{name}: {'ok' if not bad else 'FAILED'}")
    rep.failures += [f"{name}: {b}" for b in bad]


def _pandas(ds: Any, res: Any, opts: Options, rep: Report, year: int) -> None:
    from dashboard.bench import pandas_reference as pdref

    t = pdref.frames(ds)  # conversion not timed: pandas would have read its own frames
    earlier = pdref.counts(t, [year - 1])  # as for the engine: the year before, once
    med, _, ref = median_time(lambda: pdref.pipeline(t, year=year, earlier=earlier), opts.ref_runs)
    rep.add("pandas", f"pandas reference, same pipeline (median of {opts.ref_runs})", med, "s")
    rep.figures["pandas_s"] = med
    bad = compare.pandas_pipeline(res, ref)
    name = "pandas == engine: indicators, targets, quotas, rankings, trends"
    rep.checks.append(f"{name}: {'ok' if not bad else 'FAILED'}")
    rep.failures += [f"{name}: {b}" for b in bad]


def _engine_runs(
    ds: Any, year: int, years: list[int] | None, runs: int
) -> tuple[float, float, Any, dict]:
    """(median wall s, median CPU s, last result, median s per stage) of `runs` engine runs.

    CPU time (all threads) is printed beside wall time: on a shared machine it varies less.
    """
    earlier = earlier_counts(ds, year) if years is None else None
    results, cpus = [], []
    for _ in range(max(1, runs)):
        before = cpu_seconds()
        results.append(run_engine(ds, year=year, earlier=earlier, years=years))
        cpus.append(cpu_seconds() - before)
    totals = [r.total for r in results]
    stages = {s: statistics.median(r.seconds[s] for r in results) for s in STAGES}
    return statistics.median(totals), statistics.median(cpus), results[-1], stages


def run(opts: Options) -> Report:
    """Every measurement of the benchmark; the caller prints `format_report`."""
    from data_access.engine import make_engine
    from data_access.readers import read_years
    from data_access.snapshot import load_dataset_fast

    rep = Report()
    work = Path(tempfile.mkdtemp(prefix="thidua-bench-"))
    env = dict(os.environ, THIDUA_SNAPSHOT_DIR=str(work / "snapshots"), PYTHONPATH=str(ROOT))
    old_snap = os.environ.get("THIDUA_SNAPSHOT_DIR")
    os.environ["THIDUA_SNAPSHOT_DIR"] = env["THIDUA_SNAPSHOT_DIR"]
    scratch: tuple[str, str] | None = None  # (admin url, database name)
    try:
        # 1. the data
        if opts.db is None:
            url = f"sqlite:///{work / 'bench.db'}"
            years = list(range(LAST_YEAR - opts.years + 1, LAST_YEAR + 1))
            opts.log(f"generating {opts.people:,} staff × {opts.years} years into {url} …")
            g = probe(
                "generate", url, env, people=opts.people, years=_years_arg(years), seed=opts.seed
            )
            total = sum(g["rows"].values())
            rep.add(
                "data",
                "generate (seed scale generator) → SQLite",
                g["seconds"][0],
                f"s, {total:,} rows",
            )
            rep.add("data", "  peak RSS of the generator", g["peak_mb"], "MB")
        else:
            url = opts.db
        eng = make_engine(url)
        with eng.connect() as conn:
            years = read_years(conn)
        main_label = eng.url.get_backend_name()
        year = years[-1]
        # 2. loads from the main database
        _loads(main_label, url, env, opts, rep, year)
        # 3. the same rows in PostgreSQL, when reachable
        pg_url = None
        if main_label == "postgresql":
            pg_url = url
        elif opts.no_pg:
            rep.add("postgresql", "not measured (--no-pg)", "", "")
        else:
            admin = pg_admin_url(opts.pg)
            why = pg_reachable(admin)
            if why is None:
                name = f"thidua_bench_{uuid.uuid4().hex[:10]}"
                _pg_admin(admin, f'CREATE DATABASE "{name}"')
                rep.add("postgresql", f"server: {pg_version(admin)}", "", "")
                scratch = (admin, name)
                pg_url = admin.rsplit("/", 1)[0] + f"/{name}"
                opts.log(f"copying into the scratch PostgreSQL database {name} …")
                c = probe("copy", url, env, to=pg_url)
                rep.add(
                    "postgresql", "copy SQLite → PostgreSQL (COPY, bulk load)", c["seconds"][0], "s"
                )
                _loads("postgresql", pg_url, env, opts, rep, year)
            else:
                rep.add("postgresql", "not measured", "—", f"unreachable at {admin}: {why}")
        # 4. the engine, on the frames the app loads
        opts.log("engine …")
        _, ds = load_dataset_fast(eng, years=window(year))
        t_engine, cpu_engine, res, stages = _engine_runs(ds, year, None, opts.runs)
        rows_y = ds.roster.filter(pl.col("year") == year).height
        rep.add(
            "engine",
            f"engine, one year ({year}; median of {opts.runs})",
            t_engine,
            f"s ({sig3(cpu_engine)} s CPU), {rows_y:,} roster rows",
        )
        for s in STAGES:
            rep.add("engine", f"  {s}", stages[s], "s")
        rep.figures["pipeline_s"] = t_engine
        peak_engine = peak_mb()
        _, ds_all = load_dataset_fast(eng)
        t_all, cpu_all, _, _ = _engine_runs(ds_all, year, years, max(1, opts.runs // 2))
        rep.add(
            "engine",
            f"engine, every year {years[0]}–{year} (as the app's first start)",
            t_all,
            f"s ({sig3(cpu_all)} s CPU), {ds_all.roster.height:,} roster rows",
        )
        peak_engine = max(peak_engine, peak_mb())
        rep.add("engine", "  peak RSS of this process so far", peak_engine, "MB")
        del ds_all
        if opts.profile:
            from dashboard.bench.profile import profile_engine

            path = profile_engine(ds, year=year, folder=Path(opts.profile))
            rep.add("engine", "  pyinstrument profile", str(path), "")
        # 5. references
        opts.log("SQL reference …")
        _sql(main_label, url, res, opts, rep, year)
        if pg_url is not None and pg_url != url:
            _sql("postgresql", pg_url, res, opts, rep, year)
        opts.log("pandas reference …")
        _pandas(ds, res, opts, rep, year)
        del ds
        # 6. the page, in its own process
        opts.log("overview page (AppTest) …")
        p = probe("page", url, env, runs=max(opts.runs, 4))
        rep.add("page", "overview, cold (first run, caches empty)", p["cold_s"], "s")
        rep.add(
            "page",
            f"overview, warm (median of {len(p['warm_runs'])} filter changes)",
            p["warm_s"],
            "s",
        )
        rep.add("page", "  peak RSS of the app process", p["peak_mb"], "MB")
        if p["problems"]:
            rep.failures += [f"page: {x}" for x in p["problems"]]
        rep.checks.append(
            f"page renders a chart without warnings: {'ok' if not p['problems'] else 'FAILED'}"
        )
        rep.figures |= {"page_cold_s": p["cold_s"], "page_warm_s": p["warm_s"]}
        # 7. ratios and the summary figures
        sqls = [v for k, v in rep.figures.items() if k.startswith("sql_") and v]
        rep.figures["pandas_ratio"] = rep.figures["pandas_s"] / t_engine
        rep.figures["sql_ratio"] = min(sqls) / t_engine if sqls else None
        rep.figures["load_s"] = rep.figures[f"load_snapshot_{main_label}"]
        rep.figures["peak_mb"] = max(peak_engine, p["peak_mb"])
        rep.add("ratios", "pandas ÷ engine", rep.figures["pandas_ratio"], "×")
        rep.add("ratios", "SQL ÷ engine (fastest database)", rep.figures["sql_ratio"], "×")
        rep.add(
            "memory", "peak RSS: max(engine process, app process)", rep.figures["peak_mb"], "MB"
        )
        rep.add("memory", "  this process at the end (incl. references)", peak_mb(), "MB")
        eng.dispose()
    finally:
        if scratch is not None:
            _pg_admin(scratch[0], f'DROP DATABASE IF EXISTS "{scratch[1]}" WITH (FORCE)')
        if old_snap is None:
            os.environ.pop("THIDUA_SNAPSHOT_DIR", None)
        else:
            os.environ["THIDUA_SNAPSHOT_DIR"] = old_snap
        if opts.keep:
            opts.log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return rep


def machine() -> list[str]:
    """The machine and the versions, for the header of the report and docs/benchmarks.md."""
    import platform
    import sqlite3

    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = next(
            int(ln.split()[1])
            for ln in Path("/proc/meminfo").read_text().splitlines()
            if ln.startswith("MemTotal")
        )
        mem = f"{mem_kb / 2**20:.1f} GiB"
    except (OSError, StopIteration):
        mem = "unknown memory"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return [
        f"machine: {len(os.sched_getaffinity(0))} CPUs ({cpu}), {mem}; load average {load}",
        f"python {platform.python_version()}, polars {pl.__version__}, "
        f"sqlite {sqlite3.sqlite_version}",
    ]


def format_report(rep: Report, header: list[str]) -> str:
    """The readable table, the reference checks, any mismatch, then the summary line."""
    width = max((len(r[1]) for r in rep.rows), default=10)
    out = [*header, ""]
    section = None
    for sec, what, value, unit in rep.rows:
        if sec != section:
            out.append(f"[{sec}]")
            section = sec
        out.append(f"  {what:<{width}}  {value:>10}  {unit}")
    out += ["", *rep.checks, *rep.failures, summary_line(rep.figures)]
    return "\n".join(out)
