"""Malformed cells: each is reported with its file, row, column, value and reason in Vietnamese.

Every case imports one file over the base dataset (import_kit.BASE), so the bad cell is the only
problem in it.
"""

from __future__ import annotations

import pytest
from import_kit import errors, load_base, run

ROSTER = "year,person_code,unit_code,collective_code,initiatives,discipline\n"
TARGETS = "year,scope_kind,scope_code,indicator,min_pct,max_pct\n"
AWARDS = "year,recipient_kind,recipient_code,award_code,decision_no,decision_date\n"
RATINGS = "period,subject_kind,subject_code,rating\n"
SCORES = "year,unit_code,criterion,max_points,self_points,final_points\n"
COUNTS = "year,unit_code,measure,value\n"

CASES = [
    # (file, content, column, value, reason); the bad row is row 2 (the header is row 1).
    ("people.csv", "person_code,full_name\nP3,\n", "full_name", None, "thiếu giá trị bắt buộc"),
    ("roster.csv", ROSTER + "2023a,P1,U1,K1,1,none\n", "year", "2023a", "năm phải là số nguyên"),
    (
        "roster.csv",
        ROSTER + "1989,P1,U1,K1,1,none\n",
        "year",
        "1989",
        "năm phải trong khoảng 1990–2100",
    ),
    (
        "roster.csv",
        ROSTER + "2023,P1,U1,K1,-1,none\n",
        "initiatives",
        "-1",
        "phải là số nguyên không âm",
    ),
    (
        "roster.csv",
        ROSTER + "2023,P1,U1,K1,1.5,none\n",
        "initiatives",
        "1.5",
        "phải là số nguyên không âm",
    ),
    (
        "unit_counts.csv",
        COUNTS + "2023,U1,staff,3000000000\n",
        "value",
        "3000000000",
        "số quá lớn (tối đa 2.147.483.647)",
    ),
    (
        "targets.csv",
        TARGETS + "2023,unit,U1,LDTT_RATE,100.5,\n",
        "min_pct",
        "100.5",
        "phải là số phần trăm từ 0 đến 100",
    ),
    (
        "targets.csv",
        TARGETS + "2023,unit,U1,LDTT_RATE,,nhiều\n",
        "max_pct",
        "nhiều",
        "phải là số phần trăm từ 0 đến 100",
    ),
    ("scores.csv", SCORES + "2023,U1,Tiêu chí 1,-5,,\n", "max_points", "-5", "phải là số không âm"),
    (
        "awards.csv",
        AWARDS + "2023,person,P1,LDTT,,31/02/2023\n",
        "decision_date",
        "31/02/2023",
        "ngày phải có dạng dd/mm/yyyy hoặc yyyy-mm-dd và là ngày có thật",
    ),
    (
        "awards.csv",
        AWARDS + "2023,person,P1,LDTT,,12/31/2023\n",
        "decision_date",
        "12/31/2023",
        "ngày phải có dạng dd/mm/yyyy hoặc yyyy-mm-dd và là ngày có thật",
    ),
    (
        "ratings.csv",
        RATINGS + "2023-13,person,P1,HTTNV\n",
        "period",
        "2023-13",
        "kỳ đánh giá phải có dạng yyyy (2023) hoặc yyyy-mm (2023-03)",
    ),
    (
        "ratings.csv",
        RATINGS + "03/2023,person,P1,HTTNV\n",
        "period",
        "03/2023",
        "kỳ đánh giá phải có dạng yyyy (2023) hoặc yyyy-mm (2023-03)",
    ),
    (
        "ratings.csv",
        RATINGS + "1989-12,person,P1,HTTNV\n",
        "period",
        "1989-12",
        "năm phải trong khoảng 1990–2100",
    ),
]


@pytest.mark.parametrize(
    ("file", "content", "column", "value", "reason"),
    CASES,
    ids=[
        "required-empty",
        "year-not-int",
        "year-range",
        "count-negative",
        "count-decimal",
        "count-overflow",
        "pct-over-100",
        "pct-text",
        "points-negative",
        "date-impossible",
        "date-us-order",
        "period-month-13",
        "period-format",
        "period-year-range",
    ],
)
def test_bad_cell_is_reported(engine, file, content, column, value, reason):
    load_base(engine)
    report = run(engine, {file: content})
    assert errors(report) == [(file, 2, column, value, reason)]


@pytest.mark.parametrize(
    ("cell", "stored"),
    [("90", 90.0), ("90,5", 90.5), ("90.5", 90.5), ("90 %", 90.0), ("0", 0.0), ("100", 100.0)],
)
def test_percentages_accepted(engine, cell, stored):
    from sqlalchemy import text

    load_base(engine)
    report = run(engine, {"targets.csv": TARGETS + f'2023,unit,U1,LDTT_RATE,"{cell}",\n'})
    assert report.ok, report.lines()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT min_pct FROM targets")).scalar() == stored
