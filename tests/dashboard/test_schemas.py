"""dashboard/schemas.py is the one declaration: the engine returns exactly `engine_columns` (the
contract's columns in order, then its extras), and the export shape keeps the contract's."""

from __future__ import annotations

import pytest
from test_tables_compose import DS

from dashboard import pipeline
from dashboard.schemas import EXTRAS, SCHEMAS, columns, engine_columns, schema
from dashboard.tables import TABLES, shape


@pytest.mark.parametrize("name", TABLES)
def test_the_engine_returns_the_declared_columns(name):
    assert pipeline.table(name, DS, 2024).columns == list(engine_columns(name))


@pytest.mark.parametrize("name", TABLES)
def test_the_shape_drops_the_extras(name):
    out = shape(pipeline.table(name, DS, 2024), name)
    assert out.columns == list(SCHEMAS[name])
    assert not set(out.columns) & set(EXTRAS[name])


def test_slices():
    assert columns("indicators", upto="indicator") == (
        "year", "cluster_code", "unit_code", "indicator",
    )  # fmt: skip
    assert columns("indicators", after="value_pct") == ("target_min", "target_max", "status")
    assert list(schema("indicators", upto="value_pct"))[-1] == "value_pct"
