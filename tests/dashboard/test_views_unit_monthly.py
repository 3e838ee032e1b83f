"""views.unit.monthly_progress: person-month ratings and the cumulative HTXSNV share."""

import polars as pl

from dashboard.views.unit import monthly_progress
from data_access.readers import Dataset


def test_cumulative_share_month_by_month():
    ds = Dataset.empty(
        roster=pl.DataFrame(
            {
                "year": [2024, 2024, 2024],
                "person_code": ["P1", "P2", "P9"],
                "unit_code": ["U1", "U1", "U2"],
            }
        ),
        ratings=pl.DataFrame(
            {
                "period": ["2024-01", "2024-01", "2024-02", "2024-02", "2024", "2024-01"],
                "subject_kind": ["person"] * 6,
                "subject_code": ["P1", "P2", "P1", "P2", "P1", "P9"],
                "rating": ["HTXSNV", "HTTNV", "HTXSNV", "HTXSNV", "HTXSNV", "HTXSNV"],
                "year": [2024] * 6,
                "month": [1, 1, 2, 2, None, 1],
            }
        ),
    )
    out = monthly_progress(ds, year=2024, unit="U1")
    # January: 2 rated, 1 HTXSNV → 50 %; February: 2 more, both HTXSNV → 3 of 4 = 75 %.
    # The annual rating (month null) and P9 of another unit are not counted.
    assert out.select(
        "month", "rated", "htxsnv", "rated_cum", "htxsnv_cum", "share_pct"
    ).rows() == [
        (1, 2, 1, 2, 1, 50.0),
        (2, 2, 2, 4, 3, 75.0),
    ]
