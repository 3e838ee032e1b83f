"""indicators(): a zero denominator gives no value (null), never 0 %, NaN or an error."""

from __future__ import annotations

import polars as pl

from dashboard.indicators import indicators


def test_zero_denominator_has_no_value_but_keeps_its_counts():
    c = pl.DataFrame(
        {
            "year": [2023, 2023],
            "cluster_code": ["C1", "C1"],
            "unit_code": ["U1", "U2"],
            "departments": [0, 0],
            "departments_ttldtt_plus": [0, 0],
        }
    )
    ind = indicators(c).filter(pl.col("indicator") == "DEPT_TTLDTT_RATE")
    # pooled 0/0 and both members 0/0: no value anywhere
    assert ind.select("unit_code", "numerator", "denominator", "value_pct").rows() == [
        (None, 0, 0, None),
        ("U1", 0, 0, None),
        ("U2", 0, 0, None),
    ]


def test_zero_denominator_member_does_not_stop_the_pool():
    c = pl.DataFrame(
        {
            "year": [2023, 2023],
            "cluster_code": ["C1", "C1"],
            "unit_code": ["U1", "U2"],
            "persons_ldtt_plus": [0, 8],
            "persons_cstdcs_plus": [0, 1],
        }
    )
    ind = indicators(c).filter(pl.col("indicator") == "CSTDCS_OF_LDTT")
    # U1 0/0 → no value; U2 1/8 = 12.5 %; pooled (0 + 1)/(0 + 8) = 12.5 %
    assert ind.select("unit_code", "value_pct").rows() == [(None, 12.5), ("U1", None), ("U2", 12.5)]
    assert not ind["value_pct"].is_nan().any()
