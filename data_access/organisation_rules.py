"""The organisation's rules the importer and the engine both apply (contract 0.3.0): which
emulation year a date or a month falls in, and from which year a change ends a unit.

One truth for both sides: the importer refuses a roster row of a unit merged away by the same
rule the engine uses to stop that unit's history (dashboard/organisation.py calls these).

- The emulation year: `period_start_month` m of the unit, else of its cluster, else 1. With
  m > 1, year Y runs from month m of Y−1 to month m−1 of Y: 15/09/2025 with m = 9 is in 2026.
- A change takes effect in the emulation year (of its successor, `to_unit_code`) that holds its
  date. A row from a unit to itself says the unit continues through the change; a source with
  no such row on the same date has ended, and from the effective year on it takes no rows.

>>> import datetime as dt
>>> ch = pl.DataFrame({"effective_date": [dt.date(2025, 7, 1)], "kind": ["merge"],
...     "from_unit_code": ["A"], "to_unit_code": ["B"], "decision_no": [None]})
>>> ended_units(dated_changes(ch, pl.DataFrame(schema=START_SCHEMA)))["last_year"].to_list()
[2024]
"""

from __future__ import annotations

import polars as pl

START_SCHEMA = {"unit_code": pl.String, "start_month": pl.Int8}
CHANGE_COLUMNS = ("from_unit_code", "to_unit_code", "kind", "effective_date", "decision_no")


def _s(name: str) -> pl.Expr:
    return pl.col(name).cast(pl.String)


def start_months(units: pl.DataFrame, clusters: pl.DataFrame) -> pl.DataFrame:
    """unit_code, start_month (1–12): the unit's own period_start_month, else its (current)
    cluster's, else 1. `units` has unit_code, cluster_code, period_start_month; `clusters`
    cluster_code, period_start_month (a missing column counts as empty)."""

    def month(frame: pl.DataFrame) -> pl.Expr:
        if "period_start_month" in frame.columns:
            return pl.col("period_start_month").cast(pl.Int8)
        return pl.lit(None, pl.Int8)

    c = clusters.select(_s("cluster_code"), month(clusters).alias("cluster_m"))
    return (
        units.select(_s("unit_code"), _s("cluster_code"), month(units).alias("unit_m"))
        .join(c, on="cluster_code", how="left")
        .select(
            "unit_code",
            start_month=pl.coalesce("unit_m", "cluster_m", pl.lit(1)).cast(pl.Int8),
        )
    )


def emulation_year(year: pl.Expr, month: pl.Expr, start_month: pl.Expr) -> pl.Expr:
    """The emulation year a calendar (year, month) falls in: months from `start_month` on count
    in the next year when the year does not start in January."""
    shift = (start_month > 1) & (month >= start_month)
    return (year.cast(pl.Int16) + shift.cast(pl.Int16)).cast(pl.Int16)


def year_of_date(day: pl.Expr, start_month: pl.Expr) -> pl.Expr:
    """The emulation year holding a date."""
    return emulation_year(day.dt.year(), day.dt.month(), start_month)


def dated_changes(unit_changes: pl.DataFrame, months: pl.DataFrame) -> pl.DataFrame:
    """Every change row (from_unit_code, to_unit_code, kind, effective_date, decision_no) with
    `effective_year` (in the successor's emulation year; start month 1 for a unit `months`
    lacks) and `ends` (the source does not continue through it)."""
    cols = [
        _s(c) if c in unit_changes.columns else pl.lit(None, pl.String).alias(c)
        for c in CHANGE_COLUMNS
        if c != "effective_date"
    ]
    ch = unit_changes.select(*cols, pl.col("effective_date").cast(pl.Date)).select(CHANGE_COLUMNS)
    if ch.is_empty():
        return ch.with_columns(
            effective_year=pl.lit(None, dtype=pl.Int16), ends=pl.lit(None, dtype=pl.Boolean)
        )
    continues = ch.filter(pl.col("from_unit_code") == pl.col("to_unit_code")).select(
        "from_unit_code", "effective_date", _cont=pl.lit(True)
    )
    sm = months.select(_s("unit_code"), pl.col("start_month").cast(pl.Int8))
    return (
        ch.join(sm, left_on="to_unit_code", right_on="unit_code", how="left")
        .join(continues.unique(), on=["from_unit_code", "effective_date"], how="left")
        .with_columns(
            effective_year=year_of_date(
                pl.col("effective_date"), pl.col("start_month").fill_null(1)
            ),
            ends=pl.col("_cont").is_null(),
        )
        .drop("start_month", "_cont")
        .sort("effective_date", "to_unit_code", "from_unit_code")
    )


def ended_units(dated: pl.DataFrame) -> pl.DataFrame:
    """unit_code, last_year, effective_date, kind, to_codes: the units a change ended (merged
    away, split up, renamed), with the last emulation year they existed (the earliest change
    that ended them counts)."""
    ch = dated.filter(pl.col("ends"))
    return (
        ch.sort("effective_date", "to_unit_code")
        .group_by("from_unit_code")
        .agg(
            pl.col("effective_year").min(),
            pl.col("effective_date").min(),
            pl.col("kind").first(),
            pl.col("to_unit_code").unique().sort().alias("to_codes"),
        )
        .select(
            pl.col("from_unit_code").alias("unit_code"),
            (pl.col("effective_year") - 1).cast(pl.Int16).alias("last_year"),
            "effective_date",
            "kind",
            "to_codes",
        )
        .sort("unit_code")
    )


def loops(edges: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Units on a loop of the change graph (from → to; a unit's row to itself left out) -> that
    loop, as the units in order with the first repeated at the end: A → B, B → A gives
    {"A": ["A", "B", "A"], "B": ["A", "B", "A"]}. One loop per group of units that reach each
    other (strongly connected), starting at its smallest code; linear in the edges."""
    graph: dict[str, list[str]] = {}
    for a, b in sorted(set(edges)):
        if a != b:
            graph.setdefault(a, []).append(b)
            graph.setdefault(b, [])
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, 0)]
        while work:  # Tarjan's algorithm without recursion
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            nexts = graph[node]
            if i < len(nexts):
                work.append((node, i + 1))
                nxt = nexts[i]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                group = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    group.append(top)
                    if top == node:
                        break
                if len(group) > 1:
                    groups.append(group)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    out: dict[str, list[str]] = {}
    for group in groups:
        members = set(group)
        start = min(group)
        # The shortest way back to the start inside the group (breadth first).
        back: dict[str, str] = {}
        frontier = [start]
        while frontier and start not in back:
            nxt_frontier = []
            for node in frontier:
                for nxt in graph[node]:
                    if nxt in members and nxt not in back:
                        back[nxt] = node
                        nxt_frontier.append(nxt)
            frontier = nxt_frontier
        path = [start]
        node = back[start]
        while node != start:
            path.append(node)
            node = back[node]
        cycle = [start, *reversed(path[1:]), start]
        out |= dict.fromkeys(group, cycle)
    return out
