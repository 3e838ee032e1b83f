"""The one composition of the engine: counts → indicators → targets → quotas, rankings, trends,
eligibility, streaks, budget.

Every caller goes through these functions: the app's cached loaders (each a thin wrapper that
adds a cache key), the export tables (`dashboard.tables`) and the benchmark (`bench/`), so the
benchmark times what the app runs. Stages take the output of the stage before, so a caller can
cache or time each one; `run` chains them for one year the way the pages use it.

Year windows: a year's rankings and rank change need that year and the one before (`window`);
trends need every year up to the chosen one (`data_years(ds, up_to=year)`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from sqlalchemy import Engine

from dashboard import organisation as org
from dashboard.budget import budget
from dashboard.counts import counts
from dashboard.history import with_history
from dashboard.indicators import indicators
from dashboard.rankings import rankings
from dashboard.rules.eligibility import eligibility
from dashboard.rules.quotas import quotas
from dashboard.rules.streaks import streak_candidates
from dashboard.targets import resolve_targets, with_targets
from dashboard.trends import trends
from data_access import aggregates
from data_access.aggregates import Derived, Store
from data_access.catalog import HERE as CATALOG_DIR
from data_access.errors import StorageError
from data_access.readers import Dataset

STAGES = ("counts", "indicators", "targets", "quotas", "rankings", "trends")


def window(year: int) -> list[int]:
    """The years a year's tables read: the year before (rank change, delta) and the year."""
    return [year - 1, year]


def data_years(ds: Dataset, *, up_to: int | None = None) -> list[int]:
    """Years with roster, unit_counts or targets rows in `ds` (at most `up_to`), ascending."""
    years = pl.concat(
        [f.select(pl.col("year").cast(pl.Int64)) for f in (ds.roster, ds.unit_counts, ds.targets)]
    )["year"]
    if up_to is not None:
        years = years.filter(years <= up_to)
    return sorted(years.unique().to_list())


# --- stages --------------------------------------------------------------------------------------
def counts_for(ds: Dataset, years: Iterable[int] | None = None) -> pl.DataFrame:
    """Per unit-year measures of `years` (every year when None)."""
    return counts(ds, years=None if years is None else sorted(set(years)))


def indicators_for(counts_frame: pl.DataFrame) -> pl.DataFrame:
    """Indicator values of every unit and cluster pool (no targets)."""
    return indicators(counts_frame)


def targeted(ind: pl.DataFrame, ds: Dataset) -> pl.DataFrame:
    """Indicators with their resolved targets, status and attainment."""
    return with_targets(ind, resolve_targets(ds))


def indicators_with_targets(ds: Dataset, years: Iterable[int] | None = None) -> pl.DataFrame:
    return targeted(indicators_for(counts_for(ds, years)), ds)


def quotas_for(counts_frame: pl.DataFrame, year: int | None = None) -> pl.DataFrame:
    """Quota headroom of every rule in force; of `year` only when given."""
    if year is not None:
        counts_frame = counts_frame.filter(pl.col("year") == year)
    return quotas(counts_frame)


def rankings_for(ind_with_targets: pl.DataFrame, ds: Dataset, year: int) -> pl.DataFrame:
    """The cluster ranking of `year`; `ind_with_targets` must hold `window(year)`."""
    return rankings(ind_with_targets, ds, year=year)


