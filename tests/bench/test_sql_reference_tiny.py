"""sql_reference.sql_indicators on the tiny dataset: the hand-worked figures, on both databases."""

from __future__ import annotations

import pytest
from bench_tiny import row

from bench.sql_reference import sql_indicators


@pytest.fixture
def sql(tiny_db):
    with tiny_db.connect() as conn:
        return sql_indicators(conn, years=[2024, 2025])


def test_person_titles_count_each_person_once(sql):
    # U1: LĐTT-or-higher = P1 (CSTDCS, LDTT) + P2 (LDTT) = 2 of 4 staff → 50 %;
    # CSTĐCS-or-higher = P1 = 1 of those 2 → 50 %.
    assert row(sql, "LDTT_RATE", "U1") == (2, 4, 50.0)
    assert row(sql, "CSTDCS_OF_LDTT", "U1") == (1, 2, 50.0)


def test_unknown_numerator_gives_no_value_and_is_left_out_of_the_pool(sql):
    # U2 has no person award: its numerator is unknown, not 0; the denominator is 2 staff.
    assert row(sql, "LDTT_RATE", "U2") == (None, 2, None)
    # C1 pools only U1, the member that knows both sides: 2 / 4.
    assert row(sql, "LDTT_RATE", None, "C1") == (2, 4, 50.0)


def test_higher_awards_add_persons_departments_and_the_unit(sql):
    # U1: P3 BK_BO + U1.D1 TTLDXS = 2 of (4 staff + 2 departments + the unit) = 2/7.
    # U2: the unit's CO_TD_BO = 1 of (2 + 1 + 1) = 1/4 = 25 %. C1: (2 + 1) / (7 + 4) = 3/11.
    assert row(sql, "HIGHER_AWARD_RATE", "U1")[:2] == (2, 7)
    assert row(sql, "HIGHER_AWARD_RATE", "U1")[2] == pytest.approx(200 / 7, abs=1e-9)
    assert row(sql, "HIGHER_AWARD_RATE", "U2") == (1, 4, 25.0)
    assert row(sql, "HIGHER_AWARD_RATE", None, "C1")[:2] == (3, 11)


def test_ratings_annual_and_monthly(sql):
    # U1 annual: 4 rated; HTXSNV 1 (25 %), HTTNV or better 2 (50 %), KHTNV 1 (25 %).
    assert row(sql, "PERSON_HTXSNV_RATE", "U1") == (1, 4, 25.0)
    assert row(sql, "PERSON_HTTNV_PLUS_RATE", "U1") == (2, 4, 50.0)
    assert row(sql, "PERSON_KHTNV_RATE", "U1") == (1, 4, 25.0)
    # Monthly: P1 twice, once HTXSNV → 1/2; U1.D1 once, HTXSNV → 1/1.
    assert row(sql, "MONTHLY_PERSON_HTXSNV_SHARE", "U1") == (1, 2, 50.0)
    assert row(sql, "MONTHLY_DEPT_HTXSNV_SHARE", "U1") == (1, 1, 100.0)


def test_collectives(sql):
    # U1: 2 departments, both TTLĐTT-or-higher (TTLDXS implies TTLDTT), 1 TTLĐXS → 100 %, 50 %.
    assert row(sql, "DEPT_TTLDTT_RATE", "U1") == (2, 2, 100.0)
    assert row(sql, "TTLDXS_OF_TTLDTT", "U1") == (1, 2, 50.0)
    # U2: 1 department, no collective award → unknown numerator.
    assert row(sql, "DEPT_TTLDTT_RATE", "U2") == (None, 1, None)
    # Party cell HTXSNV (counts as HTTNV-or-better too); mass organisation VM (strong).
    assert row(sql, "PARTY_CELL_HTTNV_PLUS_RATE", "U1") == (1, 1, 100.0)
    assert row(sql, "PARTY_CELL_HTXSNV_RATE", "U1") == (1, 1, 100.0)
    assert row(sql, "MASS_ORG_STRONG_RATE", "U1") == (1, 1, 100.0)
    # U2 has no party cell: 0 cells (structure is never unknown) and no value.
    assert row(sql, "PARTY_CELL_HTXSNV_RATE", "U2") == (None, 0, None)


def test_reported_totals_for_a_unit_without_person_lists(sql):
    # U3 shares only unit_counts: 9 of 10 → 90 %; C2 pools U3 alone.
    assert row(sql, "LDTT_RATE", "U3") == (9, 10, 90.0)
    assert row(sql, "LDTT_RATE", None, "C2") == (9, 10, 90.0)
    # departments is absent from its totals: unknown, so the denominator is unknown.
    assert row(sql, "HIGHER_AWARD_RATE", "U3") == (None, None, None)
