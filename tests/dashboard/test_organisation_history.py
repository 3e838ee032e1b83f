"""History keeps the organisation it had (contract 0.3.0): every figure of a year uses that
year's members, and adding a later year's membership never moves an earlier year's figure.

The organisation, worked by hand:
- 2024: cluster C1 = A, B, X (listed). 2025: C1 = A, B; C2 = X (X moved). 2026 (added later):
  C1 = A, X; C2 = B, and X's current cluster (units.cluster_code) becomes C1 as well.
- Staff 10 in every unit and year; persons with LĐTT (P*: A 8, B 6, X 9 in 2024; A 7, B 9, X 5 in
  2025), one CSTĐCS in A each year.
- Cluster targets: C1 LDTT_RATE ≥ 80 in 2024 and 2025.
"""

from __future__ import annotations

import dataclasses

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from dashboard import pipeline
from dashboard.tables import analytics_table
from data_access.readers import Dataset

LDTT = {2024: {"A": 8, "B": 6, "X": 9}, 2025: {"A": 7, "B": 9, "X": 5}}


def _roster_awards() -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    roster, awards, people = [], [], []
    for year, per_unit in LDTT.items():
        for unit, n in per_unit.items():
            for i in range(10):
                code = f"{unit}{i}"
                roster.append((year, code, unit))
                if i < n:
                    awards.append((year, "person", code, "CSTDCS" if i == 0 else "LDTT"))
    people = sorted({r[1] for r in roster})
    return (
        pl.DataFrame(roster, schema=["year", "person_code", "unit_code"], orient="row"),
        pl.DataFrame(
            awards,
            schema=["year", "recipient_kind", "recipient_code", "award_code"],
            orient="row",
        ),
        pl.DataFrame({"person_code": people, "full_name": [f"Người {p}" for p in people]}),
    )


