"""Merged units carry their history (contract 0.3.0), worked by hand on reported counts.

Cluster C1 (no membership listed: every unit in its current cluster). On 1 July 2025 A and B
merge into S, which continues (rows A→S, B→S, S→S). On 1 January 2025 R1 is renamed R2.

| unit | 2024 staff / LĐTT+ | 2025 staff / LĐTT+ |
|------|--------------------|--------------------|
| A    | 10 / 4  (40 %)     | —                  |
| B    | 20 / 10 (50 %)     | —                  |
| S    | 30 / 21 (70 %)     | 60 / 42 (70 %)     |
| R1   | 10 / 5  (50 %)     | —                  |
| R2   | —                  | 10 / 6  (60 %)     |

S's 2024 base is A, B and S pooled: (4 + 10 + 21) / (10 + 20 + 30) = 35/60 = 58.33 %, so its 2025
change is 70 − 58.33 = +11.67 points (not the mean of 40, 50 and 70). R2's 2024 is R1's own 50 %.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from dashboard import organisation as org
from dashboard import pipeline
from dashboard.tables import analytics_table
from dashboard.views.overview import kpis
from dashboard.views.trends import change_table
from data_access.readers import Dataset

FIGURES = {
    2024: {"A": (10, 4), "B": (20, 10), "S": (30, 21), "R1": (10, 5)},
    2025: {"S": (60, 42), "R2": (10, 6)},
}


def dataset() -> Dataset:
    rows = [
        (year, unit, measure, value)
        for year, per_unit in FIGURES.items()
        for unit, (staff, ldtt) in per_unit.items()
        for measure, value in (("staff", staff), ("persons_ldtt_plus", ldtt))
    ]
    d = dt.date
    return Dataset.empty(
        clusters=pl.DataFrame({"cluster_code": ["C1"], "cluster_name": ["Cụm 1"]}),
        units=pl.DataFrame(
            {
                "unit_code": ["A", "B", "S", "R1", "R2"],
                "unit_name": ["Trường A", "Trường B", "Trường S", "Ban R1", "Ban R2"],
                "cluster_code": ["C1"] * 5,
                "profile": ["civil"] * 5,
            }
        ),
        unit_counts=pl.DataFrame(
            rows, schema=["year", "unit_code", "measure", "value"], orient="row"
        ),
        unit_changes=pl.DataFrame(
            {
                "effective_date": [d(2025, 7, 1)] * 3 + [d(2025, 1, 1)],
                "kind": ["merge", "merge", "merge", "rename"],
                "from_unit_code": ["A", "B", "S", "R1"],
                "to_unit_code": ["S", "S", "S", "R2"],
                "decision_no": ["QĐ 1/2025"] * 3 + ["QĐ 2/2025"],
            }
        ),
        targets=pl.DataFrame(
            {
                "year": [2024, 2025],
                "scope_kind": ["cluster"] * 2,
                "scope_code": ["C1"] * 2,
                "indicator": ["LDTT_RATE"] * 2,
                "min_pct": [50.0, 50.0],
            }
        ),
    )


def _ldtt(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.filter(pl.col("indicator") == "LDTT_RATE")


def test_trends_pool_the_predecessors_before_the_merger():
    t = _ldtt(analytics_table("trends", dataset(), year=2025))
    got = {(r["unit_code"], r["year"]): r for r in t.iter_rows(named=True)}
    s24, s25 = got[("S", 2024)], got[("S", 2025)]
    assert s24["value_pct"] == pytest.approx(58.33)  # 35/60, two decimals in the export
    assert s24["pooled_from"] == "A;B;S"
    assert s25["value_pct"] == 70.0 and s25["pooled_from"] is None
    assert s25["delta_pp"] == pytest.approx(11.67)  # 70 − 58.333…
    # A renamed unit's past is its parent's own line, labelled with the parent's code
    assert got[("R2", 2024)]["value_pct"] == 50.0
    assert got[("R2", 2024)]["pooled_from"] == "R1"
    assert got[("R2", 2025)]["delta_pp"] == pytest.approx(10.0)
    # The predecessors keep their own lines up to their last year
    assert got[("A", 2024)]["value_pct"] == 40.0 and ("A", 2025) not in got
    assert got[("B", 2024)]["pooled_from"] is None
    # The cluster's pooled line is each year's members: 2024 (4+10+21+5)/70, 2025 48/70
    assert got[(None, 2024)]["value_pct"] == pytest.approx(57.14)
    assert got[(None, 2025)]["value_pct"] == pytest.approx(68.57)


def test_rank_change_is_empty_the_year_a_change_takes_effect():
    ds = dataset()
    ind = pipeline.indicators_with_targets(ds, [2024, 2025])
    r = pipeline.rankings_for(ind, ds, 2025)
    rows = {x["unit_code"]: x for x in r.iter_rows(named=True)}
    # 2025: S 70 % and R2 60 % both meet 50 %: attainment 1 each, tied at rank 1
    assert (rows["S"]["rank"], rows["R2"]["rank"]) == (1, 1)
    # S was ranked in 2024 (rank 1 of C1: 70 % met), yet the merger makes it another body
    assert rows["S"]["rank_prev"] is None and rows["S"]["rank_change"] is None
    assert rows["S"]["rank_change_note"] == "unit_change"
    assert rows["R2"]["rank_change_note"] == "unit_change"
    # the export keeps the contract's columns: the note is for the pages
    assert "rank_change_note" not in analytics_table("rankings", ds, year=2025).columns


def test_kpi_change_and_change_table_against_the_predecessors_pooled():
    ds = dataset()
    counts = pipeline.counts_for(ds, [2024, 2025])
    ind = pipeline.targeted(pipeline.indicators_for(counts), ds)
    sources = org.history_sources(ds, [2024, 2025])
    cards = kpis(counts, ind, year=2025, cluster="C1", unit="S", sources=sources)
    by = {r["kpi"]: r for r in cards.iter_rows(named=True)}
    assert by["staff"]["value"] == 60 and by["staff"]["prev"] == 60  # 10 + 20 + 30
    assert by["LDTT_RATE"]["value"] == pytest.approx(70.0)
    assert by["LDTT_RATE"]["prev"] == pytest.approx(100 * 35 / 60)
    assert by["LDTT_RATE"]["prev_from"] == "A;B;S"
    # without the sources the card compares S with its own 2024 only (70 %)
    plain = kpis(counts, ind, year=2025, cluster="C1", unit="S")
    assert plain.filter(pl.col("kpi") == "LDTT_RATE")["prev"][0] == pytest.approx(70.0)

    trends = pipeline.trends_for(pipeline.indicators_for(counts), ds=ds, counts_frame=counts)
    table = _ldtt(change_table(trends, year=2025, cluster="C1", unit="S"))
    assert table.select("previous", "previous_from").row(0) == (
        pytest.approx(100 * 35 / 60),
        "A;B;S",
    )
    assert table["delta_pp"][0] == pytest.approx(70 - 100 * 35 / 60)


def test_ended_units_for_the_unit_selector():
    e = org.ended(dataset())
    assert dict(e.select("unit_code", "last_year").iter_rows()) == {
        "A": 2024,
        "B": 2024,
        "R1": 2024,
    }


def test_streak_follows_the_person_across_a_merger():
    # P: CSTĐCS in 2023 and 2024 on A's staff, 2025 on S's after A merged into S (1 July 2025)
    # → a CSTĐ cấp bộ candidate of S in 2025 (three CSTĐCS years in a row), in S's cluster.
    ds = dataset()
    members = pl.DataFrame(
        {"year": [2025, 2025], "cluster_code": ["C9", "C9"], "unit_code": ["S", "R2"]}
    )
    ds = Dataset.empty(
        clusters=pl.DataFrame({"cluster_code": ["C1", "C9"], "cluster_name": ["Một", "Chín"]}),
        units=ds.units,
        unit_changes=ds.unit_changes,
        cluster_members=members,
        people=pl.DataFrame({"person_code": ["P"], "full_name": ["Nguyễn Văn P"]}),
        roster=pl.DataFrame(
            {"year": [2023, 2024, 2025], "person_code": ["P"] * 3, "unit_code": ["A", "A", "S"]}
        ),
        awards=pl.DataFrame(
            {
                "year": [2023, 2024, 2025],
                "recipient_kind": ["person"] * 3,
                "recipient_code": ["P"] * 3,
                "award_code": ["CSTDCS"] * 3,
            }
        ),
    )
    s = pipeline.streaks_for(ds, 2025)
    row = s.filter(pl.col("award_code") == "CSTD_BO").row(0, named=True)
    assert (row["unit_code"], row["cluster_code"], row["meets"]) == ("S", "C9", True)
    assert row["years_counted"] == [2023, 2024, 2025]
