"""resolve_targets(): a unit's own target replaces its cluster's, whole row, per indicator."""

from __future__ import annotations

import polars as pl

from dashboard.counts import counts
from dashboard.indicators import indicators
from dashboard.targets import resolve_targets, with_targets
from data_access.readers import Dataset


def targets(*rows: tuple) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema=["year", "scope_kind", "scope_code", "indicator", "min_pct", "max_pct"],
        orient="row",
    )


def dataset() -> Dataset:
    return Dataset.empty(
        units=pl.DataFrame({"unit_code": ["U1", "U2", "V1"], "cluster_code": ["C1", "C1", "C2"]}),
        targets=targets(
            (2023, "cluster", "C1", "CSTDCS_OF_LDTT", 10.0, 15.0),
            (2023, "cluster", "C1", "LDTT_RATE", 90.0, None),
            (2023, "unit", "U2", "CSTDCS_OF_LDTT", 5.0, None),  # U2's own: min only
            (2024, "unit", "U1", "LDTT_RATE", 80.0, None),  # another year
        ),
    )


def test_unit_target_replaces_the_whole_cluster_row():
    got = resolve_targets(dataset())
    assert got.select(
        "year", "cluster_code", "unit_code", "indicator", "target_min", "target_max", "target_scope"
    ).rows() == [
        (2023, "C1", None, "LDTT_RATE", 90.0, None, "cluster"),
        (2023, "C1", None, "CSTDCS_OF_LDTT", 10.0, 15.0, "cluster"),
        (2023, "C1", "U1", "LDTT_RATE", 90.0, None, "cluster"),
        (2023, "C1", "U1", "CSTDCS_OF_LDTT", 10.0, 15.0, "cluster"),
        (2023, "C1", "U2", "LDTT_RATE", 90.0, None, "cluster"),
        # U2 overrides: min 5 and NO max (the cluster's 15 is not mixed in)
        (2023, "C1", "U2", "CSTDCS_OF_LDTT", 5.0, None, "unit"),
        (2024, "C1", "U1", "LDTT_RATE", 80.0, None, "unit"),
    ]  # V1 (cluster C2) has no target: no rows


def test_statuses_follow_the_resolved_target():
    ds = Dataset.empty(
        units=dataset().units,
        targets=dataset().targets,
        unit_counts=pl.DataFrame(
            {"year": 2023, "unit_code": ["U1", "U1", "U2", "U2"],
             "measure": ["persons_ldtt_plus", "persons_cstdcs_plus"] * 2,
             "value": [10, 2, 10, 2]}
        ),
    )  # fmt: skip
    out = with_targets(indicators(counts(ds)), resolve_targets(ds))
    cstdcs = out.filter(pl.col("indicator") == "CSTDCS_OF_LDTT")
    # U1 and U2 both 2/10 = 20 %: above U1's inherited max 15 (attainment 15/20 = 0.75),
    # met for U2 whose own target is min 5 only; pooled 4/20 = 20 % against the cluster's 10–15.
    assert cstdcs.select("unit_code", "value_pct", "status", "attainment").rows() == [
        (None, 20.0, "above", 0.75),
        ("U1", 20.0, "above", 0.75),
        ("U2", 20.0, "met", 1.0),
    ]
    ldtt = out.filter(pl.col("indicator") == "LDTT_RATE", pl.col("unit_code") == "U1")
    # staff unknown → no value against the 90 % minimum → no_data, attainment 0
    assert ldtt.select("target_min", "status", "attainment").row(0) == (90.0, "no_data", 0.0)
    others = out.filter(pl.col("indicator") == "PERSON_HTXSNV_RATE")
    assert others["status"].to_list() == ["no_target"] * 3
