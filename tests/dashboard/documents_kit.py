"""A small dataset for the documents' tests, every figure worked out by hand.

Cluster C1 in 2024: U1 "Trường Chính trị tỉnh Hà Nam" (20 staff) and U2 "Trường Chính trị tỉnh
Nam Định" (10 staff).
- U1: all 20 LĐTT; P01 also CSTĐCS. Rated HTXSNV: P01 and the four candidates P02-P05 (each
  with an initiative), the other 15 HTTNV. CSTĐCS cap 15 % of LĐTT+ 20 → allowed 3, used 1,
  remaining 2: of the 4 candidates, 2 are beyond the quota ("vượt hạn mức 2 người").
- U2: 8 LĐTT (rated HTTNV), 2 rated HTNV, no CSTĐCS.
Cluster: staff 30; rated 30: HTXSNV 5, HTTNV 23, HTNV 2, KHTNV 0; LĐTT+ 28 (93,3 %), CSTĐCS+ 1
(1/28 = 3,6 %). U1: LĐTT+ 20/20 = 100,0 %; CSTĐCS+ 1/20 = 5,0 %; HTXSNV 5/20 = 25,0 %.
"""

from __future__ import annotations

import polars as pl

from data_access.readers import Dataset

YEAR = 2024
U1, U2 = "Trường Chính trị tỉnh Hà Nam", "Trường Chính trị tỉnh Nam Định"
CANDIDATES = ["Đỗ Văn Bảo", "Lê Thị Cúc", "Ngô Minh Dung", "Vũ Thị Giang"]  # P02-P05


def dataset() -> Dataset:
    u1 = [f"P{i:02d}" for i in range(1, 21)]
    u2 = [f"Q{i:02d}" for i in range(1, 11)]
    names = {p: f"Trần Văn Người{p}" for p in u1 + u2}
    names.update(dict(zip(u1[1:5], CANDIDATES, strict=True)))
    names["P01"] = "Phan Thị Hoa"
    rating = {p: "HTTNV" for p in u1 + u2}
    rating.update({p: "HTXSNV" for p in u1[:5]})
    rating.update({q: "HTNV" for q in u2[8:]})
    awards = [(p, "LDTT") for p in u1 + u2[:8]] + [("P01", "CSTDCS")]
    people = u1 + u2
    return Dataset.empty(
        clusters=pl.DataFrame({"cluster_code": ["C1"], "cluster_name": ["Cụm thi đua số 4"],
                               "organizer": ["Học viện Chính trị quốc gia Hồ Chí Minh"]}),
        units=pl.DataFrame({"unit_code": ["U1", "U2"], "unit_name": [U1, U2],
                            "cluster_code": ["C1", "C1"], "profile": ["civil", "civil"]}),
        people=pl.DataFrame({"person_code": people, "full_name": [names[p] for p in people]}),
        roster=pl.DataFrame({
            "year": [YEAR] * len(people), "person_code": people,
            "unit_code": ["U1"] * 20 + ["U2"] * 10,
            "initiatives": [1 if p in u1[:5] else 0 for p in people],
            "discipline": ["none"] * len(people),
        }),
        ratings=pl.DataFrame({
            "period": [str(YEAR)] * len(people), "subject_kind": ["person"] * len(people),
            "subject_code": people, "rating": [rating[p] for p in people],
            "year": [YEAR] * len(people),
        }),
        awards=pl.DataFrame({
            "year": [YEAR] * len(awards), "recipient_kind": ["person"] * len(awards),
            "recipient_code": [p for p, _ in awards], "award_code": [a for _, a in awards],
        }),
    )  # fmt: skip
