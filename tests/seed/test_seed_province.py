"""The province scale: ≈ 50 000 staff a year in ≈ 400 units and 40 clusters (SQLite only, two
years, to keep it quick)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text

from seed import populate


@pytest.mark.slow
def test_province_scale_shape(sqlite_engine):
    counts = populate(sqlite_engine, scale="province", years=(2024, 2025), progress=False)
    with sqlite_engine.connect() as conn:

        def one(sql: str) -> int:
            return conn.execute(text(sql)).scalar_one()

        staff_2024 = one("SELECT COUNT(*) FROM roster WHERE year = 2024")
        reported = one(
            "SELECT COALESCE(SUM(value), 0) FROM unit_counts "
            "WHERE year = 2024 AND measure = 'staff' AND unit_code NOT IN "
            "(SELECT DISTINCT unit_code FROM roster WHERE year = 2024)"
        )
        sizes = [
            n for (n,) in conn.execute(text("SELECT COUNT(*) FROM units GROUP BY cluster_code"))
        ]
        two_units = one(
            "SELECT COUNT(*) FROM (SELECT person_code FROM roster GROUP BY person_code, year "
            "HAVING COUNT(DISTINCT unit_code) > 1) t"
        )
    # 6 provinces × 63 units + 27 demo units and Hải Phòng's school of the 2025 merger;
    # 6 × 6 + 4 clusters
    assert counts["units"] == 6 * 63 + 27 + 1
    assert counts["clusters"] == 6 * 6 + 4
    assert 45_000 <= staff_2024 + reported <= 60_000
    assert min(sizes) >= 5 and max(sizes) <= 12  # domain.md: 5–12 units a cluster
    assert two_units == 0
    assert counts["roster"] == staff_2024 + one_year(sqlite_engine, 2025)


def one_year(engine: Engine, year: int) -> int:
    with engine.connect() as conn:
        sql = text("SELECT COUNT(*) FROM roster WHERE year = :y")
        return conn.execute(sql, {"y": year}).scalar_one()
