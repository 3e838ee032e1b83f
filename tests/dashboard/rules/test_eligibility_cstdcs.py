"""eligibility(): the CSTĐCS criteria (LĐTT that year, ≥ 1 initiative, rated HTXSNV, not
disciplined), read from rules.toml, and its reasons."""

from __future__ import annotations

import dataclasses

import polars as pl

from dashboard.rules.eligibility import eligibility
from data_access.catalog import load_catalog
from data_access.readers import Dataset

YEAR = 2024


def dataset(
    *, rating: str | None, initiatives: int, awards: list[str], discipline: str = "none"
) -> Dataset:
    """One person P1 in unit U1."""
    return Dataset.empty(
        units=pl.DataFrame(
            {
                "unit_code": ["U1"],
                "unit_name": ["Trường Chính trị"],
                "cluster_code": ["C1"],
                "profile": ["civil"],
            }
        ),
        people=pl.DataFrame({"person_code": ["P1"], "full_name": ["Lê Thị Hoa"]}),
        roster=pl.DataFrame(
            {
                "year": [YEAR],
                "person_code": ["P1"],
                "unit_code": ["U1"],
                "initiatives": [initiatives],
                "discipline": [discipline],
            }
        ),
        ratings=pl.DataFrame(
            {
                "period": [str(YEAR)],
                "subject_kind": ["person"],
                "subject_code": ["P1"],
                "rating": [rating],
                "year": [YEAR],
            }
        ).filter(pl.col("rating").is_not_null()),
        awards=pl.DataFrame(
            {
                "year": [YEAR] * len(awards),
                "recipient_kind": ["person"] * len(awards),
                "recipient_code": ["P1"] * len(awards),
                "award_code": awards,
            },
            schema={
                "year": pl.Int16,
                "recipient_kind": pl.String,
                "recipient_code": pl.String,
                "award_code": pl.String,
            },
        ),
    )


def cstdcs_row(ds: Dataset, **kw) -> dict:
    out = eligibility(ds, year=YEAR, **kw).filter(pl.col("rule") == "CSTDCS_CRITERIA")
    assert out.height == 1
    return out.row(0, named=True)


def test_met_and_awarded():
    row = cstdcs_row(dataset(rating="HTXSNV", initiatives=1, awards=["CSTDCS"]))
    assert (row["award_code"], row["eligible"], row["awarded"]) == ("CSTDCS", True, True)
    assert row["reason"] == "Đủ tiêu chuẩn"


def test_ldtt_holder_meeting_the_criteria_is_a_candidate():
    row = cstdcs_row(dataset(rating="HTXSNV", initiatives=2, awards=["LDTT"]))
    assert (row["eligible"], row["awarded"]) == (True, False)
    assert row["reason"] == "Đủ tiêu chuẩn, chưa được đề nghị"


def test_no_initiative():
    row = cstdcs_row(dataset(rating="HTXSNV", initiatives=0, awards=["LDTT"]))
    assert row["eligible"] is False
    assert (row["reason"], row["reason_en"]) == ("Không có sáng kiến", "No initiative")


def test_rated_httnv_is_below_the_htxsnv_units_require():
    row = cstdcs_row(dataset(rating="HTTNV", initiatives=1, awards=["LDTT"]))
    assert row["reason"] == "Xếp loại HTTNV, chưa đạt HTXSNV"


def test_not_ldtt_that_year():
    row = cstdcs_row(dataset(rating="HTXSNV", initiatives=1, awards=[]))
    assert row["eligible"] is False
    assert (row["reason"], row["reason_en"]) == ("Chưa đạt LĐTT", "Not LĐTT this year")


def test_holder_without_initiative_is_to_be_checked():
    row = cstdcs_row(dataset(rating="HTXSNV", initiatives=0, awards=["CSTDCS"]))
    assert (row["eligible"], row["awarded"]) == (False, True)
    assert row["reason"] == "Cần rà soát: Không có sáng kiến"


def test_disciplined_holder_names_every_failure():
    row = cstdcs_row(
        dataset(rating="HTXSNV", initiatives=0, awards=["CSTDCS"], discipline="khien_trach")
    )
    assert row["reason"] == "Cần rà soát: Bị kỷ luật (khiển trách); Không có sáng kiến"


def test_missing_rating():
    row = cstdcs_row(dataset(rating=None, initiatives=1, awards=["LDTT"]))
    assert row["reason"] == "Chưa có xếp loại"


def test_thresholds_come_from_the_rule_book():
    # A unit that drops the HTXSNV requirement: edit min_rating, and HTTNV now passes.
    cat = load_catalog()
    rule = cat.rule("CSTDCS_CRITERIA")
    edited = dataclasses.replace(
        rule, params=rule.params | {"min_rating": "HTTNV", "min_initiatives": 2}
    )
    cat2 = dataclasses.replace(cat, rules=tuple(edited if r is rule else r for r in cat.rules))
    row = cstdcs_row(dataset(rating="HTTNV", initiatives=1, awards=["LDTT"]), catalog=cat2)
    assert row["reason"] == "Có 1 sáng kiến (cần ≥ 2)"
