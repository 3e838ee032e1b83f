"""eligibility(): the result does not depend on the order of the input rows."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from dashboard.rules.eligibility import eligibility
from data_access.readers import Dataset

YEARS = (2022, 2023, 2024)
NAMES = ("Nguyễn Văn An", "Trần Thị Bình", "Trịnh Văn An", "Lê Đức", "Lê Dũng", "Đỗ Ánh")
RATINGS = (None, "HTXSNV", "HTTNV", "HTNV", "KHTNV")
PERSON_AWARDS = ("LDTT", "CSTT", "CSTDCS", "CSTD_BO", "CSTD_TQ", "BK_BO")
DISCIPLINES = ("none", "none", "khien_trach", "canh_cao")

person = st.fixed_dictionaries(
    {
        "name": st.sampled_from(NAMES),
        "unit": st.sampled_from(("U1", "M1")),
        "dept": st.sampled_from((None, "K1", "K2")),
        "initiatives": st.integers(0, 2),
        "discipline": st.sampled_from(DISCIPLINES),
        "rating": st.sampled_from(RATINGS),
        "awards": st.lists(
            st.tuples(st.sampled_from(YEARS), st.sampled_from(PERSON_AWARDS)),
            max_size=5,
            unique=True,
        ),
    }
)
department = st.fixed_dictionaries(
    {
        "rating": st.sampled_from(RATINGS),
        "awards": st.lists(
            st.sampled_from(("TTLDTT", "TTLDXS", "CO_TD_BO")), max_size=2, unique=True
        ),
    }
)


def build(people: list[dict], depts: list[dict]) -> Dataset:
    codes = [f"P{i}" for i in range(len(people))]
    dept_codes = ["K1", "K2"]
    ratings = [("person", c, p["rating"]) for c, p in zip(codes, people, strict=True)]
    ratings += [("collective", k, d["rating"]) for k, d in zip(dept_codes, depts, strict=True)]
    awards = [
        (y, "person", c, a) for c, p in zip(codes, people, strict=True) for y, a in p["awards"]
    ]
    awards += [
        (2024, "collective", k, a)
        for k, d in zip(dept_codes, depts, strict=True)
        for a in d["awards"]
    ]
    return Dataset.empty(
        units=pl.DataFrame(
            {
                "unit_code": ["U1", "M1"],
                "unit_name": ["Trường", "Trung đoàn"],
                "cluster_code": ["C1", "C1"],
                "profile": ["civil", "military"],
            }
        ),
        collectives=pl.DataFrame(
            {
                "collective_code": dept_codes,
                "unit_code": ["U1", "M1"],
                "collective_name": ["Khoa A", "Đại đội B"],
                "kind": ["department", "department"],
            }
        ),
        people=pl.DataFrame({"person_code": codes, "full_name": [p["name"] for p in people]}),
        roster=pl.DataFrame(
            [
                (y, c, p["unit"], p["dept"], p["initiatives"], p["discipline"])
                for y in YEARS
                for c, p in zip(codes, people, strict=True)
            ],
            schema=[
                "year",
                "person_code",
                "unit_code",
                "collective_code",
                "initiatives",
                "discipline",
            ],
            orient="row",
        ),
        ratings=pl.DataFrame(
            [(k, c, r) for k, c, r in ratings if r is not None],
            schema=["subject_kind", "subject_code", "rating"],
            orient="row",
        ).with_columns(period=pl.lit("2024"), year=pl.lit(2024)),
        awards=pl.DataFrame(
            awards,
            schema=["year", "recipient_kind", "recipient_code", "award_code"],
            orient="row",
        ),
    )


def shuffled(ds: Dataset, seed: int) -> Dataset:
    frames = {name: getattr(ds, name) for name in ds.__dataclass_fields__}
    return Dataset(
        **{n: f.sample(fraction=1.0, shuffle=True, seed=seed) for n, f in frames.items()}
    )


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(
    people=st.lists(person, min_size=1, max_size=8),
    depts=st.lists(department, min_size=2, max_size=2),
    seed=st.integers(0, 2**32 - 1),
)
def test_row_order_does_not_matter(people, depts, seed):
    ds = build(people, depts)
    expected = eligibility(ds, year=2024)
    assert_frame_equal(eligibility(shuffled(ds, seed), year=2024), expected)
    # and every roster person has exactly one row per person criteria rule
    per_person = expected.filter(
        pl.col("rule").str.ends_with("_CRITERIA") & (pl.col("subject_kind") == "person")
    )
    assert per_person.height == 2 * len(people)
