"""The engine for one year, composed as dashboard/tables.py composes it, stage by stage.

"For one year" means the work that year Y's data costs: its person-level rows are counted
(`counts` for Y), then indicators, targets, quotas, rankings and trends are computed over the
counts of Y and of the year before (rank change and delta_pp need Y − 1). The year before is
counted once beforehand and passed in (`earlier`): its rows do not change when Y is computed, as
the app's caches keep it. `run_engine(ds, year=Y, years=[...])` instead counts every listed year
in the timed run (the app's first start: every year at once).

Counts are computed once and shared by every stage (tables.py recomputes them per table); the
export formatting (rounding, sorting, text codes) is not timed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from data_access.readers import Dataset

STAGES = ("counts", "indicators", "targets", "quotas", "rankings", "trends")


def window(year: int) -> list[int]:
    """The years whose rows the tables of `year` read: the year and the one before."""
    return [year - 1, year]


def earlier_counts(ds: Dataset, year: int) -> pl.DataFrame:
    """The counts of the year before `year` (computed once, outside the timed runs)."""
    from dashboard.counts import counts

    return counts(ds, years=[year - 1])


@dataclass(frozen=True)
class EngineResult:
    counts: pl.DataFrame
    indicators: pl.DataFrame  # with targets, status and attainment
    quotas: pl.DataFrame
    rankings: pl.DataFrame
    trends: pl.DataFrame
    seconds: dict[str, float]  # per stage

    @property
    def total(self) -> float:
        return sum(self.seconds.values())


def run_engine(
    ds: Dataset,
    *,
    year: int,
    earlier: pl.DataFrame | None = None,
    years: list[int] | None = None,
) -> EngineResult:
    """Every indicator of every unit and cluster, targets, quotas, rankings and trends.

    Counts `year` and adds `earlier` (the counts of the year before, `earlier_counts`); or, with
    `years`, counts all of those years in the timed run.
    """
    from dashboard.counts import counts
    from dashboard.indicators import indicators
    from dashboard.quotas import quotas
    from dashboard.rankings import rankings
    from dashboard.targets import resolve_targets, with_targets
    from dashboard.trends import trends

    seconds: dict[str, float] = {}

    def timed(stage: str, fn: Callable[[], pl.DataFrame]) -> pl.DataFrame:
        start = time.perf_counter()
        out = fn()
        seconds[stage] = time.perf_counter() - start
        return out

    if years is not None:
        c = timed("counts", lambda: counts(ds, years=years))
    else:
        before = earlier if earlier is not None else earlier_counts(ds, year)
        c = timed("counts", lambda: pl.concat([before, counts(ds, years=[year])]))
    ind = timed("indicators", lambda: indicators(c))
    wt = timed("targets", lambda: with_targets(ind, resolve_targets(ds)))
    q = timed("quotas", lambda: quotas(c.filter(pl.col("year") == year)))
    r = timed("rankings", lambda: rankings(wt, ds, year=year))
    tr = timed("trends", lambda: trends(ind))
    return EngineResult(c, wt, q, r, tr, seconds)
