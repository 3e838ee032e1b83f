"""Seed 000 (Văn phòng Học viện Chính trị, school year 2021–2022 = year 2022) is reproduced."""

from __future__ import annotations

STAFF = "SELECT person_code FROM roster WHERE unit_code = 'VP_HVCT' AND year = 2022"
PERSON_AWARDS = f"""
    SELECT recipient_code, award_code, decision_no FROM awards
    WHERE year = 2022 AND recipient_kind = 'person' AND recipient_code IN ({STAFF})
"""


def _holders(db, award: str) -> set[str]:
    return {code for code, a, _ in db.all(PERSON_AWARDS) if a == award}


def test_the_office_is_military(db):
    assert db.one("SELECT profile FROM units WHERE unit_code = 'VP_HVCT'") == "military"


def test_12_cstdcs(db):
    # "12 đồng chí được tặng danh hiệu Chiến sĩ thi đua cơ sở"
    assert len(_holders(db, "CSTDCS")) == 12


def test_42_cstt_only_and_54_cstt_or_higher(db):
    # "42 đồng chí được tặng danh hiệu Chiến sĩ tiên tiến": listed by highest title, so
    # CSTT-or-higher = 12 + 42 = 54.
    cstt, cstdcs = _holders(db, "CSTT"), _holders(db, "CSTDCS")
    assert len(cstt - cstdcs) == 42
    assert len(cstt | cstdcs) == 54


def test_5_giay_khen(db):
    # "Thủ trưởng Học viện tặng 05 Giấy khen" (to persons or departments of the office)
    n = db.one(
        f"""SELECT COUNT(*) FROM awards WHERE year = 2022 AND award_code = 'GIAY_KHEN' AND (
            (recipient_kind = 'person' AND recipient_code IN ({STAFF}))
            OR (recipient_kind = 'collective' AND recipient_code IN
                (SELECT collective_code FROM collectives WHERE unit_code = 'VP_HVCT'))
            OR (recipient_kind = 'unit' AND recipient_code = 'VP_HVCT'))"""
    )
    assert n == 5


def test_bang_khen_of_the_general_political_department_for_the_office(db):
    # "Văn phòng được Thủ trưởng Tổng cục Chính trị tặng Bằng khen"
    got = db.all(
        "SELECT award_code, decision_no FROM awards WHERE year = 2022 "
        "AND recipient_kind = 'unit' AND recipient_code = 'VP_HVCT'"
    )
    assert [a for a, _ in got] == ["BK_BO"]
    assert got[0][1].endswith("/QĐ-CT")


def test_one_bang_khen_of_the_minister_of_defence(db):
    # "01 đồng chí được tặng Bằng khen của Bộ trưởng Bộ Quốc phòng"
    bk = [(c, d) for c, a, d in db.all(PERSON_AWARDS) if a == "BK_BO"]
    assert len(bk) == 1
    assert bk[0][1].endswith("/QĐ-BQP")
