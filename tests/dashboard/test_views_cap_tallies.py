"""views.warnings.cap_tallies: every unit's monthly ratings so far against the HTXSNV cap
(HTXSNV ≤ 20 % of HTTNV, from 2026), over it or not; caps_at_risk keeps the ones over."""

import polars as pl

from dashboard.views.unit import monthly_progress
from dashboard.views.warnings import cap_tallies, caps_at_risk
from data_access.readers import Dataset

# U1: P1 HTXSNV in months 1 and 2, P2 HTTNV in months 1 and 2, P3 HTTNV in month 1 only.
# U2: P4 HTTNV in months 1 and 2.
ROWS = [
    ("P1", 1, "HTXSNV"),
    ("P1", 2, "HTXSNV"),
    ("P2", 1, "HTTNV"),
    ("P2", 2, "HTTNV"),
    ("P3", 1, "HTTNV"),
    ("P4", 1, "HTTNV"),
    ("P4", 2, "HTTNV"),
]


def _ds(year: int) -> Dataset:
    return Dataset.empty(
        units=pl.DataFrame(
            {"unit_code": ["U1", "U2"], "cluster_code": ["C", "C"], "profile": ["civil"] * 2}
        ),
        roster=pl.DataFrame(
            {
                "year": [year] * 4,
                "person_code": ["P1", "P2", "P3", "P4"],
                "unit_code": ["U1", "U1", "U1", "U2"],
            }
        ),
        ratings=pl.DataFrame(
            {
                "period": [f"{year}-{m:02d}" for _, m, _ in ROWS],
                "subject_kind": ["person"] * len(ROWS),
                "subject_code": [p for p, _, _ in ROWS],
                "rating": [r for _, _, r in ROWS],
                "year": [year] * len(ROWS),
                "month": [m for _, m, _ in ROWS],
            }
        ),
    )


def test_every_unit_with_the_caps_own_ratio():
    out = cap_tallies(_ds(2026), year=2026)
    # U1: 2 HTXSNV / 3 HTTNV = 66,7 %, allowed floor(20 % × 3) = 0 → 2 over.
    # U2: 0 HTXSNV / 2 HTTNV = 0 %, allowed floor(20 % × 2) = 0 → not over.
    assert out.select("unit_code", "rule", "used", "base", "allowed", "gap", "limit").rows() == [
        ("U1", "HTXSNV_CAP", 2, 3, 0, 2, 20.0),
        ("U2", "HTXSNV_CAP", 0, 2, 0, 0, 20.0),
    ]
    assert round(out["value"][0], 4) == round(200 / 3, 4) and out["value"][1] == 0.0
    assert caps_at_risk(_ds(2026), year=2026)["unit_code"].to_list() == ["U1"]


def test_no_cap_before_it_is_in_force():
    assert cap_tallies(_ds(2025), year=2025).height == 0  # HTXSNV_CAP from 2026


def test_monthly_progress_gives_the_caps_ratio_beside_the_share():
    out = monthly_progress(_ds(2026), year=2026, unit="U1")
    # month 1: 3 rated, 1 HTXSNV, 2 HTTNV → share 33,3 %, cap ratio 1/2 = 50 %;
    # month 2: 2 more (1 HTXSNV, 1 HTTNV) → share 2/5 = 40 %, cap ratio 2/3 = 66,7 %.
    assert out.select("month", "rated_cum", "htxsnv_cum", "httnv_cum").rows() == [
        (1, 3, 1, 2),
        (2, 5, 2, 3),
    ]
    assert [round(v, 2) for v in out["share_pct"]] == [33.33, 40.0]
    assert [round(v, 2) for v in out["cap_ratio_pct"]] == [50.0, 66.67]
