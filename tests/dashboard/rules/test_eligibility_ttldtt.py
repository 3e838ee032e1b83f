"""eligibility(): TTLĐTT (more than 50 % of members LĐTT-or-higher, nobody disciplined at
cảnh cáo or above) for departments."""

from __future__ import annotations

import polars as pl

from dashboard.rules.eligibility import eligibility
from data_access.readers import Dataset

YEAR = 2024


def department(members: list[tuple[str, str]], *, awards: list[str] = ()) -> Dataset:
    """Department K1 of unit U1; members as (award or "", discipline), coded M0, M1, …"""
    codes = [f"M{i}" for i in range(len(members))]
    person_awards = [(c, a) for c, (a, _) in zip(codes, members, strict=True) if a]
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
                "collective_name": ["Khoa Lý luận cơ sở"],
                "kind": ["department"],
            }
        ),
        people=pl.DataFrame({"person_code": codes, "full_name": [f"Người {c}" for c in codes]}),
        roster=pl.DataFrame(
            {
                "year": [YEAR] * len(codes),
                "person_code": codes,
                "unit_code": ["U1"] * len(codes),
                "collective_code": ["K1"] * len(codes),
                "discipline": [d for _, d in members],
            }
        ),
        awards=pl.DataFrame(
            [
                {"recipient_kind": "person", "recipient_code": c, "award_code": a}
                for c, a in person_awards
            ]
            + [
                {"recipient_kind": "collective", "recipient_code": "K1", "award_code": a}
                for a in awards
            ],
            schema={
                "recipient_kind": pl.String,
                "recipient_code": pl.String,
                "award_code": pl.String,
            },
        ).with_columns(year=pl.lit(YEAR)),
    )


def ttldtt(ds: Dataset) -> dict:
    out = eligibility(ds, year=YEAR).filter(pl.col("rule") == "TTLDTT_CRITERIA")
    assert out.height == 1
    return out.row(0, named=True)


def test_exactly_half_is_not_more_than_half():
    # 2 of 4 members LĐTT = 50 %: the rule needs more than 50 %
    row = ttldtt(department([("LDTT", "none"), ("LDTT", "none"), ("", "none"), ("", "none")]))
    assert row["eligible"] is False
    assert row["reason"] == "Chỉ 50% thành viên đạt LĐTT (cần > 50%)"
    assert row["reason_en"] == "Only 50% of members LĐTT (needs > 50%)"
    assert (row["subject_kind"], row["subject_code"]) == ("collective", "K1")
    assert row["subject_name"] == "Khoa Lý luận cơ sở"


def test_three_of_five_is_met_counting_higher_titles():
    # LĐTT, CSTĐCS (implies LĐTT), LĐTT of 5 = 3/5 = 60 % > 50 %
    row = ttldtt(
        department(
            [("LDTT", "none"), ("CSTDCS", "none"), ("LDTT", "none"), ("", "none"), ("", "none")],
            awards=["TTLDTT"],
        )
    )
    assert (row["award_code"], row["eligible"], row["awarded"]) == ("TTLDTT", True, True)
    assert row["reason"] == "Đủ tiêu chuẩn"


def test_member_warned_fails_but_reprimand_does_not():
    two_ldtt = [("LDTT", "none"), ("LDTT", "none")]  # with a third member: 2/3 = 66,6 % > 50 %
    reprimand = ttldtt(department([*two_ldtt, ("", "khien_trach")]))
    assert reprimand["eligible"] is True
    warned = ttldtt(department([*two_ldtt, ("", "canh_cao")], awards=["TTLDXS"]))
    assert (warned["eligible"], warned["awarded"]) == (False, True)  # TTLĐXS implies TTLĐTT
    assert warned["reason"] == ("Cần rà soát: Có 1 thành viên bị kỷ luật từ cảnh cáo trở lên")


def test_department_without_members():
    ds = department([("LDTT", "none")])
    ds = Dataset.empty(
        **{
            **ds.__dict__,
            "collectives": pl.DataFrame(
                {
                    "collective_code": ["K1", "K2"],
                    "unit_code": ["U1", "U1"],
                    "collective_name": ["Khoa Lý luận cơ sở", "Phòng Đào tạo"],
                    "kind": ["department", "department"],
                }
            ),
        }
    )
    out = eligibility(ds, year=YEAR).filter(
        (pl.col("rule") == "TTLDTT_CRITERIA") & (pl.col("subject_code") == "K2")
    )
    assert out.row(0, named=True)["reason"] == "Không có thành viên trong năm"


def test_party_cells_and_mass_orgs_are_not_judged():
    ds = department([("LDTT", "none")])
    ds = Dataset.empty(
        **{
            **ds.__dict__,
            "collectives": pl.DataFrame(
                {
                    "collective_code": ["K1", "CB"],
                    "unit_code": ["U1", "U1"],
                    "collective_name": ["Khoa Lý luận cơ sở", "Chi bộ 1"],
                    "kind": ["department", "party_cell"],
                }
            ),
        }
    )
    codes = eligibility(ds, year=YEAR).filter(pl.col("subject_kind") == "collective")
    assert set(codes["subject_code"]) == {"K1"}
