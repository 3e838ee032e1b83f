"""The organisation of contract 0.3.0 worked out in pandas from the tables, for the benchmark's
pandas reference (bench/pandas_reference.py): not used by the app, and independent of
dashboard/organisation.py on purpose (the reference checks the engine).

- start month: `period_start_month` of the unit, else of its (current) cluster, else 1; with
  m > 1 months m..12 of a calendar year belong to the next emulation year;
- membership: a year's `cluster_members` rows, or for a year with none `units.cluster_code`;
- a change takes effect in its successor's emulation year holding its date; for a year before
  it, a unit's figures are its sources' pooled (chains compose).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd


def start_months(t: dict[str, pd.DataFrame]) -> pd.Series:
    """unit_code → first month of its emulation year: its own, else its cluster's, else 1."""
    units = t["units"][["unit_code", "cluster_code", "period_start_month"]]
    clusters = t["clusters"][["cluster_code", "period_start_month"]]
    u = units.merge(clusters, on="cluster_code", how="left", suffixes=("", "_cluster"))
    m = u["period_start_month"].fillna(u["period_start_month_cluster"]).fillna(1)
    return pd.Series(m.astype(int).to_numpy(), index=u["unit_code"], name="start_month")


def next_year(month: pd.Series, start: pd.Series) -> pd.Series:
    """The month opens the next emulation year (start month > 1 and month ≥ start)."""
    return ((start > 1) & (month >= start)).astype(int)


def membership(t: dict[str, pd.DataFrame], years: Iterable[int]) -> pd.DataFrame:
    """year, unit_code, cluster_code: a year's `cluster_members` rows, or for a year with none
    every unit in its `units.cluster_code`."""
    ys = sorted({int(y) for y in years})
    cm = t["cluster_members"]
    listed = cm.loc[cm["year"].isin(ys), ["year", "unit_code", "cluster_code"]]
    rest = [y for y in ys if y not in set(listed["year"])]
    units = t["units"].loc[t["units"]["cluster_code"].notna(), ["unit_code", "cluster_code"]]
    fallback = pd.DataFrame({"year": rest}).merge(units, how="cross")
    out = pd.concat([listed, fallback[["year", "unit_code", "cluster_code"]]], ignore_index=True)
    return out.astype({"year": "int64"})


def changes(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """unit_changes with `effective_year`: the successor's emulation year holding the date."""
    ch = t["unit_changes"][["from_unit_code", "to_unit_code", "effective_date"]].copy()
    day = pd.to_datetime(ch["effective_date"])
    start = ch["to_unit_code"].map(start_months(t)).fillna(1).astype(int)
    ch["effective_year"] = day.dt.year + next_year(day.dt.month, start)
    return ch


def history_sources(t: dict[str, pd.DataFrame], years: Iterable[int]) -> pd.DataFrame:
    """unit_code, year, source_code: for a year before a change took effect, the units whose
    figures stand for the unit's (a merged unit's predecessors and itself, a split or renamed
    unit's parent; chains compose). Units whose history is their own are left out."""
    edges: dict[str, list[tuple[str, int]]] = {}
    for row in changes(t).itertuples():
        edges.setdefault(row.to_unit_code, []).append((row.from_unit_code, row.effective_year))

    def sources(unit: str, year: int, seen: frozenset[str]) -> set[str]:
        out = {unit}
        for pred, eff in edges.get(unit, ()):
            if year < eff and pred != unit and pred not in seen:
                out |= sources(pred, year, seen | {pred})
        return out

    rows = [
        (unit, y, src)
        for unit in edges
        for y in sorted({int(y) for y in years})
        if (got := sources(unit, y, frozenset({unit}))) != {unit}
        for src in sorted(got)
    ]
    return pd.DataFrame(rows, columns=["unit_code", "year", "source_code"])
