"""quotas(): allowed = floor(cap % × base), computed exactly at the boundaries."""

from __future__ import annotations

import dataclasses

import polars as pl
import pytest

from dashboard.rules.quotas import quotas
from data_access.catalog import MEASURES, load_catalog


def civil_unit(ldtt: int, cstdcs: int = 0) -> pl.DataFrame:
    row = (
        {
            "year": 2025,
            "cluster_code": "C1",
            "unit_code": "U1",
            "profile": "civil",
            "source": "records",
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


@pytest.mark.parametrize(
    ("base", "allowed"),
    [
        (20, 3),  # 0.15 × 20 = 3.0 exactly → 3
        (40, 6),  # 0.15 × 40 = 6.0 exactly → 6
        (7, 1),  # 0.15 × 7 = 1.05 → 1
        (6, 0),  # 0.15 × 6 = 0.9 → 0
        (0, 0),  # nobody LĐTT → no CSTĐCS allowed
        (100, 15),  # 0.15 × 100 = 15.0 → 15
    ],
    ids=lambda v: str(v),
)
def test_allowed_is_exact_floor(base: int, allowed: int):
    out = quotas(civil_unit(base))
    assert out["allowed"].to_list() == [allowed]


def test_used_exactly_at_allowed_is_ok_and_one_more_is_over():
    # base 20 → floor(0.15 × 20) = 3 allowed
    at = quotas(civil_unit(20, cstdcs=3)).row(0, named=True)
    over = quotas(civil_unit(20, cstdcs=4)).row(0, named=True)
    assert (at["remaining"], at["status"]) == (0, "ok")  # 3 − 3 = 0
    assert (over["remaining"], over["status"]) == (-1, "over")  # 3 − 4 = −1


def test_floor_is_exact_where_floats_are_not():
    # Regression: with cap 29 %, floats give 0.29 × 100 = 28.999999999999996 → floor 28.
    # Exactly: 100 × 2900 // 10000 = 29.
    cat = load_catalog()
    rule = dataclasses.replace(
        cat.rule("CSTDCS_CAP"), params=cat.rule("CSTDCS_CAP").params | {"cap_pct": 29.0}
    )
    edited = dataclasses.replace(cat, rules=(rule,))
    out = quotas(civil_unit(100), catalog=edited)
    assert out.select("cap_pct", "allowed").row(0) == (29.0, 29)
