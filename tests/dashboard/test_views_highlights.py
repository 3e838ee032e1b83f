"""views.projector.highlights: the year's big numbers; a figure the data lacks is left out."""

import polars as pl

from dashboard.views.projector import highlights

COUNTS = pl.DataFrame(
    {
        "year": [2024, 2024],
        "cluster_code": ["C", "C"],
        "unit_code": ["U1", "U2"],
        "staff": [40, 60],
        "persons_cstdcs_plus": [4, 5],
    }
)
IND = pl.DataFrame(
    {
        "year": [2024] * 5,
        "cluster_code": ["C"] * 5,
        "unit_code": [None, "U1", "U1", "U2", "U2"],
        "indicator": ["LDTT_RATE", "LDTT_RATE", "CSTDCS_OF_LDTT", "LDTT_RATE", "CSTDCS_OF_LDTT"],
        "value_pct": [91.0, 95.0, 12.0, 88.33, 16.0],
        "status": ["met", "met", "met", "below", "above"],
    }
)
RANK = pl.DataFrame(
    {
        "year": [2024, 2024],
        "cluster_code": ["C", "C"],
        "unit_code": ["U1", "U2"],
        "unit_name": ["Trường A", "Trường B"],
        "rank": [1, 2],
        "rank_change": [2, -1],
    }
)


def test_cards_for_the_year():
    cards = {
        c["key"]: c["value"]
        for c in highlights(COUNTS, IND, RANK, year=2024, cluster="C", lang="vi")
    }
    # staff 40 + 60; CSTĐCS-or-higher 4 + 5; U1 met both targets, U2 neither → 1 of 2
    assert cards == {
        "staff": "100",
        "ldtt": "91,0 %",
        "cstdcs": "9",
        "all_met": "1/2",
        "leader": "Trường A",
        "riser": "Trường A (▲ 2)",
    }


def test_no_data_no_cards():
    assert highlights(COUNTS, IND, RANK, year=2019, cluster="C", lang="vi") == []
