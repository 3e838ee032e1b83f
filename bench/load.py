"""Load test: N concurrent sessions on the overview while an import runs, nothing lost.

    python -m bench.load                    # 20 sessions, province data (cached)
    python -m bench.load --sessions 5 --scale demo

Sessions are Streamlit AppTest instances, one per thread, in this process. Why not real websocket
clients against `streamlit run`: AppTest runs the real script (streamlit_app.py and the overview
page) with the real `st.cache_data`/`st.cache_resource`, which are per process and shared by every
session exactly as in a server, and it gives each session its own session state and widget
values; it needs no hand-written protobuf client, and `at.run()` measures the server's work for
one interaction (script run to the last element), without the browser's rendering or the network.
What it does not measure: the tornado/websocket layer and the delta serialisation to browsers.

Each session: open the overview, change the year, change the cluster, go back to the first year.
Meanwhile a thread imports `--import-rows` new people and their roster rows (the Dữ liệu upload
path, `data_access.importer.import_files`). At the end: no exception or error in any session, the
import succeeded, and every table's row count is exactly before + inserted.

The seeded database of a scale is cached in ~/.cache/thidua/ (or --cache) and copied for each
run, so a run always starts from the same data. SQLite only (a PostgreSQL URL may be given with
--db: it must hold seeded data and receives the import).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

APP = str(ROOT / "streamlit_app.py")
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "thidua"
INTERACTIONS = ("open", "year", "cluster", "year_back")
SECTION_FAILED = ("Không tính được phần này", "This part could not be computed")


@dataclass
class Result:
    """Timings per interaction (seconds), errors, the import's report and the row counts."""

    timings: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in INTERACTIONS})
    errors: list[str] = field(default_factory=list)
    before: dict[str, int] = field(default_factory=dict)
    after: dict[str, int] = field(default_factory=dict)
    inserted: dict[str, int] = field(default_factory=dict)
    import_seconds: float = 0.0
    spans: list[tuple[float, float]] = field(default_factory=list)  # each interaction's
    import_span: tuple[float, float] = (0.0, 0.0)
    total_seconds: float = 0.0

    def all_timings(self) -> list[float]:
        return [s for v in self.timings.values() for s in v]

    @property
    def overlapped(self) -> int:
        """Interactions that were running while the import was."""
        a, b = self.import_span
        return sum(1 for s, e in self.spans if s < b and e > a)


def seeded_db(scale: str, cache: Path, workdir: Path) -> str:
    """A copy of the cached seeded SQLite database of `scale` (seeded on first use)."""
    from data_access.engine import make_engine, upgrade

    cache.mkdir(parents=True, exist_ok=True)
    cached = cache / f"load-{scale}.db"
    if not cached.exists():
        import seed

        tmp = cached.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        eng = make_engine(f"sqlite:///{tmp}")
        upgrade(eng)
        seed.populate(eng, scale=scale, progress=True)
        eng.dispose()  # the last connection checkpoints and removes the WAL
        tmp.rename(cached)
    target = workdir / "thidua.db"
    shutil.copyfile(cached, target)
    eng = make_engine(f"sqlite:///{target}")
    upgrade(eng)  # a cache from an older schema is brought up to date
    eng.dispose()
    return f"sqlite:///{target}"


def row_counts(url: str) -> dict[str, int]:
    from sqlalchemy import func, select

    from data_access import models as m
    from data_access.engine import make_engine

    eng = make_engine(url)
    try:
        with eng.connect() as conn:
            return {
                t.__tablename__: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in m.CONTRACT_TABLES
            }
    finally:
        eng.dispose()


def import_files_for(url: str, rows: int) -> list[tuple[str, bytes]]:
    """`rows` new people (codes LOAD000001…) on the roster of the last year, on the units that
    have staff that year."""
    import polars as pl
    from sqlalchemy import text

    from data_access.engine import make_engine

    eng = make_engine(url)
    with eng.connect() as conn:
        year = conn.execute(text("SELECT max(year) FROM roster")).scalar_one()
        # units with staff that year: a school merged away has none (and takes no roster row)
        units = [
            r[0]
            for r in conn.execute(
                text("SELECT DISTINCT unit_code FROM roster WHERE year = :y ORDER BY 1"),
                {"y": year},
            )
        ]
    eng.dispose()
    codes = pl.Series("person_code", [f"LOAD{i:06d}" for i in range(1, rows + 1)])
    people = pl.DataFrame({"person_code": codes, "full_name": "Người thử tải " + codes})
    roster = pl.DataFrame(
        {
            "year": pl.repeat(year, rows, eager=True),
            "person_code": codes,
            "unit_code": pl.Series(units).gather(pl.int_range(rows, eager=True) % len(units)),
        }
    )
    return [
        ("people.csv", people.write_csv().encode()),
        ("roster.csv", roster.write_csv().encode()),
    ]


