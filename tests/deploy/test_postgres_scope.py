"""deploy/postgres_scope.sql (issue 14): in a shared PostgreSQL deployment a cluster's login
reads its own cluster only, by row-level security, whatever it runs (SQL or the command line);
the app's and the importer's logins still see every row."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from sqlalchemy import create_engine, text

from dashboard.cli import main
from data_access.engine import make_engine, upgrade

SCRIPT = Path(__file__).parents[2] / "deploy" / "postgres_scope.sql"
# As tests/conftest.py (a database of its own: the policies reference the data tables).
PG_ADMIN_URL = os.environ.get(
    "THIDUA_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
IN_CI = os.environ.get("CI", "").lower() == "true"


def _pg_reachable() -> str | None:
    try:
        eng = create_engine(PG_ADMIN_URL, connect_args={"connect_timeout": 3})
        with eng.connect() as conn:
            conn.execute(text("SELECT 1"))
        eng.dispose()
        return None
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
        return str(exc).splitlines()[0]


CLUSTER = "CUM4_DBSH"


@pytest.fixture(scope="module")
def shared() -> Iterator[dict[str, str]]:
    why = _pg_reachable()
    if why:
        if IN_CI:
            pytest.fail(f"PostgreSQL required in CI but unreachable: {why}")
        pytest.skip(f"PostgreSQL not reachable: {why}")
    import seed

    tag = uuid.uuid4().hex[:8]
    name, scoped, other = f"thidua_rls_{tag}", f"thu_ky_{tag}", f"reader_{tag}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    owner_url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    owner = make_engine(owner_url)
    upgrade(owner)
    seed.populate(owner, scale="demo", years=(2024, 2024), progress=False)
    with owner.begin() as conn:
        # The driver's own execute: no parameters, so format()'s %I is not a placeholder.
        conn.connection.driver_connection.execute(SCRIPT.read_text(encoding="utf-8"))
        conn.execute(text(f"CREATE ROLE {scoped} LOGIN IN ROLE thidua_scoped"))
        conn.execute(text(f"CREATE ROLE {other} LOGIN"))
        conn.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {other}"))
        conn.execute(text(f"INSERT INTO db_scope VALUES ('{scoped}', '{CLUSTER}')"))
    owner.dispose()
    base = PG_ADMIN_URL.split("://", 1)[1].split("@", 1)[1].rsplit("/", 1)[0]
    yield {
        "owner": owner_url,
        "scoped": f"postgresql+psycopg://{scoped}@{base}/{name}",
        "other": f"postgresql+psycopg://{other}@{base}/{name}",
    }
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f"DROP ROLE IF EXISTS {scoped}"))
        conn.execute(text(f"DROP ROLE IF EXISTS {other}"))
    admin.dispose()


def _query(url: str, sql: str) -> list[tuple]:
    eng = make_engine(url)
    try:
        with eng.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql)).all()]
    finally:
        eng.dispose()


def test_a_cluster_login_reads_its_cluster_only(shared):
    owner, scoped = shared["owner"], shared["scoped"]
    assert _query(scoped, "SELECT DISTINCT cluster_code FROM units") == [(CLUSTER,)]
    own_units = _query(owner, f"SELECT unit_code FROM units WHERE cluster_code = '{CLUSTER}'")
    seen_roster_units = _query(scoped, "SELECT DISTINCT unit_code FROM roster")
    assert set(seen_roster_units) <= set(own_units) and seen_roster_units
    # Names: exactly the people on the cluster's rosters, counted by the owner.
    want = _query(
        owner,
        "SELECT count(DISTINCT person_code) FROM roster JOIN units USING (unit_code) "
        f"WHERE cluster_code = '{CLUSTER}'",
    )
    assert _query(scoped, "SELECT count(*) FROM people") == want
    outside = _query(
        scoped,
        "SELECT count(*) FROM ratings WHERE subject_kind = 'person' AND subject_code NOT IN "
        "(SELECT person_code FROM roster)",
    )
    assert outside == [(0,)]
    assert _query(owner, "SELECT count(DISTINCT cluster_code) FROM units")[0][0] > 1


def test_a_cluster_login_reads_no_accounts_or_audit(shared):
    eng = make_engine(shared["scoped"])
    try:
        for table in ("users", "audit_log", "login_throttle", "closed_years", "db_scope"):
            with pytest.raises(Exception, match="permission denied"), eng.connect() as conn:
                conn.execute(text(f"SELECT * FROM {table} LIMIT 1")).all()
    finally:
        eng.dispose()


def test_other_logins_still_see_every_row(shared):
    everything = _query(shared["owner"], "SELECT count(*) FROM units")
    assert _query(shared["other"], "SELECT count(*) FROM units") == everything


def test_the_command_line_with_a_cluster_url_exports_that_cluster_only(
    shared, tmp_path, monkeypatch
):
    monkeypatch.setenv("THIDUA_AUTH_MODE", "open")  # the command line trusts its URL ...
    out = tmp_path / "indicators.csv"
    args = ["export", "indicators", "--year", "2024", "--headers", "codes", "--out", str(out)]
    assert main([*args, "--db", shared["scoped"]]) == 0
    frame = pl.read_csv(out, infer_schema=False)
    assert set(frame["cluster_code"].drop_nulls()) == {CLUSTER}  # ... and PostgreSQL cuts it


def test_a_person_is_the_clusters_only_for_the_years_on_its_roster(shared):
    # Issue 20: move a person of the cluster's 2024 roster elsewhere from 2025 on, with a 2025
    # rating and award there: the cluster's login sees the 2024 rows, not the 2025 ones.
    owner, scoped = shared["owner"], shared["scoped"]
    person, unit = _query(
        owner,
        "SELECT r.person_code, r.unit_code FROM roster r JOIN units u USING (unit_code) "
        f"WHERE r.year = 2024 AND u.cluster_code = '{CLUSTER}' ORDER BY 1 LIMIT 1",
    )[0]
    elsewhere = _query(owner, f"SELECT unit_code FROM units WHERE cluster_code <> '{CLUSTER}' "
                              "ORDER BY 1 LIMIT 1")[0][0]  # fmt: skip
    eng = make_engine(owner)
    with eng.begin() as conn:
        conn.execute(text("INSERT INTO roster (year, person_code, unit_code, initiatives, "
                          "discipline) VALUES (2025, :p, :u, 0, 'none')"),
                     {"p": person, "u": elsewhere})  # fmt: skip
        conn.execute(
            text(
                "INSERT INTO ratings (period, subject_kind, subject_code, rating, "
                "year) VALUES ('2025', 'person', :p, 'HTXSNV', 2025)"
            ),
            {"p": person},
        )
        conn.execute(text("INSERT INTO awards (year, recipient_kind, recipient_code, award_code, "
                          "decision_no) VALUES (2025, 'person', :p, 'LDTT', 'QĐ 9/2025')"),
                     {"p": person})  # fmt: skip
        conn.execute(text("INSERT INTO awards (year, recipient_kind, recipient_code, award_code, "
                          "decision_no) VALUES (2024, 'person', :p, 'CSTDCS', 'QĐ 8/2024') "
                          "ON CONFLICT DO NOTHING"), {"p": person})  # fmt: skip
    eng.dispose()
    seen_ratings = _query(
        scoped, f"SELECT DISTINCT year FROM ratings WHERE subject_code = '{person}'"
    )
    seen_awards = _query(
        scoped, f"SELECT DISTINCT year FROM awards WHERE recipient_code = '{person}'"
    )
    assert (2025,) not in seen_ratings and (2025,) not in seen_awards
    assert (2024,) in seen_awards
    assert unit  # the person was the cluster's in 2024
    owner_ratings = _query(
        owner, f"SELECT DISTINCT year FROM ratings WHERE subject_code = '{person}'"
    )
    assert (2025,) in owner_ratings  # the rows exist: the policy hides them


def test_the_scoped_login_appends_to_the_audit_through_the_stamping_function(shared):
    # Issue 20: with INSERT on audit_log, the login wrote rows dated 2099 as admin|year_unlock.
    eng = make_engine(shared["scoped"])
    try:
        with pytest.raises(Exception, match="permission denied"), eng.begin() as conn:
            conn.execute(text("INSERT INTO audit_log (at, username, action, detail) VALUES "
                              "('2099-01-01', 'admin', 'year_unlock', 'x')"))  # fmt: skip
        with pytest.raises(Exception, match="not for a scoped login"), eng.begin() as conn:
            conn.execute(text("SELECT thidua_audit('year_unlock', 'x', 'admin')"))
        with eng.begin() as conn:
            conn.execute(text("SELECT thidua_audit('download', 'export test', 'admin')"))
    finally:
        eng.dispose()
    role = shared["scoped"].split("://", 1)[1].split("@", 1)[0]
    row = _query(shared["owner"], "SELECT username, action, detail, at > now() AT TIME ZONE 'UTC' "
                                  "FROM audit_log ORDER BY id DESC LIMIT 1")[0]  # fmt: skip
    assert row == (f"db:{role}", "download", "as admin: export test", False)


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "indicators", "--year", "2024", "--user", "admin"],
        ["lock", "--year", "2024"],
        ["user", "list"],
    ],
    ids=["export-user", "lock", "user-list"],
)
def test_commands_beyond_the_scoped_login_say_so(shared, argv, capsys, monkeypatch):
    monkeypatch.setenv("THIDUA_AUTH_MODE", "password")
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("mật-khẩu-bất-kỳ\n"))
    code = main([*argv, "--db", shared["scoped"]])
    err = capsys.readouterr().err
    assert code == 3 and "không có quyền" in err and "Traceback" not in err
