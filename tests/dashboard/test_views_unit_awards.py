"""views.unit.awards_by_type: the unit's staff, collectives and the unit itself, once each."""

import polars as pl

from dashboard.views.unit import awards_by_type
from data_access.readers import Dataset

DS = Dataset.empty(
    roster=pl.DataFrame(
        {
            "year": [2024, 2024, 2024],
            "person_code": ["P1", "P2", "P3"],
            "unit_code": ["U1", "U1", "U2"],
        }
    ),
    collectives=pl.DataFrame(
        {
            "collective_code": ["K1"],
            "unit_code": ["U1"],
            "collective_name": ["Khoa A"],
            "kind": ["department"],
        }
    ),
    awards=pl.DataFrame(
        {
            "year": [2024, 2024, 2024, 2024, 2024, 2023],
            "recipient_kind": ["person", "person", "collective", "unit", "person", "person"],
            "recipient_code": ["P1", "P2", "K1", "U1", "P3", "P1"],
            "award_code": ["LDTT", "LDTT", "TTLDTT", "BK_BO", "LDTT", "CSTDCS"],
        }
    ),
)


def test_counts_by_award_for_the_unit_only():
    out = awards_by_type(DS, year=2024, unit="U1")
    # LDTT: P1 and P2 (P3 is in U2; P1's CSTDCS is 2023) → 2; TTLDTT: K1; BK_BO: the unit
    assert out.rows() == [("LDTT", 2), ("BK_BO", 1), ("TTLDTT", 1)]
