"""Unknown table names and unknown cluster/unit codes are named, with what exists."""

from __future__ import annotations

import polars as pl
import pytest

from dashboard.tables import UnknownScope, UnknownTable, analytics_table, validate_scope
from data_access.readers import Dataset

DS = Dataset.empty(
    clusters=pl.DataFrame({"cluster_code": ["C1", "C2"], "cluster_name": ["Cụm 1", "Cụm 2"]}),
    units=pl.DataFrame(
        {"unit_code": ["U1", "U2", "U3"], "unit_name": ["A", "B", "C"],
         "cluster_code": ["C1", "C1", "C2"], "profile": ["civil"] * 3}
    ),
)  # fmt: skip


def test_unknown_table_lists_the_valid_names():
    with pytest.raises(UnknownTable, match="indicators, quotas, eligibility, rankings"):
        analytics_table("ranking", DS, year=2024)


def test_unknown_table_suggests_a_close_name():
    with pytest.raises(UnknownTable, match="Did you mean 'rankings'"):
        analytics_table("ranking", DS, year=2024)


def test_unknown_cluster_names_the_clusters():
    with pytest.raises(UnknownScope) as info:
        validate_scope(DS, cluster="C9")
    assert (info.value.kind, info.value.known) == ("cluster", ["C1", "C2"])


def test_unit_outside_the_cluster_is_unknown_there():
    with pytest.raises(UnknownScope) as info:
        validate_scope(DS, cluster="C1", unit="U3")
    assert (info.value.kind, info.value.known) == ("unit", ["U1", "U2"])


def test_known_scope_passes():
    validate_scope(DS, cluster="C2", unit="U3")
    validate_scope(DS, unit="U1")
