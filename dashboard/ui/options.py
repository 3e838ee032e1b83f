"""What the filters offer (years, clusters, units) and how they answer by year: the cluster's
members of a year, a year as the cluster shows it. Built by `loaders` per data version."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from dashboard.views import lineage

__all__ = ["Options"]


@dataclass(frozen=True, eq=False)
class Options:
    """What the filters offer: years, clusters and units (codes as text, by code)."""

    years: tuple[int, ...]
    clusters: pl.DataFrame  # cluster_code, cluster_name
    units: pl.DataFrame  # unit_code, unit_name, cluster_code (and profile, short_name)
    whole: frozenset[str]  # the clusters whose every unit is visible ("the whole cluster")
    # years without any year-end result yet (the year in progress: monthly ratings only)
    in_progress: frozenset[int] = frozenset()
    # year, unit_code, cluster_code: who was in which cluster each year (dashboard.organisation)
    members: pl.DataFrame | None = None
    starts: dict[str, int] = field(default_factory=dict)  # cluster -> emulation year's month
    successors: dict[str, str] = field(default_factory=dict)  # merged-away unit -> the one

    def units_of(self, cluster: str | None, year: int | None = None) -> list[str]:
        """The cluster's units (in `year`, when given: its members that year, so a unit merged
        away is offered only for the years it existed)."""
        if cluster is None:
            return []
        mine = self.units.filter(pl.col("cluster_code") == cluster)["unit_code"].to_list()
        m = self.members
        if year is None or m is None or m.is_empty():
            return mine
        that_year = m.filter((pl.col("year") == year) & (pl.col("cluster_code") == cluster))
        if that_year.is_empty() and year not in set(m["year"].to_list()):
            return mine
        listed = set(that_year["unit_code"].to_list())
        return [u for u in self.units["unit_code"].to_list() if u in listed]

    def year_text(self, year: int, cluster: str | None) -> str:
        """The year as shown for `cluster`: "2025", or "2024–2025" on the school year."""
        return lineage.year_text(year, self.starts.get(cluster or ""))

    def file_year(self, year: int, cluster: str | None) -> str:
        return lineage.file_year(year, self.starts.get(cluster or ""))

    def cluster_codes(self) -> list[str]:
        return self.clusters["cluster_code"].to_list()
