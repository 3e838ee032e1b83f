"""Side effects an import would leave that a direct write refuses (issue 20): a roster row moved
to another unit keeping its old unit's collective, a unit moved to another cluster keeping its
role in the old one. Base: P1 is in U1's collective K1 in 2023;
K2 belongs to U2; C1 holds U1 and U2, C2 holds U3."""

from __future__ import annotations

from import_kit import dump, errors, load_base, run


def test_a_roster_row_moved_without_its_collective_column_is_refused(engine):
    load_base(engine)
    before = dump(engine)
    report = run(engine, {"roster.csv": "year,person_code,unit_code\n2023,P1,U2\n"})
    why = (
        "dòng này chuyển người sang đơn vị «U2» nhưng cơ sở dữ liệu vẫn ghi người đó thuộc tập "
        "thể «K1» của đơn vị «U1» (tệp không có cột Mã tập thể); hãy thêm cột Mã tập thể với "
        "tập thể mới hoặc để trống"
    )
    assert errors(report) == [("roster.csv", 2, "unit_code", "U2", why)]
    assert dump(engine) == before


def test_the_english_message_names_the_collective_and_its_unit(sqlite_engine):
    load_base(sqlite_engine)
    report = run(
        sqlite_engine, {"roster.csv": "year,person_code,unit_code\n2023,P1,U2\n"}, lang="en"
    )
    assert [e.reason for e in report.errors] == [
        "this row moves the person to unit 'U2' but the database still records them in "
        "collective 'K1' of unit 'U1' (the file has no collective code column); add the "
        "collective code column with the new collective or leave it empty"
    ]


def test_moves_that_leave_no_stray_collective_import(sqlite_engine):
    """P2 has no stored collective; P1 moved with an explicit empty or U2 collective; and P1
    moving together with K1 itself (collectives.csv puts K1 under U2) all import."""
    load_base(sqlite_engine)
    assert run(sqlite_engine, {"roster.csv": "year,person_code,unit_code\n2023,P2,U2\n"}).ok
    assert run(
        sqlite_engine,
        {"roster.csv": "year,person_code,unit_code,collective_code\n2023,P1,U2,K2\n"},
    ).ok
    rows = {(r[0], r[1]): r[2:4] for r in dump(sqlite_engine)["roster"]}
    assert rows[(2023, "P1")] == ("U2", "K2")
    assert rows[(2023, "P2")] == ("U2", None)


def test_the_collective_moving_with_the_row_is_accepted(sqlite_engine):
    load_base(sqlite_engine)
    report = run(
        sqlite_engine,
        {
            "collectives.csv": "collective_code,unit_code,collective_name,kind\n"
            "K1,U2,Khoa Lý luận cơ sở,department\n",
            "roster.csv": "year,person_code,unit_code\n2023,P1,U2\n",
        },
    )
    assert report.ok, errors(report)


# --- a unit moved to another cluster keeping a role in the old one ------------------------------
UNITS = "unit_code,unit_name,cluster_code\n"
ROLES = "year,cluster_code,unit_code,role\n"
MEMBERS = "year,cluster_code,unit_code\n"


def test_a_unit_moved_away_from_the_cluster_it_leads_is_refused(engine):
    """U2 is stored as C1's deputy of 2024 and 2025, years without member lists (so U2's
    current cluster, C1, decides). units.csv moving U2 to C2 would leave C1 with a non-member
    deputy: refused on the units row, once per year, nothing written."""
    load_base(engine)
    assert run(engine, {"cluster_roles.csv": ROLES + "2024,C1,U2,deputy\n2025,C1,U2,deputy\n"}).ok
    before = dump(engine)
    report = run(engine, {"units.csv": UNITS + "U2,Trường Chính trị tỉnh Hà Nam,C2\n"})
    why = (
        "dòng này chuyển đơn vị «U2» từ cụm «C1» sang cụm «C2», nhưng cơ sở dữ liệu ghi đơn vị "
        "là cụm phó của cụm «C1» năm {y} (năm chưa có danh sách thành viên cụm, nên tính theo "
        "cụm hiện tại); hãy nhập «Thành viên cụm theo năm» cho năm {y} hoặc chuyển vai trò trước"
    )
    assert errors(report) == [
        ("units.csv", 2, "cluster_code", "C2", why.format(y=2024)),
        ("units.csv", 2, "cluster_code", "C2", why.format(y=2025)),
    ]
    assert dump(engine) == before


def test_a_move_is_accepted_once_the_role_years_list_their_members(sqlite_engine):
    """With 2024's members listed (U2 in C1), 2024 no longer follows the current cluster: the
    role stays with a member and the move imports."""
    load_base(sqlite_engine)
    assert run(sqlite_engine, {"cluster_roles.csv": ROLES + "2024,C1,U2,leader\n"}).ok
    report = run(
        sqlite_engine,
        {
            "cluster_members.csv": MEMBERS + "2024,C1,U1\n2024,C1,U2\n2024,C2,U3\n",
            "units.csv": UNITS + "U2,Trường Chính trị tỉnh Hà Nam,C2\n",
        },
    )
    assert report.ok, errors(report)


def test_a_move_without_roles_in_the_old_cluster_imports(sqlite_engine):
    load_base(sqlite_engine)
    assert run(sqlite_engine, {"cluster_roles.csv": ROLES + "2024,C1,U1,leader\n"}).ok
    report = run(sqlite_engine, {"units.csv": UNITS + "U2,Trường Chính trị tỉnh Hà Nam,C2\n"})
    assert report.ok, errors(report)


def test_a_collective_moved_away_from_its_stored_roster_rows_is_refused(sqlite_engine):
    """K1 is stored with one roster row (2023 P1 at U1); collectives.csv moving K1 to U2 alone
    would leave that row in a collective of another unit: refused on the collectives row."""
    load_base(sqlite_engine)
    before = dump(sqlite_engine)
    report = run(
        sqlite_engine,
        {
            "collectives.csv": "collective_code,unit_code,collective_name,kind\n"
            "K1,U2,Khoa Lý luận cơ sở,department\n"
        },
    )
    why = (
        "dòng này chuyển tập thể «K1» sang đơn vị «U2», nhưng cơ sở dữ liệu còn 1 dòng danh "
        "sách cán bộ (từ năm 2023) ghi người thuộc tập thể này ở đơn vị «U1»; hãy nhập lại các "
        "dòng danh sách đó cùng lúc"
    )
    assert errors(report) == [("collectives.csv", 2, "unit_code", "U2", why)]
    assert dump(sqlite_engine) == before