def _members(rows: list[tuple[int, str, str]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=["year", "cluster_code", "unit_code"], orient="row")


MEMBERS_24_25 = [
    (2024, "C1", "A"), (2024, "C1", "B"), (2024, "C1", "X"),
    (2025, "C1", "A"), (2025, "C1", "B"), (2025, "C2", "X"),
]  # fmt: skip


def dataset(*, with_2026: bool = False) -> Dataset:
    roster, awards, people = _roster_awards()
    members = list(MEMBERS_24_25)
    x_now = "C2"
    if with_2026:
        members += [(2026, "C1", "A"), (2026, "C2", "B"), (2026, "C1", "X")]
        x_now = "C1"
    return Dataset.empty(
        clusters=pl.DataFrame({"cluster_code": ["C1", "C2"], "cluster_name": ["Một", "Hai"]}),
        units=pl.DataFrame(
            {
                "unit_code": ["A", "B", "X"],
                "unit_name": ["Đơn vị A", "Đơn vị B", "Đơn vị X"],
                "cluster_code": ["C1", "C2" if with_2026 else "C1", x_now],
                "profile": ["civil"] * 3,
            }
        ),
        cluster_members=_members(members),
        roster=roster,
        awards=awards,
        people=people,
        targets=pl.DataFrame(
            {
                "year": [2024, 2025],
                "scope_kind": ["cluster"] * 2,
                "scope_code": ["C1"] * 2,
                "indicator": ["LDTT_RATE"] * 2,
                "min_pct": [80.0, 80.0],
            }
        ),
    )


def _ldtt(ind: pl.DataFrame) -> dict[tuple[int, str, str | None], float]:
    rows = ind.filter(pl.col("indicator") == "LDTT_RATE")
    return {
        (r["year"], r["cluster_code"], r["unit_code"]): r["value_pct"]
        for r in rows.iter_rows(named=True)
    }


def test_each_year_pools_its_own_members():
    ind = pipeline.indicators_with_targets(dataset())
    got = _ldtt(ind)
    # 2024: C1 = A, B, X: (8 + 6 + 9) / 30
    assert got[(2024, "C1", None)] == pytest.approx(100 * 23 / 30)
    # 2025: C1 = A, B: (7 + 9) / 20; X is pooled in C2 alone: 5 / 10
    assert got[(2025, "C1", None)] == pytest.approx(80.0)
    assert got[(2025, "C2", None)] == pytest.approx(50.0)
    assert (2025, "C1", "X") not in got and got[(2025, "C2", "X")] == pytest.approx(50.0)
    # C1's target of 2024 applies to X (a member then), not in 2025 (it is C2's)
    x = ind.filter(pl.col("unit_code") == "X", pl.col("indicator") == "LDTT_RATE")
    assert x.sort("year").select("year", "target_min", "status").rows() == [
        (2024, 80.0, "met"),  # 90 ≥ 80
        (2025, None, "no_target"),
    ]


def _with_c2_target(ds: Dataset) -> Dataset:
    """C2 given a 2025 target, so its year has a result to rank by (issue 21: a cluster-year
    with no target judged and no score is not ranked)."""
    extra = pl.DataFrame(
        {"year": [2025], "scope_kind": ["cluster"], "scope_code": ["C2"],
         "indicator": ["LDTT_RATE"], "min_pct": [50.0], "max_pct": [None]},
    )  # fmt: skip
    targets = pl.concat([ds.targets, extra.cast(ds.targets.schema)])
    return dataclasses.replace(ds, targets=targets)


def test_rankings_are_the_years_members_and_a_mover_has_no_rank_change():
    bare = pipeline.rankings_for(
        pipeline.indicators_with_targets(dataset(), [2024, 2025]), dataset(), 2025
    )
    assert "C2" not in bare["cluster_code"].to_list()  # nothing judged in C2: not ranked
    ds = _with_c2_target(dataset())
    ind = pipeline.indicators_with_targets(ds, [2024, 2025])
    r24 = pipeline.rankings_for(ind, ds, 2024)
    # 2024, C1 by targets met then attainment: A 80 % and X 90 % met (attainment 1: tied),
    # B 60 % below (attainment 60/80)
    assert r24.select("cluster_code", "unit_code", "rank").rows() == [
        ("C1", "A", 1), ("C1", "X", 1), ("C1", "B", 3),
    ]  # fmt: skip
    r25 = pipeline.rankings_for(ind, ds, 2025)
    rows = {r["unit_code"]: r for r in r25.iter_rows(named=True)}
    # 2025 C1: B 90 % met (rank 1), A 70 % below (rank 2): A was 1st of C1 in 2024 → down 1
    assert (rows["B"]["rank"], rows["B"]["rank_prev"], rows["B"]["rank_change"]) == (1, 3, 2)
    assert (rows["A"]["rank"], rows["A"]["rank_prev"], rows["A"]["rank_change"]) == (2, 1, -1)
    # X is alone in C2 (its 2025 target judged): it was in C1 the year before, so no rank change
    assert rows["X"]["cluster_code"] == "C2" and rows["X"]["rank"] == 1
    assert rows["X"]["rank_prev"] is None and rows["X"]["rank_change"] is None
    assert rows["X"]["rank_change_note"] == "cluster_change"
    assert rows["A"]["rank_change_note"] is None


def _figures(ds: Dataset, year: int) -> dict[str, pl.DataFrame]:
    return {
        name: analytics_table(name, ds, year=year)
        for name in ("indicators", "quotas", "rankings", "eligibility", "budget", "trends")
    }


@pytest.mark.parametrize("year", [2024, 2025])
def test_adding_2026_membership_moves_no_earlier_figure(year):
    before = _figures(dataset(), year)
    after = _figures(dataset(with_2026=True), year)
    for name, frame in before.items():
        assert frame.height > 0, name
        assert_frame_equal(after[name], frame)


def test_quotas_and_eligibility_carry_the_years_cluster():
    q = analytics_table("quotas", dataset(with_2026=True), year=2025)
    assert sorted(set(q.select("cluster_code", "unit_code").rows())) == [
        ("C1", "A"), ("C1", "B"), ("C2", "X"),
    ]  # fmt: skip
    # A 2025: base 7 LĐTT+, 15 % → floor(1.05) = 1 CSTĐCS allowed, 1 used
    a = q.filter(pl.col("unit_code") == "A", pl.col("rule") == "CSTDCS_CAP")
    assert a.select("base_count", "allowed", "used", "remaining").row(0) == (7, 1, 1, 0)
    e = analytics_table("eligibility", dataset(with_2026=True), year=2024)
    assert e.filter(pl.col("unit_code") == "X")["cluster_code"].unique().to_list() == ["C1"]


def test_cluster_scope_of_an_export_is_that_years_members():
    ds = dataset(with_2026=True)
    r = analytics_table("rankings", ds, year=2025, cluster="C1")
    assert r["unit_code"].to_list() == ["A", "B"]  # X is in C2 in 2025
    t = analytics_table("trends", ds, year=2025, cluster="C2")
    # X's whole line carries its 2025 cluster, back to 2024 when it was in C1
    x = t.filter(pl.col("unit_code") == "X", pl.col("indicator") == "LDTT_RATE")
    assert x.select("cluster_code", "year", "value_pct", "delta_pp").rows() == [
        ("C2", 2024, 90.0, None),
        ("C2", 2025, 50.0, -40.0),
    ]


def test_importing_2026_membership_into_the_database_moves_no_stored_2024_figure(
    engine, tmp_path, monkeypatch
):
    from data_access.importer.load import write_tables
    from data_access.writer import bump_data_version, upsert

    monkeypatch.setenv("THIDUA_SNAPSHOT_DIR", str(tmp_path / "snap"))

    def plain(frame: pl.DataFrame) -> pl.DataFrame:  # the columns given, codes as text
        frame = frame.with_columns(pl.col(pl.Categorical).cast(pl.String))
        return frame.select(c for c in frame.columns if frame[c].null_count() < frame.height)

    ds = dataset()
    names = ("clusters", "units", "people", "roster", "awards", "targets", "cluster_members")
    with engine.begin() as conn:
        for name in names:
            upsert(conn, name, plain(getattr(ds, name)))
        bump_data_version(conn)

    def stored(year: int) -> dict[str, pl.DataFrame]:
        store = pipeline.build_aggregates(engine)
        small, counts = pipeline.small_dataset(store), store.read("counts")
        return {
            name: analytics_table(name, small, year=year, counts_frame=counts)
            for name in ("indicators", "quotas", "rankings", "trends")
        }

    before = stored(2024)
    assert before["rankings"].select("cluster_code", "unit_code", "rank").rows() == [
        ("C1", "A", 1), ("C1", "B", 3), ("C1", "X", 1),
    ]  # fmt: skip
    later = dataset(with_2026=True)
    with engine.begin() as conn:
        write_tables(
            conn,
            {
                "units": plain(later.units),
                "cluster_members": plain(later.cluster_members.filter(pl.col("year") == 2026)),
            },
        )
    after = stored(2024)
    for name, frame in before.items():
        assert_frame_equal(after[name], frame)
