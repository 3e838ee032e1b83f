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


def test_quota_rows_lead_with_the_headroom_in_words_and_names_not_codes():
    from dashboard.views.review import quota_rows, rule_notes

    q = pl.DataFrame(
        {
            "year": [2025, 2025],
            "cluster_code": ["C", "C"],
            "unit_code": ["U1", "U2"],
            "rule": ["CSTDCS_CAP", "CSTDCS_CAP"],
            "base_count": [40, 50],
            "cap_pct": [15.0, 15.0],
            "allowed": [6, 7],  # floor(15 % × 40) = 6; floor(15 % × 50) = 7
            "used": [4, 8],
            "remaining": [2, -1],
            "status": ["ok", "over"],
            "rule_text_vi": ["Văn bản dài"] * 2,
            "rule_text_en": ["Long text"] * 2,
            "source": ["NĐ 91/2017"] * 2,
        }
    )
    units = pl.DataFrame(
        {
            "unit_code": ["U1", "U2"],
            "unit_name": ["Trường Chính trị tỉnh Bắc Ninh", "Trường Chính trị tỉnh Hà Nam"],
            "cluster_code": ["C", "C"],
        }
    )
    out = quota_rows(q, units, lang="vi")
    assert out.columns[:4] == ["unit_name", "rule", "headroom", "status"]
    assert out["unit_name"].to_list() == ["Bắc Ninh", "Hà Nam"]
    assert out["headroom"].to_list() == [
        "còn 2 (đã dùng 4/6)",
        "vượt hạn mức 1 người (đã dùng 8/7)",
    ]
    assert out["status__code"].to_list() == ["met", "above"]
    assert "rule_text" not in out.columns
    # the long text once per rule, not once per row
    assert rule_notes(q, lang="en") == ["CSTĐCS cap: Long text (NĐ 91/2017)"]
