"""`python -m dashboard bench`: loads, the app's pipeline, pandas and SQL references, the page,
memory.

One run, one dataset: without --db the seed's scale generator writes N staff over Y years
(ending at 2025) into a temporary SQLite file; when PostgreSQL is reachable the same rows are
copied into a scratch database, measured, and dropped. Loads and the page run in child processes
(cold, each with its own peak RSS); the engine (`dashboard.pipeline.run`, the composition the
app's loaders call) and the references run here, on the frames the app would load (the Parquet
snapshot). A stage that fails is reported and the others still run.
The last line printed is the summary:

    bench: pipeline_s=… pandas_ratio=… sql_ratio=… duckdb_ratio=… cold_s=… app_peak_mb=…
           import_visible_s=… browser_warm_s=… load_s=… page_warm_s=… peak_mb=…
           floor_cold_s=… cold_ratio=… cold_over_s=… cold_cpu_over_s=… floor_warm_s=…
           warm_ratio=… warm_p95_ratio=… warm_cpu_ratio=… first_bytes=…

(one line). The stages of national scale (aggregates, DuckDB, the browser, the growth table,
CPU-time ratios) are in bench/scale.py.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from bench import compare, scale
from bench.memory import children_peak_mb, cpu_seconds, median_time, peak_mb
from bench.pg import admin_url, scratch_database, server_unreachable, server_version
from bench.report import Report, sig3
from dashboard import pipeline
from dashboard.pipeline import STAGES, window

LAST_YEAR = 2025
SKIPPABLE = ("loads", "sql", "pandas", "page")
SNAPSHOT_ENV = "THIDUA_SNAPSHOT_DIR"
ROOT = Path(__file__).resolve().parents[1]


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
    profile: str | None = None  # folder for the pyinstrument report
    growth: tuple[int, ...] = ()  # smaller sizes (staff a year) for the growth table
    browser: bool = True  # the app in Chromium (cold start, warm, every page, import)
    nginx: bool = True  # the browser through deploy/nginx.conf.template when nginx is installed
    warm_up: bool = False  # the app's script health check asked for at server start
    skip: tuple[str, ...] = ()  # stages not run (SKIPPABLE), e.g. the slow loads on a busy machine
    log: Callable[[str], None] = field(default=lambda s: print(s, file=sys.stderr, flush=True))


@dataclass
class Context:
    """What the stages share: where the data is, the child environment, the report."""

    opts: Options
    rep: Report
    env: dict[str, str]
    url: str = ""
    label: str = "sqlite"
    years: list[int] = field(default_factory=list)
    pg_url: str | None = None

    @property
    def year(self) -> int:
        return self.years[-1]


# --- child processes -------------------------------------------------------------------------
def probe(task: str, db: str, env: dict[str, str], **kw: Any) -> dict[str, Any]:
    """Run `python -m bench.probe TASK` and return its JSON (its last line)."""
    cmd = [sys.executable, "-m", "bench.probe", task, "--db", db]
    for k, v in kw.items():
        if v is not None:
            cmd += [f"--{k.replace('_', '-')}", str(v)]
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]
    if done.returncode != 0 or not lines:
        tail = " | ".join(done.stderr.strip().splitlines()[-3:])
        raise RuntimeError(f"probe {task} exited with {done.returncode}: {tail}")
    return json.loads(lines[-1])


def _years_arg(years: list[int] | None) -> str | None:
    return None if years is None else ",".join(str(y) for y in years)


@contextlib.contextmanager
def stage(ctx: Context, name: str) -> Iterator[None]:
    """Log the stage; a failure is reported (and fails the run) but the next stages run."""
    ctx.opts.log(f"{name} …")
    first = len(ctx.rep.rows)
    try:
        yield
    except Exception as exc:  # noqa: BLE001 - reported; the benchmark goes on
        ctx.rep.failures.append(f"{name}: {type(exc).__name__}: {exc}")
        ctx.rep.add(name.split(":")[0], f"{name} failed", "—", type(exc).__name__)
    for _, what, value, unit in ctx.rep.rows[first:]:  # as it goes: a long run shows progress
        ctx.opts.log(f"  {what}: {value} {unit}".rstrip())


# --- the stages --------------------------------------------------------------------------------
def generate(ctx: Context, work: Path) -> None:
    o = ctx.opts
    ctx.url = f"sqlite:///{work / 'bench.db'}"
    ys = list(range(LAST_YEAR - o.years + 1, LAST_YEAR + 1))
    g = probe("generate", ctx.url, ctx.env, people=o.people, years=_years_arg(ys), seed=o.seed)
    rows = sum(g["rows"].values())
    what = "generate (seed scale generator) → SQLite"
    ctx.rep.add("data", what, g["seconds"][0], f"s, {rows:,} rows")
    ctx.rep.add("data", "  peak RSS of the generator", g["peak_mb"], "MB")


def loads(ctx: Context, label: str, url: str) -> None:
    """Direct reader path, snapshot build, snapshot warm loads; each in a cold child."""
    rep, runs, env = ctx.rep, ctx.opts.runs, ctx.env
    d = probe("load-direct", url, env)
    rep.add(label, "load, direct readers (every year)", d["seconds"][0], f"s, {d['rows']:,} rows")
    rep.add(label, "  peak RSS of that process", d["peak_mb"], "MB")
    b = probe("snapshot-build", url, env)
    rep.add(label, "snapshot build (once per data version)", b["seconds"][0], "s")
    rep.add(label, "  snapshot size on disk", b["snapshot_mb"], "MB")
    w = probe("snapshot-load", url, env, runs=runs)
    warm = statistics.median(w["seconds"])
    rep.add(label, f"load, snapshot warm (every year, median of {runs})", warm, "s")
    rep.add(label, "  peak RSS of that process", w["peak_mb"], "MB")
    y = probe("snapshot-load", url, env, runs=runs, years=_years_arg(window(ctx.year)))
    span = f"{ctx.year - 1}–{ctx.year}"
    rep.add(label, f"load, snapshot warm (years {span})", statistics.median(y["seconds"]), "s")
    rep.figures[f"load_snapshot_{label}"] = warm


def copy_to_postgres(ctx: Context, pg_url: str, version: str) -> None:
    ctx.rep.add("postgresql", f"server: {version}", "", "")
    c = probe("copy", ctx.url, ctx.env, to=pg_url)
    ctx.rep.add("postgresql", "copy SQLite → PostgreSQL (COPY, bulk load)", c["seconds"][0], "s")
    ctx.pg_url = pg_url


def _engine_runs(
    ds: Any, year: int, years: list[int] | None, runs: int
) -> tuple[float, float, pipeline.Run, dict[str, float], dict[str, float]]:
    """(median wall s, median CPU s, last run, median wall s per stage, median CPU s per stage)
    of `runs` runs of the app's pipeline. CPU time (all threads) is printed beside wall time: on
    a shared machine it varies less."""
    earlier = pipeline.counts_for(ds, [year - 1]) if years is None else None
    results, cpus = [], []
    for _ in range(max(1, runs)):
        before = cpu_seconds()
        results.append(pipeline.run(ds, year=year, earlier=earlier, years=years))
        cpus.append(cpu_seconds() - before)
    wall = {s: statistics.median(r.seconds[s] for r in results) for s in STAGES}
    cpu = {s: statistics.median(r.cpu_seconds[s] for r in results) for s in STAGES}
    return (
        statistics.median(r.total for r in results),
        statistics.median(cpus),
        results[-1],
        wall,
        cpu,
    )


def engine(ctx: Context, eng: Any) -> tuple[Any, pipeline.Run]:
    """The engine for one year (the headline) and for every year; returns (frames, result)."""
    from data_access.snapshot import load_dataset_fast

    rep, year, runs = ctx.rep, ctx.year, ctx.opts.runs
    _, ds = load_dataset_fast(eng, years=window(year))
    t, cpu, res, stages, stage_cpu = _engine_runs(ds, year, None, runs)
    rows = ds.roster.filter(pl.col("year") == year).height
    note = f"s ({sig3(cpu)} s CPU), {rows:,} roster rows"
    rep.add("engine", f"engine, one year ({year}; median of {runs})", t, note)
    for s in STAGES:
        rep.add("engine", f"  {s}", stages[s], f"s ({sig3(stage_cpu[s])} s CPU)")
    rep.figures["pipeline_s"] = t
    rep.figures["pipeline_cpu_s"] = cpu
    _, ds_all = load_dataset_fast(eng)
    t_all, cpu_all, *_ = _engine_runs(ds_all, year, ctx.years, max(1, runs // 2))
    note = f"s ({sig3(cpu_all)} s CPU), {ds_all.roster.height:,} roster rows"
    span = f"{ctx.years[0]}–{year}"
    rep.add("engine", f"engine, every year {span} (as the app's first start)", t_all, note)
    del ds_all
    rep.figures["engine_peak_mb"] = peak_mb()
    rep.add("engine", "  peak RSS of this process so far", peak_mb(), "MB")
    if ctx.opts.profile:
        from bench.profile import profile_engine

        path = profile_engine(ds, year=year, folder=Path(ctx.opts.profile))
        rep.add("engine", f"  pyinstrument profile: {path}", "", "")
    return ds, res


def sql(ctx: Context, label: str, url: str, res: pipeline.Run) -> None:
    """The indicators of the year in SQL, one query per family; equal to the engine's."""
    from bench.sql_reference import FAMILIES, run_family
    from data_access.catalog import load_catalog
    from data_access.engine import make_engine

    eng, cat, runs = make_engine(url), load_catalog(), ctx.opts.ref_runs
    times: dict[str, list[float]] = {f: [] for f in FAMILIES}
    parts: list[pl.DataFrame] = []
    try:
        cpu0 = cpu_seconds()
        with eng.connect() as conn:
            for _ in range(max(1, runs)):
                parts = []
                for fam in FAMILIES:
                    start = time.perf_counter()
                    parts.append(run_family(conn, fam, years=[ctx.year], catalog=cat))
                    times[fam].append(time.perf_counter() - start)
        if label == "sqlite":  # in this process: its CPU time is the query's
            ctx.rep.figures["sql_cpu_s"] = (cpu_seconds() - cpu0) / max(1, runs)
    finally:
        eng.dispose()
    med = {f: statistics.median(t) for f, t in times.items()}
    slowest = max(med, key=med.__getitem__)
    what = f"SQL in {label}, {len(FAMILIES)} family queries (median of {runs})"
    ctx.rep.add("sql", what, sum(med.values()), "s")
    ctx.rep.add("sql", f"  slowest family: {slowest}", med[slowest], "s")
    ctx.rep.figures[f"sql_{label}"] = sum(med.values())
    mine = res.indicators.filter(pl.col("year") == ctx.year)
    bad = compare.indicators(mine, pl.concat(parts))
    ctx.rep.check(f"SQL ({label}) == engine: indicators", bad)


