"""Roles and scopes: which rows each role sees, whatever the URL asks for."""

from __future__ import annotations

import polars as pl
import pytest

from dashboard.access import (
    AccessDenied,
    Principal,
    can_import,
    can_see_persons,
    check_table,
    restrict,
    visible_units,
)

UNITS = pl.DataFrame({"unit_code": ["A1", "A2", "B1"], "cluster_code": ["CA", "CA", "CB"]})
# Indicator-like rows: one per unit plus each cluster's pooled row (unit_code null).
ROWS = pl.DataFrame(
    {
        "cluster_code": ["CA", "CA", "CA", "CB", "CB"],
        "unit_code": ["A1", "A2", None, "B1", None],
        "value": [1, 2, 3, 4, 5],
    }
)


@pytest.mark.parametrize(
    ("principal", "expected_values"),
    [
        (Principal("adm", "admin"), [1, 2, 3, 4, 5]),
        (Principal("sec", "cluster_secretary", "CA"), [1, 2, 3]),
        (Principal("off", "unit_officer", "A2"), [2]),  # no pooled row: CA has A1 too
        (Principal("v1", "viewer", "CB"), [4, 5]),  # B1 is all of CB, so its pooled row too
        (Principal("v2", "viewer", "A1"), [1]),
        (Principal("v3", "viewer", "ZZ"), []),  # unknown scope sees nothing
    ],
    ids=["admin", "secretary", "officer", "viewer-cluster", "viewer-unit", "viewer-unknown"],
)
def test_restrict_rows(principal, expected_values):
    assert restrict(ROWS, principal, UNITS)["value"].to_list() == expected_values


def test_viewer_editing_the_query_string_still_sees_only_its_scope():
    # The URL asks for unit B1; the server filters by the principal, not by the request.
    viewer = Principal("v", "viewer", "A1")
    asked = ROWS.filter(pl.col("unit_code") == "B1")
    assert restrict(asked, viewer, UNITS).height == 0
    assert visible_units(viewer, UNITS) == frozenset({"A1"})


def test_person_level_tables():
    assert not can_see_persons(Principal("v", "viewer", "CA"))
    assert can_see_persons(Principal("o", "unit_officer", "A1"))
    with pytest.raises(AccessDenied, match="aggregates only"):
        check_table(Principal("v", "viewer", "CA"), "eligibility")
    check_table(Principal("v", "viewer", "CA"), "indicators")  # aggregates are fine


def test_imports_only_for_own_units():
    sec = Principal("s", "cluster_secretary", "CA")
    assert can_import(sec, ["A1", "A2"], UNITS)
    assert not can_import(sec, ["A1", "B1"], UNITS)
    assert not can_import(Principal("o", "unit_officer", "A1"), ["A1"], UNITS)
    assert can_import(Principal("a", "admin"), ["B1"], UNITS)
