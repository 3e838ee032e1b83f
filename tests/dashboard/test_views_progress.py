"""dashboard.views.progress: a year with monthly ratings but no year-end result is "in
progress"; the app opens on the latest year with results. Figures worked by hand below."""

import polars as pl

from dashboard.views import progress

# U1, U2 in C1; U3 in C2. 2025 closed (U1 rated, U2 only awards known); 2026 monthly only.
COUNTS = pl.DataFrame(
    {
        "year": [2025, 2025, 2025, 2026, 2026, 2026],
        "cluster_code": ["C1", "C1", "C2", "C1", "C1", "C2"],
        "unit_code": ["U1", "U2", "U3", "U1", "U2", "U3"],
        "staff": [10, 5, 4, 10, 5, 4],
        "persons_rated": [10, None, None, None, None, None],
        "persons_ldtt_plus": [9, 4, None, None, None, None],
        "person_months_rated": [120, None, None, 110, None, 44],
        "person_months_htxsnv": [30, None, None, 25, None, 11],
    },
    schema_overrides={"persons_rated": pl.Int64, "persons_ldtt_plus": pl.Int64},
)


def test_result_years_and_the_years_in_progress():
    assert progress.result_years(COUNTS) == [2025]
    # 2027 has only targets (no counts at all): no result either
    assert progress.in_progress_years((2025, 2026, 2027), COUNTS) == frozenset({2026, 2027})
    assert progress.default_year((2025, 2026, 2027), frozenset({2026, 2027})) == 2025


def test_a_scope_is_in_progress_when_none_of_its_units_has_a_result():
    assert progress.scope_in_progress(COUNTS, year=2026, cluster="C1", unit=None)
    assert not progress.scope_in_progress(COUNTS, year=2025, cluster="C1", unit="U2")  # awards
    # U3 in 2025: on the roster, nothing of the year-end known: in progress for that unit
    assert progress.scope_in_progress(COUNTS, year=2025, cluster="C2", unit="U3")
    assert not progress.scope_in_progress(COUNTS, year=2024, cluster="C1", unit=None)  # no rows


def test_monthly_so_far_pools_the_scope():
    # C1 in 2026: staff 10 + 5 = 15; U1 110 person-months, 25 HTXSNV; U2 none → 25/110 = 22,7 %
    got = progress.monthly_so_far(COUNTS, year=2026, cluster="C1", unit=None)
    assert got["staff"] == 15
    assert got["person_months_rated"] == 110 and got["person_months_htxsnv"] == 25
    assert round(got["share_pct"], 4) == round(100 * 25 / 110, 4)
    none = progress.monthly_so_far(COUNTS, year=2026, cluster="C1", unit="U2")
    assert none["person_months_rated"] is None and none["share_pct"] is None
