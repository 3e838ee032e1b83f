"""Closed years (khóa sổ, issue 14): `lock` / `unlock --reason`; an import that would change a
closed year exits 1 naming the year and every row and writes nothing (SQLite and PostgreSQL);
identical rows and other clusters' rows still import; reopening is audited with its reason."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from dashboard.cli import main
from data_access import closed_years
from data_access import models as m
from data_access.accounts import read_audit

BASE = {
    "clusters": "cluster_code,cluster_name,organizer\nC1,Cụm một,\nC2,Cụm hai,\n",
    "units": "unit_code,unit_name,cluster_code,profile\nU1,Đơn vị một,C1,\nU3,Đơn vị ba,C2,\n",
    "people": "person_code,full_name\nP1,Nguyễn Văn An\nP3,Lê Thị Cúc\n",
    "roster": "year,person_code,unit_code\n2024,P1,U1\n2024,P3,U3\n",
}


@pytest.fixture
def db(engine, tmp_path, monkeypatch) -> str:
    monkeypatch.setattr("getpass.getuser", lambda: "thu_ky")
    url = engine.url.render_as_string(hide_password=False)
    assert main(["import", str(_folder(tmp_path / "base", BASE)), "--db", url]) == 0
    return url


def _folder(path, files: dict[str, str]):
    path.mkdir(parents=True, exist_ok=True)
    for name, body in files.items():
        (path / f"{name}.csv").write_text(body, encoding="utf-8")
    return path


def _tables(engine) -> dict[str, list[tuple]]:
    out = {}
    with engine.connect() as conn:
        for model in m.CONTRACT_TABLES:
            t = model.__table__
            out[t.name] = [tuple(r) for r in conn.execute(select(t)).all()]
        out["meta"] = conn.execute(select(m.Meta.key, m.Meta.value)).all()
    return out


def _import(db, tmp_path, files, capsys):
    capsys.readouterr()
    code = main(["import", str(_folder(tmp_path / "new", files)), "--db", db, "--lang", "en"])
    return code, capsys.readouterr().err.splitlines()


def test_import_into_a_closed_year_is_refused_and_writes_nothing(engine, db, tmp_path, capsys):
    assert main(["lock", "--year", "2024", "--db", db]) == 0
    assert closed_years.locked_years(engine, "C1") == [2024]
    before = _tables(engine)
    roster = "year,person_code,unit_code,initiatives\n2024,P1,U1,3\n2025,P1,U1,0\n2024,P3,U3,1\n"
    code, err = _import(db, tmp_path, {"roster": roster}, capsys)
    assert code == 1
    closed = [line for line in err if "is closed" in line]
    # Rows 2 and 4 (the header is row 1) change 2024; row 3 is 2025 and alone would be fine.
    assert [line.split(":")[:3] for line in closed] == [
        ["roster.csv", "2", "year"],
        ["roster.csv", "4", "year"],
    ]
    assert all("the year 2024 is closed" in line for line in closed)
    assert _tables(engine) == before  # nothing written, 2025 included


def test_identical_rows_and_other_years_still_import(engine, db, tmp_path, capsys):
    assert main(["lock", "--year", "2024", "--db", db]) == 0
    same = "year,person_code,unit_code\n2024,P1,U1\n2025,P1,U1\n"  # 2024 unchanged
    code, err = _import(db, tmp_path, {"roster": same}, capsys)
    assert (code, err) == (0, [])
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM roster WHERE year = 2025")).scalar() == 1


def test_a_cluster_lock_refuses_that_cluster_only(engine, db, tmp_path, capsys):
    assert main(["lock", "--year", "2024", "--cluster", "C1", "--db", db]) == 0
    assert closed_years.locked_years(engine, "C1") == [2024]
    assert closed_years.locked_years(engine, "C2") == []
    assert closed_years.locked_years(engine) == []  # not closed for every cluster
    ratings = (
        "period,subject_kind,subject_code,rating\n2024,person,P1,HTXSNV\n2024,person,P3,HTXSNV\n"
    )
    code, err = _import(db, tmp_path, {"ratings": ratings}, capsys)
    assert code == 1
    closed = [line for line in err if "is closed" in line]
    assert len(closed) == 1 and closed[0].startswith("ratings.csv:2:")  # P1 is in U1, cluster C1
    assert "for cluster C1" in closed[0]
    assert main(["unlock", "--year", "2024", "--cluster", "C1", "--db", db,
                 "--reason", "Sửa xếp loại theo quyết định 12/QĐ"]) == 0  # fmt: skip
    code, err = _import(db, tmp_path, {"ratings": ratings}, capsys)
    assert (code, err) == (0, [])


def test_unlock_needs_a_reason_and_is_audited_with_it(engine, db, capsys):
    assert main(["lock", "--year", "2024", "--db", db]) == 0
    capsys.readouterr()
    assert main(["lock", "--year", "2024", "--db", db]) == 0  # closed already: said, no change
    assert "đã khóa sổ từ trước" in capsys.readouterr().out
    assert main(["unlock", "--year", "2024", "--db", db]) == 2
    assert "reason" in capsys.readouterr().err
    assert main(["unlock", "--year", "2024", "--cluster", "C1", "--db", db, "--reason",
                 "nhập bổ sung"]) == 2  # fmt: skip
    assert "mọi cụm" in capsys.readouterr().err  # closed for every cluster: reopen the year
    assert main(["unlock", "--year", "2024", "--db", db, "--reason", "nhập bổ sung hồ sơ"]) == 0
    assert closed_years.locked_years(engine) == []
    log = read_audit(engine, limit=3).reverse()
    assert log.select("username", "action").rows()[-2:] == [
        ("os:thu_ky", "year_lock"),
        ("os:thu_ky", "year_unlock"),
    ]
    assert log["detail"][-1] == "year=2024 cluster=* reason=nhập bổ sung hồ sơ"


def test_bad_year_or_cluster_is_refused(db, capsys):
    with pytest.raises(SystemExit) as usage:  # outside 1900-2100: argparse's usage error
        main(["lock", "--year", "1800", "--db", db])
    assert usage.value.code == 2
    assert main(["lock", "--year", "1950", "--db", db]) == 2  # outside the data's years
    assert main(["lock", "--year", "2024", "--cluster", "C9", "--db", db]) == 2
    assert "C9" in capsys.readouterr().err


def test_closed_lists_every_lock(engine, db):
    assert closed_years.lock(engine, 2023, None, actor="admin")
    assert closed_years.lock(engine, 2024, "C2", actor="thu_ky")
    frame = closed_years.closed(engine)
    assert frame.select("year", "cluster_code", "closed_by").rows() == [
        (2023, None, "admin"),
        (2024, "C2", "thu_ky"),
    ]
