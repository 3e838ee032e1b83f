"""The demo looks like the field (domain.md): ≈ 90–95 % LĐTT, CSTĐCS ≈ 10–15 % of LĐTT, most
HTTNV, 15–25 % HTXSNV, few HTNV, rare KHTNV and discipline. Shares over all person-years with
year-end results (2019–2025; 2026 is in progress: its people are not rated for the year yet)."""

from __future__ import annotations

import pytest

PERSON_YEARS = "SELECT COUNT(*) FROM roster WHERE year <= 2025"


@pytest.fixture
def shares(db) -> dict[str, float]:  # db: conftest.Sql
    n = db.one(PERSON_YEARS)
    ratings = dict(
        db.all(
            "SELECT rating, COUNT(*) FROM ratings WHERE subject_kind = 'person' AND month IS NULL "
            "GROUP BY rating"
        )
    )
    ldtt = db.one(
        "SELECT COUNT(*) FROM (SELECT DISTINCT year, recipient_code FROM awards "
        "WHERE recipient_kind = 'person' "
        "AND award_code IN ('LDTT', 'CSTT', 'CSTDCS', 'CSTD_BO', 'CSTD_TQ')) t"
    )
    cstdcs = db.one(
        "SELECT COUNT(*) FROM (SELECT DISTINCT year, recipient_code FROM awards "
        "WHERE recipient_kind = 'person' AND award_code IN ('CSTDCS', 'CSTD_BO', 'CSTD_TQ')) t"
    )
    disciplined = db.one("SELECT COUNT(*) FROM roster WHERE discipline <> 'none' AND year <= 2025")
    return {
        "ldtt": ldtt / n,
        "cstdcs_of_ldtt": cstdcs / ldtt,
        **{r: ratings.get(r, 0) / n for r in ("HTXSNV", "HTTNV", "HTNV", "KHTNV")},
        "disciplined": disciplined / n,
    }


def test_every_person_year_is_rated_once(db):
    assert db.one(
        "SELECT COUNT(*) FROM ratings WHERE subject_kind = 'person' AND month IS NULL"
    ) == db.one(PERSON_YEARS)
    # the year in progress: on the roster, no year-end rating yet
    assert db.one("SELECT COUNT(*) FROM roster WHERE year = 2026") > 0
    assert db.one("SELECT COUNT(*) FROM ratings WHERE year = 2026 AND month IS NULL") == 0


@pytest.mark.parametrize(
    ("share", "low", "high"),
    [
        ("ldtt", 0.90, 0.95),
        ("cstdcs_of_ldtt", 0.10, 0.15),
        ("HTXSNV", 0.15, 0.25),
        ("HTTNV", 0.60, 0.80),
        ("HTNV", 0.01, 0.10),
        ("KHTNV", 0.0, 0.02),
        ("disciplined", 0.0, 0.01),
    ],
)
def test_share_in_the_field_range(shares, share, low, high):
    assert low <= shares[share] <= high, shares
