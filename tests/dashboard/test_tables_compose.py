"""`analytics_table` composes the engine into the contract's tables, for one year (trends: every
year up to it), filtered by cluster and unit. Figures worked out by hand below."""

from __future__ import annotations

import polars as pl
import pytest

from dashboard.tables import COLUMNS, TABLES, analytics_table
from data_access.readers import Dataset


def _unit_counts(rows: list[tuple[int, str, int, int, int]]) -> pl.DataFrame:
    """(year, unit, staff, persons_ldtt_plus, persons_cstdcs_plus) as long unit_counts rows."""
    measures = ("staff", "persons_ldtt_plus", "persons_cstdcs_plus")
    long = [(y, u, m, v) for y, u, *vals in rows for m, v in zip(measures, vals, strict=True)]
    return pl.DataFrame(long, schema=["year", "unit_code", "measure", "value"], orient="row")


DS = Dataset.empty(
    clusters=pl.DataFrame({"cluster_code": ["C1", "C2"], "cluster_name": ["Cụm 1", "Cụm 2"]}),
    units=pl.DataFrame(
        {"unit_code": ["U1", "U2", "U3"], "unit_name": ["Một", "Hai", "Ba"],
         "cluster_code": ["C1", "C1", "C2"], "profile": ["civil"] * 3}
    ),
    unit_counts=_unit_counts(
        [
            (2023, "U1", 10, 8, 1), (2023, "U2", 20, 18, 2),
            (2024, "U1", 10, 9, 2), (2024, "U2", 30, 26, 3),
            (2025, "U1", 12, 12, 1),  # after the asked year: never in a 2024 table
        ]
    ),
    targets=pl.DataFrame(
        {"year": [2023, 2024], "scope_kind": ["cluster"] * 2, "scope_code": ["C1"] * 2,
         "indicator": ["LDTT_RATE"] * 2, "min_pct": [90.0, 90.0]}
    ),
    # U3 has person records: one person, rated HTTNV, Lao động tiên tiến in 2024.
    people=pl.DataFrame({"person_code": ["P1"], "full_name": ["Nguyễn Văn An"]}),
    roster=pl.DataFrame({"year": [2024], "person_code": ["P1"], "unit_code": ["U3"]}),
    ratings=pl.DataFrame(
        {"period": ["2024"], "subject_kind": ["person"], "subject_code": ["P1"],
         "rating": ["HTTNV"], "year": [2024]}
    ),
    awards=pl.DataFrame(
        {"year": [2024], "recipient_kind": ["person"], "recipient_code": ["P1"],
         "award_code": ["LDTT"]}
    ),
)  # fmt: skip


@pytest.mark.parametrize("name", TABLES)
def test_every_table_has_the_contract_columns(name):
    assert tuple(analytics_table(name, DS, year=2024).columns) == COLUMNS[name]


def test_indicators_pooled_row_first_with_targets():
    got = analytics_table("indicators", DS, year=2024, cluster="C1").filter(
        pl.col("indicator") == "LDTT_RATE"
    )
    assert got.drop("year", "indicator", "target_max").rows() == [
        # pooled: (9 + 26) / (10 + 30) = 35/40 = 87.5 < 90 -> below
        ("C1", None, 35, 40, 87.5, 90.0, "below"),
        ("C1", "U1", 9, 10, 90.0, 90.0, "met"),  # 9/10 = 90 -> met (on the bound)
        ("C1", "U2", 26, 30, 86.67, 90.0, "below"),  # 26/30 = 86.666… -> 86.67
    ]
    assert set(got["year"]) == {2024}


def test_indicators_percentages_at_two_decimals():
    got = analytics_table("indicators", DS, year=2024, unit="U2").filter(
        pl.col("indicator") == "CSTDCS_OF_LDTT"
    )
    # 3 / 26 = 11.538… -> 11.54; no target for this indicator
    assert got.select("value_pct", "status").rows() == [(11.54, "no_target")]


def test_quotas():
    got = analytics_table("quotas", DS, year=2024)
    assert got.drop("year", "rule", "cap_pct").rows() == [
        # allowed = floor(15 % × LĐTT-or-higher): floor(1.35) = 1, floor(3.9) = 3, floor(0.15) = 0
        ("C1", "U1", 9, 1, 2, -1, "over"),
        ("C1", "U2", 26, 3, 3, 0, "ok"),
        ("C2", "U3", 1, 0, 0, 0, "ok"),  # from U3's records: 1 person, LĐTT, no CSTĐCS
    ]
    assert set(got["rule"]) == {"CSTDCS_CAP"}


def test_quotas_for_one_unit():
    assert analytics_table("quotas", DS, year=2024, unit="U2")["unit_code"].to_list() == ["U2"]


def test_rankings_against_the_year_before():
    got = analytics_table("rankings", DS, year=2024, cluster="C1")
    assert got.select("unit_code", "rank", "basis", "targets_met", "targets_total",
                      "rank_prev", "rank_change").rows() == [
        # 2024: U1 met LĐTT 90 %, U2 did not (86.67). 2023: U1 80 % below, U2 90 % met.
        ("U1", 1, "targets", 1, 1, 2, 1),  # moved up one place
        ("U2", 2, "targets", 0, 1, 1, -1),
    ]  # fmt: skip


def test_trends_up_to_the_year_only():
    got = analytics_table("trends", DS, year=2024, unit="U1").filter(
        pl.col("indicator") == "LDTT_RATE"
    )
    # 2023: 8/10 = 80 %; 2024: 9/10 = 90 %, +10 points; 2025 is after the asked year.
    assert got.select("year", "value_pct", "delta_pp").rows() == [
        (2023, 80.0, None),
        (2024, 90.0, 10.0),
    ]


def test_eligibility_rows_of_the_year():
    got = analytics_table("eligibility", DS, year=2024)
    ldtt = got.filter(pl.col("award_code") == "LDTT")
    # HTTNV and not disciplined: meets the LĐTT criteria, and holds the title
    assert ldtt.select(
        "cluster_code", "unit_code", "subject_code", "subject_name", "eligible", "awarded"
    ).rows() == [("C2", "U3", "P1", "Nguyễn Văn An", True, True)]


def test_budget():
    got = analytics_table("budget", DS, year=2024)
    # LĐTT: 0.3 × 2 340 000 = 702 000 -> rounded up to 710 000 (base salary on 31/12/2024)
    assert got.rows() == [(2024, "C2", "U3", "LDTT", 1, 0.3, 710_000)]
