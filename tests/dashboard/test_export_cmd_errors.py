"""`python -m dashboard export`: unknown table, cluster or unit → exit 2 naming what exists;
an Excel file is never written to a terminal."""

from __future__ import annotations

import sys

import polars as pl
import pytest

from dashboard.cli import main
from data_access.writer import upsert


@pytest.fixture
def db(sqlite_engine) -> str:
    with sqlite_engine.begin() as conn:
        upsert(conn, "clusters", pl.DataFrame({"cluster_code": ["C4"], "cluster_name": ["Cụm 4"]}))
        upsert(
            conn,
            "units",
            pl.DataFrame(
                {"unit_code": ["PT", "HN"], "unit_name": ["Phú Thọ", "Hà Nam"],
                 "cluster_code": ["C4", "C4"]}
            ),
        )  # fmt: skip
    return sqlite_engine.url.render_as_string(hide_password=False)


def test_unknown_table(db, capsys):
    assert main(["export", "ranking", "--year", "2024", "--db", db]) == 2
    err = capsys.readouterr().err
    assert "ranking" in err and "indicators, quotas, eligibility, rankings, trends, budget" in err


def test_unknown_cluster_names_the_clusters(db, capsys):
    assert main(["export", "quotas", "--year", "2024", "--cluster", "C9", "--db", db]) == 2
    assert capsys.readouterr().err.strip() == ("Không có cụm thi đua mã 'C9'. Các cụm hiện có: C4.")


def test_unknown_unit_in_english(db, capsys):
    args = ["export", "quotas", "--year", "2024", "--unit", "XX", "--headers", "en", "--db", db]
    assert main(args) == 2
    assert capsys.readouterr().err.strip() == (
        "No unit with code 'XX'. Units in the database: HN, PT."
    )


def test_xlsx_refused_on_a_terminal(db, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["export", "quotas", "--year", "2024", "--format", "xlsx", "--db", db]) == 2
    assert "--out" in capsys.readouterr().err


def test_long_lists_of_units_are_cut(sqlite_engine, capsys):
    codes = [f"U{i:02d}" for i in range(1, 36)]  # 35 units: the first 30 are named
    with sqlite_engine.begin() as conn:
        upsert(conn, "clusters", pl.DataFrame({"cluster_code": ["C1"], "cluster_name": ["Cụm"]}))
        upsert(
            conn,
            "units",
            pl.DataFrame({"unit_code": codes, "unit_name": codes, "cluster_code": ["C1"] * 35}),
        )
    url = sqlite_engine.url.render_as_string(hide_password=False)
    assert main(["export", "quotas", "--year", "2024", "--unit", "X", "--db", url]) == 2
    listed = ", ".join(codes[:30])
    assert capsys.readouterr().err.strip().endswith(f"hiện có: {listed}, … (35).")
