"""eligibility(): TTLĐXS (collective rated HTXSNV; every member HTNV or better; ≥ 70 % of
members LĐTT-or-higher; ≥ 1 member CSTĐCS-or-higher) for departments."""

from __future__ import annotations

import polars as pl

from dashboard.rules.eligibility import eligibility
from data_access.readers import Dataset

YEAR = 2024


def department(
    n: int,
    *,
    ldtt: int,
    cstdcs: int = 1,
    below_htnv: int = 0,
    rating: str | None = "HTXSNV",
    awards: list[str] = (),
) -> Dataset:
    """Department K1 with n members: the first `cstdcs` CSTĐCS, the next ones up to `ldtt`
    LĐTT; everyone rated HTTNV except the last `below_htnv`, rated KHTNV."""
    codes = [f"M{i:03d}" for i in range(n)]
    titles = ["CSTDCS" if i < cstdcs else "LDTT" for i in range(ldtt)]
    ratings = ["HTTNV"] * (n - below_htnv) + ["KHTNV"] * below_htnv
    awards_rows = [("person", c, t) for c, t in zip(codes, titles, strict=False)]
    awards_rows += [("collective", "K1", a) for a in awards]
    rating_rows = [("person", c, r) for c, r in zip(codes, ratings, strict=True)]
    if rating:
        rating_rows.append(("collective", "K1", rating))
    return Dataset.empty(
        units=pl.DataFrame(
            {
                "unit_code": ["U1"],
                "unit_name": ["Trường"],
                "cluster_code": ["C1"],
                "profile": ["civil"],
            }
        ),
        collectives=pl.DataFrame(
            {
                "collective_code": ["K1"],
                "unit_code": ["U1"],
                "collective_name": ["Phòng Đào tạo"],
                "kind": ["department"],
            }
        ),
        people=pl.DataFrame({"person_code": codes, "full_name": codes}),
        roster=pl.DataFrame(
            {
                "year": [YEAR] * n,
                "person_code": codes,
                "unit_code": ["U1"] * n,
                "collective_code": ["K1"] * n,
            }
        ),
        ratings=pl.DataFrame(
            rating_rows, schema=["subject_kind", "subject_code", "rating"], orient="row"
        ).with_columns(period=pl.lit(str(YEAR)), year=pl.lit(YEAR)),
        awards=pl.DataFrame(
            awards_rows, schema=["recipient_kind", "recipient_code", "award_code"], orient="row"
        ).with_columns(year=pl.lit(YEAR)),
    )


def ttldxs(ds: Dataset) -> dict:
    out = eligibility(ds, year=YEAR).filter(pl.col("rule") == "TTLDXS_CRITERIA")
    assert out.height == 1
    return out.row(0, named=True)


def test_exactly_seventy_percent_is_met():
    # 7 of 10 LĐTT-or-higher = 70 % ≥ 70 %; 1 CSTĐCS; all HTTNV; the department HTXSNV
    row = ttldxs(department(10, ldtt=7, awards=["TTLDXS"]))
    assert (row["award_code"], row["eligible"], row["awarded"]) == ("TTLDXS", True, True)
    assert row["reason"] == "Đủ tiêu chuẩn"


def test_sixty_nine_percent_is_not():
    # 69 of 100 = 69 % < 70 %
    row = ttldxs(department(100, ldtt=69))
    assert row["eligible"] is False
    assert row["reason"] == "Chỉ 69% thành viên đạt LĐTT (cần ≥ 70%)"
    assert row["reason_en"] == "Only 69% of members LĐTT (needs ≥ 70%)"


def test_share_just_under_the_threshold_is_not_rounded_up():
    # 2 of 3 = 66.66… %: shown truncated as 66,6 %, and 699 of 1000 = 69,9 % (not "70 %")
    assert ttldxs(department(3, ldtt=2))["reason"] == "Chỉ 66,6% thành viên đạt LĐTT (cần ≥ 70%)"
    assert ttldxs(department(1000, ldtt=699))["reason"] == (
        "Chỉ 69,9% thành viên đạt LĐTT (cần ≥ 70%)"
    )


def test_collective_rating_below_htxsnv_or_missing():
    assert ttldxs(department(10, ldtt=8, rating="HTTNV"))["reason"] == (
        "Tập thể xếp loại HTTNV, chưa đạt HTXSNV"
    )
    assert ttldxs(department(10, ldtt=8, rating=None))["reason"] == "Tập thể chưa có xếp loại"


def test_every_member_must_be_htnv_or_better():
    # 1 of 10 rated KHTNV: 9/10 = 90 % HTNV-or-better, the rule needs 100 %
    row = ttldxs(department(10, ldtt=8, below_htnv=1))
    assert row["reason"] == "Chỉ 90% thành viên xếp loại HTNV trở lên (cần 100%)"


def test_no_member_cstdcs():
    row = ttldxs(department(10, ldtt=8, cstdcs=0))
    assert (row["reason"], row["reason_en"]) == (
        "Không có thành viên đạt CSTĐCS",
        "No member CSTĐCS",
    )


def test_holder_failing_several_criteria_is_to_be_checked():
    row = ttldxs(department(10, ldtt=5, cstdcs=0, rating="HTTNV", awards=["CO_TD_BO"]))
    # Cờ thi đua cấp bộ implies TTLĐXS: awarded; 5/10 = 50 % < 70 %
    assert (row["eligible"], row["awarded"]) == (False, True)
    assert row["reason"] == (
        "Cần rà soát: Tập thể xếp loại HTTNV, chưa đạt HTXSNV; "
        "Chỉ 50% thành viên đạt LĐTT (cần ≥ 70%); Không có thành viên đạt CSTĐCS"
    )
