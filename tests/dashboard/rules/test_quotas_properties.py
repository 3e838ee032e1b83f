"""quotas(): laws that hold for every base, used count and cap percentage."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.rules.quotas import quotas
from data_access.catalog import MEASURES, load_catalog

counts_or_unknown = st.one_of(st.none(), st.integers(min_value=0, max_value=5_000_000))
# Percentages with two decimals, as a rule book would hold them (15.0, 12.5, 33.33 …).
cap_pcts = st.integers(min_value=0, max_value=10_000).map(lambda bp: bp / 100)


def frame(bases: list[int | None], used: list[int | None]) -> pl.DataFrame:
    n = len(bases)
    data = (
        {
            "year": [2025] * n,
            "cluster_code": ["C1"] * n,
            "unit_code": [f"U{i:03d}" for i in range(n)],
            "profile": ["civil"] * n,
            "source": ["records"] * n,
        }
        | {m: [None] * n for m in MEASURES}
        | {"unit_itself": [1] * n}
    )
    data |= {"persons_ldtt_plus": bases, "persons_cstdcs_plus": used}
    schema = {"year": pl.Int16} | {
        k: pl.String for k in ("cluster_code", "unit_code", "profile", "source")
    }
    schema |= {m: pl.Int64 for m in (*MEASURES, "unit_itself")}
    return pl.DataFrame(data, schema=schema)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(
    pairs=st.lists(st.tuples(counts_or_unknown, counts_or_unknown), min_size=1, max_size=20),
    cap_pct=cap_pcts,
)
def test_remaining_is_allowed_minus_used_and_allowed_within_base(pairs, cap_pct):
    cat = load_catalog()
    rule = cat.rule("CSTDCS_CAP")
    edited = dataclasses.replace(
        cat, rules=(dataclasses.replace(rule, params=rule.params | {"cap_pct": cap_pct}),)
    )
    bases, used = [b for b, _ in pairs], [u for _, u in pairs]
    out = quotas(frame(bases, used), catalog=edited)
    assert out.height == len(pairs)
    for row, base, u in zip(out.iter_rows(named=True), bases, used, strict=True):
        if base is None:
            assert row["allowed"] is None
        else:
            # the exact floor, by rational arithmetic
            assert row["allowed"] == int(Fraction(str(cap_pct)) * base // 100)
            assert 0 <= row["allowed"] <= base
        if base is None or u is None:
            assert row["remaining"] is None and row["status"] is None
        else:
            assert row["remaining"] == row["allowed"] - u
            assert row["status"] == ("ok" if row["remaining"] >= 0 else "over")
