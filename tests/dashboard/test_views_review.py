"""views.review: candidates, holders to check, and the budget summed by award."""

import polars as pl

from dashboard.views.review import budget_by_award, candidates, in_scope, to_check

ELIG = pl.DataFrame(
    {
        "cluster_code": ["C"] * 3,
        "unit_code": ["U1", "U1", "U2"],
        "subject_kind": ["person", "person", "collective"],
        "subject_name": ["Nguyễn Văn An", "Trần Thị Bình", "Khoa A"],
        "award_code": ["LDTT", "CSTDCS", "TTLDTT"],
        "eligible": [True, False, True],
        "awarded": [False, True, True],
        "reason": ["Đủ tiêu chuẩn", "Cần rà soát: Không có sáng kiến", "Đủ tiêu chuẩn"],
        "reason_en": ["Meets the criteria", "To check: no initiative", "Meets the criteria"],
    }
)


def test_candidates_meet_the_criteria_and_lack_the_title():
    out = candidates(ELIG, lang="vi")
    assert out.select("subject_name", "award_name").rows() == [
        ("Nguyễn Văn An", "Lao động tiên tiến")
    ]


def test_to_check_holds_the_title_without_the_criteria_with_reason():
    out = to_check(ELIG, lang="en")
    assert out.select("subject_kind", "subject_name", "reason").rows() == [
        ("Person", "Trần Thị Bình", "To check: no initiative")
    ]


def test_scope_is_one_unit_or_the_cluster():
    assert in_scope(ELIG, cluster="C", unit="U2").height == 1
    assert in_scope(ELIG, cluster="C", unit=None).height == 3


def test_budget_sums_units_in_catalogue_order():
    budget = pl.DataFrame(
        {
            "award_code": ["CSTDCS", "LDTT", "LDTT"],
            "count": [1, 3, 2],
            "multiple": [1.0, 0.3, 0.3],
            "amount_vnd": [2_340_000, 2_130_000, 1_420_000],
        }
    )
    # LDTT: 3 + 2 = 5 people, 2.130.000 + 1.420.000 = 3.550.000 đ; LDTT comes first in awards.toml
    assert budget_by_award(budget).rows() == [
        ("LDTT", 5, 0.3, 3_550_000),
        ("CSTDCS", 1, 1.0, 2_340_000),
    ]
