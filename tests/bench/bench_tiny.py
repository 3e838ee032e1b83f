"""A tiny hand-built dataset for the benchmark's references, with its figures worked by hand.

Year 2025 (2024 holds only U1's roster, so rank change and delta have a year before):
- C1 = U1 + U2, C2 = U3.
- U1: staff P1–P4; departments U1.D1, U1.D2; party cell U1.CB1; mass organisation U1.CD.
  Awards: P1 CSTDCS and LDTT (counts once), P2 LDTT, P3 BK_BO (higher, not LĐTT);
  U1.D1 TTLDXS (implies TTLDTT; bo_tinh = higher), U1.D2 TTLDTT.
  Annual ratings: P1 HTXSNV, P2 HTTNV, P3 HTNV, P4 KHTNV; U1.CB1 HTXSNV; U1.CD VM.
  Monthly: P1 2025-01 HTXSNV, P1 2025-02 HTTNV; U1.D1 2025-01 HTXSNV.
- U2: staff P5, P6; department U2.D1; no person or collective award, no rating; the unit
  itself got CO_TD_BO (a higher award).
- U3: no person lists, reported totals only: staff 10, persons_ldtt_plus 9.
- Target: C1 LDTT_RATE ≥ 90 in 2025.
"""

from __future__ import annotations

import polars as pl

TABLES: dict[str, pl.DataFrame] = {
    "clusters": pl.DataFrame({"cluster_code": ["C1", "C2"], "cluster_name": ["Cụm 1", "Cụm 2"]}),
    "units": pl.DataFrame(
        {
            "unit_code": ["U1", "U2", "U3"],
            "unit_name": ["Đơn vị 1", "Đơn vị 2", "Đơn vị 3"],
            "cluster_code": ["C1", "C1", "C2"],
            "profile": ["civil"] * 3,
        }
    ),
    "collectives": pl.DataFrame(
        {
            "collective_code": ["U1.D1", "U1.D2", "U1.CB1", "U1.CD", "U2.D1"],
            "unit_code": ["U1", "U1", "U1", "U1", "U2"],
            "collective_name": ["Phòng 1", "Phòng 2", "Chi bộ 1", "Công đoàn", "Phòng 1"],
            "kind": ["department", "department", "party_cell", "mass_org", "department"],
        }
    ),
    "people": pl.DataFrame(
        {
            "person_code": [f"P{i}" for i in range(1, 7)],
            "full_name": [
                "Nguyễn Văn An",
                "Trần Thị Bình",
                "Lê Văn Cường",
                "Phạm Thị Dung",
                "Hoàng Văn Em",
                "Vũ Thị Gấm",
            ],
        }
    ),
    "roster": pl.DataFrame(
        {
            "year": [2024, 2024] + [2025] * 6,
            "person_code": ["P1", "P2", "P1", "P2", "P3", "P4", "P5", "P6"],
            "unit_code": ["U1", "U1", "U1", "U1", "U1", "U1", "U2", "U2"],
        }
    ),
    "awards": pl.DataFrame(
        {
            "year": [2025] * 7,
            "recipient_kind": ["person"] * 4 + ["collective"] * 2 + ["unit"],
            "recipient_code": ["P1", "P1", "P2", "P3", "U1.D1", "U1.D2", "U2"],
            "award_code": ["CSTDCS", "LDTT", "LDTT", "BK_BO", "TTLDXS", "TTLDTT", "CO_TD_BO"],
        }
    ),
    "ratings": pl.DataFrame(
        {
            "period": ["2025"] * 6 + ["2025-01", "2025-02", "2025-01"],
            "subject_kind": ["person"] * 4 + ["collective"] * 2 + ["person"] * 2 + ["collective"],
            "subject_code": ["P1", "P2", "P3", "P4", "U1.CB1", "U1.CD", "P1", "P1", "U1.D1"],
            "rating": [
                "HTXSNV",
                "HTTNV",
                "HTNV",
                "KHTNV",
                "HTXSNV",
                "VM",
                "HTXSNV",
                "HTTNV",
                "HTXSNV",
            ],
            "year": [2025] * 9,
            "month": [None] * 6 + [1, 2, 1],
        }
    ),
    "unit_counts": pl.DataFrame(
        {
            "year": [2025, 2025],
            "unit_code": ["U3", "U3"],
            "measure": ["staff", "persons_ldtt_plus"],
            "value": [10, 9],
        }
    ),
    "targets": pl.DataFrame(
        {
            "year": [2025],
            "scope_kind": ["cluster"],
            "scope_code": ["C1"],
            "indicator": ["LDTT_RATE"],
            "min_pct": [90.0],
            "max_pct": [None],
        }
    ),
}


