"""An award goes only to the kind of recipient the catalogue says (no CSTĐCS to a collective)."""

from __future__ import annotations

from import_kit import errors, load_base, run

HEAD = "year,recipient_kind,recipient_code,award_code\n"


def test_person_title_to_a_collective(engine):
    load_base(engine)
    report = run(engine, {"awards.csv": HEAD + "2023,collective,K1,CSTDCS\n"})
    reason = "CSTDCS (Chiến sĩ thi đua cơ sở) chỉ dành cho: cá nhân"
    assert errors(report) == [("awards.csv", 2, "award_code", "CSTDCS", reason)]


def test_flag_to_a_person(engine):
    load_base(engine)
    report = run(engine, {"awards.csv": HEAD + "2023,person,P1,CO_TD_BO\n"})
    reason = "CO_TD_BO (Cờ thi đua cấp bộ, ban, ngành, tỉnh) chỉ dành cho: tập thể, đơn vị"
    assert errors(report) == [("awards.csv", 2, "award_code", "CO_TD_BO", reason)]


def test_any_recipient_awards(engine):
    # Giấy khen and Bằng khen go to anyone; TTLĐTT to a collective; CSTT to a person.
    load_base(engine)
    report = run(
        engine,
        {
            "awards.csv": HEAD + "2023,unit,U1,GIAY_KHEN\n2023,person,P1,BK_BO\n"
            "2023,collective,K1,TTLDTT\n2023,person,P2,CSTT\n"
        },
    )
    assert report.ok, report.lines()
