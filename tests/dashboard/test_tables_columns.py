"""The analytics tables carry exactly the columns contract.md lists, in its order."""

from __future__ import annotations

import pytest

from dashboard.tables import COLUMNS, TABLES

# Copied from contract.md, "Analytics tables (export TABLE)".
CONTRACT = {
    "indicators": ["year", "cluster_code", "unit_code", "indicator", "numerator", "denominator",
                   "value_pct", "target_min", "target_max", "status"],
    "quotas": ["year", "cluster_code", "unit_code", "rule", "base_count", "cap_pct", "allowed",
               "used", "remaining", "status"],
    "eligibility": ["year", "cluster_code", "unit_code", "subject_kind", "subject_code",
                    "subject_name", "award_code", "eligible", "awarded", "reason"],
    "rankings": ["year", "cluster_code", "unit_code", "rank", "basis", "final_points",
                 "targets_met", "targets_total", "rank_prev", "rank_change"],
    "trends": ["cluster_code", "unit_code", "indicator", "year", "value_pct", "delta_pp",
               "pooled_from"],
    "budget": ["year", "cluster_code", "unit_code", "award_code", "count", "multiple",
               "amount_vnd"],
}  # fmt: skip


def test_the_six_tables():
    assert TABLES == ("indicators", "quotas", "eligibility", "rankings", "trends", "budget")


@pytest.mark.parametrize("name", list(CONTRACT))
def test_columns_are_the_contracts(name):
    assert list(COLUMNS[name]) == CONTRACT[name]
