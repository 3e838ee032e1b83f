"""Xu hướng: the change table is tall enough for every row (none cut after the tenth), and its
history column holds sparkline pictures."""

import polars as pl

from dashboard.views.trends import table_height, target_series

IND = pl.DataFrame(
    {
        "year": [2023, 2024, 2024, 2024],
        "cluster_code": ["C", "C", "C", "C"],
        "unit_code": [None, None, "U1", None],
        "indicator": ["LDTT_RATE", "LDTT_RATE", "LDTT_RATE", "CSTDCS_OF_LDTT"],
        "target_min": [90.0, 92.0, 80.0, None],
        "target_max": [None, None, None, None],
    }
)


def test_targets_of_the_series_shown():
    # the cluster's own line: its targets, without the unit's, and none where there is none
    assert target_series(IND, cluster="C", unit=None).rows() == [
        ("LDTT_RATE", 2023, 90.0, None),
        ("LDTT_RATE", 2024, 92.0, None),
    ]
    assert target_series(IND, cluster="C", unit="U1").rows() == [("LDTT_RATE", 2024, 80.0, None)]
    assert target_series(IND, cluster="C", unit=None, up_to=2023).height == 1


def test_change_table_shows_every_row(app):
    at = app("trends", year="2025")
    assert not at.exception
    table = at.dataframe[0]
    # every indicator of the catalogue with a value in the demo data: none cut off
    assert len(table.value) == 13
    pictures = table.value.iloc[:, -1].dropna()
    assert len(pictures) and all(p.startswith("data:image/svg+xml;base64,") for p in pictures)


def test_table_height_fits_every_row():
    # eleven rows and the header, 35 px each, and the border: 12 × 35 + 3
    assert table_height(11) == 423
    assert table_height(0) == 38
