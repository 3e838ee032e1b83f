"""views.overview.status_matrix and status_wide: every unit × targeted indicator, icon + value."""

import polars as pl

from dashboard.views.overview import status_matrix, status_wide

IND = pl.DataFrame(
    {
        "year": [2024] * 5,
        "cluster_code": ["C"] * 5,
        "unit_code": ["U1", "U1", "U2", "U2", None],
        "indicator": [
            "LDTT_RATE",
            "PERSON_KHTNV_RATE",
            "LDTT_RATE",
            "PERSON_KHTNV_RATE",
            "LDTT_RATE",
        ],
        "value_pct": [92.5, 1.0, 85.0, 0.0, 88.0],
        "status": ["met", "no_target", "below", "no_target", "below"],
    }
)
UNITS = pl.DataFrame({"unit_code": ["U1", "U2"], "unit_name": ["Trường A", "Trường B"]})


def test_only_indicators_with_a_target_and_only_unit_rows():
    m = status_matrix(IND, UNITS, year=2024, cluster="C")
    assert m.select("unit_name", "indicator", "status").rows() == [
        ("Trường A", "LDTT_RATE", "met"),
        ("Trường B", "LDTT_RATE", "below"),
    ]


def test_wide_cells_carry_icon_value_and_status_code():
    wide = status_wide(status_matrix(IND, UNITS, year=2024, cluster="C"), lang="vi")
    assert wide.columns == ["unit_name", "LĐTT", "LĐTT__status"]
    assert wide.rows() == [("Trường A", "✓ 92,5 %", "met"), ("Trường B", "▼ 85,0 %", "below")]
