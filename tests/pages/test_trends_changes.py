"""Xu hướng: the change table is tall enough for every row (none cut after the tenth), and its
history column holds sparkline pictures."""

import json

import polars as pl

from dashboard.views.trends import table_height, target_series, trend_series

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


def test_series_end_at_the_chosen_year():
    # pooled LĐTT of cluster C in 2023, 2024 and 2025: with 2024 chosen, 2025 is not drawn
    trends = pl.DataFrame(
        {
            "year": [2023, 2024, 2025],
            "cluster_code": ["C", "C", "C"],
            "unit_code": [None, None, None],
            "indicator": ["LDTT_RATE"] * 3,
            "value_pct": [90.0, 91.0, 95.0],
        }
    )
    series = trend_series(
        trends, cluster="C", unit=None, unit_name="", pooled_name="Cụm", up_to=2024
    )
    assert series.select("year", "value_pct").rows() == [(2023, 90.0), (2024, 91.0)]
    assert trend_series(trends, cluster="C", unit=None, unit_name="", pooled_name="Cụm").height == 3


def test_the_trend_page_draws_no_year_after_the_chosen_one(app):
    at = app("trends", year="2024")
    assert not at.exception
    fig = at.get("plotly_chart")[0].proto.spec
    years = {x for tr in json.loads(fig)["data"] for x in (tr.get("x") or []) if isinstance(x, int)}
    assert years and max(years) == 2024
