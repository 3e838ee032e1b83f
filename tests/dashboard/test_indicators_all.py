"""All 13 indicators from person-level records, end to end: Dataset → counts → indicators.

One unit U1 (cluster C1), year 2023, every figure worked out by hand below.
"""

from __future__ import annotations

import polars as pl
import pytest

from dashboard.counts import counts
from dashboard.indicators import indicators
from data_access.readers import Dataset


def ratings(*rows: tuple[str, str, str, str]) -> pl.DataFrame:
    """(period, subject_kind, subject_code, rating) → frame with the derived year and month."""
    f = pl.DataFrame(
        rows, schema=["period", "subject_kind", "subject_code", "rating"], orient="row"
    )
    return f.with_columns(
        year=pl.col("period").str.slice(0, 4).cast(pl.Int16),
        month=pl.col("period").str.slice(5, 2).cast(pl.Int8, strict=False),
    )


def awards(*rows: tuple[int, str, str, str]) -> pl.DataFrame:
    return pl.DataFrame(
        rows, schema=["year", "recipient_kind", "recipient_code", "award_code"], orient="row"
    )


def dataset() -> Dataset:
    depts, cells, orgs = ["D1", "D2", "D3", "D4"], ["B1", "B2"], ["M1", "M2", "M3"]
    kinds = ["department"] * 4 + ["party_cell"] * 2 + ["mass_org"] * 3
    return Dataset.empty(
        units=pl.DataFrame({"unit_code": ["U1"], "cluster_code": ["C1"], "profile": ["civil"]}),
        collectives=pl.DataFrame(
            {"collective_code": depts + cells + orgs, "unit_code": "U1", "kind": kinds}
        ),
        # staff = 5 (P1..P5); P9 is on no roster, so its award is not counted anywhere.
        roster=pl.DataFrame(
            {"year": 2023, "person_code": ["P1", "P2", "P3", "P4", "P5"], "unit_code": "U1"}
        ),
        awards=awards(
            (2023, "person", "P1", "LDTT"),
            (2023, "person", "P1", "GIAY_KHEN"),
            (2023, "person", "P2", "CSTDCS"),  # implies LĐTT without an LDTT row
            (2023, "person", "P3", "CSTT"),  # military form of LĐTT
            (2023, "person", "P4", "LDTT"),  # P4 holds three titles: counted once each way
            (2023, "person", "P4", "CSTDCS"),
            (2023, "person", "P4", "CSTD_BO"),  # higher (bo_tinh)
            (2023, "person", "P5", "BK_BO"),  # higher, but not a title
            (2023, "person", "P9", "CSTD_TQ"),
            (2023, "collective", "D1", "TTLDTT"),
            (2023, "collective", "D2", "TTLDXS"),  # implies TTLĐTT; bo_tinh
            (2023, "collective", "D3", "CO_TD_BO"),  # implies TTLĐXS → TTLĐTT; bo_tinh
            (2023, "collective", "D4", "GIAY_KHEN"),
            (2023, "unit", "U1", "CO_TD_CP"),  # the unit itself, nha_nuoc
        ),
        ratings=ratings(
            ("2023", "person", "P1", "HTXSNV"),
            ("2023", "person", "P2", "HTTNV"),
            ("2023", "person", "P3", "HTTNV"),
            ("2023", "person", "P4", "KHTNV"),  # P5 not rated
            ("2023-01", "person", "P1", "HTXSNV"),
            ("2023-02", "person", "P1", "HTTNV"),
            ("2023-01", "person", "P2", "HTXSNV"),
            ("2023-01", "person", "P3", "HTNV"),
            ("2023", "collective", "B1", "HTXSNV"),
            ("2023", "collective", "B2", "HTTNV"),
            ("2023", "collective", "M1", "VMXS"),
            ("2023", "collective", "M2", "VM"),
            ("2023", "collective", "M3", "HT"),
            ("2023", "collective", "D1", "HTXSNV"),  # annual: not a department-month
            ("2023-01", "collective", "D1", "HTXSNV"),
            ("2023-02", "collective", "D1", "HTXSNV"),
            ("2023-01", "collective", "D2", "HTTNV"),
            ("2023-01", "collective", "D3", "HTXSNV"),
            ("2023-01", "collective", "D4", "HTNV"),
        ),
    )