def pandas(ctx: Context, ds: Any, res: pipeline.Run) -> None:
    from bench import pandas_reference as pdref

    runs, year = ctx.opts.ref_runs, ctx.year
    t = pdref.frames(ds)  # conversion not timed: pandas would have read its own frames
    earlier = pdref.counts(t, [year - 1])  # as for the engine: the year before, once
    cpu0 = cpu_seconds()
    med, _, ref = median_time(lambda: pdref.pipeline(t, year=year, earlier=earlier), runs)
    ctx.rep.figures["pandas_cpu_s"] = cpu = (cpu_seconds() - cpu0) / max(1, runs)
    what = f"pandas reference, same pipeline (median of {runs})"
    ctx.rep.add("pandas", what, med, f"s ({sig3(cpu)} s CPU, mean)")
    ctx.rep.figures["pandas_s"] = med
    name = "pandas == engine: indicators, targets, quotas, rankings, trends"
    ctx.rep.check(name, compare.pandas_pipeline(res, ref))


def page(ctx: Context) -> None:
    rep = ctx.rep
    p = probe("page", ctx.url, ctx.env, runs=max(ctx.opts.runs, 4))
    rep.add("page", "overview, cold (first run, caches empty)", p["cold_s"], "s")
    warm = f"overview, warm (median of {len(p['warm_runs'])} filter changes)"
    rep.add("page", warm, p["warm_s"], "s")
    rep.add("page", "  peak RSS of the app process", p["peak_mb"], "MB")
    rep.check("page renders a chart without warnings", p["problems"])
    rep.figures |= {"page_cold_s": p["cold_s"], "page_warm_s": p["warm_s"]}
    rep.figures["page_peak_mb"] = p["peak_mb"]


