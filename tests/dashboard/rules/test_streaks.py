"""streak_candidates() and the streak rows of eligibility(): CSTĐ cấp bộ after CSTĐCS in each
of 3 years in a row; CSTĐ toàn quốc after CSTĐ cấp bộ twice in a row."""

from __future__ import annotations

import polars as pl

from dashboard.rules.eligibility import eligibility
from dashboard.rules.streaks import streak_candidates
from data_access.readers import Dataset


def history(titles: dict[int, str], *, years: range = range(2018, 2025)) -> Dataset:
    """Person P1 on the roster of unit U1 every year in `years`, with `titles` {year: award}."""
    ys = list(years)
    return Dataset.empty(
        units=pl.DataFrame(
            {
                "unit_code": ["U1"],
                "unit_name": ["Trường"],
                "cluster_code": ["C1"],
                "profile": ["civil"],
            }
        ),
        people=pl.DataFrame({"person_code": ["P1"], "full_name": ["Võ Thị Sáu"]}),
        roster=pl.DataFrame(
            {"year": ys, "person_code": ["P1"] * len(ys), "unit_code": ["U1"] * len(ys)}
        ),
        awards=pl.DataFrame(
            {
                "year": list(titles),
                "recipient_kind": ["person"] * len(titles),
                "recipient_code": ["P1"] * len(titles),
                "award_code": list(titles.values()),
            },
            schema={
                "year": pl.Int16,
                "recipient_kind": pl.String,
                "recipient_code": pl.String,
                "award_code": pl.String,
            },
        ),
    )


def one(frame: pl.DataFrame, award: str) -> dict:
    rows = frame.filter(pl.col("award_code") == award).to_dicts()
    assert len(rows) == 1, rows
    return rows[0]


def test_three_years_in_a_row_makes_a_cstd_bo_candidate():
    ds = history({2022: "CSTDCS", 2023: "CSTDCS", 2024: "CSTDCS"})
    row = one(streak_candidates(ds, year=2024), "CSTD_BO")
    assert (row["meets"], row["holds"]) == (True, False)
    assert row["years_counted"] == [2022, 2023, 2024]
    assert row["rule"] == "CSTD_BO_STREAK"
    assert row["reason"] == (
        "Đủ tiêu chuẩn, chưa được đề nghị: CSTĐCS 3 năm liên tục (2022, 2023, 2024); "
        "cần xác nhận sáng kiến cấp bộ/tỉnh"
    )
    assert row["reason_en"].endswith(
        "CSTĐCS 3 years in a row (2022, 2023, 2024); "
        "initiative with ministry/province-wide effect to be confirmed"
    )


def test_a_gap_breaks_the_streak():
    ds = history({2021: "CSTDCS", 2022: "CSTDCS", 2024: "CSTDCS"})  # nothing in 2023
    assert streak_candidates(ds, year=2024).height == 0
    assert eligibility(ds, year=2024).filter(pl.col("award_code") == "CSTD_BO").height == 0


def test_the_year_judged_must_be_in_the_streak():
    ds = history({2021: "CSTDCS", 2022: "CSTDCS", 2023: "CSTDCS"})  # not 2024
    assert streak_candidates(ds, year=2024).height == 0
    assert one(streak_candidates(ds, year=2023), "CSTD_BO")["meets"] is True


def test_higher_titles_count_towards_the_streak():
    # CSTĐ cấp bộ implies CSTĐCS; here in 2022 it was the person's first, so no restart
    ds = history({2020: "CSTDCS", 2021: "CSTDCS", 2022: "CSTD_BO", 2023: "CSTDCS", 2024: "CSTDCS"})
    row = one(streak_candidates(ds, year=2022), "CSTD_BO")
    assert (row["meets"], row["holds"], row["reason"]) == (
        True,
        True,
        "Đủ tiêu chuẩn: CSTĐCS 3 năm liên tục (2020, 2021, 2022); "
        "cần xác nhận sáng kiến cấp bộ/tỉnh",
    )


def test_years_used_for_a_cstd_bo_do_not_count_again():
    ds = history({2020: "CSTDCS", 2021: "CSTDCS", 2022: "CSTD_BO", 2023: "CSTDCS", 2024: "CSTDCS"})
    # 2024: only 2023 and 2024 since the CSTĐ cấp bộ of 2022 → 2 years, not a candidate
    assert streak_candidates(ds, year=2024).filter(pl.col("award_code") == "CSTD_BO").height == 0


def test_holder_without_the_streak_is_to_be_checked():
    ds = history({2023: "CSTDCS", 2024: "CSTD_BO"})
    row = one(eligibility(ds, year=2024), "CSTD_BO")
    assert (row["eligible"], row["awarded"], row["rule"]) == (False, True, "CSTD_BO_STREAK")
    assert row["reason"] == (
        "Cần rà soát: Chỉ đạt CSTĐCS 2 năm liên tục (2023, 2024), cần 3; "
        "cần xác nhận sáng kiến cấp bộ/tỉnh"
    )
    assert (row["subject_kind"], row["subject_code"], row["subject_name"]) == (
        "person",
        "P1",
        "Võ Thị Sáu",
    )


def test_twice_cstd_bo_three_years_apart_makes_a_cstd_tq_candidate():
    ds = history(
        {
            2018: "CSTDCS",
            2019: "CSTDCS",
            2020: "CSTD_BO",
            2021: "CSTDCS",
            2022: "CSTDCS",
            2023: "CSTD_BO",
        }
    )
    row = one(streak_candidates(ds, year=2023), "CSTD_TQ")
    assert (row["meets"], row["holds"]) == (True, False)
    assert row["years_counted"] == [2020, 2023]
    assert row["reason"] == (
        "Đủ tiêu chuẩn, chưa được đề nghị: CSTĐ cấp bộ, tỉnh 2 lần liên tục (2020, 2023); "
        "cần xác nhận sáng kiến ảnh hưởng toàn quốc"
    )


def test_twice_cstd_bo_in_consecutive_years_also_counts():
    ds = history({2023: "CSTD_BO", 2024: "CSTD_BO"})
    assert one(streak_candidates(ds, year=2024), "CSTD_TQ")["years_counted"] == [2023, 2024]


def test_cstd_bo_twice_with_a_broken_chain_between_is_not_in_a_row():
    ds = history({2019: "CSTD_BO", 2020: "CSTDCS", 2022: "CSTDCS", 2023: "CSTD_BO"})
    # 2021 without CSTĐCS: only the 2023 CSTĐ cấp bộ is in the run
    assert streak_candidates(ds, year=2023).filter(pl.col("award_code") == "CSTD_TQ").height == 0


def test_cstd_tq_holder_gets_one_row_not_a_cstd_bo_row_to_check():
    # CSTĐ toàn quốc implies CSTĐ cấp bộ and CSTĐCS. For CSTD_BO in 2023 only 2023 counts
    # (2022 was used for the CSTĐ cấp bộ), which would flag a holder "to be checked": the
    # higher title's row speaks for it instead.
    ds = history({2022: "CSTD_BO", 2023: "CSTD_TQ"})
    rows = eligibility(ds, year=2023).filter(pl.col("rule").str.ends_with("_STREAK"))
    assert rows["award_code"].to_list() == ["CSTD_TQ"]
    row = rows.row(0, named=True)
    assert (row["eligible"], row["awarded"], row["reason"]) == (
        True,
        True,
        "Đủ tiêu chuẩn: CSTĐ cấp bộ, tỉnh 2 lần liên tục (2022, 2023); "
        "cần xác nhận sáng kiến ảnh hưởng toàn quốc",
    )
