"""Every code must resolve in the database or in the files being imported; what it resolves to
must fit (the roster's collective in the roster's unit, a role's unit in the role's cluster)."""

from __future__ import annotations

import pytest
from import_kit import errors, load_base, run

NO = "không có {} mã này trong cơ sở dữ liệu hay trong các tệp đang nhập"

CASES = [
    # (file, content, column, value, what) — the unresolved code sits in row 2.
    (
        "units.csv",
        "unit_code,unit_name,cluster_code\nU9,Đơn vị 9,C9\n",
        "cluster_code",
        "C9",
        "cụm",
    ),
    (
        "collectives.csv",
        "collective_code,unit_code,collective_name,kind\nK9,U9,Tổ,department\n",
        "unit_code",
        "U9",
        "đơn vị",
    ),
    ("roster.csv", "year,person_code,unit_code\n2023,P9,U1\n", "person_code", "P9", "cá nhân"),
    ("roster.csv", "year,person_code,unit_code\n2023,P1,U9\n", "unit_code", "U9", "đơn vị"),
    (
        "roster.csv",
        "year,person_code,unit_code,collective_code\n2023,P1,U1,K9\n",
        "collective_code",
        "K9",
        "tập thể",
    ),
    (
        "ratings.csv",
        "period,subject_kind,subject_code,rating\n2023,person,P9,HTNV\n",
        "subject_code",
        "P9",
        "cá nhân",
    ),
    (
        "ratings.csv",
        "period,subject_kind,subject_code,rating\n2023,collective,P1,HTNV\n",
        "subject_code",
        "P1",
        "tập thể",
    ),
    (
        "ratings.csv",
        "period,subject_kind,subject_code,rating\n2023,unit,K1,HTNV\n",
        "subject_code",
        "K1",
        "đơn vị",
    ),
    (
        "awards.csv",
        "year,recipient_kind,recipient_code,award_code\n2023,person,U1,LDTT\n",
        "recipient_code",
        "U1",
        "cá nhân",
    ),
    (
        "awards.csv",
        "year,recipient_kind,recipient_code,award_code\n2023,unit,U9,BK_BO\n",
        "recipient_code",
        "U9",
        "đơn vị",
    ),
    (
        "targets.csv",
        "year,scope_kind,scope_code,indicator,min_pct\n2023,cluster,U1,LDTT_RATE,90\n",
        "scope_code",
        "U1",
        "cụm",
    ),
    (
        "targets.csv",
        "year,scope_kind,scope_code,indicator,min_pct\n2023,unit,C1,LDTT_RATE,90\n",
        "scope_code",
        "C1",
        "đơn vị",
    ),
    (
        "cluster_roles.csv",
        "year,cluster_code,unit_code,role\n2023,C9,U1,leader\n",
        "cluster_code",
        "C9",
        "cụm",
    ),
    (
        "cluster_roles.csv",
        "year,cluster_code,unit_code,role\n2023,C1,U9,leader\n",
        "unit_code",
        "U9",
        "đơn vị",
    ),
    (
        "scores.csv",
        "year,unit_code,criterion,max_points\n2023,U9,Tiêu chí 1,10\n",
        "unit_code",
        "U9",
        "đơn vị",
    ),
    (
        "unit_counts.csv",
        "year,unit_code,measure,value\n2023,U9,staff,10\n",
        "unit_code",
        "U9",
        "đơn vị",
    ),
]


@pytest.mark.parametrize(
    ("file", "content", "column", "value", "what"),
    CASES,
    ids=[
        "unit-cluster",
        "collective-unit",
        "roster-person",
        "roster-unit",
        "roster-collective",
        "rating-person",
        "rating-collective",
        "rating-unit",
        "award-person",
        "award-unit",
        "target-cluster",
        "target-unit",
        "role-cluster",
        "role-unit",
        "score-unit",
        "count-unit",
    ],
)
def test_unresolved_code(engine, file, content, column, value, what):
    load_base(engine)
    report = run(engine, {file: content})
    assert errors(report) == [(file, 2, column, value, NO.format(what))]


def test_roster_collective_of_another_unit(engine):
    load_base(engine)  # K2 is a department of U2
    report = run(
        engine, {"roster.csv": "year,person_code,unit_code,collective_code\n2024,P1,U1,K2\n"}
    )
    reason = "tập thể này thuộc đơn vị «U2», không thuộc đơn vị «U1» của dòng này"
    assert errors(report) == [("roster.csv", 2, "collective_code", "K2", reason)]


def test_role_for_a_unit_outside_the_cluster(engine):
    load_base(engine)  # U3 belongs to C2
    report = run(
        engine, {"cluster_roles.csv": "year,cluster_code,unit_code,role\n2023,C1,U3,deputy\n"}
    )
    # 2023 lists no cluster members: U3's current cluster, C2, counts (contract 0.3.0).
    reason = (
        "năm 2023 đơn vị «U3» thuộc cụm «C2» (cụm hiện tại của đơn vị; năm 2023 chưa có danh "
        "sách thành viên cụm), không phải thành viên của cụm «C1»"
    )
    assert errors(report) == [("cluster_roles.csv", 2, "unit_code", "U3", reason)]


def test_references_resolve_in_the_files(engine):
    # An empty database: everything the roster needs comes in the same import.
    report = run(
        engine,
        {
            "roster.csv": "year,person_code,unit_code,collective_code\n2023,P1,U1,K1\n",
            "people.csv": "person_code,full_name\nP1,Nguyễn Văn An\n",
            "collectives.csv": "collective_code,unit_code,collective_name,kind\n"
            "K1,U1,Khoa A,department\n",
            "units.csv": "unit_code,unit_name,cluster_code\nU1,Trường A,C1\n",
            "clusters.csv": "cluster_code,cluster_name\nC1,Cụm 1\n",
        },
    )
    assert report.ok, report.lines()


def test_file_rows_win_over_the_database(engine):
    # K2 moves to U1 in this import, so a U1 roster line may name it.
    load_base(engine)
    report = run(
        engine,
        {
            "collectives.csv": "collective_code,unit_code,collective_name,kind\n"
            "K2,U1,Phòng Đào tạo,department\n",
            "roster.csv": "year,person_code,unit_code,collective_code\n2024,P1,U1,K2\n",
        },
    )
    assert report.ok, report.lines()
