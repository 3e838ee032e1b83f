"""`export --user`: under THIDUA_AUTH_MODE=password the command asks for an account (password on
stdin), cuts the table to its scope as the app does, refuses person tables to viewers and a
scope outside the account, and audits the export."""

from __future__ import annotations

import io

import polars as pl
import pytest

from dashboard.cli import main
from data_access import accounts
from data_access.engine import make_engine, upgrade


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> str:
    import seed

    url = f"sqlite:///{tmp_path_factory.mktemp('export_roles') / 'thidua.db'}"
    eng = make_engine(url)
    upgrade(eng)
    seed.populate(eng, scale="demo", years=(2023, 2024), progress=False)
    accounts.add_user(eng, "xem", "pw-xem-dài-đủ", role="viewer", scope_code="CUM4_DBSH")
    accounts.add_user(eng, "bn", "pw-bn-dài-đủ-", role="unit_officer", scope_code="BN_TCT")
    eng.dispose()
    return url


@pytest.fixture(autouse=True)
def password_mode(monkeypatch):
    monkeypatch.setenv("THIDUA_AUTH_MODE", "password")


def _export(db, monkeypatch, *args, password="", out=None):
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    return main(["export", *args, "--year", "2024", "--db", db, "--headers", "codes",
                 *(["--out", str(out)] if out else [])])  # fmt: skip


def test_no_user_is_refused(demo_db, monkeypatch, capsys):
    assert _export(demo_db, monkeypatch, "indicators") == 3
    assert "--user" in capsys.readouterr().err


def test_wrong_password_is_refused_and_audited(demo_db, monkeypatch):
    assert _export(demo_db, monkeypatch, "indicators", "--user", "xem", password="sai") == 3
    log = accounts.read_audit(make_engine(demo_db), limit=3)
    assert (log["username"][0], log["action"][0]) == ("xem", "login_failed")


def test_viewer_gets_only_its_cluster(demo_db, monkeypatch, tmp_path):
    out = tmp_path / "ind.csv"
    assert (
        _export(
            demo_db, monkeypatch, "indicators", "--user", "xem", password="pw-xem-dài-đủ", out=out
        )
        == 0
    )
    frame = pl.read_csv(out, infer_schema=False)
    units = pl.read_database("SELECT unit_code, cluster_code FROM units", make_engine(demo_db))
    cum4 = set(units.filter(pl.col("cluster_code") == "CUM4_DBSH")["unit_code"])
    assert set(frame["cluster_code"]) == {"CUM4_DBSH"}  # 4 clusters in the database, one here
    assert set(frame["unit_code"].drop_nulls()) == cum4
    log = accounts.read_audit(make_engine(demo_db), limit=1)
    assert (log["username"][0], log["action"][0]) == ("xem", "download")


def test_unit_officer_gets_its_unit_and_no_pooled_cluster_row(demo_db, monkeypatch, tmp_path):
    out = tmp_path / "ind.csv"
    assert (
        _export(
            demo_db, monkeypatch, "indicators", "--user", "bn", password="pw-bn-dài-đủ-", out=out
        )
        == 0
    )
    frame = pl.read_csv(out, infer_schema=False)
    assert frame.height > 0 and set(frame["unit_code"].to_list()) == {"BN_TCT"}


def test_viewer_may_not_export_people(demo_db, monkeypatch, capsys):
    assert (
        _export(demo_db, monkeypatch, "eligibility", "--user", "xem", password="pw-xem-dài-đủ") == 3
    )
    assert "eligibility" in capsys.readouterr().err


def test_scope_outside_the_account_is_refused(demo_db, monkeypatch, capsys):
    code = _export(demo_db, monkeypatch, "indicators", "--cluster", "KHOI_HVCT", "--user", "xem",
                   password="pw-xem-dài-đủ")  # fmt: skip
    assert code == 3 and "KHOI_HVCT" in capsys.readouterr().err