def _session(i: int, result: Result, lock: threading.Lock) -> None:
    from streamlit.testing.v1 import AppTest

    def step(name: str, act) -> object:
        t0 = time.perf_counter()
        at = act()
        t1 = time.perf_counter()
        took = t1 - t0
        problems = [f"session {i} {name}: exception {e.value}" for e in at.exception]
        problems += [f"session {i} {name}: error {e.value}" for e in at.error]
        # a page section that failed (widgets.guard) shows a warning instead of a traceback
        problems += [
            f"session {i} {name}: section failed {w.value}"
            for w in at.warning
            if str(w.value).startswith(SECTION_FAILED)
        ]
        with lock:
            result.timings[name].append(took)
            result.errors.extend(problems)
            result.spans.append((t0, t1))
        return at

    try:
        at = AppTest.from_file(APP, default_timeout=900)
        step("open", at.run)
        years = at.selectbox(key="w_year").options
        first = at.selectbox(key="w_year").value
        other = next((y for y in years if str(y) != str(first)), first)
        step("year", lambda: at.selectbox(key="w_year").select(other).run())
        clusters = at.selectbox(key="w_cluster").options
        # spread the sessions over the clusters (different cache entries, like real users)
        cluster = clusters[i % len(clusters)]
        step("cluster", lambda: at.selectbox(key="w_cluster").select(cluster).run())
        step("year_back", lambda: at.selectbox(key="w_year").select(first).run())
    except Exception as exc:  # noqa: BLE001 - reported, the other sessions go on
        with lock:
            result.errors.append(f"session {i}: {type(exc).__name__}: {exc}")


def run(url: str, *, sessions: int, import_rows: int) -> Result:
    """Sessions in threads and one import alongside; row counts checked afterwards."""
    from data_access.engine import make_engine
    from data_access.importer import import_files

    os.environ["THIDUA_DB_URL"] = url
    result = Result(before=row_counts(url))
    files = import_files_for(url, import_rows)
    lock = threading.Lock()

    def do_import() -> None:
        eng = make_engine(url)
        t0 = time.perf_counter()
        try:
            report = import_files(eng, files)
            if not report.ok:
                result.errors.append("import failed: " + " | ".join(report.lines()[:5]))
            result.inserted = {s.table: s.inserted for s in report.summary}
        except Exception as exc:  # noqa: BLE001 - reported
            result.errors.append(f"import: {type(exc).__name__}: {exc}")
        finally:
            result.import_span = (t0, time.perf_counter())
            result.import_seconds = result.import_span[1] - t0
            eng.dispose()

    threads = [
        threading.Thread(target=_session, args=(i, result, lock), name=f"s{i}")
        for i in range(sessions)
    ]
    importer = threading.Thread(target=do_import, name="import")
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    time.sleep(0.5)  # the sessions are running their first script when the import begins
    importer.start()
    importer.join()
    for t in threads:
        t.join()
    result.total_seconds = time.perf_counter() - t0
    result.after = row_counts(url)
    return result


def lost_rows(result: Result) -> dict[str, tuple[int, int]]:
    """Tables whose count is not before + inserted: {table: (expected, found)}."""
    out = {}
    for name, was in result.before.items():
        expected = was + result.inserted.get(name, 0)
        if result.after.get(name) != expected:
            out[name] = (expected, result.after.get(name, -1))
    return out


def _pct(values: list[float], q: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(q) - 1]


def report(result: Result, sessions: int) -> str:
    lines = [f"{sessions} sessions, {len(result.all_timings())} interactions"]
    lines.append(f"{'interaction':<12} {'n':>4} {'p50 s':>8} {'p95 s':>8} {'max s':>8}")
    for name, values in [*result.timings.items(), ("all", result.all_timings())]:
        if values:
            lines.append(
                f"{name:<12} {len(values):>4} {_pct(values, 50):>8.2f} "
                f"{_pct(values, 95):>8.2f} {max(values):>8.2f}"
            )
    lines.append(
        f"import: {result.inserted} in {result.import_seconds:.1f} s; "
        f"{result.overlapped} interactions ran during it"
    )
    lines.append(f"total: {result.total_seconds:.1f} s")
    lost = lost_rows(result)
    lines.append("row counts: " + ("before + inserted, nothing lost" if not lost else str(lost)))
    lines.append(f"errors: {len(result.errors)}")
    lines += [f"  {e}" for e in result.errors[:20]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--sessions", type=int, default=20)
    p.add_argument("--scale", default="province", choices=("demo", "province"))
    p.add_argument("--import-rows", type=int, default=5000)
    p.add_argument("--db", help="a seeded database to use as is (receives the import)")
    p.add_argument("--cache", type=Path, default=CACHE, help="where seeded databases are kept")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="thidua-load-") as work:
        url = args.db or seeded_db(args.scale, args.cache, Path(work))
        result = run(url, sessions=args.sessions, import_rows=args.import_rows)
        print(report(result, args.sessions))
    return 1 if result.errors or lost_rows(result) else 0


if __name__ == "__main__":
    sys.exit(main())
