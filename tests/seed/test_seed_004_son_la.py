"""Seed 004 (Trường Chính trị tỉnh Sơn La, article of 20/10/2021) is reproduced exactly."""

from __future__ import annotations

PERSON_MONTHS = """
    SELECT COUNT(*), SUM(CASE WHEN r.rating = 'HTXSNV' THEN 1 ELSE 0 END),
           COUNT(DISTINCT r.subject_code), MIN(r.month), MAX(r.month)
    FROM ratings r JOIN roster ro ON ro.person_code = r.subject_code AND ro.year = r.year
    WHERE r.subject_kind = 'person' AND r.month IS NOT NULL
      AND ro.unit_code = 'SL_TCT' AND r.year = 2021
"""
DEPT_MONTHS = """
    SELECT COUNT(*), SUM(CASE WHEN r.rating = 'HTXSNV' THEN 1 ELSE 0 END),
           COUNT(DISTINCT r.subject_code), MIN(r.month), MAX(r.month)
    FROM ratings r JOIN collectives c ON c.collective_code = r.subject_code
    WHERE r.subject_kind = 'collective' AND r.month IS NOT NULL
      AND c.unit_code = 'SL_TCT' AND c.kind = 'department' AND r.year = 2021
"""


def test_fifty_staff_on_the_roster(db):
    # "Hiện nay trường có 50 cán bộ, viên chức và hợp đồng theo Nghị định 68"
    assert db.one("SELECT COUNT(*) FROM roster WHERE unit_code = 'SL_TCT' AND year = 2021") == 50


def test_441_person_months_75_htxsnv(db):
    # "441 lượt công chức, viên chức … 75 lượt … hoàn thành xuất sắc nhiệm vụ", up to 20/10/2021:
    # January to September, 441 = 49 people × 9 months.
    assert db.all(PERSON_MONTHS) == [(441, 75, 49, 1, 9)]


def test_45_department_months_25_htxsnv(db):
    # "45 lượt khoa, phòng … 25/45 lượt khoa, phòng … HTXSNV": 45 = 5 departments × 9 months.
    assert db.all(DEPT_MONTHS) == [(45, 25, 5, 1, 9)]


def test_reported_totals_repeat_the_article(db):
    got = db.all(
        "SELECT measure, value FROM unit_counts WHERE unit_code = 'SL_TCT' AND year = 2021 "
        "ORDER BY measure"
    )
    assert got == [
        ("department_months_htxsnv", 25),
        ("department_months_rated", 45),
        ("person_months_htxsnv", 75),
        ("person_months_rated", 441),
        ("staff", 50),
    ]
