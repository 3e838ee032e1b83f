"""A small cluster with a closed year (2025) and a year in progress (2026: monthly ratings
only), as frames, for the engine, view and report tests of a year in progress (issue 21).

C1 has two units: U1 (P1-P3) and U2 (P4, P5). 2025: everybody LĐTT and rated annually (P1
HTXSNV), a cluster target LĐTT ≥ 90 %. 2026, months 1-3 for U1: P1 HTXSNV every month, P2 in
month 1, the rest HTTNV (9 person-months, 4 HTXSNV, 5 HTTNV); U2 month 1 only: P4, P5 HTTNV.
So far: 11 person-months, 4 HTXSNV (36,4 % of all); U2 is 2 months behind (1 of 3), U1 breaks
the HTXSNV cap (4 HTXSNV / 5 HTTNV = 80 % > 20 %, allowed floor(20 % × 5) = 1, 3 over)."""

from __future__ import annotations

import polars as pl

STAFF = {"P1": "U1", "P2": "U1", "P3": "U1", "P4": "U2", "P5": "U2"}
MONTHLY = [
    (p, m, "HTXSNV" if p == "P1" or (p == "P2" and m == 1) else "HTTNV")
    for m in (1, 2, 3)
    for p in ("P1", "P2", "P3")
] + [("P4", 1, "HTTNV"), ("P5", 1, "HTTNV")]


def frames(*, with_month: bool = True) -> dict[str, pl.DataFrame]:
    """The contract tables; `with_month`: the ratings' derived year and month columns too (a
    Dataset has them, the importer and writer derive them)."""
    people = list(STAFF)
    annual = [("2025", p, "HTXSNV" if p == "P1" else "HTTNV", 2025, None) for p in people]
    monthly = [(f"2026-{m:02d}", p, r, 2026, m) for p, m, r in MONTHLY]
    ratings = annual + monthly
    rating_cols = {
        "period": [r[0] for r in ratings],
        "subject_kind": ["person"] * len(ratings),
        "subject_code": [r[1] for r in ratings],
        "rating": [r[2] for r in ratings],
    }
    if with_month:
        rating_cols |= {"year": [r[3] for r in ratings], "month": [r[4] for r in ratings]}
    return {
        "clusters": pl.DataFrame({"cluster_code": ["C1"], "cluster_name": ["Cụm thử"]}),
        "units": pl.DataFrame(
            {
                "unit_code": ["U1", "U2"],
                "unit_name": ["Trường Một", "Trường Hai"],
                "cluster_code": ["C1", "C1"],
                "profile": ["civil", "civil"],
            }
        ),
        "people": pl.DataFrame({"person_code": people, "full_name": people}),
        "roster": pl.DataFrame(
            {
                "year": [2025] * 5 + [2026] * 5,
                "person_code": people * 2,
                "unit_code": [STAFF[p] for p in people] * 2,
            }
        ),
        "ratings": pl.DataFrame(rating_cols, schema_overrides={"month": pl.Int64}),
        "awards": pl.DataFrame(
            {
                "year": [2025] * 5,
                "recipient_kind": ["person"] * 5,
                "recipient_code": people,
                "award_code": ["LDTT"] * 5,
            }
        ),
        "targets": pl.DataFrame(
            {
                "year": [2025, 2026],
                "scope_kind": ["cluster"] * 2,
                "scope_code": ["C1"] * 2,
                "indicator": ["LDTT_RATE"] * 2,
                "min_pct": [90.0, 90.0],
                "max_pct": [None, None],
            },
            schema_overrides={"max_pct": pl.Float64},
        ),
    }
