"""data_access.organisation_rules: the emulation year of a date, the units a change ends, the
loops of the change graph (figures worked by hand; laws with hypothesis)."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from data_access import organisation_rules as rules


def _year(day: dt.date, start: int) -> int:
    frame = pl.DataFrame({"d": [day], "m": [start]})
    return frame.select(rules.year_of_date(pl.col("d"), pl.col("m")))[0, 0]


@pytest.mark.parametrize(
    ("day", "start", "year"),
    [
        (dt.date(2025, 7, 1), 1, 2025),
        (dt.date(2025, 8, 31), 9, 2025),  # the last day of the school year 2024–2025
        (dt.date(2025, 9, 1), 9, 2026),  # the first day of 2025–2026
        (dt.date(2025, 12, 1), 12, 2026),  # the circular's 1 December start
        (dt.date(2025, 11, 30), 12, 2025),
    ],
)
def test_year_of_date(day, start, year):
    assert _year(day, start) == year


@pytest.mark.slow
@given(
    year=st.integers(2000, 2090),
    start=st.integers(1, 12),
    k=st.integers(0, 11),
    day=st.integers(1, 28),
)
def test_the_twelve_months_of_a_year_map_to_it(year, start, k, day):
    """Month k (0-based) of emulation year Y with start month m is calendar month m + k of
    Y − 1 (m > 1) or of Y (m = 1), carried over December."""
    first_year = year - 1 if start > 1 else year
    month0 = start - 1 + k
    day_of = dt.date(first_year + month0 // 12, month0 % 12 + 1, day)
    assert _year(day_of, start) == year


def _changes(rows: list[tuple[str, str, str, dt.date]]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={
            "from_unit_code": pl.String,
            "to_unit_code": pl.String,
            "kind": pl.String,
            "effective_date": pl.Date,
        },
        orient="row",
    )


def test_ended_units_by_hand():
    d = dt.date
    ch = _changes(
        [
            ("A", "S", "merge", d(2025, 7, 1)),  # A and B into a new S
            ("B", "S", "merge", d(2025, 7, 1)),
            ("C", "D", "merge", d(2025, 9, 15)),  # C into D, which continues
            ("D", "D", "merge", d(2025, 9, 15)),
            ("P", "Q1", "split", d(2024, 3, 1)),
            ("P", "Q2", "split", d(2024, 3, 1)),
        ]
    )
    # D runs on the school year: 15/09/2025 is in its year 2026, so C's last year is 2025.
    months = pl.DataFrame({"unit_code": ["D"], "start_month": [9]})
    ended = rules.ended_units(rules.dated_changes(ch, months))
    assert ended.select("unit_code", "last_year", "kind").rows() == [
        ("A", 2024, "merge"),
        ("B", 2024, "merge"),
        ("C", 2025, "merge"),
        ("P", 2023, "split"),
    ]
    assert ended.filter(pl.col("unit_code") == "P")["to_codes"].to_list() == [["Q1", "Q2"]]


def test_start_months_unit_over_cluster_over_january():
    units = pl.DataFrame(
        {
            "unit_code": ["U1", "U2", "U3"],
            "cluster_code": ["C1", "C1", "C2"],
            "period_start_month": [None, 10, None],
        }
    )
    clusters = pl.DataFrame({"cluster_code": ["C1", "C2"], "period_start_month": [9, None]})
    got = rules.start_months(units, clusters).sort("unit_code").rows()
    assert got == [("U1", 9), ("U2", 10), ("U3", 1)]


def test_loops_by_hand():
    assert rules.loops([("A", "B"), ("B", "C")]) == {}
    assert rules.loops([("A", "A")]) == {}  # a unit continuing
    assert rules.loops([("B", "A"), ("A", "C"), ("C", "B"), ("D", "E"), ("E", "D")]) == {
        "A": ["A", "C", "B", "A"],
        "B": ["A", "C", "B", "A"],
        "C": ["A", "C", "B", "A"],
        "D": ["D", "E", "D"],
        "E": ["D", "E", "D"],
    }


@pytest.mark.slow
@given(st.lists(st.tuples(st.sampled_from("ABCDEF"), st.sampled_from("ABCDEF")), max_size=12))
def test_a_loop_is_a_real_cycle_and_only_units_on_one_are_named(edges):
    """Every named loop follows edges of the graph back to its start; a unit is named exactly
    when it can reach itself through other units."""
    found = rules.loops(edges)
    graph: dict[str, set[str]] = {}
    for a, b in edges:
        if a != b:
            graph.setdefault(a, set()).add(b)
    for cycle in found.values():
        assert cycle[0] == cycle[-1] and len(cycle) >= 3
        assert all(b in graph.get(a, ()) for a, b in pairwise(cycle))

    def reaches_itself(u: str) -> bool:
        seen, todo = set(), list(graph.get(u, ()))
        while todo:
            v = todo.pop()
            if v == u:
                return True
            if v not in seen:
                seen.add(v)
                todo += graph.get(v, ())
        return False

    assert set(found) == {u for u in graph if reaches_itself(u)}
