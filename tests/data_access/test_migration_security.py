"""Migration 0004_security on a database with accounts made before it (issue 14): names get
their normalised spelling and look-alike key; a name that collides keeps its row, without a key."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from data_access.engine import alembic_config, make_engine, upgrade


def test_existing_accounts_are_normalised(tmp_path):
    eng = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    command.upgrade(alembic_config(eng), "0002")
    with eng.begin() as conn:
        for name in ("Admin", " bob ", "bob", "adm1n"):
            conn.execute(
                text("INSERT INTO users (username, role, disabled) VALUES (:u, 'admin', 0)"),
                {"u": name},
            )
    upgrade(eng)
    with eng.connect() as conn:
        rows = conn.execute(text("SELECT username, skeleton FROM users ORDER BY username")).all()
    eng.dispose()
    # Sorted before renaming: " bob " keeps its row ("bob" is taken), "Admin" becomes "admin"
    # and "adm1n" looks like it, so it gets no key.
    assert [tuple(r) for r in rows] == [
        (" bob ", None),
        ("adm1n", None),
        ("admin", "adm1n"),
        ("bob", "b0b"),  # the key maps look-alikes to one character: o → 0
    ]
