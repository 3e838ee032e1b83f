"""Vụ Thông tin shares only its totals (unit_counts), never person lists."""

from __future__ import annotations

from data_access.catalog import MEASURES


def test_no_records_for_the_unit(db):
    checks = {
        "roster": "SELECT COUNT(*) FROM roster WHERE unit_code = 'VTT'",
        "collectives": "SELECT COUNT(*) FROM collectives WHERE unit_code = 'VTT'",
        "ratings": "SELECT COUNT(*) FROM ratings WHERE subject_code = 'VTT' "
        "OR subject_code LIKE 'VTT.%'",
        "awards": "SELECT COUNT(*) FROM awards WHERE recipient_code = 'VTT' "
        "OR recipient_code LIKE 'VTT.%'",
    }
    assert {t: db.one(sql) for t, sql in checks.items()} == dict.fromkeys(checks, 0)


def test_every_measure_every_year(db):
    got = db.all(
        "SELECT year, COUNT(*), COUNT(DISTINCT measure) FROM unit_counts "
        "WHERE unit_code = 'VTT' GROUP BY year ORDER BY year"
    )
    assert got == [(y, len(MEASURES), len(MEASURES)) for y in range(2019, 2026)]
    measures = {m for (m,) in db.all("SELECT DISTINCT measure FROM unit_counts")}
    assert measures <= set(MEASURES)


def test_totals_are_consistent(db):
    wide = {}
    for year, measure, value in db.all(
        "SELECT year, measure, value FROM unit_counts WHERE unit_code = 'VTT'"
    ):
        wide.setdefault(year, {})[measure] = value
    for year, m in wide.items():
        assert m["persons_rated"] == m["staff"], year
        assert m["persons_cstdcs_plus"] <= m["persons_ldtt_plus"] <= m["staff"], year
        assert m["persons_htxsnv"] + m["persons_httnv"] == m["persons_httnv_plus"], year
        assert m["departments_ttldxs_plus"] <= m["departments_ttldtt_plus"] <= m["departments"]
        assert m["party_cells_htxsnv"] <= m["party_cells_httnv_plus"] <= m["party_cells"]
        assert m["person_months_rated"] == 12 * m["staff"], year
        assert m["department_months_rated"] == 12 * m["departments"], year
