"""The filters' pure logic on hand-made options: defaults (latest year, first cluster, the whole
cluster only when all of it is visible), which URL values are valid, and the query string."""

import polars as pl
import pytest

from dashboard.ui.filters import Filters, _default_unit, _defaults, _valid
from dashboard.ui.loaders import Options

CLUSTERS = pl.DataFrame({"cluster_code": ["C1", "C2"], "cluster_name": ["Một", "Hai"]})
UNITS = pl.DataFrame(
    {
        "unit_code": ["U1", "U2", "U3"],
        "unit_name": ["Đơn vị 1", "Đơn vị 2", "Đơn vị 3"],
        "cluster_code": ["C1", "C1", "C2"],
    }
)
EVERYTHING = Options((2023, 2024), CLUSTERS, UNITS, frozenset({"C1", "C2"}))
# A unit officer of U2: C1 is visible, but not the whole of it.
ONE_UNIT = Options(
    (2023, 2024), CLUSTERS.head(1), UNITS.filter(pl.col("unit_code") == "U2"), frozenset()
)


def test_options_list_a_clusters_units():
    assert EVERYTHING.units_of("C1") == ["U1", "U2"]
    assert EVERYTHING.units_of("C2") == ["U3"]
    assert EVERYTHING.units_of(None) == []
    assert EVERYTHING.cluster_codes() == ["C1", "C2"]


def test_defaults_are_the_latest_year_and_the_whole_first_cluster():
    assert _defaults(EVERYTHING) == Filters(2024, "C1", None, "vi")


def test_a_partial_scope_defaults_to_its_first_visible_unit():
    assert _defaults(ONE_UNIT) == Filters(2024, "C1", "U2", "vi")
    assert _default_unit(ONE_UNIT, "C1") == "U2"


def test_no_data_gives_no_year_and_no_cluster():
    empty = Options((), CLUSTERS.clear(), UNITS.clear(), frozenset())
    assert _defaults(empty) == Filters(None, None, None, "vi")


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [("year", "2023", 2023), ("year", " 2024", 2024), ("cluster", "C2", "C2"),
     ("unit", "U1", "U1"), ("lang", "en", "en")],
)  # fmt: skip
def test_valid_values_are_taken(key, value, expected):
    state = Filters(2024, "C1", None, "vi")
    assert _valid(key, value, state, EVERYTHING) == expected


@pytest.mark.parametrize(
    ("key", "value"),
    [("year", "2022"), ("year", "20x4"), ("cluster", "C9"), ("unit", "U3"), ("lang", "fr")],
)
def test_invalid_values_are_refused(key, value):
    # U3 exists, but in C2: a unit is checked against the chosen cluster.
    with pytest.raises(ValueError):
        _valid(key, value, Filters(2024, "C1", None, "vi"), EVERYTHING)


def test_query_string_leaves_out_the_whole_cluster():
    assert Filters(2024, "C1", None, "en").as_params() == {
        "year": "2024",
        "cluster": "C1",
        "lang": "en",
    }
    assert Filters(2024, "C1", "U2", "vi").as_params()["unit"] == "U2"
