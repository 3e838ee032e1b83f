"""eligibility(): contract columns and types, and rows in the order of a Vietnamese list."""

from __future__ import annotations

import polars as pl

from dashboard.rules.eligibility import eligibility
from data_access.readers import Dataset

YEAR = 2024


def dataset() -> Dataset:
    people = {
        "P1": ("Trần Thị Bình", "U1"),
        "P2": ("Nguyễn Văn An", "U1"),
        "P3": ("Lê Đức", "U1"),
        "P4": ("Lê Dũng", "U1"),
        "P5": ("Trịnh Văn An", "U1"),
        "P6": ("Hoàng Văn Ba", "U0"),
    }
    return Dataset.empty(
        units=pl.DataFrame(
            {
                "unit_code": ["U1", "U0", "V9"],
                "unit_name": ["Trường", "Thư viện", "Văn phòng"],
                "cluster_code": ["C1", "C1", "C0"],
                "profile": ["civil"] * 3,
            }
        ),
        collectives=pl.DataFrame(
            {
                "collective_code": ["K2", "K1"],
                "unit_code": ["U1", "U1"],
                "collective_name": ["Phòng Đào tạo", "Khoa Dân vận"],
                "kind": ["department", "department"],
            }
        ),
        people=pl.DataFrame(
            {"person_code": list(people), "full_name": [n for n, _ in people.values()]}
        ),
        roster=pl.DataFrame(
            {
                "year": [YEAR] * len(people),
                "person_code": list(people),
                "unit_code": [u for _, u in people.values()],
            }
        ),
    )


def test_contract_columns_and_types():
    out = eligibility(dataset(), year=YEAR)
    assert out.columns == [
        "year",
        "cluster_code",
        "unit_code",
        "subject_kind",
        "subject_code",
        "subject_name",
        "award_code",
        "eligible",
        "awarded",
        "reason",
        "reason_en",
        "rule",
    ]
    assert out.schema["eligible"] == pl.Boolean and out.schema["awarded"] == pl.Boolean
    for col in ("cluster_code", "unit_code", "subject_code", "award_code"):
        assert out.schema[col] == pl.String
    assert set(out["year"]) == {YEAR}


def test_rows_by_unit_then_people_by_given_name_then_departments():
    out = eligibility(dataset(), year=YEAR)
    subjects = out.filter(pl.col("award_code").is_in(["LDTT", "TTLDTT"]))
    assert subjects.select("unit_code", "subject_name").rows() == [
        ("U0", "Hoàng Văn Ba"),  # unit U0 before U1 (cluster C1 for both; V9 has no rows)
        ("U1", "Nguyễn Văn An"),  # An: Nguyễn before Trịnh
        ("U1", "Trịnh Văn An"),
        ("U1", "Trần Thị Bình"),  # Bình
        ("U1", "Lê Dũng"),  # D before Đ
        ("U1", "Lê Đức"),
        ("U1", "Khoa Dân vận"),  # departments after people, by name
        ("U1", "Phòng Đào tạo"),
    ]


def test_each_person_has_ldtt_then_cstdcs():
    out = eligibility(dataset(), year=YEAR).filter(pl.col("subject_code") == "P2")
    assert out["award_code"].to_list() == ["LDTT", "CSTDCS"]


def test_a_year_without_roster_gives_an_empty_typed_frame():
    out = eligibility(dataset(), year=2019)
    assert out.height == 0
    assert out.schema["eligible"] == pl.Boolean