def rank_history(
    ds: Dataset, up_to: int | None = None, *, counts_frame: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Every year's ranking up to `up_to` in one frame (the rank history chart); from
    `counts_frame` (every year) when given, so `ds` needs only the small tables."""
    years = data_years(ds, up_to=up_to)
    if not years:
        return pl.DataFrame(
            schema={
                "year": pl.Int16,
                "cluster_code": pl.String,
                "unit_code": pl.String,
                "rank": pl.Int64,
            }
        )
    span = [years[0] - 1, *years]
    if counts_frame is None:
        ind = indicators_with_targets(ds, span)
    else:
        c = counts_frame.filter(pl.col("year").is_in(span))
        ind = targeted(indicators_for(c), ds)
    return pl.concat([rankings_for(ind, ds, y) for y in years], how="diagonal_relaxed")


def trends_for(
    ind: pl.DataFrame,
    up_to: int | None = None,
    *,
    ds: Dataset | None = None,
    counts_frame: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Each indicator over the years with its change in points; up to `up_to` when given.

    With `ds` and `counts_frame` (the counts `ind` was made from) a merged, split or renamed
    unit's years before its change are its sources pooled, labelled in `pooled_from`; with `ds`
    and `up_to`, each unit's line carries its cluster of `up_to` (organisation.membership)."""
    if ds is not None and counts_frame is not None:
        ind = with_history(ind, counts_frame, ds)
    clusters = None
    if ds is not None and up_to is not None:
        clusters = org.membership(ds, [up_to]).select("unit_code", "cluster_code")
    out = trends(ind, clusters=clusters)
    return out if up_to is None else out.filter(pl.col("year") <= up_to)


def eligibility_for(ds: Dataset, year: int) -> pl.DataFrame:
    return eligibility(ds, year=year)


def streaks_for(ds: Dataset, year: int) -> pl.DataFrame:
    return streak_candidates(ds, year=year)


def budget_for(ds: Dataset, year: int) -> pl.DataFrame:
    return budget(ds, year=year)


# --- the contract tables, unshaped -------------------------------------------------------------
def table(
    name: str,
    ds: Dataset,
    year: int,
    *,
    counts_frame: pl.DataFrame | None = None,
    budget_frame: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """The engine output behind contract table `name` for `year` (shaped by dashboard.tables).

    With the stored aggregates (`counts_frame`: every year's counts; `budget_frame`: the
    year's budget) `ds` needs only the small tables, except for eligibility."""

    def cnt(years: list[int]) -> pl.DataFrame:
        if counts_frame is None:
            return counts_for(ds, years)
        return counts_frame.filter(pl.col("year").is_in(years))

    if name == "indicators":
        return targeted(indicators_for(cnt([year])), ds).filter(pl.col("year") == year)
    if name == "quotas":
        return quotas_for(cnt([year]), year)
    if name == "eligibility":
        return eligibility_for(ds, year)
    if name == "rankings":
        return rankings_for(targeted(indicators_for(cnt(window(year))), ds), ds, year)
    if name == "trends":
        c = cnt(data_years(ds, up_to=year))
        return trends_for(indicators_for(c), year, ds=ds, counts_frame=c)
    if name == "budget":
        return budget_for(ds, year) if budget_frame is None else budget_frame
    raise KeyError(name)


# --- aggregates per data version (built once, stored beside the snapshot) ----------------------
# The organisation of the year (cluster_members, unit_changes, period_start_month on clusters
# and units) is an input too: importing a year's membership rebuilds that year's aggregates.
ORGANISATION = ("cluster_members", "unit_changes")
COUNT_INPUTS = (
    "clusters",
    "units",
    "collectives",
    "roster",
    "ratings",
    "awards",
    "unit_counts",
    *ORGANISATION,
)
BUDGET_INPUTS = ("clusters", "units", "collectives", "roster", "awards", *ORGANISATION)
RECIPE_VERSION = "2"  # bump when counts or budget change meaning: stored aggregates rebuild


def _stored_counts(store: Store, year: int) -> pl.DataFrame:
    ds = store.dataset(years=[year], tables=COUNT_INPUTS)
    if not org.shifted_subjects(ds).is_empty():
        # A school year's first months are in the calendar year before (the ratings partition
        # Y − 1): counts() keeps only the monthly ratings whose emulation year is `year`.
        earlier = store.dataset(years=[year - 1], tables=("ratings",)).ratings
        ds = dataclasses.replace(ds, ratings=pl.concat([earlier, ds.ratings]))
    return counts_for(ds, [year])


def _stored_budget(store: Store, year: int) -> pl.DataFrame:
    return budget_for(store.dataset(years=[year], tables=BUDGET_INPUTS), year)


DERIVED = (
    Derived("counts", COUNT_INPUTS, _stored_counts, feeds_next=("ratings",)),
    Derived("budget", BUDGET_INPUTS, _stored_budget),
)


def recipe() -> str:
    """What the stored aggregates were computed with: this recipe and the catalogue."""
    h = hashlib.sha256(RECIPE_VERSION.encode())
    for f in sorted(CATALOG_DIR.glob("*.toml")):
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


BUILD_URL_ENV = "THIDUA_BUILD_URL"
# The child's exit code for each kind of storage error (data_access.errors.StorageError).
STORAGE_EXIT = {"disk_full": 3, "read_only": 4, "other": 5}
_CHILD = "from dashboard import pipeline; pipeline._build_from_env()"


def _build_from_env() -> None:
    from data_access.engine import make_engine

    eng = make_engine(os.environ[BUILD_URL_ENV])
    try:
        build_aggregates(eng)
    except StorageError as exc:  # the parent says which: a full disk is not a lost database
        print(exc, file=sys.stderr)
        raise SystemExit(STORAGE_EXIT[exc.kind]) from exc
    finally:
        eng.dispose()


def build_aggregates(engine: Engine, *, in_child: bool = False) -> Store:
    """The stored aggregates of the current data version, built (incrementally) if missing.

    `in_child`: build in a short-lived process (the app's choice), so the frames a build holds
    (a year's person rows) never raise the serving process's peak; it waits for the child."""
    if in_child and aggregates.current(engine, recipe=recipe()) is None:
        url = engine.url.render_as_string(hide_password=False)  # in the environment, not argv
        root = str(Path(__file__).resolve().parents[1])  # the child imports this package
        path = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p)
        env = dict(os.environ, **{BUILD_URL_ENV: url, "PYTHONPATH": path})
        done = subprocess.run([sys.executable, "-c", _CHILD], env=env, check=False)
        kinds = {code: kind for kind, code in STORAGE_EXIT.items()}
        if done.returncode in kinds:
            raise StorageError(kinds[done.returncode], str(aggregates.root_for(engine)))
        if done.returncode != 0:
            raise RuntimeError(f"building the aggregates failed (exit {done.returncode})")
    return aggregates.ensure(engine, DERIVED, recipe=recipe())


def small_dataset(store: Store) -> Dataset:
    """The small tables (structure, targets, roles, scores, reported counts); person-level
    tables empty: all the aggregate pages need beside the stored counts."""
    return store.dataset(tables=aggregates.SMALL)


# --- one year, stage by stage (what the benchmark times) -----------------------------------------
@dataclass(frozen=True)
class Run:
    counts: pl.DataFrame
    indicators: pl.DataFrame  # with targets, status and attainment
    quotas: pl.DataFrame
    rankings: pl.DataFrame
    trends: pl.DataFrame
    seconds: dict[str, float] = field(default_factory=dict)  # wall clock per stage
    cpu_seconds: dict[str, float] = field(default_factory=dict)  # process CPU per stage

    @property
    def total(self) -> float:
        return sum(self.seconds.values())

    @property
    def cpu_total(self) -> float:
        return sum(self.cpu_seconds.values())


def run(
    ds: Dataset,
    *,
    year: int,
    earlier: pl.DataFrame | None = None,
    years: list[int] | None = None,
) -> Run:
    """Every indicator of every unit and cluster, targets, quotas, rankings and trends of `year`.

    Counts `year` and adds `earlier` (the counts of the year before, as the app's year-by-year
    cache holds them; computed here when None); or, with `years`, counts all of those at once.
    """
    seconds: dict[str, float] = {}
    cpu: dict[str, float] = {}

    def timed(stage: str, fn: Callable[[], pl.DataFrame]) -> pl.DataFrame:
        wall0, cpu0 = time.perf_counter(), time.process_time()
        out = fn()
        seconds[stage] = time.perf_counter() - wall0
        cpu[stage] = time.process_time() - cpu0
        return out

    if years is not None:
        c = timed("counts", lambda: counts_for(ds, years))
    else:
        before = earlier if earlier is not None else counts_for(ds, [year - 1])
        c = timed("counts", lambda: pl.concat([before, counts_for(ds, [year])]))
    ind = timed("indicators", lambda: indicators_for(c))
    wt = timed("targets", lambda: targeted(ind, ds))
    q = timed("quotas", lambda: quotas_for(c, year))
    r = timed("rankings", lambda: rankings_for(wt, ds, year))
    tr = timed("trends", lambda: trends_for(ind, ds=ds, counts_frame=c))
    return Run(c, wt, q, r, tr, seconds, cpu)