def summarise(ctx: Context) -> None:
    """The ratios and the figures of the summary line."""
    f, rep = ctx.rep.figures, ctx.rep
    t = f.get("pipeline_s")
    sqls = [v for k, v in f.items() if k.startswith("sql_") and v]
    f["pandas_ratio"] = f["pandas_s"] / t if t and f.get("pandas_s") else None
    f["sql_ratio"] = min(sqls) / t if t and sqls else None
    f["load_s"] = f.get(f"load_snapshot_{ctx.label}")
    peaks = [v for k in ("engine_peak_mb", "page_peak_mb") if (v := f.get(k))]
    f["peak_mb"] = max(peaks) if peaks else None
    rep.add("ratios", "pandas ÷ engine", f["pandas_ratio"], "×")
    rep.add("ratios", "SQL ÷ engine (fastest database)", f["sql_ratio"], "×")
    scale.cpu_ratios(ctx)
    rep.add("memory", "peak RSS: max(engine process, app process)", f["peak_mb"], "MB")
    rep.add("memory", "  this process at the end (incl. references)", peak_mb(), "MB")
    rep.add("memory", "  largest child process (RUSAGE_CHILDREN)", children_peak_mb(), "MB")


# --- the run -----------------------------------------------------------------------------------
def _with_postgres(ctx: Context, stack: contextlib.ExitStack) -> None:
    """Copy the data into a scratch PostgreSQL database (dropped when `stack` closes)."""
    if ctx.label == "postgresql":
        ctx.pg_url = ctx.url
        return
    if ctx.opts.no_pg:
        ctx.rep.add("postgresql", "not measured (--no-pg)", "", "")
        return
    admin = ctx.opts.pg or admin_url()
    why = server_unreachable(admin)
    if why is not None:
        ctx.rep.add("postgresql", f"not measured: unreachable ({why})", "", "")
        return
    pg_url = stack.enter_context(scratch_database(admin))
    with stage(ctx, "postgresql: copy"):
        copy_to_postgres(ctx, pg_url, server_version(admin))
    if ctx.pg_url:
        with stage(ctx, "postgresql: loads"):
            loads(ctx, "postgresql", ctx.pg_url)