def row(frame: pl.DataFrame, indicator: str, unit: str | None, cluster: str | None = None):
    """(numerator, denominator, value_pct) of one indicator row; unit None = pooled row."""
    f = frame.filter(pl.col("indicator") == indicator, pl.col("year") == 2025)
    f = f.filter(pl.col("unit_code").is_null() if unit is None else pl.col("unit_code") == unit)
    if cluster is not None:
        f = f.filter(pl.col("cluster_code") == cluster)
    assert f.height == 1, f
    return f.select("numerator", "denominator", "value_pct").row(0)


# A second tiny dataset for the organisation of contract 0.3.0 (years 2024 and 2025):
# - units S (school, its own period_start_month 9) and A in C1, B in C2 (units.cluster_code).
# - 2024 has no cluster_members rows: every unit in its units.cluster_code (C1 = S + A, C2 = B).
#   2025 lists them: C1 = S, C2 = A + B (A moved from C1 to C2).
# - Roster: 2024 P1 in S, P2 in A; 2025 P1 in S, P2 in A, P3 in B. S has department S.D1.
# - Monthly ratings (calendar year-month → emulation year):
#   P1 (S, year starts in September): 2024-03 HTXSNV → 2024; 2024-09 HTXSNV, 2024-10 HTTNV,
#   2025-08 HTXSNV → 2025; 2025-09 HTXSNV → 2026 (not counted).
#   P2 (A, calendar year): 2024-10 HTXSNV → 2024; 2025-10 HTTNV → 2025.
#   P3 (B): 2025-05 HTXSNV → 2025.  S.D1: 2024-11 HTXSNV → 2025; 2025-10 HTTNV → 2026.
# - Final scores: 2024 A 70, S 60; 2025 S 50, A 80, B 90.
ORG_TABLES: dict[str, pl.DataFrame] = {
    "clusters": pl.DataFrame({"cluster_code": ["C1", "C2"], "cluster_name": ["Cụm 1", "Cụm 2"]}),
    "units": pl.DataFrame(
        {
            "unit_code": ["S", "A", "B"],
            "unit_name": ["Trường", "Đơn vị A", "Đơn vị B"],
            "cluster_code": ["C1", "C1", "C2"],
            "profile": ["civil"] * 3,
            "period_start_month": [9, None, None],
        }
    ),
    "collectives": pl.DataFrame(
        {
            "collective_code": ["S.D1"],
            "unit_code": ["S"],
            "collective_name": ["Khoa 1"],
            "kind": ["department"],
        }
    ),
    "people": pl.DataFrame(
        {"person_code": ["P1", "P2", "P3"], "full_name": ["Giáo viên", "Cán bộ A", "Cán bộ B"]}
    ),
    "roster": pl.DataFrame(
        {
            "year": [2024, 2024, 2025, 2025, 2025],
            "person_code": ["P1", "P2", "P1", "P2", "P3"],
            "unit_code": ["S", "A", "S", "A", "B"],
        }
    ),
    "ratings": pl.DataFrame(
        {
            "period": [
                *("2024-03", "2024-09", "2024-10", "2025-08", "2025-09"),
                *("2024-10", "2025-10", "2025-05", "2024-11", "2025-10"),
            ],
            "subject_kind": ["person"] * 8 + ["collective"] * 2,
            "subject_code": ["P1"] * 5 + ["P2", "P2", "P3", "S.D1", "S.D1"],
            "rating": [
                *("HTXSNV", "HTXSNV", "HTTNV", "HTXSNV", "HTXSNV"),
                *("HTXSNV", "HTTNV", "HTXSNV", "HTXSNV", "HTTNV"),
            ],
            "year": [2024, 2024, 2024, 2025, 2025, 2024, 2025, 2025, 2024, 2025],
            "month": [3, 9, 10, 8, 9, 10, 10, 5, 11, 10],
        }
    ),
    "cluster_members": pl.DataFrame(
        {"year": [2025] * 3, "cluster_code": ["C1", "C2", "C2"], "unit_code": ["S", "A", "B"]}
    ),
    "scores": pl.DataFrame(
        {
            "year": [2024, 2024, 2025, 2025, 2025],
            "unit_code": ["A", "S", "S", "A", "B"],
            "criterion": ["TONG"] * 5,
            "max_points": [100.0] * 5,
            "final_points": [70.0, 60.0, 50.0, 80.0, 90.0],
        }
    ),
}
