"""A closed year is a property of its data (issue 20): every attempt below changed a closed
year's figures through a row the lock check did not look at, or around the check. Each is now
refused, and the closed year's exports are byte-identical before and after, on both engines."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from dashboard.cli import main
from data_access import closed_years
from data_access.importer import import_files

CLUSTER = "CUM4_DBSH"
TABLES = ("indicators", "rankings", "quotas")


@pytest.fixture
def demo(engine, monkeypatch):
    import seed

    monkeypatch.setenv("THIDUA_AUTH_MODE", "open")
    seed.populate(engine, scale="demo", years=(2023, 2024), progress=False)
    closed_years.lock(engine, 2024, CLUSTER, actor="test")
    return engine


def _exports(engine, tmp_path) -> dict[str, bytes]:
    url = engine.url.render_as_string(hide_password=False)
    out = {}
    for table in TABLES:
        path = tmp_path / f"{table}.csv"
        args = ["export", table, "--year", "2024", "--cluster", CLUSTER, "--headers", "codes"]
        assert main([*args, "--db", url, "--out", str(path), "--force"]) == 0
        out[table] = path.read_bytes()
    return out


def _one(engine, sql: str) -> str:
    with engine.connect() as conn:
        return conn.execute(text(sql)).scalar_one()


def _refused(engine, name: str, body: str) -> None:
    report = import_files(engine, [(name, body.encode("utf-8"))])
    assert not report.ok, report.lines()
    assert any("2024" in line for line in report.lines()), report.lines()


def test_a_roster_row_moved_out_of_the_closed_cluster_is_refused(demo, tmp_path):
    before = _exports(demo, tmp_path)
    person = _one(
        demo,
        "SELECT r.person_code FROM roster r JOIN units u USING (unit_code) "
        f"WHERE r.year = 2024 AND u.cluster_code = '{CLUSTER}' ORDER BY 1 LIMIT 1",
    )
    open_unit = _one(demo, f"SELECT unit_code FROM units WHERE cluster_code <> '{CLUSTER}' "
                           "ORDER BY 1 LIMIT 1")  # fmt: skip
    # An empty collective: without the column the row would keep its stored collective of the
    # old unit, refused before the lock check (test_import_moved_side_effects.py).
    body = f"year,person_code,unit_code,collective_code\n2024,{person},{open_unit},\n"
    _refused(demo, "roster.csv", body)
    assert _exports(demo, tmp_path) == before


@pytest.mark.parametrize("members", [False, True], ids=["units-place", "members-place"])
def test_a_unit_moved_to_another_cluster_keeps_the_closed_figures(demo, tmp_path, members):
    # Without membership rows for 2024 (a database from before 0.3.0), units.cluster_code
    # places the unit in 2024: moving it is refused. With them, 2024 keeps its members and
    # the move is today's only: accepted, and 2024's figures stay as they were.
    if not members:
        with demo.begin() as conn:
            conn.execute(text("DELETE FROM cluster_members WHERE year = 2024"))
    elif not _one(demo, "SELECT count(*) FROM cluster_members WHERE year = 2024"):
        with demo.begin() as conn:
            conn.execute(text("INSERT INTO cluster_members (year, cluster_code, unit_code) "
                              "SELECT 2024, cluster_code, unit_code FROM units"))  # fmt: skip
    before = _exports(demo, tmp_path)
    unit, name = demo.connect().execute(text(
        f"SELECT unit_code, unit_name FROM units WHERE cluster_code = '{CLUSTER}' "
        "ORDER BY 1 LIMIT 1"
    )).one()  # fmt: skip
    other = _one(demo, f"SELECT cluster_code FROM clusters WHERE cluster_code <> '{CLUSTER}' "
                       "ORDER BY 1 LIMIT 1")  # fmt: skip
    body = f'unit_code,unit_name,cluster_code\n{unit},"{name}",{other}\n'
    if members:
        assert import_files(demo, [("units.csv", body.encode())]).ok
    else:
        _refused(demo, "units.csv", body)
    assert _exports(demo, tmp_path) == before


def test_a_collectives_kind_change_is_refused(demo, tmp_path):
    before = _exports(demo, tmp_path)
    code, unit, name = demo.connect().execute(text(
        "SELECT c.collective_code, c.unit_code, c.collective_name FROM collectives c "
        f"JOIN units u USING (unit_code) WHERE u.cluster_code = '{CLUSTER}' "
        "AND c.kind = 'department' ORDER BY 1 LIMIT 1"
    )).one()  # fmt: skip
    _refused(
        demo,
        "collectives.csv",
        f'collective_code,unit_code,collective_name,kind\n{code},{unit},"{name}",party_cell\n',
    )
    assert _exports(demo, tmp_path) == before


def test_a_membership_change_of_a_closed_year_is_refused(demo, tmp_path):
    import polars as pl

    unit = _one(demo, f"SELECT unit_code FROM units WHERE cluster_code = '{CLUSTER}' "
                      "ORDER BY 1 LIMIT 1")  # fmt: skip
    other = _one(demo, f"SELECT cluster_code FROM clusters WHERE cluster_code <> '{CLUSTER}' "
                       "ORDER BY 1 LIMIT 1")  # fmt: skip
    if not _one(demo, "SELECT count(*) FROM cluster_members WHERE year = 2024"):
        with demo.begin() as conn:
            conn.execute(text("INSERT INTO cluster_members (year, cluster_code, unit_code) "
                              "SELECT 2024, cluster_code, unit_code FROM units"))  # fmt: skip
    moved = pl.DataFrame({"__file": ["cluster_members.csv"], "__row": [2], "year": [2024],
                          "cluster_code": [other], "unit_code": [unit]})  # fmt: skip
    same = moved.with_columns(cluster_code=pl.lit(CLUSTER))
    before = _exports(demo, tmp_path)
    _refused(demo, "cluster_members.csv", f"year,cluster_code,unit_code\n2024,{other},{unit}\n")
    assert _exports(demo, tmp_path) == before
    with demo.connect() as conn:
        refused = closed_years.refused_rows(conn, {"cluster_members": moved})
        assert refused.select("row", "year", "cluster").rows() == [(2, 2024, CLUSTER)]
        assert closed_years.refused_rows(conn, {"cluster_members": same}).is_empty()
        # With membership rows for 2024, units.cluster_code no longer places a unit that year:
        # moving the unit's current cluster is not a change of 2024.
        units = pl.DataFrame({"__file": ["units.csv"], "__row": [2], "unit_code": [unit],
                              "unit_name": ["x"], "cluster_code": [other]})  # fmt: skip
        assert closed_years.refused_rows(conn, {"units": units}).is_empty()


def test_an_identical_row_still_passes(demo):
    person, unit = demo.connect().execute(text(
        "SELECT r.person_code, r.unit_code FROM roster r JOIN units u USING (unit_code) "
        f"WHERE r.year = 2024 AND u.cluster_code = '{CLUSTER}' ORDER BY 1 LIMIT 1"
    )).one()  # fmt: skip
    coll = _one(demo, f"SELECT collective_code FROM roster WHERE year = 2024 AND "
                      f"person_code = '{person}'")  # fmt: skip
    body = f"year,person_code,unit_code,collective_code\n2024,{person},{unit},{coll or ''}\n"
    report = import_files(demo, [("roster.csv", body.encode())])
    assert report.ok, report.lines()


def test_seed_reset_honours_the_lock(demo, tmp_path, capsys):
    before = _exports(demo, tmp_path)
    url = demo.url.render_as_string(hide_password=False)
    assert main(["seed", "--db", url, "--reset", "--years", "2024-2024", "--quiet"]) == 1
    assert "khóa sổ" in capsys.readouterr().err
    assert _exports(demo, tmp_path) == before


def test_a_lock_waits_for_an_import_in_flight(engine):
    # Issue 20: `lock --year 2027` committed while an import of 2027 was writing. The import
    # holds the closed-years lock from its first read; a lock asked meanwhile waits for it.
    import threading
    import time

    with engine.begin() as conn:
        conn.execute(text("INSERT INTO clusters (cluster_code, cluster_name) VALUES ('C1', 'C')"))
    done = threading.Event()
    conn = engine.connect()
    try:
        conn.begin()
        closed_years.serialize(conn)  # as import_files does first
        worker = threading.Thread(
            target=lambda: (closed_years.lock(engine, 2027, None, actor="t"), done.set())
        )
        worker.start()
        time.sleep(1.5)
        assert not done.is_set()  # still waiting for the import's transaction
        conn.commit()
    finally:
        conn.close()
    worker.join(timeout=30)
    assert done.is_set() and closed_years.locked_years(engine) == [2027]


def _two_units(engine, where: str) -> tuple[str, str]:
    rows = engine.connect().execute(text(
        f"SELECT unit_code FROM units WHERE {where} ORDER BY 1 LIMIT 2"
    )).all()  # fmt: skip
    return rows[0][0], rows[1][0]


CHANGES = "from_unit_code,to_unit_code,kind,effective_date\n"


def test_a_change_after_the_closed_year_is_refused(demo, tmp_path):
    # A merge of two closed-cluster units effective 1 January 2027 (emulation year 2027 with
    # any start month; after every award the seed decides) pools the merged unit's 2024 into
    # its successor's history: 2024 ≤ 2027, so it would rewrite the closed year's figures as
    # the trends show them. Refused on the change row, for 2024 in the cluster, and only for
    # that; 2024's exports are unchanged.
    import datetime as dt

    import polars as pl

    a, b = _two_units(demo, f"cluster_code = '{CLUSTER}'")
    frame = pl.DataFrame({"__file": ["unit_changes.csv"], "__row": [2],
                          "from_unit_code": [a], "to_unit_code": [b], "kind": ["merge"],
                          "effective_date": [dt.date(2027, 1, 1)]})  # fmt: skip
    with demo.connect() as conn:
        refused = closed_years.refused_rows(conn, {"unit_changes": frame})
    assert refused.select("row", "column", "year", "cluster").rows() == [
        (2, "effective_date", 2024, CLUSTER)
    ]
    before = _exports(demo, tmp_path)
    body = f"{CHANGES}{a},{b},merge,2027-01-01\n"
    report = import_files(demo, [("unit_changes.csv", body.encode())])
    assert [(e.row, e.column, e.kind) for e in report.errors] == [
        (2, "effective_date", "year_closed")
    ]
    assert _exports(demo, tmp_path) == before


def test_a_change_outside_the_closed_cluster_imports(demo):
    # Units of a cluster with no closed year: the same merge is accepted (the rule looks at
    # the units' clusters in each closed year, not at every lock).
    a, b = _two_units(demo, f"cluster_code = (SELECT min(cluster_code) FROM units "
                            f"WHERE cluster_code <> '{CLUSTER}')")  # fmt: skip
    report = import_files(
        demo, [("unit_changes.csv", f"{CHANGES}{a},{b},merge,2027-01-01\n".encode())]
    )
    assert report.ok, report.lines()
