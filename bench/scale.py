"""The benchmark's national-scale stages: the aggregates build, DuckDB as a peer over the same
snapshot, the app in a real browser (cold start, warm year changes, every page, an import until
the overview shows it), CPU-time ratios and the growth table. Called by bench/runner.py."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl

from bench import compare
from bench.report import sig3
from dashboard import pipeline
from data_access.readers import SCHEMAS, Dataset

Probe = Callable[..., dict[str, Any]]


def aggregates(ctx: Any, probe: Probe) -> None:
    """Every aggregate of the data version, built from the database in a cold child."""
    a = probe("aggregates-build", ctx.url, ctx.env)
    rep = ctx.rep
    note = f"s ({sig3(a['cpu_s'])} s CPU), {a['rebuilt']} files"
    rep.add(
        "aggregates", "aggregates build, every partition (once per version)", a["seconds"][0], note
    )
    rep.add("aggregates", "  peak RSS of that process", a["peak_mb"], "MB")
    rep.add("aggregates", "  store on disk (all tables by year + derived)", a["store_mb"], "MB")
    rep.add("aggregates", "  derived frames (counts, budget) on disk", a["derived_mb"], "MB")
    ctx.rep.figures["aggregates_build_s"] = a["seconds"][0]


def _snapshot_dataset(folder: Path, year: int, tables: tuple[str, ...]) -> Dataset:
    """The tables the counts read, of `year`, from the snapshot files (others empty)."""
    frames = {}
    for name, schema in SCHEMAS.items():
        if name not in tables:
            frames[name] = pl.DataFrame(schema=schema).lazy()
            continue
        lf = pl.scan_parquet(folder / f"{name}.parquet")
        frames[name] = lf.filter(pl.col("year") == year) if "year" in schema else lf
    return Dataset(**dict(zip(frames, pl.collect_all(list(frames.values())), strict=True)))


def _engine_from_parquet(folder: Path, year: int) -> pl.DataFrame:
    ds = _snapshot_dataset(folder, year, pipeline.COUNT_INPUTS)
    return pipeline.indicators_for(pipeline.counts_for(ds, [year]))


def duckdb(ctx: Any, eng: Any, res: Any) -> None:
    """DuckDB's indicators of the year from the snapshot's Parquet files against the engine's
    counts + indicators from the same files; equal results required."""
    from bench import duck
    from data_access.snapshot import ensure_snapshot

    rep, year, runs = ctx.rep, ctx.year, ctx.opts.ref_runs
    _, folder = ensure_snapshot(eng)
    walls, cpus = [], []
    mine = pl.DataFrame()
    for _ in range(max(1, runs)):
        w0, c0 = time.perf_counter(), time.process_time()
        mine = _engine_from_parquet(folder, year)
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    e_wall, e_cpu = statistics.median(walls), statistics.median(cpus)
    d_walls, d_cpus, theirs = duck.timed(folder, year, runs)
    d_wall, d_cpu = statistics.median(d_walls), statistics.median(d_cpus)
    what = f"median of {runs}"
    rep.add(
        "duckdb",
        f"engine: Parquet → counts → indicators ({what})",
        e_wall,
        f"s ({sig3(e_cpu)} s CPU)",
    )
    rep.add(
        "duckdb",
        f"DuckDB: the same indicators from the same Parquet ({what})",
        d_wall,
        f"s ({sig3(d_cpu)} s CPU)",
    )
    in_mem = res.seconds["counts"] + res.seconds["indicators"]
    rep.add("duckdb", "  engine counts + indicators on frames in memory", in_mem, "s")
    ctx.rep.figures |= {
        "duckdb_ratio": d_wall / e_wall if e_wall else None,
        "duckdb_cpu_ratio": d_cpu / e_cpu if e_cpu else None,
    }
    engine_year = res.indicators.filter(pl.col("year") == year)
    rep.check("DuckDB == engine (from Parquet): indicators", compare.indicators(mine, theirs))
    rep.check(
        "DuckDB == engine (app pipeline): indicators", compare.indicators(engine_year, theirs)
    )


def _import_new_year(url: str, year: int) -> tuple[Callable[[], float], Callable[[], None], dict]:
    """(do, undo, timings): `do` imports roster year `year` (a copy of the year before, written
    as roster.csv) the way `python -m dashboard import` does: `import_path`, so the file is
    parsed in its bounded child, checked, upserted and its touched partitions recorded; it
    returns perf_counter at the commit. `undo` removes the year."""
    import shutil
    import tempfile

    from sqlalchemy import delete

    from data_access import models as m
    from data_access.engine import make_engine
    from data_access.importer import import_path
    from data_access.readers import read_roster
    from data_access.writer import bump_data_version

    eng = make_engine(url)
    timings: dict[str, float] = {}

    def do() -> float:
        with eng.connect() as conn:
            rows = read_roster(conn, years=[year - 1])
        folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
        try:
            rows.with_columns(pl.lit(year, pl.Int16).alias("year")).write_csv(folder / "roster.csv")
            start, cpu = time.perf_counter(), time.process_time()
            report = import_path(eng, folder / "roster.csv", lang="en")
            done = time.perf_counter()
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        if not report.ok:
            raise RuntimeError("bench import failed: " + "; ".join(report.lines()[:5]))
        timings.update(
            import_s=done - start, import_cpu_s=time.process_time() - cpu, rows=rows.height
        )
        return done

    def undo() -> None:
        with eng.begin() as conn:
            conn.execute(delete(m.Roster).where(m.Roster.year == year))
            bump_data_version(conn, {"roster": {year}})
        eng.dispose()

    return do, undo, timings


def browser(ctx: Any, work: Path) -> None:
    """The app in Chromium: cold start, warm year changes, every page, then an import."""
    from bench import browser as web

    rep, new_year = ctx.rep, ctx.year + 1
    do, undo, timings = _import_new_year(ctx.url, new_year)
    try:
        b = web.measure(
            ctx.url,
            ctx.env,
            work / "app-browser.log",
            years=ctx.years,
            runs=max(ctx.opts.runs, 6),
            do_import=do,
            new_year=new_year,
            nginx=ctx.opts.nginx,
            warm_up=ctx.opts.warm_up,
            say=ctx.opts.log,
        )
    finally:
        undo()
    via = "through nginx (deploy/nginx.conf.template)" if b["behind_nginx"] else "direct"
    rep.add("browser", f"the browser reaches each process {via}", "", "")
    what = "cold start → first chart (process start, aggregates present)"
    if ctx.opts.warm_up:
        what += ", warm-up at server start"
    rep.add("browser", what, b["cold_s"], f"s ({sig3(b['cold_cpu_s'])} s CPU of the app)")
    rep.add("browser", "  of which: page requested → first chart", b["cold_page_s"], "s")
    rep.add(
        "browser", "  HTTP bytes downloaded before it (empty cache)", f"{b['first_bytes']:,}", "B"
    )
    n = len(b["warm_runs"])
    rep.add("browser", f"warm year change → notRunning, p50 of {n}", b["warm_p50"], "s")
    rep.add("browser", f"  p95 of {n}", b["warm_p95"], "s")
    rep.add("browser", "  app CPU per change", b["warm_cpu_s"], "s")
    rep.add("browser", f"app peak RSS after every page ({len(b['pages'])})", b["app_peak_mb"], "MB")
    rows = timings.get("rows", 0)
    rep.add(
        "browser",
        f"import of roster {new_year} ({rows:,} rows, CSV through the importer)",
        timings.get("import_s"),
        f"s ({sig3(timings.get('import_cpu_s'))} s CPU of this process; parsing in a child)",
    )
    rep.add(
        "browser",
        "  import committed → the overview shows the year",
        b.get("import_visible_s"),
        "s",
    )
    rep.add(
        "browser",
        "  app peak RSS after the import's rebuild",
        b.get("app_peak_after_import_mb"),
        "MB",
    )
    _floor_rows(rep, b)
    ctx.rep.figures |= {
        "cold_s": b["cold_s"],
        "browser_warm_s": b["warm_p50"],
        "app_peak_mb": b["app_peak_mb"],
        "import_visible_s": b.get("import_visible_s"),
        "first_bytes": b["first_bytes"],
        **{k: b.get(k) for k in FLOOR_KEYS},
    }


FLOOR_KEYS = ("floor_cold_s", "cold_ratio", "cold_over_s", "cold_cpu_over_s", "floor_warm_s",
              "warm_ratio", "warm_p95_ratio", "warm_cpu_ratio")  # fmt: skip


def _floor_rows(rep: Any, b: dict[str, Any]) -> None:
    """The floor app's figures (bench/floor_app.py, same run, alternating) and the ratios."""
    f = b.get("floor")
    if not f:
        rep.add("floor", "not measured", "", "")
        return
    note = f"s ({sig3(f['cold_cpu_s'])} s CPU of the floor app)"
    rep.add("floor", "bare Streamlit app: cold start → first chart", f["cold_s"], note)
    rep.add(
        "floor", "  HTTP bytes downloaded before it (empty cache)", f"{f['first_bytes']:,}", "B"
    )
    n = len(f["warm_runs"])
    rep.add("floor", f"  warm change → chart shows it, p50 of {n}", f["warm_p50"], "s")
    rep.add("floor", f"  p95 of {n}", f["warm_p95"], "s")
    rep.add("floor", "  floor CPU per change", f["warm_cpu_s"], "s")
    rep.add("floor", "app ÷ floor: warm p50 (goal ≤ 1.2)", b.get("warm_ratio"), "×")
    rep.add("floor", "app ÷ floor: warm p95 (goal ≤ 1.2)", b.get("warm_p95_ratio"), "×")
    rep.add("floor", "app ÷ floor: CPU per warm change (goal ≤ 2)", b.get("warm_cpu_ratio"), "×")
    rep.add("floor", "app ÷ floor: cold start", b.get("cold_ratio"), "×")
    rep.add("floor", "app − floor: cold start (goal ≤ 1.0 s)", b.get("cold_over_s"), "s")
    rep.add("floor", "app − floor: CPU before the first chart (goal ≤ 0.5 s)",
            b.get("cold_cpu_over_s"), "s")  # fmt: skip


