"""dashboard.organisation on a small hand-made organisation (figures worked by hand below)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from dashboard import organisation as org
from dashboard.indicators import indicators
from data_access.readers import Dataset


def _ds() -> Dataset:
    # C1 in 2024: A, B, X. 2025 (listed): S (new, from A and B), X moved to C2, Y in C2.
    units = pl.DataFrame(
        {
            "unit_code": ["A", "B", "S", "X", "Y", "R1", "R2", "P", "Q1", "Q2"],
            "cluster_code": ["C1", "C1", "C1", "C2", "C2", "C2", "C2", "C2", "C2", "C2"],
            "period_start_month": [None, None, None, None, 9, None, None, None, None, None],
        }
    )
    clusters = pl.DataFrame({"cluster_code": ["C1", "C2"], "period_start_month": [None, None]})
    members = pl.DataFrame(
        {
            "year": [2025, 2025, 2025],
            "cluster_code": ["C1", "C2", "C2"],
            "unit_code": ["S", "X", "Y"],
        }
    )
    d = dt.date
    changes = pl.DataFrame(
        {
            "effective_date": [d(2025, 7, 1)] * 2 + [d(2026, 1, 1)] + [d(2024, 3, 1)] * 2,
            "kind": ["merge", "merge", "rename", "split", "split"],
            "from_unit_code": ["A", "B", "R1", "P", "P"],
            "to_unit_code": ["S", "S", "R2", "Q1", "Q2"],
        }
    )
    return Dataset.empty(
        units=units, clusters=clusters, cluster_members=members, unit_changes=changes
    )


def test_membership_listed_year_exact_and_fallback_year_current():
    m = org.membership(_ds(), [2024, 2025])
    y24 = m.filter(pl.col("year") == 2024)
    # 2024 has no listed rows: every unit in its units.cluster_code
    assert sorted(y24.filter(pl.col("cluster_code") == "C1")["unit_code"]) == ["A", "B", "S"]
    # 2025 is exactly its rows: A and B are in no cluster
    y25 = m.filter(pl.col("year") == 2025)
    assert y25.rows() == [(2025, "S", "C1"), (2025, "X", "C2"), (2025, "Y", "C2")]
    assert org.members(_ds(), 2025, "C2") == ["X", "Y"]


def test_ended_units_and_their_last_year():
    e = org.ended(_ds())
    got = {r["unit_code"]: r["last_year"] for r in e.iter_rows(named=True)}
    assert got == {"A": 2024, "B": 2024, "R1": 2025, "P": 2023}


def test_continuing_successor_does_not_end():
    ds = _ds()
    extra = pl.DataFrame(
        {
            "effective_date": [dt.date(2025, 7, 1)],
            "kind": ["merge"],
            "from_unit_code": ["S"],
            "to_unit_code": ["S"],
        }
    )
    both = pl.concat([ds.unit_changes, extra], how="diagonal_relaxed")
    ds2 = Dataset.empty(units=ds.units, clusters=ds.clusters, unit_changes=both)
    assert "S" not in org.ended(ds2)["unit_code"].to_list()


def test_history_sources_merge_rename_split():
    s = org.history_sources(_ds(), [2023, 2024, 2025, 2026])
    grouped = s.group_by("unit_code", "year").agg(pl.col("source_code").sort())
    rows = {(u, y): list(g) for u, y, g in grouped.iter_rows()}
    assert rows[("S", 2024)] == ["A", "B", "S"]
    assert ("S", 2025) not in rows  # its own from the merge on
    assert rows[("R2", 2025)] == ["R1", "R2"]
    assert ("R2", 2026) not in rows
    assert rows[("Q1", 2023)] == ["P", "Q1"]
    assert ("Q1", 2024) not in rows


def test_pooled_history_is_sums_not_mean_of_rates():
    # A 2024: 9 of 10 LĐTT (90 %); B 2024: 21 of 30 (70 %). S pooled: 30 of 40 = 75 % (mean: 80 %)
    counts = pl.DataFrame(
        {
            "year": [2024, 2024],
            "cluster_code": ["C1", "C1"],
            "unit_code": ["A", "B"],
            "staff": [10, 30],
            "persons_ldtt_plus": [9, 21],
        }
    )
    src = org.history_sources(_ds(), [2024]).filter(pl.col("unit_code") == "S")
    pooled = indicators(org.pooled_history(counts, src)).filter(
        pl.col("unit_code").is_null() & (pl.col("indicator") == "LDTT_RATE")
    )
    assert pooled.select("cluster_code", "numerator", "denominator", "value_pct").rows() == [
        ("S", 30, 40, 75.0)
    ]


def test_school_year_months():
    # start month 9: Sept 2021 is in year 2022 ("2021–2022"), its 1st month; Aug 2022 its 12th
    f = pl.DataFrame({"y": [2021, 2022, 2022], "m": [9, 8, 9], "s": [9, 9, 9]})
    out = f.select(
        ey=org.emulation_year(pl.col("y"), pl.col("m"), pl.col("s")),
        em=org.emulation_month(pl.col("m"), pl.col("s")),
    )
    assert out.rows() == [(2022, 1), (2022, 12), (2023, 1)]
    assert org.year_label(2022, 9) == "2021–2022"
    assert org.year_label(2022, 1) == "2022"
    assert org.months_of_year(2022, 9)[0] == (2021, 9)
    assert org.months_of_year(2022, 9)[-1] == (2022, 8)
    sm = dict(org.start_months(_ds()).iter_rows())
    assert sm["Y"] == 9 and sm["X"] == 1


def test_affiliations_are_current_and_every_listed_year():
    a = org.affiliations(_ds())
    # S is C1's now and in 2025; X is C2's now and in 2025 (listed); A and B only now (C1)
    assert a.filter(pl.col("unit_code").is_in(["A", "S", "X"])).rows() == [
        ("A", "C1"), ("S", "C1"), ("X", "C2"),
    ]  # fmt: skip


def test_rank_change_notes():
    ds = _ds()
    # 2025: S was made by the merger (unit_change). X was in C2 in 2024 (no listed rows: its
    # current cluster) and is in C2 in 2025: no note. R2 is renamed in 2026, not 2025.
    got = dict(org.rank_change_notes(ds, 2025).iter_rows())
    assert got == {"S": "unit_change"}
    assert dict(org.rank_change_notes(ds, 2026).iter_rows()) == {"R2": "unit_change"}
    # A unit listed in another cluster the year before
    moved = Dataset.empty(
        units=ds.units,
        clusters=ds.clusters,
        cluster_members=pl.DataFrame(
            {"year": [2024, 2025], "cluster_code": ["C1", "C2"], "unit_code": ["X", "X"]}
        ),
    )
    assert dict(org.rank_change_notes(moved, 2025).iter_rows()) == {"X": "cluster_change"}


def test_rating_years_of_shifted_subjects_only():
    # Y starts in September: its person's October 2024 is 2025's 2nd month; Z's stays 2024's 10th
    ds = Dataset.empty(
        units=_ds().units,
        clusters=_ds().clusters,
        roster=pl.DataFrame({"year": [2025, 2025], "person_code": ["p", "q"],
                             "unit_code": ["Y", "X"]}),
    )  # fmt: skip
    shifted = org.shifted_subjects(ds)
    assert sorted(shifted.select("subject_kind", "subject_code").rows()) == [
        ("person", "p"), ("unit", "Y"),
    ]  # fmt: skip
    ratings = pl.DataFrame(
        {
            "subject_kind": ["person", "person", "person"],
            "subject_code": ["p", "q", "p"],
            "year": [2024, 2024, 2024],
            "month": [10, 10, None],
        },
        schema_overrides={"year": pl.Int16, "month": pl.Int8},
    )
    got = org.rating_years(ratings.lazy(), shifted).collect()
    assert got.select("subject_code", "year", "em_month").sort("subject_code", "year").rows() == [
        ("p", 2024, None), ("p", 2025, 2), ("q", 2024, 10),
    ]  # fmt: skip
    # nobody shifted: nothing joined, months are their own places
    plain = org.rating_years(ratings.lazy(), shifted.clear()).collect()
    assert plain["year"].to_list() == [2024, 2024, 2024]
