"""Code columns accept only their list of codes; the reason lists what is allowed."""

from __future__ import annotations

import pytest
from import_kit import errors, load_base, run

from data_access.catalog import MEASURES, load_catalog

CASES = [
    # (file, content, column, value, allowed); the bad value sits in row 2.
    (
        "units.csv",
        "unit_code,unit_name,cluster_code,profile\nU9,Đơn vị,C1,navy\n",
        "profile",
        "navy",
        "civil, military",
    ),
    (
        "collectives.csv",
        "collective_code,unit_code,collective_name,kind\nK9,U1,Tổ,team\n",
        "kind",
        "team",
        "department, party_cell, mass_org",
    ),
    (
        "roster.csv",
        "year,person_code,unit_code,discipline\n2023,P1,U1,phe_binh\n",
        "discipline",
        "phe_binh",
        "none, khien_trach, canh_cao, cach_chuc, buoc_thoi_viec",
    ),
    (
        "ratings.csv",
        "period,subject_kind,subject_code,rating\n2023,staff,P1,HTTNV\n",
        "subject_kind",
        "staff",
        "person, collective, unit",
    ),
    (
        "awards.csv",
        "year,recipient_kind,recipient_code,award_code\n2023,team,P1,LDTT\n",
        "recipient_kind",
        "team",
        "person, collective, unit",
    ),
    (
        "targets.csv",
        "year,scope_kind,scope_code,indicator,min_pct\n2023,province,U1,LDTT_RATE,9\n",
        "scope_kind",
        "province",
        "cluster, unit",
    ),
    (
        "cluster_roles.csv",
        "year,cluster_code,unit_code,role\n2023,C1,U1,chair\n",
        "role",
        "chair",
        "leader, deputy",
    ),
    (
        "ratings.csv",
        "period,subject_kind,subject_code,rating\n2023,person,P1,GIOI\n",
        "rating",
        "GIOI",
        "HTXSNV, HTTNV, HTNV, KHTNV, VMXS, VM, HT, KHT",
    ),
]


@pytest.mark.parametrize(
    ("file", "content", "column", "value", "allowed"),
    CASES,
    ids=[
        "profile",
        "kind",
        "discipline",
        "subject_kind",
        "recipient_kind",
        "scope_kind",
        "role",
        "rating",
    ],
)
def test_invalid_code(engine, file, content, column, value, allowed):
    load_base(engine)
    report = run(engine, {file: content})
    reason = f"giá trị không hợp lệ; chọn một trong: {allowed}"
    assert errors(report) == [(file, 2, column, value, reason)]


@pytest.mark.parametrize(
    ("file", "content", "column", "value", "catalogue"),
    [
        (
            "awards.csv",
            "year,recipient_kind,recipient_code,award_code\n2023,person,P1,LDXS\n",
            "award_code",
            "LDXS",
            lambda: list(load_catalog().awards),
        ),
        (
            "targets.csv",
            "year,scope_kind,scope_code,indicator,min_pct\n2023,unit,U1,LDTT,9\n",
            "indicator",
            "LDTT",
            lambda: list(load_catalog().indicators),
        ),
        (
            "unit_counts.csv",
            "year,unit_code,measure,value\n2023,U1,nhan_su,9\n",
            "measure",
            "nhan_su",
            lambda: list(MEASURES),
        ),
    ],
    ids=["award_code", "indicator", "measure"],
)
def test_code_outside_the_catalogue(engine, file, content, column, value, catalogue):
    load_base(engine)
    report = run(engine, {file: content})
    # The reason lists the catalogue as it stands (the TOML files are editable data).
    reason = f"giá trị không hợp lệ; chọn một trong: {', '.join(catalogue())}"
    assert errors(report) == [(file, 2, column, value, reason)]


def test_codes_are_matched_case_insensitively(engine):
    from sqlalchemy import text

    load_base(engine)
    report = run(
        engine, {"ratings.csv": "period,subject_kind,subject_code,rating\n2023,Person,P1,htxsnv\n"}
    )
    assert report.ok, report.lines()
    with engine.connect() as conn:
        row = conn.execute(text("SELECT subject_kind, rating FROM ratings")).one()
    assert tuple(row) == ("person", "HTXSNV")
