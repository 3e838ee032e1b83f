"""The demo's Red River Delta cluster through the 2025 reorganisation (seed/reorganisation.py):
who was in which cluster each year, the change rows, the staff following their school, and
nothing of a merged-away school from 1 July 2025 on (what the importer refuses)."""

from __future__ import annotations

import datetime as dt

ENDED = ("HN_TCT", "ND_TCT", "TB_TCT", "HD_TCT", "VP_TCT")


def _members(db, year: int, cluster: str) -> set[str]:
    return {
        u
        for (u,) in db.all(
            "SELECT unit_code FROM cluster_members WHERE year = :y AND cluster_code = :c",
            y=year,
            c=cluster,
        )
    }


def test_the_cluster_before_and_after_the_merger(db):
    before = {"HN_TCT", "ND_TCT", "NB_TCT", "TB_TCT", "HY_TCT", "HD_TCT", "BN_TCT", "VP_TCT"}
    assert _members(db, 2024, "CUM4_DBSH") == before | {"QN_TCT"}
    after = {"NB_TCT", "HY_TCT", "HP_TCT", "BN_TCT", "QN_TCT"}
    assert _members(db, 2025, "CUM4_DBSH") == after
    assert _members(db, 2026, "CUM4_DBSH") == after
    mnbg = {"SL_TCT", "PT_TCT", "LC_TCT", "YB_TCT", "HG_TCT", "DB_TCT", "LCH_TCT"}
    assert _members(db, 2024, "CUM_MNBG") == mnbg == _members(db, 2025, "CUM_MNBG")


def test_every_year_lists_every_unit_in_one_cluster(db):
    # 27 units up to 2024; from 2025 five merged away and Hải Phòng's school is new: 23
    got = dict(db.all("SELECT year, COUNT(DISTINCT unit_code) FROM cluster_members GROUP BY 1"))
    assert got == {**dict.fromkeys(range(2019, 2025), 27), 2025: 23, 2026: 23}


def test_the_change_rows(db):
    rows = db.all(
        "SELECT from_unit_code, to_unit_code, kind, effective_date, decision_no "
        "FROM unit_changes ORDER BY 2, 1"
    )
    got = {(f, t) for f, t, *_ in rows}
    assert got == {
        ("HD_TCT", "HP_TCT"),
        ("HY_TCT", "HY_TCT"),
        ("TB_TCT", "HY_TCT"),
        ("HN_TCT", "NB_TCT"),
        ("NB_TCT", "NB_TCT"),
        ("ND_TCT", "NB_TCT"),
        ("PT_TCT", "PT_TCT"),
        ("VP_TCT", "PT_TCT"),
    }
    for _, _, kind, day, no in rows:
        assert kind == "merge"
        assert str(day) == "2025-07-01"
        assert no == "202/2025/QH15"


def test_the_staff_follow_their_school(db):
    # a predecessor's staff of 2024 who are on a roster in 2025 are on the successor's
    pairs = db.all(
        "SELECT a.unit_code, b.unit_code, COUNT(*) FROM roster a JOIN roster b "
        "ON a.person_code = b.person_code AND a.year = 2024 AND b.year = 2025 "
        "WHERE a.unit_code IN ('HN_TCT', 'ND_TCT', 'TB_TCT', 'HD_TCT', 'VP_TCT') GROUP BY 1, 2"
    )
    succ = {"HN_TCT": "NB_TCT", "ND_TCT": "NB_TCT", "TB_TCT": "HY_TCT"}
    succ |= {"HD_TCT": "HP_TCT", "VP_TCT": "PT_TCT"}
    # most stay with their school; the few who change posts move within the cluster they
    # were in (seed/people.py), so to another school of it, which may itself have merged
    # (Vĩnh Phúc's into Phú Thọ's)
    by_before: dict[str, dict[str, int]] = {}
    for before, after, n in pairs:
        by_before.setdefault(before, {})[after] = n
    for before, counts in by_before.items():
        assert max(counts, key=counts.__getitem__) == succ[before], (before, counts)
        assert set(counts) <= set(succ.values()) | {"BN_TCT", "QN_TCT"}, (before, counts)


def test_the_merged_school_is_the_three_schools_staff(db):
    # demo_world.py staff in 2025: Ninh Bình 49 + Hà Nam 56 + Nam Định 71
    assert db.one("SELECT COUNT(*) FROM roster WHERE year = 2025 AND unit_code = 'NB_TCT'") == (
        49 + 56 + 71
    )
    # the in-progress year carries them over
    assert db.one("SELECT COUNT(*) FROM roster WHERE year = 2026 AND unit_code = 'NB_TCT'") == 176
    # Hải Phòng's new school: Hải Dương's 66
    assert db.one("SELECT COUNT(*) FROM roster WHERE year = 2025 AND unit_code = 'HP_TCT'") == 66


def test_nothing_of_a_merged_away_school_from_the_merger_on(db):
    ended = ", ".join(f"'{u}'" for u in ENDED)
    assert db.one(f"SELECT COUNT(*) FROM roster WHERE year >= 2025 AND unit_code IN ({ended})") == 0
    own = f"(SELECT collective_code FROM collectives WHERE unit_code IN ({ended}))"
    annual = db.one(
        "SELECT COUNT(*) FROM ratings WHERE month IS NULL AND year >= 2025 AND "
        f"(subject_code IN ({ended}) OR subject_code IN {own})"
    )
    assert annual == 0
    late = db.all(
        "SELECT a.recipient_code, a.decision_date FROM awards a "
        "LEFT JOIN roster r ON a.recipient_kind = 'person' AND r.person_code = a.recipient_code "
        "AND r.year = a.year "
        "LEFT JOIN collectives c ON a.recipient_kind = 'collective' "
        "AND c.collective_code = a.recipient_code "
        f"WHERE COALESCE(r.unit_code, c.unit_code, a.recipient_code) IN ({ended})"
    )
    assert late  # their awards of the years before are there …
    assert all(dt.date.fromisoformat(str(d)) < dt.date(2025, 7, 1) for _, d in late)  # … only


def test_a_streak_follows_the_person_across_the_merger(db):
    # someone with CSTĐCS in a merged-away school in 2023 and 2024 and in its successor in
    # 2025 has three years running: the streak is the person's, whatever the unit
    rows = db.all(
        "SELECT a.recipient_code, COUNT(DISTINCT a.year) FROM awards a "
        "JOIN roster r ON r.person_code = a.recipient_code AND r.year = a.year "
        "WHERE a.award_code = 'CSTDCS' AND a.year BETWEEN 2023 AND 2025 "
        "AND a.recipient_code IN (SELECT person_code FROM roster WHERE year = 2024 "
        "AND unit_code IN ('HN_TCT', 'ND_TCT', 'TB_TCT', 'HD_TCT', 'VP_TCT')) "
        "GROUP BY 1 HAVING COUNT(DISTINCT a.year) = 3"
    )
    assert rows
    # and those people are on a successor's roster in 2025 under the same code
    code = rows[0][0]
    unit = db.one("SELECT unit_code FROM roster WHERE year = 2025 AND person_code = :p", p=code)
    assert unit in {"NB_TCT", "HY_TCT", "HP_TCT", "PT_TCT"}