def test_measures_from_records():
    row = counts(dataset()).row(0, named=True)
    expected = {
        "staff": 5,
        "persons_ldtt_plus": 4,  # P1 LDTT, P2 CSTDCS, P3 CSTT, P4 (three titles, once)
        "persons_cstdcs_plus": 2,  # P2, P4
        "persons_rated": 4,  # P1..P4
        "persons_htxsnv": 1,  # P1
        "persons_httnv": 2,  # P2, P3
        "persons_httnv_plus": 3,  # P1, P2, P3
        "persons_khtnv": 1,  # P4
        "departments": 4,
        "departments_ttldtt_plus": 3,  # D1, D2, D3
        "departments_ttldxs_plus": 2,  # D2, D3
        "higher_award_recipients": 5,  # persons P4, P5 + departments D2, D3 + the unit
        "party_cells": 2,
        "party_cells_httnv_plus": 2,  # B1, B2
        "party_cells_htxsnv": 1,  # B1
        "mass_orgs": 3,
        "mass_orgs_strong": 2,  # M1 VMXS, M2 VM
        "person_months_rated": 4,  # P1 ×2, P2, P3
        "person_months_htxsnv": 2,  # P1 Jan, P2 Jan
        "department_months_rated": 5,  # D1 ×2, D2, D3, D4
        "department_months_htxsnv": 3,  # D1 ×2, D3
        "unit_itself": 1,
    }
    assert {k: row[k] for k in expected} == expected
    assert (row["year"], row["cluster_code"], row["unit_code"]) == (2023, "C1", "U1")
    assert (row["profile"], row["source"]) == ("civil", "records")


EXPECTED = {
    # indicator: (numerator, denominator, value %)
    "LDTT_RATE": (4, 5, 80.0),  # 4/5
    "CSTDCS_OF_LDTT": (2, 4, 50.0),  # 2/4
    "PERSON_HTXSNV_RATE": (1, 4, 25.0),  # 1/4
    "PERSON_HTTNV_PLUS_RATE": (3, 4, 75.0),  # 3/4
    "PERSON_KHTNV_RATE": (1, 4, 25.0),  # 1/4
    "DEPT_TTLDTT_RATE": (3, 4, 75.0),  # 3/4
    "TTLDXS_OF_TTLDTT": (2, 3, 200 / 3),  # 2/3 = 66.67 %
    "HIGHER_AWARD_RATE": (5, 10, 50.0),  # 5 / (5 staff + 4 departments + 1 unit)
    "PARTY_CELL_HTTNV_PLUS_RATE": (2, 2, 100.0),  # 2/2
    "PARTY_CELL_HTXSNV_RATE": (1, 2, 50.0),  # 1/2
    "MASS_ORG_STRONG_RATE": (2, 3, 200 / 3),  # 2/3
    "MONTHLY_PERSON_HTXSNV_SHARE": (2, 4, 50.0),  # 2/4
    "MONTHLY_DEPT_HTXSNV_SHARE": (3, 5, 60.0),  # 3/5
}


@pytest.mark.parametrize("code", list(EXPECTED))
def test_unit_indicator(code: str):
    ind = indicators(counts(dataset()))
    row = ind.filter(pl.col("unit_code") == "U1", pl.col("indicator") == code).to_dicts()
    assert len(row) == 1
    num, den, pct = EXPECTED[code]
    assert (row[0]["numerator"], row[0]["denominator"]) == (num, den)
    assert row[0]["value_pct"] == pytest.approx(pct, rel=1e-12)


def test_one_member_cluster_equals_its_member_and_order_is_catalogue_order():
    ind = indicators(counts(dataset()))
    pooled = ind.filter(pl.col("unit_code").is_null())
    unit = ind.filter(pl.col("unit_code") == "U1")
    assert pooled["indicator"].to_list() == list(EXPECTED)  # catalogue order
    assert pooled["numerator"].to_list() == unit["numerator"].to_list()
    assert pooled["denominator"].to_list() == unit["denominator"].to_list()
    # pooled rows come first (unit_code null first), 13 + 13 rows
    assert ind["unit_code"].to_list() == [None] * 13 + ["U1"] * 13
    assert ind.schema == pl.Schema(
        {
            "year": pl.Int16,
            "cluster_code": pl.String,
            "unit_code": pl.String,
            "indicator": pl.String,
            "numerator": pl.Int64,
            "denominator": pl.Int64,
            "value_pct": pl.Float64,
        }
    )
