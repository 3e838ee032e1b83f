"""The schema: migrations create every contract table, constraints reject bad rows."""

from __future__ import annotations

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from data_access.engine import alembic_config, head_revision, make_engine, schema_current, upgrade
from data_access.models import CONTRACT_TABLES

# Columns named: units has optional columns after these (short_name).
UNITS = "INSERT INTO units (unit_code, unit_name, cluster_code, profile) VALUES "

CONTRACT_COLUMNS = {
    "clusters": ["cluster_code", "cluster_name", "organizer", "period_start_month"],
    "units": [
        "unit_code",
        "unit_name",
        "cluster_code",
        "profile",
        "short_name",
        "period_start_month",
    ],
    "collectives": ["collective_code", "unit_code", "collective_name", "kind"],
    "people": ["person_code", "full_name"],
    "roster": ["year", "person_code", "unit_code", "collective_code", "initiatives", "discipline"],
    "ratings": ["period", "subject_kind", "subject_code", "rating"],
    "awards": [
        "year",
        "recipient_kind",
        "recipient_code",
        "award_code",
        "decision_no",
        "decision_date",
    ],
    "targets": ["year", "scope_kind", "scope_code", "indicator", "min_pct", "max_pct"],
    "cluster_roles": ["year", "cluster_code", "unit_code", "role"],
    "scores": ["year", "unit_code", "criterion", "max_points", "self_points", "final_points"],
    "unit_counts": ["year", "unit_code", "measure", "value"],
    "cluster_members": ["year", "cluster_code", "unit_code", "decision_no", "decision_date"],
    "unit_changes": ["effective_date", "kind", "from_unit_code", "to_unit_code", "decision_no"],
}


def test_every_contract_table_and_column_exists(engine):
    insp = inspect(engine)
    assert {m.__tablename__ for m in CONTRACT_TABLES} == set(CONTRACT_COLUMNS)
    for table, cols in CONTRACT_COLUMNS.items():
        have = {c["name"] for c in insp.get_columns(table)}
        assert set(cols) <= have, (table, set(cols) - have)


def test_upgrade_twice_is_harmless(engine):
    upgrade(engine)
    with engine.connect() as conn:
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    assert version == head


def test_head_revision_is_alembics(engine):
    # The start-up check reads the head from the migration files without Alembic.
    upgrade(engine)
    assert head_revision() == ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    assert schema_current(engine)


def test_schema_current_only_at_the_head(tmp_path):
    eng = make_engine(f"sqlite:///{tmp_path / 'v.db'}")
    assert not schema_current(eng)  # no version table yet
    upgrade(eng)
    with eng.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0002'"))
    assert not schema_current(eng)


@pytest.mark.parametrize(
    "sql",
    [
        UNITS + "('U1', 'x', 'NOPE', 'civil')",  # FK to clusters
        UNITS + "('U1', 'x', 'C1', 'navy')",  # profile check
        "INSERT INTO roster VALUES (1800, 'P1', 'U0', NULL, 0, 'none')",  # year range
        "INSERT INTO roster VALUES (2023, 'P1', 'U0', NULL, -1, 'none')",  # negative count
        "INSERT INTO unit_counts VALUES (2023, 'U0', 'staff', -5)",
        "INSERT INTO targets VALUES (2023, 'unit', 'U0', 'LDTT_RATE', NULL, NULL)",
        "INSERT INTO targets VALUES (2023, 'unit', 'U0', 'LDTT_RATE', 20, 10)",
    ],
    ids=["fk", "profile", "year", "initiatives", "count", "no-bound", "min>max"],
)
def test_constraints_reject(engine, sql):
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO clusters (cluster_code, cluster_name) VALUES ('C1', 'C')"))
        conn.execute(text(UNITS + "('U0', 'Đơn vị', 'C1', 'civil')"))
        conn.execute(text("INSERT INTO people VALUES ('P1', 'Nguyễn Văn An')"))
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(text(sql))
