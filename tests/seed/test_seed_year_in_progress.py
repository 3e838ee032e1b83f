"""The demo's current year in progress (seed/in_progress.py): 2026 rated month by month from
January to November, no year-end result; in each cluster one monthly unit behind on its months
and the other over the HTXSNV cap's ratio so far; the years before untouched."""

from __future__ import annotations

from sqlalchemy import select

from data_access.engine import make_engine, upgrade
from data_access.models import CONTRACT_TABLES
from seed import populate
from seed.demo_features import monthly_pairs
from seed.demo_world import unit_start_months

YEAR, MONTHS = 2026, 11
# In 2026 MONTHLY[c][2026 % 2] = the first unit of each pair is behind: it has rated months
# 1 … 11 − (1 + 2026 % 3) = 9; the second rated all eleven and is over the cap.
MONTHLY = monthly_pairs(YEAR)
BEHIND = {units[0]: 9 for units in MONTHLY.values()}
OVER = {units[1] for units in MONTHLY.values()}
SCHOOL = ", ".join(f"'{u}'" for u in unit_start_months())
# a person-month m is in emulation year r.year of the person's unit r: the school-year units'
# months from September count in the next year (all of them start in September)
IN_YEAR = (
    f"r.year = m.year + CASE WHEN r.unit_code IN ({SCHOOL}) AND m.month >= 9 THEN 1 ELSE 0 END"
)


def test_the_roster_is_carried_over_and_nothing_of_the_year_end_is_there(db):
    assert db.one("SELECT COUNT(*) FROM roster WHERE year = 2026") == db.one(
        "SELECT COUNT(*) FROM roster WHERE year = 2025"
    )
    for table in ("awards", "scores", "cluster_roles", "targets", "unit_counts"):
        assert db.one(f"SELECT COUNT(*) FROM {table} WHERE year = 2026") == 0, table
    assert db.one("SELECT COUNT(*) FROM ratings WHERE year = 2026 AND month IS NULL") == 0
    assert db.one("SELECT MAX(month) FROM ratings WHERE year = 2026") == MONTHS


def test_each_monthly_unit_rates_its_staff_every_month_so_far(db):
    rows = db.all(
        "SELECT r.unit_code, COUNT(*), COUNT(DISTINCT m.month) FROM ratings m "
        f"JOIN roster r ON r.person_code = m.subject_code AND {IN_YEAR} "
        "WHERE r.year = 2026 AND m.subject_kind = 'person' GROUP BY r.unit_code"
    )
    staff = dict(db.all("SELECT unit_code, COUNT(*) FROM roster WHERE year = 2026 GROUP BY 1"))
    got = {u: (n, months) for u, n, months in rows}
    assert set(got) == {u for pair in MONTHLY.values() for u in pair}
    for unit, (n, months) in got.items():
        expected = BEHIND.get(unit, MONTHS)
        assert months == expected, unit
        assert n == staff[unit] * expected, unit  # every person, every month rated


def test_one_unit_a_cluster_is_over_the_htxsnv_ratio_and_the_behind_one_within_it(db):
    rows = db.all(
        "SELECT r.unit_code, SUM(CASE WHEN m.rating = 'HTXSNV' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN m.rating = 'HTTNV' THEN 1 ELSE 0 END) FROM ratings m "
        f"JOIN roster r ON r.person_code = m.subject_code AND {IN_YEAR} "
        "WHERE r.year = 2026 AND m.subject_kind = 'person' GROUP BY r.unit_code"
    )
    for unit, xs, tt in rows:
        allowed = int(tt) * 20 // 100  # HTXSNV_CAP: floor(20 % of the HTTNV person-months)
        assert (int(xs) > allowed) == (unit in OVER), (unit, xs, tt)


def test_the_years_before_are_the_same_rows_as_without_it(db, tmp_path):
    plain = make_engine(f"sqlite:///{tmp_path / 'plain.db'}")
    upgrade(plain)
    populate(plain, scale="demo", years=(2019, 2025), progress=False)
    try:
        for model in CONTRACT_TABLES:
            t = model.__table__
            stmt = select(*t.columns).order_by(*t.primary_key.columns)
            if "year" in t.columns:
                stmt = stmt.where(t.c.year <= 2025)
            if t.name == "ratings":  # the school year's 2026 begins in September 2025
                stmt = stmt.where(~((t.c.year == 2025) & (t.c.month >= 9)))
            if t.name == "cluster_members":  # the year in progress has its members
                stmt = stmt.where(t.c.year <= 2025)
            with plain.connect() as conn:
                want = [tuple(r) for r in conn.execute(stmt)]
            with db.eng.connect() as conn:
                got = [tuple(r) for r in conn.execute(stmt)]
            assert got == want, t.name
    finally:
        plain.dispose()