def growth(ctx: Any, work: Path, probe: Probe, sizes: tuple[int, ...]) -> None:
    """Memory and cold start from one cluster to the size of this run (its own row last)."""
    from bench import browser as web

    rows: list[tuple[int, dict[str, Any]]] = []
    ys = ",".join(str(y) for y in ctx.years)
    for people in sizes:
        url = f"sqlite:///{work / f'growth-{people}.db'}"
        g = probe("generate", url, ctx.env, people=people, years=ys, seed=ctx.opts.seed)
        a = probe("aggregates-build", url, ctx.env)
        b = web.measure(
            url, ctx.env, work / f"growth-{people}.log", years=ctx.years, runs=4, floor=False
        )
        rows.append((people, {"rows": sum(g["rows"].values()), "build": a, "app": b}))
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    f = ctx.rep.figures
    for people, r in rows:
        what = f"{people:,} staff ({r['rows']:,} rows)"
        note = (
            f"s cold start; app {sig3(r['app']['app_peak_mb'])} MB; warm p50 "
            f"{sig3(r['app']['warm_p50'])} s; build {sig3(r['build']['seconds'][0])} s / "
            f"{sig3(r['build']['peak_mb'])} MB"
        )
        ctx.rep.add("growth", what, r["app"]["cold_s"], note)
    if f.get("cold_s") is not None:
        note = (
            f"s cold start; app {sig3(f.get('app_peak_mb'))} MB; warm p50 "
            f"{sig3(f.get('browser_warm_s'))} s; build {sig3(f.get('aggregates_build_s'))} s"
        )
        ctx.rep.add("growth", f"{ctx.opts.people:,} staff (this run)", f["cold_s"], note)


def cpu_ratios(ctx: Any) -> None:
    """Each ratio from CPU time too (wall clocks swing 2× on a shared machine)."""
    f, rep = ctx.rep.figures, ctx.rep
    t = f.get("pipeline_cpu_s")
    for name, key in (("pandas", "pandas_cpu_s"), ("SQL (SQLite, in this process)", "sql_cpu_s")):
        v = f.get(key)
        ratio = v / t if v and t else None
        f[key.replace("_cpu_s", "_cpu_ratio")] = ratio
        rep.add("ratios", f"{name} ÷ engine, CPU time", ratio, "×")
    rep.add("ratios", "DuckDB ÷ engine (from Parquet), wall", f.get("duckdb_ratio"), "×")
    rep.add("ratios", "DuckDB ÷ engine (from Parquet), CPU time", f.get("duckdb_cpu_ratio"), "×")
