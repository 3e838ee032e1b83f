"""`form --user`, `report --user` and `export --user` sign in through the same throttled,
audited `check_login` as the app (issue 20: twenty-five wrong passwords, then the right one,
were all checked and the last accepted); `user unlock NAME` lifts the lock; in open mode `form`
and `report` audit the operating-system user as `export` does."""

from __future__ import annotations

import io

import pytest

from dashboard.cli import main
from data_access import accounts
from data_access.engine import make_engine, upgrade

PASSWORD = "pw-thu-ky-dài-đủ"


@pytest.fixture
def demo_db(tmp_path) -> str:
    import seed

    url = f"sqlite:///{tmp_path / 'thidua.db'}"
    eng = make_engine(url)
    upgrade(eng)
    seed.populate(eng, scale="demo", years=(2024, 2024), progress=False)
    accounts.add_user(eng, "thu.ky", PASSWORD, role="cluster_secretary", scope_code="CUM4_DBSH")
    eng.dispose()
    return url


def _run(monkeypatch, argv, password=""):
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    return main(argv)


def _commands(db, tmp_path):
    return {
        "form": ["form", "0603", "--year", "2024", "--cluster", "CUM4_DBSH", "--db", db,
                 "--out", str(tmp_path / "f.xlsx"), "--user", "thu.ky"],
        "report": ["report", "--year", "2024", "--cluster", "CUM4_DBSH", "--db", db,
                   "--out", str(tmp_path / "r.pdf"), "--user", "thu.ky"],
        "export": ["export", "indicators", "--year", "2024", "--cluster", "CUM4_DBSH", "--db", db,
                   "--out", str(tmp_path / "e.csv"), "--user", "thu.ky"],
        "document": ["document", "summary", "--year", "2024", "--cluster", "CUM4_DBSH",
                     "--db", db, "--out", str(tmp_path / "d.docx"), "--user", "thu.ky"],
    }  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("command", ["form", "report", "export", "document"])
def test_wrong_passwords_then_the_right_one_is_refused(demo_db, tmp_path, monkeypatch, command):
    monkeypatch.setenv("THIDUA_AUTH_MODE", "password")
    argv = _commands(demo_db, tmp_path)[command]
    for _ in range(25):
        assert _run(monkeypatch, argv, "sai-mật-khẩu") == 3
    assert _run(monkeypatch, argv, PASSWORD) == 3  # throttled: the delay has not run out
    log = accounts.read_audit(make_engine(demo_db), limit=100)
    failed = log.filter(action="login_failed")["detail"].to_list()
    assert len(failed) == 26  # every attempt audited, under the command's name
    checked = sum(d == f"{command}: refused" for d in failed)
    # 3 free, then delays of 1, 2, 4, 8, 16 s: however slow the machine, a handful is checked
    assert 3 <= checked <= 8 and failed[0].startswith(f"{command}: wait")  # newest first
    # An administrator lifts the lock; the next right password is accepted.
    assert _run(monkeypatch, ["user", "unlock", "thu.ky", "--db", demo_db]) == 0
    assert _run(monkeypatch, argv, PASSWORD) == 0


@pytest.mark.parametrize("command", ["form", "report", "document"])
def test_open_mode_audits_the_operating_system_user(demo_db, tmp_path, monkeypatch, command):
    monkeypatch.setenv("THIDUA_AUTH_MODE", "open")
    argv = [a for a in _commands(demo_db, tmp_path)[command] if a not in ("--user", "thu.ky")]
    assert _run(monkeypatch, argv) == 0
    last = accounts.read_audit(make_engine(demo_db), limit=1)
    assert last["action"][0] == "download"
    assert last["username"][0] == accounts.os_actor()
