"""Leaders as the articles name them, and one leader with 1–2 deputies per cluster and year."""

from __future__ import annotations

from itertools import pairwise


def test_ha_nam_leads_cluster_4_in_2021(db):
    # seed 003: "Trường Chính trị tỉnh Hà Nam được bầu làm cụm trưởng" (2021)
    got = db.all(
        "SELECT unit_code FROM cluster_roles WHERE cluster_code = 'CUM4_DBSH' AND year = 2021 "
        "AND role = 'leader'"
    )
    assert got == [("HN_TCT",)]


def test_national_assembly_library_leads_block_3_in_2023(db):
    # seed 001: "Năm 2023, Thư viện Quốc hội làm Khối trưởng Khối thi đua III"
    got = db.all(
        "SELECT u.unit_name FROM cluster_roles r JOIN units u ON u.unit_code = r.unit_code "
        "WHERE r.cluster_code = 'KHOI3_VPQH' AND r.year = 2023 AND r.role = 'leader'"
    )
    assert got == [("Thư viện Quốc hội",)]


def test_one_leader_and_one_or_two_deputies_each_year(db):
    got = db.all(
        """SELECT cluster_code, year,
                  SUM(CASE WHEN role = 'leader' THEN 1 ELSE 0 END),
                  SUM(CASE WHEN role = 'deputy' THEN 1 ELSE 0 END)
           FROM cluster_roles GROUP BY cluster_code, year"""
    )
    assert len(got) == 4 * 7  # 4 clusters × 2019–2025
    assert all(leaders == 1 and deputies in (1, 2) for _, _, leaders, deputies in got)


def test_the_leader_rotates(db):
    leaders = db.all(
        "SELECT year, unit_code FROM cluster_roles WHERE cluster_code = 'CUM4_DBSH' "
        "AND role = 'leader' ORDER BY year"
    )
    units = [u for _, u in leaders]
    assert all(a != b for a, b in pairwise(units))
