"""counts(): a measure with no source rows of its kind is unknown (null), structure is 0."""

from __future__ import annotations

import polars as pl

from dashboard.counts import counts
from data_access.readers import Dataset

UNITS = pl.DataFrame(
    {"unit_code": ["U1", "U2"], "cluster_code": ["C1", "C1"], "profile": ["civil", "civil"]}
)
ROSTER = pl.DataFrame(
    {"year": 2024, "person_code": ["P1", "P2", "P3"], "unit_code": ["U1", "U1", "U2"]}
)
NUMERATORS = [
    "persons_ldtt_plus", "persons_cstdcs_plus", "persons_rated", "persons_htxsnv",
    "persons_httnv", "persons_httnv_plus", "persons_khtnv", "departments_ttldtt_plus",
    "departments_ttldxs_plus", "higher_award_recipients", "party_cells_httnv_plus",
    "party_cells_htxsnv", "mass_orgs_strong", "person_months_rated", "person_months_htxsnv",
    "department_months_rated", "department_months_htxsnv",
]  # fmt: skip


def row(ds: Dataset, unit: str) -> dict:
    return counts(ds).filter(pl.col("unit_code") == unit).row(0, named=True)


def test_roster_only_gives_structure_zero_and_every_numerator_unknown():
    r = row(Dataset.empty(units=UNITS, roster=ROSTER), "U1")
    assert (r["staff"], r["departments"], r["party_cells"], r["mass_orgs"]) == (2, 0, 0, 0)
    assert {m: r[m] for m in NUMERATORS} == dict.fromkeys(NUMERATORS)


def test_awards_of_another_units_person_leave_this_unit_unknown():
    ds = Dataset.empty(
        units=UNITS,
        roster=ROSTER,
        awards=pl.DataFrame(
            {"year": [2024], "recipient_kind": "person", "recipient_code": "P3",
             "award_code": "LDTT"}
        ),
    )  # fmt: skip
    u1, u2 = row(ds, "U1"), row(ds, "U2")
    assert (u1["persons_ldtt_plus"], u1["higher_award_recipients"]) == (None, None)
    # U2 has award rows: LĐTT 1 (P3); no higher award among them → 0, known
    assert (u2["persons_ldtt_plus"], u2["persons_cstdcs_plus"]) == (1, 0)
    assert u2["higher_award_recipients"] == 0
    assert u2["departments_ttldtt_plus"] is None  # no department awards


def test_an_award_to_the_unit_alone_makes_higher_awards_known_but_not_person_titles():
    ds = Dataset.empty(
        units=UNITS,
        roster=ROSTER,
        awards=pl.DataFrame(
            {"year": [2024], "recipient_kind": "unit", "recipient_code": "U1",
             "award_code": "GIAY_KHEN"}
        ),
    )  # fmt: skip
    r = row(ds, "U1")
    assert r["higher_award_recipients"] == 0  # an award row exists, none of them higher
    assert r["persons_ldtt_plus"] is None


def test_monthly_ratings_alone_leave_annual_ratings_unknown():
    ds = Dataset.empty(
        units=UNITS,
        roster=ROSTER,
        ratings=pl.DataFrame(
            {"period": ["2024-03", "2024-04"], "subject_kind": "person",
             "subject_code": ["P1", "P2"], "rating": ["HTXSNV", "HTNV"],
             "year": 2024, "month": [3, 4]}
        ),
    )  # fmt: skip
    r = row(ds, "U1")
    assert (r["person_months_rated"], r["person_months_htxsnv"]) == (2, 1)
    assert (r["persons_rated"], r["persons_htxsnv"], r["persons_khtnv"]) == (None, None, None)


def test_ratings_of_one_kind_of_collective_leave_the_others_unknown():
    ds = Dataset.empty(
        units=UNITS,
        roster=ROSTER,
        collectives=pl.DataFrame(
            {"collective_code": ["B1", "M1", "D1"], "unit_code": "U1",
             "kind": ["party_cell", "mass_org", "department"]}
        ),
        ratings=pl.DataFrame(
            {"period": ["2024"], "subject_kind": "collective", "subject_code": "B1",
             "rating": "HTNV", "year": 2024, "month": None}
        ),
    )  # fmt: skip
    r = row(ds, "U1")
    assert (r["party_cells"], r["party_cells_httnv_plus"], r["party_cells_htxsnv"]) == (1, 0, 0)
    assert (r["mass_orgs"], r["mass_orgs_strong"]) == (1, None)
    assert (r["departments"], r["department_months_rated"]) == (1, None)
