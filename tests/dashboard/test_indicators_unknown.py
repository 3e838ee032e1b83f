"""indicators(): an unknown measure makes its side unknown and adds nothing to a pooled value."""

from __future__ import annotations

import polars as pl

from dashboard.indicators import indicators


def test_unknown_numerator_member_is_left_out_of_the_pool():
    c = pl.DataFrame(
        {
            "year": [2023, 2023],
            "cluster_code": ["C1", "C1"],
            "unit_code": ["U1", "U2"],
            "staff": [10, 20],
            "persons_ldtt_plus": [1, None],
        }
    )
    ind = indicators(c).filter(pl.col("indicator") == "LDTT_RATE")
    # U2 unknown: pooled is U1 alone, 1/10 = 10 % (not 1/30, which would treat unknown as 0)
    assert ind.select("unit_code", "numerator", "denominator", "value_pct").rows() == [
        (None, 1, 10, 10.0),
        ("U1", 1, 10, 10.0),
        ("U2", None, 20, None),
    ]


def test_one_unknown_part_makes_the_whole_denominator_unknown():
    # HIGHER_AWARD_RATE denominator = staff + departments + unit_itself; departments unknown
    c = pl.DataFrame(
        {
            "year": [2023],
            "cluster_code": ["C1"],
            "unit_code": ["U1"],
            "staff": [10],
            "departments": [None],
            "higher_award_recipients": [2],
            "unit_itself": [1],
        },
        schema_overrides={"departments": pl.Int64},
    )
    row = indicators(c).filter(
        pl.col("indicator") == "HIGHER_AWARD_RATE", pl.col("unit_code") == "U1"
    )
    assert row.select("numerator", "denominator", "value_pct").row(0) == (2, None, None)


def test_cluster_without_any_known_member_still_has_a_row_without_value():
    c = pl.DataFrame({"year": [2023], "cluster_code": ["C1"], "unit_code": ["U1"], "staff": [5]})
    ind = indicators(c)
    pooled = ind.filter(pl.col("unit_code").is_null(), pl.col("indicator") == "LDTT_RATE")
    assert pooled.select("numerator", "denominator", "value_pct").row(0) == (None, None, None)
    # every indicator still appears once per row kind: 13 pooled + 13 unit rows
    assert ind.height == 26
