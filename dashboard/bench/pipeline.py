"""The engine for one year, composed as dashboard/tables.py composes it, stage by stage.

One year's tables need the year before as well (rank change, delta_pp), so the window of a year
Y is [Y − 1, Y]. Counts are computed once and shared by every stage (tables.py recomputes them
per table; the export formatting — rounding, sorting, text codes — is not timed here).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from data_access.readers import Dataset

STAGES = ("counts", "indicators", "targets", "quotas", "rankings", "trends")


def window(year: int) -> list[int]:
    """The years the tables of `year` read: the year and the one before."""
    return [year - 1, year]


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


def run_engine(ds: Dataset, *, year: int, years: list[int] | None = None) -> EngineResult:
    """Every indicator of every unit and cluster, targets, quotas, rankings and trends.

    `years`: the years counted (default: the window of `year`; the app counts every year).
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

    ys = years if years is not None else window(year)
    c = timed("counts", lambda: counts(ds, years=ys))
    ind = timed("indicators", lambda: indicators(c))
    wt = timed("targets", lambda: with_targets(ind, resolve_targets(ds)))
    q = timed("quotas", lambda: quotas(c.filter(pl.col("year") == year)))
    r = timed("rankings", lambda: rankings(wt, ds, year=year))
    tr = timed("trends", lambda: trends(ind))
    return EngineResult(c, wt, q, r, tr, seconds)
