"""Every write from the command line is audited with the operating-system user (issue 14):
import, seed, seed --reset, user add / change / disable / enable, open-mode exports; `seed
--reset` refuses a database holding imported data unless told twice; `user add --db X` works."""

from __future__ import annotations

import io

import polars as pl
import pytest

from dashboard.cli import main
from data_access import accounts
from data_access.engine import make_engine, upgrade

PASSWORD = "mật-khẩu-đủ-dài"
CLUSTERS = "cluster_code,cluster_name,organizer\nC9,Cụm chín,\n"
UNITS = "unit_code,unit_name,cluster_code,profile\nU9,Đơn vị chín,C9,civil\n"


@pytest.fixture
def db(engine) -> str:
    return engine.url.render_as_string(hide_password=False)


@pytest.fixture(autouse=True)
def os_user(monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "nhan_vien")


def _log(url: str) -> pl.DataFrame:
    eng = make_engine(url)
    try:
        return accounts.read_audit(eng, limit=100).reverse()  # oldest first
    finally:
        eng.dispose()


def _rows(url: str) -> list[tuple[str, str]]:
    return _log(url).select("username", "action").rows()


def _folder(tmp_path, **files: str):
    for name, text in files.items():
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")
    return tmp_path


def test_user_commands_are_audited_and_take_db_after_the_action(db, monkeypatch, tmp_path):
    assert main(["import", str(_folder(tmp_path, clusters=CLUSTERS, units=UNITS)), "--db", db]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    # The README's order: --db after the action (also accepted before it).
    assert main(["user", "add", "--db", db, "--username", "an", "--role", "viewer",
                 "--scope", "C9"]) == 0  # fmt: skip
    assert main(["user", "change", "--db", db, "--username", "an", "--role", "unit_officer",
                 "--scope", "U9"]) == 0  # fmt: skip
    assert main(["user", "disable", "--username", "an", "--db", db]) == 0
    assert main(["user", "--db", db, "enable", "--username", "an"]) == 0
    log = _log(db)
    assert _rows(db) == [
        ("os:nhan_vien", "import_ok"),
        ("os:nhan_vien", "user_add"),
        ("os:nhan_vien", "user_change"),
        ("os:nhan_vien", "user_disable"),
        ("os:nhan_vien", "user_enable"),
    ]
    assert log["detail"][1] == "an role=viewer scope=C9"
    assert log["detail"][2] == "an role=viewer->unit_officer scope=C9->U9"
    assert PASSWORD not in " ".join(log["detail"].to_list())


def test_refused_import_is_audited(db, tmp_path):
    bad = _folder(tmp_path, units=UNITS)  # U9's cluster C9 does not exist
    assert main(["import", str(bad), "--db", db]) == 1
    assert _rows(db) == [("os:nhan_vien", "import_failed")]
    assert "errors=1" in _log(db)["detail"][0]


def test_seed_and_reset_are_audited(tmp_path):
    url = f"sqlite:///{tmp_path / 'seed.db'}"
    assert main(["seed", "--db", url, "--years", "2024-2025", "--quiet"]) == 0
    assert main(["seed", "--db", url, "--years", "2024-2025", "--quiet", "--reset"]) == 0
    assert _rows(url) == [("os:nhan_vien", "seed"), ("os:nhan_vien", "seed_reset")]
    assert _log(url)["detail"][1].startswith("cli scale=demo years=2024-2025")


def test_reset_refuses_imported_data_unless_told_twice(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'seed.db'}"
    assert main(["seed", "--db", url, "--years", "2024-2025", "--quiet"]) == 0
    assert main(["import", str(_folder(tmp_path, clusters=CLUSTERS)), "--db", url]) == 0
    capsys.readouterr()
    reset = ["seed", "--db", url, "--years", "2024-2025", "--quiet", "--reset"]
    assert main(reset) == 1
    assert "--yes-delete-imported-data" in capsys.readouterr().err
    eng = make_engine(url)
    with eng.connect() as conn:  # the imported cluster is still there
        assert conn.exec_driver_sql("SELECT 1 FROM clusters WHERE cluster_code='C9'").first()
    assert main([*reset, "--yes-delete-imported-data"]) == 0
    with eng.connect() as conn:
        assert not conn.exec_driver_sql("SELECT 1 FROM clusters WHERE cluster_code='C9'").first()
    eng.dispose()
    assert [a for _, a in _rows(url)] == ["seed", "import_ok", "seed_reset_refused", "seed_reset"]
    assert main(reset) == 0  # imported data gone: a plain reset works again


def test_open_mode_export_is_audited_with_the_os_user(tmp_path, monkeypatch):
    import seed

    url = f"sqlite:///{tmp_path / 'export.db'}"
    eng = make_engine(url)
    upgrade(eng)
    seed.populate(eng, scale="demo", years=(2024, 2024), progress=False)
    eng.dispose()
    monkeypatch.setenv("THIDUA_AUTH_MODE", "open")
    out = tmp_path / "ind.csv"
    assert main(["export", "indicators", "--year", "2024", "--db", url, "--out", str(out)]) == 0
    last = _log(url).tail(1)
    assert (last["username"][0], last["action"][0]) == ("os:nhan_vien", "download")
