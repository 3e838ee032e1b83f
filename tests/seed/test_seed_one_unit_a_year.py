"""People move between units across years, but are never on two units in one year."""

from __future__ import annotations


def test_nobody_on_two_units_in_one_year(db):
    # The roster's key (year, person_code) forbids it in the schema; check the data too.
    assert (
        db.one(
            "SELECT COUNT(*) FROM (SELECT person_code, year FROM roster "
            "GROUP BY person_code, year HAVING COUNT(DISTINCT unit_code) > 1) t"
        )
        == 0
    )


def test_some_people_moved(db):
    moved = db.one(
        "SELECT COUNT(*) FROM (SELECT person_code FROM roster GROUP BY person_code "
        "HAVING COUNT(DISTINCT unit_code) > 1) t"
    )
    assert moved > 0


def test_units_grow_and_shrink(db):
    # demo_world.py: Hưng Yên grows from 46 (2019) to 57 (2024), Thái Bình shrinks 62 → 57;
    # from the merger of 1 July 2025 Thái Bình's 56 are on Hưng Yên's roster with its own 59.
    got = dict(
        db.all(
            "SELECT unit_code || ':' || year, COUNT(*) FROM roster "
            "WHERE unit_code IN ('HY_TCT', 'TB_TCT') AND year IN (2019, 2024, 2025) "
            "GROUP BY unit_code, year"
        )
    )
    assert got == {
        "HY_TCT:2019": 46,
        "HY_TCT:2024": 57,
        "HY_TCT:2025": 59 + 56,
        "TB_TCT:2019": 62,
        "TB_TCT:2024": 57,
    }
