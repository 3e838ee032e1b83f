"""quotas(): an unknown base or used count gives nulls, never 0 or a guess."""

from __future__ import annotations

import polars as pl

from dashboard.rules.quotas import quotas
from data_access.catalog import MEASURES


def civil_unit(ldtt: int | None, cstdcs: int | None) -> pl.DataFrame:
    row = (
        {
            "year": 2025,
            "cluster_code": "C1",
            "unit_code": "U1",
            "profile": "civil",
            "source": "reported",
        }
        | {m: None for m in MEASURES}
        | {"unit_itself": 1}
    )
    row |= {"persons_ldtt_plus": ldtt, "persons_cstdcs_plus": cstdcs}
    schema = {"year": pl.Int16} | {
        k: pl.String for k in ("cluster_code", "unit_code", "profile", "source")
    }
    schema |= {m: pl.Int64 for m in (*MEASURES, "unit_itself")}
    return pl.DataFrame([row], schema=schema)


def test_unknown_base_gives_null_allowed_remaining_status():
    row = quotas(civil_unit(None, 2)).row(0, named=True)
    assert row["base_count"] is None and row["allowed"] is None
    assert row["used"] == 2
    assert row["remaining"] is None and row["status"] is None


def test_unknown_used_gives_null_used_remaining_status():
    row = quotas(civil_unit(20, None)).row(0, named=True)
    assert row["allowed"] == 3  # floor(0.15 × 20) = 3 is still known
    assert row["used"] is None and row["remaining"] is None and row["status"] is None
