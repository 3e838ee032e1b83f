"""`python -m dashboard seed`: upgrades the schema, prints rows per table, refuses a second run."""

from __future__ import annotations

from sqlalchemy import text

from dashboard.cli import main
from data_access.engine import make_engine


def test_seed_prints_a_summary_and_refuses_twice(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"  # a new file: the command creates the schema
    assert main(["seed", "--db", url, "--years", "2024-2025", "--quiet"]) == 0
    out = capsys.readouterr().out
    lines = dict(line.split(maxsplit=1) for line in out.splitlines())
    eng = make_engine(url)
    with eng.connect() as conn:
        roster = conn.execute(text("SELECT COUNT(*) FROM roster")).scalar_one()
        years = conn.execute(text("SELECT DISTINCT year FROM roster ORDER BY year")).all()
    eng.dispose()
    assert lines["roster"].strip() == f"{roster:,}"
    assert [y for (y,) in years] == [2024, 2025]
    assert set(lines) >= {"clusters", "units", "people", "ratings", "awards", "total"}

    assert main(["seed", "--db", url, "--quiet"]) == 1
    assert "reset" in capsys.readouterr().err


def test_reset_and_a_single_year(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["seed", "--db", url, "--years", "2023-2025", "--quiet"]) == 0
    assert main(["seed", "--db", url, "--years", "2025", "--reset", "--quiet"]) == 0
    eng = make_engine(url)
    with eng.connect() as conn:
        years = conn.execute(text("SELECT DISTINCT year FROM roster")).all()
    eng.dispose()
    assert years == [(2025,)]
