"""Side effects an import would leave that a direct write refuses (issue 20): a roster row moved
to another unit keeping its old unit's collective. Base: P1 is in U1's collective K1 in 2023;
K2 belongs to U2."""

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
