"""eligibility(): the LĐTT criteria (rated HTTNV or better, not disciplined) and its reasons."""

from __future__ import annotations

import polars as pl

from dashboard.rules.eligibility import eligibility
from data_access.readers import Dataset

YEAR = 2024


def dataset(*people: dict, profile: str = "civil") -> Dataset:
    """One unit U1; each person: code, name, rating (annual, or None), discipline, awards."""
    return Dataset.empty(
        units=pl.DataFrame(
            {
                "unit_code": ["U1"],
                "unit_name": ["Trường Chính trị"],
                "cluster_code": ["C1"],
                "profile": [profile],
            }
        ),
        people=pl.DataFrame(
            {"person_code": [p["code"] for p in people], "full_name": [p["name"] for p in people]}
        ),
        roster=pl.DataFrame(
            {
                "year": [YEAR] * len(people),
                "person_code": [p["code"] for p in people],
                "unit_code": ["U1"] * len(people),
                "discipline": [p.get("discipline", "none") for p in people],
            }
        ),
        ratings=pl.DataFrame(
            [
                {
                    "period": str(YEAR),
                    "subject_kind": "person",
                    "subject_code": p["code"],
                    "rating": p["rating"],
                    "year": YEAR,
                }
                for p in people
                if p.get("rating")
            ],
            schema={
                "period": pl.String,
                "subject_kind": pl.String,
                "subject_code": pl.String,
                "rating": pl.String,
                "year": pl.Int16,
            },
        ),
        awards=pl.DataFrame(
            [
                {
                    "year": YEAR,
                    "recipient_kind": "person",
                    "recipient_code": p["code"],
                    "award_code": a,
                }
                for p in people
                for a in p.get("awards", ())
            ],
            schema={
                "year": pl.Int16,
                "recipient_kind": pl.String,
                "recipient_code": pl.String,
                "award_code": pl.String,
            },
        ),
    )


def ldtt_row(ds: Dataset, code: str) -> dict:
    out = eligibility(ds, year=YEAR)
    rows = out.filter(
        (pl.col("subject_code") == code) & (pl.col("rule") == "LDTT_CRITERIA")
    ).to_dicts()
    assert len(rows) == 1
    return rows[0]


def test_rated_httnv_and_awarded_meets_the_criteria():
    row = ldtt_row(
        dataset({"code": "P1", "name": "Nguyễn Văn An", "rating": "HTTNV", "awards": ["LDTT"]}),
        "P1",
    )
    assert (row["award_code"], row["eligible"], row["awarded"]) == ("LDTT", True, True)
    assert (row["reason"], row["reason_en"]) == ("Đủ tiêu chuẩn", "Meets the criteria")
    assert row["subject_name"] == "Nguyễn Văn An" and row["subject_kind"] == "person"


def test_candidate_not_yet_awarded():
    row = ldtt_row(dataset({"code": "P1", "name": "Nguyễn Văn An", "rating": "HTXSNV"}), "P1")
    assert (row["eligible"], row["awarded"]) == (True, False)
    assert row["reason"] == "Đủ tiêu chuẩn, chưa được đề nghị"
    assert row["reason_en"] == "Meets the criteria, not yet proposed"


def test_rating_below_httnv_names_both_levels():
    row = ldtt_row(dataset({"code": "P1", "name": "Nguyễn Văn An", "rating": "HTNV"}), "P1")
    assert (row["eligible"], row["awarded"]) == (False, False)
    assert row["reason"] == "Xếp loại HTNV, chưa đạt HTTNV"
    assert row["reason_en"] == "Rated HTNV, below HTTNV"


def test_missing_rating_is_not_eligible():
    row = ldtt_row(dataset({"code": "P1", "name": "Nguyễn Văn An", "rating": None}), "P1")
    assert row["eligible"] is False
    assert row["reason"] == "Chưa có xếp loại"


def test_monthly_rating_is_not_the_annual_rating():
    ds = dataset({"code": "P1", "name": "Nguyễn Văn An", "rating": None})
    monthly = pl.DataFrame(
        {
            "period": ["2024-03"],
            "subject_kind": ["person"],
            "subject_code": ["P1"],
            "rating": ["HTXSNV"],
            "year": [YEAR],
            "month": [3],
        }
    )
    ds = Dataset.empty(**{**ds.__dict__, "ratings": monthly})
    assert ldtt_row(ds, "P1")["reason"] == "Chưa có xếp loại"


def test_disciplined_person_is_not_eligible():
    row = ldtt_row(
        dataset(
            {"code": "P1", "name": "Nguyễn Văn An", "rating": "HTTNV", "discipline": "khien_trach"}
        ),
        "P1",
    )
    assert row["eligible"] is False
    assert row["reason"] == "Bị kỷ luật (khiển trách)"
    assert row["reason_en"] == "Disciplined (reprimand)"


def test_holder_without_the_criteria_is_to_be_checked():
    # CSTĐCS implies LĐTT: the holder is "awarded" LĐTT, and rated only HTNV.
    row = ldtt_row(
        dataset({"code": "P1", "name": "Nguyễn Văn An", "rating": "HTNV", "awards": ["CSTDCS"]}),
        "P1",
    )
    assert (row["eligible"], row["awarded"]) == (False, True)
    assert row["reason"] == "Cần rà soát: Xếp loại HTNV, chưa đạt HTTNV"
    assert row["reason_en"] == "To be checked: Rated HTNV, below HTTNV"


def test_several_failures_are_all_named():
    row = ldtt_row(
        dataset(
            {"code": "P1", "name": "Nguyễn Văn An", "rating": "KHTNV", "discipline": "canh_cao"}
        ),
        "P1",
    )
    assert row["reason"] == "Xếp loại KHTNV, chưa đạt HTTNV; Bị kỷ luật (cảnh cáo)"


def test_military_unit_shows_cstt():
    ds = dataset(
        {"code": "Q1", "name": "Phạm Văn Hùng", "rating": "HTTNV", "awards": ["CSTT"]},
        profile="military",
    )
    row = ldtt_row(ds, "Q1")
    assert (row["award_code"], row["eligible"], row["awarded"]) == ("CSTT", True, True)
