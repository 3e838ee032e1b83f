"""views.unit.people and filter_people: the staff list, Vietnamese order, verdicts, filters."""

import polars as pl

from dashboard.views.unit import filter_people, people
from data_access.readers import Dataset

DS = Dataset.empty(
    roster=pl.DataFrame(
        {
            "year": [2024] * 3,
            "person_code": ["P1", "P2", "P3"],
            "unit_code": ["U1"] * 3,
            "collective_code": ["K1", None, None],
        }
    ),
    people=pl.DataFrame(
        {
            "person_code": ["P1", "P2", "P3"],
            "full_name": ["Trần Thị Bình", "Nguyễn Văn An", "Lê Văn Bình"],
        }
    ),
    collectives=pl.DataFrame(
        {
            "collective_code": ["K1"],
            "unit_code": ["U1"],
            "collective_name": ["Khoa Lý luận"],
            "kind": ["department"],
        }
    ),
    ratings=pl.DataFrame(
        {
            "period": ["2024"],
            "subject_kind": ["person"],
            "subject_code": ["P1"],
            "rating": ["HTXSNV"],
            "year": [2024],
            "month": [None],
        }
    ),
    awards=pl.DataFrame(
        {
            "year": [2024],
            "recipient_kind": ["person"],
            "recipient_code": ["P1"],
            "award_code": ["CSTDCS"],
        }
    ),
)
ELIG = pl.DataFrame(
    {
        "subject_kind": ["person", "person"],
        "subject_code": ["P1", "P2"],
        "award_code": ["CSTDCS", "LDTT"],
        "eligible": [False, True],
        "awarded": [True, False],
        "reason": ["Cần rà soát: Không có sáng kiến", "Đủ tiêu chuẩn"],
        "reason_en": ["To check: no initiative", "Meets the criteria"],
    }
)


def test_sorted_by_given_name_then_full_name():
    out = people(DS, ELIG, year=2024, unit="U1", lang="vi")
    # An < Bình; the two Bình by full name: Lê before Trần
    assert out["full_name"].to_list() == ["Nguyễn Văn An", "Lê Văn Bình", "Trần Thị Bình"]


def test_rating_titles_and_verdicts_in_words():
    out = people(DS, ELIG, year=2024, unit="U1", lang="en").rows_by_key("person_code", named=True)
    p1, p2 = out["P1"][0], out["P2"][0]
    assert (p1["collective_name"], p1["rating"]) == (
        "Khoa Lý luận",
        "Completed tasks with excellence",
    )
    assert p1["titles"] == "Grassroots Emulation Fighter"
    assert (p1["to_check"], p1["reason"]) == (
        "Grassroots Emulation Fighter",
        "To check: no initiative",
    )
    assert (p2["candidate_for"], p2["to_check"]) == ("Advanced Worker", None)


def test_filters_by_name_and_by_verdict():
    out = people(DS, ELIG, year=2024, unit="U1", lang="vi")
    assert filter_people(out, query="bình")["person_code"].to_list() == ["P3", "P1"]
    assert filter_people(out, show="candidates")["person_code"].to_list() == ["P2"]
    assert filter_people(out, show="to_check")["person_code"].to_list() == ["P1"]
    assert filter_people(out, query="(")["person_code"].to_list() == []  # literal, not a regex
