"""docs/deploy.md §1 (issue 20): the grants its recipe gives `thidua_app` are what the app
needs — it records failed logins (login_throttle, read FOR UPDATE), closes and reopens years
(closed_years), appends to the audit log and reads the 0.3.x tables — and nothing else is
writable. The recipe's SQL is run as written, with this test's own role names."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import ProgrammingError
from test_postgres_scope import IN_CI, PG_ADMIN_URL, _pg_reachable

from data_access import closed_years, throttle
from data_access.engine import make_engine, upgrade

DOC = Path(__file__).parents[2] / "docs" / "deploy.md"


def _blocks() -> list[str]:
    section = DOC.read_text(encoding="utf-8").split("## 1.", 1)[1].split("\n## 2.", 1)[0]
    return re.findall(r"```sql\n(.*?)```", section, flags=re.S)


@pytest.fixture(scope="module")
def roles() -> Iterator[dict[str, str]]:
    why = _pg_reachable()
    if why:
        if IN_CI:
            pytest.fail(f"PostgreSQL required in CI but unreachable: {why}")
        pytest.skip(f"PostgreSQL not reachable: {why}")
    tag = uuid.uuid4().hex[:8]
    names = {r: f"{r}_{tag}" for r in ("thidua_owner", "thidua_import", "thidua_app")}
    db = f"thidua_grants_{tag}"

    def named(sql: str) -> str:
        for role, name in names.items():
            sql = re.sub(rf"\b{role}\b", name, sql)
        return sql

    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgres@", "{}@")
    with admin.connect() as conn:
        for name in names.values():
            conn.execute(text(f"CREATE ROLE {name} LOGIN"))
        conn.execute(text(f'CREATE DATABASE "{db}" OWNER {names["thidua_owner"]}'))
    superuser = create_engine(PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{db}")
    first, owner_sql = _blocks()[0], _blocks()[1]
    with superuser.begin() as conn:  # the superuser's block, in the new database
        for stmt in named(first).split(";"):
            stmt = "\n".join(ln for ln in stmt.splitlines() if not ln.startswith("--"))
            if stmt.strip().startswith(("REVOKE", "GRANT")):
                conn.exec_driver_sql(stmt)
    superuser.dispose()
    owner = make_engine(base.format(names["thidua_owner"]) + f"/{db}")
    upgrade(owner)
    with owner.begin() as conn:
        conn.exec_driver_sql(named(owner_sql))
    owner.dispose()
    app = make_engine(base.format(names["thidua_app"]) + f"/{db}")
    try:
        yield {"app": app}
    finally:
        app.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))
            for name in names.values():
                conn.execute(text(f"DROP ROLE IF EXISTS {name}"))
        admin.dispose()


def test_the_app_role_records_a_failed_login(roles):
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    with roles["app"].begin() as conn:
        throttle.serialize(conn, ["pair:x"])
        assert throttle.record_failure(conn, "pair:x", limit=5, lock=dt.timedelta(minutes=15),
                                       now=now) == 1  # fmt: skip


def test_the_app_role_closes_and_reopens_a_year(roles):
    assert closed_years.lock(roles["app"], 2024, None, actor="t")
    assert closed_years.locked_years(roles["app"]) == [2024]
    closed_years.unlock(roles["app"], 2024, None, reason="sửa số liệu", actor="t")
    assert closed_years.locked_years(roles["app"]) == []


def test_the_app_role_reads_the_organisation_and_change_sets(roles):
    with roles["app"].connect() as conn:
        for table in ("cluster_members", "unit_changes", "import_changesets",
                      "import_change_tables", "import_change_rows"):  # fmt: skip
            assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() == 0


def test_the_app_role_writes_no_data_table(roles):
    insert = text("INSERT INTO clusters (cluster_code, cluster_name) VALUES ('C', 'C')")
    with pytest.raises(ProgrammingError, match="permission denied"), roles["app"].begin() as conn:
        conn.execute(insert)
