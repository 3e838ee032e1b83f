"""views.unit.rating_distribution: persons by rating from the unit's counts."""

import polars as pl

from dashboard.views.unit import rating_distribution


def test_htnv_is_what_is_left_of_the_rated():
    counts = pl.DataFrame(
        {
            "year": [2024],
            "unit_code": ["U1"],
            "persons_rated": [50],
            "persons_htxsnv": [8],
            "persons_httnv": [30],
            "persons_httnv_plus": [38],
            "persons_khtnv": [2],
        }
    )
    out = rating_distribution(counts, year=2024, unit="U1")
    # HTNV = 50 rated - 38 HTTNV-or-better - 2 KHTNV = 10
    assert out.rows() == [("HTXSNV", 8), ("HTTNV", 30), ("HTNV", 10), ("KHTNV", 2)]


def test_unknown_ratings_give_no_rows():
    counts = pl.DataFrame(
        {
            "year": [2024],
            "unit_code": ["U1"],
            "persons_rated": [None],
            "persons_htxsnv": [None],
            "persons_httnv": [None],
            "persons_httnv_plus": [None],
            "persons_khtnv": [None],
        },
        schema_overrides={"persons_rated": pl.Int64},
    )
    assert rating_distribution(counts, year=2024, unit="U1").height == 0
