"""Membership by year on import (contract 0.3.0): a unit is in one cluster a year, and a cluster
role goes to a member of that cluster that year (its cluster_members rows when the year has
any, else the unit's current cluster). Base: C1 holds U1 and U2, C2 holds U3."""

from __future__ import annotations

from import_kit import dump, errors, load_base, run

MEMBERS = "year,cluster_code,unit_code\n"
ROLES = "year,cluster_code,unit_code,role\n"


def test_a_unit_in_two_clusters_in_one_year_within_the_files(sqlite_engine):
    load_base(sqlite_engine)
    before = dump(sqlite_engine)
    report = run(
        sqlite_engine,
        {"cluster_members.csv": MEMBERS + "2025,C1,U1\n2025,C2,U3\n2025,C2,U1\n"},
    )
    why = (
        "đơn vị «U1» đã thuộc cụm «C1» năm 2025 ở dòng 2 (cluster_members.csv); trong một năm "
        "mỗi đơn vị chỉ thuộc một cụm"
    )
    assert errors(report) == [("cluster_members.csv", 4, "cluster_code", "C2", why)]
    assert dump(sqlite_engine) == before


def test_a_stored_membership_is_corrected_not_doubled(sqlite_engine):
    """The key is (year, unit_code): a later file moving U1 in 2025 replaces the stored row, so
    the database never holds a unit in two clusters in one year."""
    load_base(sqlite_engine)
    assert run(sqlite_engine, {"cluster_members.csv": MEMBERS + "2025,C1,U1\n"}).ok
    assert run(sqlite_engine, {"cluster_members.csv": MEMBERS + "2025,C2,U1\n"}).ok
    rows = dump(sqlite_engine)["cluster_members"]
    assert rows == [(2025, "U1", "C2", None, None)]


def test_roles_against_the_year_members(sqlite_engine):
    """2025 lists C1: U1 and C2: U2 (U2 moved); 2024 lists nobody, so the current clusters count
    (U2 in C1). Worked by hand: 2025 C1 U2 is refused (member of C2 that year); 2025 C2 U3 is
    refused (in no cluster in 2025: the list leaves it out); 2024 C1 U2 and 2025 C1 U1 stand."""
    load_base(sqlite_engine)
    report = run(
        sqlite_engine,
        {
            "cluster_members.csv": MEMBERS + "2025,C1,U1\n2025,C2,U2\n",
            "cluster_roles.csv": ROLES
            + "2025,C1,U1,leader\n2025,C1,U2,deputy\n2025,C2,U3,leader\n2024,C1,U2,leader\n",
        },
    )
    assert errors(report) == [
        (
            "cluster_roles.csv",
            3,
            "unit_code",
            "U2",
            "năm 2025 đơn vị «U2» thuộc cụm «C2» (theo danh sách thành viên cụm năm 2025), không "
            "phải thành viên của cụm «C1»",
        ),
        (
            "cluster_roles.csv",
            4,
            "unit_code",
            "U3",
            "năm 2025 đơn vị «U3» không thuộc cụm nào: danh sách thành viên cụm năm 2025 không có "
            "đơn vị này",
        ),
    ]


def test_stored_members_decide_a_role_imported_later(sqlite_engine):
    load_base(sqlite_engine)
    assert run(sqlite_engine, {"cluster_members.csv": MEMBERS + "2025,C2,U2\n"}).ok
    report = run(sqlite_engine, {"cluster_roles.csv": ROLES + "2025,C1,U2,leader\n"})
    assert [(e.row, e.kind) for e in report.errors] == [(2, "role_not_member")]
    assert run(sqlite_engine, {"cluster_roles.csv": ROLES + "2025,C2,U2,leader\n"}).ok


def test_a_membership_that_would_strand_a_stored_role(sqlite_engine):
    """U2 is stored as C1's leader of 2025 (2025 then listed nobody; U2's cluster is C1). A file
    listing 2025's members with U2 in C2 would leave C1 led by a non-member: refused on that row.
    Listing the 2025 members without U2 at all is refused on the list's first row."""
    load_base(sqlite_engine)
    assert run(sqlite_engine, {"cluster_roles.csv": ROLES + "2025,C1,U2,leader\n"}).ok
    before = dump(sqlite_engine)
    report = run(sqlite_engine, {"cluster_members.csv": MEMBERS + "2025,C1,U1\n2025,C2,U2\n"})
    why = (
        "dòng này làm đơn vị «U2» không còn là thành viên cụm «C1» năm 2025, nhưng cơ sở dữ liệu "
        "ghi đơn vị là cụm trưởng của cụm đó năm 2025"
    )
    assert errors(report) == [("cluster_members.csv", 3, "unit_code", "U2", why)]
    report = run(sqlite_engine, {"cluster_members.csv": MEMBERS + "2025,C1,U1\n2025,C2,U3\n"})
    left_out = (
        "danh sách thành viên cụm năm 2025 trong tệp không có đơn vị «U2», nhưng cơ sở dữ liệu "
        "ghi đơn vị là cụm trưởng của cụm «C1» năm 2025"
    )
    assert errors(report) == [("cluster_members.csv", 2, "unit_code", "U2", left_out)]
    assert dump(sqlite_engine) == before
    # the same list keeping U2 in C1 is fine
    assert run(sqlite_engine, {"cluster_members.csv": MEMBERS + "2025,C1,U1\n2025,C1,U2\n"}).ok


def test_moving_a_unit_warns_about_years_without_members(sqlite_engine):
    """U1 has roster rows in 2023 (BASE) and 2024; 2024's members are listed, 2023's are not.
    Moving U1 to C2 in units.csv imports, with a warning naming 2023 only."""
    load_base(sqlite_engine)
    setup = {
        "roster.csv": "year,person_code,unit_code\n2024,P1,U1\n",
        "cluster_members.csv": MEMBERS + "2024,C1,U1\n2024,C1,U2\n2024,C2,U3\n",
    }
    assert run(sqlite_engine, setup).ok
    report = run(sqlite_engine, {"units.csv": "unit_code,unit_name,cluster_code\nU1,Phú Thọ,C2\n"})
    assert report.ok
    assert [(w.file, w.row, w.column, w.value, w.reason) for w in report.warnings] == [
        (
            "units.csv",
            2,
            "cluster_code",
            "C2",
            "đơn vị «U1» chuyển từ cụm «C1» sang cụm «C2»: các năm có dữ liệu mà chưa có danh "
            "sách thành viên cụm (2023) sẽ tính đơn vị vào cụm «C2»; muốn giữ số liệu các năm đó "
            "theo cụm cũ, hãy nhập «Thành viên cụm theo năm» cho các năm ấy",
        )
    ]
