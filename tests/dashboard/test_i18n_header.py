"""`header(col, lang)`: human headers of export columns, codes in codes mode."""

from __future__ import annotations

import pytest

from dashboard.i18n import header

# Every column of every analytics table (contract.md, "Analytics tables").
CONTRACT_COLUMNS = [
    "year", "cluster_code", "unit_code", "indicator", "numerator", "denominator", "value_pct",
    "target_min", "target_max", "status", "rule", "base_count", "cap_pct", "allowed", "used",
    "remaining", "subject_kind", "subject_code", "subject_name", "award_code", "eligible",
    "awarded", "reason", "rank", "basis", "final_points", "targets_met", "targets_total",
    "rank_prev", "rank_change", "delta_pp", "count", "multiple", "amount_vnd",
]  # fmt: skip


@pytest.mark.parametrize("col", CONTRACT_COLUMNS)
def test_codes_mode_gives_the_code(col):
    assert header(col, "codes") == col


@pytest.mark.parametrize("col", CONTRACT_COLUMNS)
def test_every_contract_column_has_human_headers(col):
    vi, en = header(col, "vi"), header(col, "en")
    assert vi != col and en != col and vi != en


def test_known_headers():
    assert header("value_pct", "vi") == "Tỷ lệ (%)"
    assert header("value_pct", "en") == "Value (%)"
    assert header("amount_vnd", "vi") == "Số tiền (đồng)"


def test_unnamed_column_keeps_its_code():
    assert header("some_extra_column", "vi") == "some_extra_column"