def run(opts: Options) -> Report:
    """Every measurement of the benchmark; print it with `report.format_report`."""
    from data_access.engine import make_engine
    from data_access.readers import read_years

    work = Path(tempfile.mkdtemp(prefix="thidua-bench-"))
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env[SNAPSHOT_ENV] = str(work / "snapshots")  # never the app's own snapshots
    ctx = Context(opts=opts, rep=Report(), env=env)
    old_snap = os.environ.get(SNAPSHOT_ENV)
    os.environ[SNAPSHOT_ENV] = env[SNAPSHOT_ENV]
    try:
        with contextlib.ExitStack() as stack:
            if opts.db is None:
                generate(ctx, work)
            else:
                ctx.url = opts.db
            eng = make_engine(ctx.url)
            stack.callback(eng.dispose)
            with eng.connect() as conn:
                ctx.years = read_years(conn)
            ctx.label = eng.url.get_backend_name()
            if "loads" in opts.skip:
                ctx.rep.add(ctx.label, "loads not measured (--skip loads)", "", "")
            else:
                with stage(ctx, f"{ctx.label}: loads"):
                    loads(ctx, ctx.label, ctx.url)
            _with_postgres(ctx, stack)
            # What the app runs first: its figures are printed even if a later stage is cut.
            with stage(ctx, "aggregates"):
                scale.aggregates(ctx, probe)
            if opts.browser:
                with stage(ctx, "browser"):
                    scale.browser(ctx, work)
            ds, res = None, None
            with stage(ctx, "engine"):
                ds, res = engine(ctx, eng)
            if res is not None and "sql" not in opts.skip:
                with stage(ctx, f"sql: {ctx.label}"):
                    sql(ctx, ctx.label, ctx.url, res)
                if ctx.pg_url and ctx.pg_url != ctx.url:
                    with stage(ctx, "sql: postgresql"):
                        sql(ctx, "postgresql", ctx.pg_url, res)
            if res is not None and "pandas" not in opts.skip:
                with stage(ctx, "pandas"):
                    pandas(ctx, ds, res)
            if res is not None:
                with stage(ctx, "duckdb"):
                    scale.duckdb(ctx, eng, res)
            del ds, res
            if "page" not in opts.skip:
                with stage(ctx, "page"):
                    page(ctx)
            if opts.growth:
                with stage(ctx, "growth"):
                    scale.growth(ctx, work, probe, opts.growth)
            summarise(ctx)
    finally:
        if old_snap is None:
            os.environ.pop(SNAPSHOT_ENV, None)
        else:
            os.environ[SNAPSHOT_ENV] = old_snap
        if opts.keep:
            opts.log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return ctx.rep
