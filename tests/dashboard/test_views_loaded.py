"""What is loaded: data_access.inventory on a small database, and views.loaded's table."""

import datetime as dt

import polars as pl

from dashboard.views.loaded import rows_wide
from data_access import inventory
from data_access.accounts import audit
from data_access.engine import make_engine, upgrade
from data_access.writer import bulk_insert, bump_data_version


def test_rows_per_table_and_year_version_and_last_import(tmp_path):
    eng = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    upgrade(eng)
    with eng.begin() as conn:
        bulk_insert(conn, "clusters", pl.DataFrame({"cluster_code": ["C"], "cluster_name": ["C"]}))
        bulk_insert(
            conn,
            "units",
            pl.DataFrame(
                {
                    "unit_code": ["U1", "U2"],
                    "unit_name": ["A", "B"],
                    "cluster_code": ["C", "C"],
                    "profile": ["civil", "civil"],
                }
            ),
        )
        people = pl.DataFrame({"person_code": ["P1", "P2", "P3"], "full_name": ["a", "b", "c"]})
        bulk_insert(conn, "people", people)
        bulk_insert(
            conn,
            "roster",
            pl.DataFrame(
                {
                    "year": [2024, 2025, 2025],
                    "person_code": ["P1", "P2", "P3"],
                    "unit_code": ["U1", "U1", "U2"],
                }
            ),
        )
        members = {"year": [2025, 2025], "cluster_code": ["C", "C"], "unit_code": ["U1", "U2"]}
        bulk_insert(conn, "cluster_members", pl.DataFrame(members))
        change = {
            "from_unit_code": ["U2"],
            "to_unit_code": ["U1"],
            "effective_date": [dt.date(2025, 7, 1)],
            "kind": ["merge"],
        }
        bulk_insert(conn, "unit_changes", pl.DataFrame(change))
        token = bump_data_version(conn)
    audit(eng, "thu_ky", "import_ok", "roster.csv rows=3")
    audit(eng, "thu_ky", "import_failed", "bad.csv")
    with eng.connect() as conn:
        rows = inventory.table_rows(conn)
        assert inventory.data_version(conn) == token
        last = inventory.last_import(conn)
    got = {(r["table"], r["year"]): r["rows"] for r in rows.to_dicts()}
    assert got[("roster", 2024)] == 1 and got[("roster", 2025)] == 2
    assert got[("units", None)] == 2 and got[("people", None)] == 3
    assert got[("awards", None)] == 0  # an empty yearly table still has its row
    # the failed import after it is not "the last import"
    assert (last.username, last.detail, last.rows) == ("thu_ky", "roster.csv rows=3", 3)
    assert isinstance(last.at, dt.datetime)

    wide = rows_wide(rows, lang="vi").rows_by_key("loaded_table", named=True)
    assert wide["Danh sách biên chế"][0] == {"2024": 1, "2025": 2, "all": None}
    assert wide["Đơn vị"][0] == {"2024": None, "2025": None, "all": 2}
    assert wide["Khen thưởng"][0] == {"2024": 0, "2025": 0, "all": None}
    # 0.3.0: membership by year is a yearly table, the changes a reference table
    assert wide["Thành viên cụm theo năm"][0] == {"2024": 0, "2025": 2, "all": None}
    assert wide["Sáp nhập, chia tách, đổi tên đơn vị"][0] == {"2024": None, "2025": None, "all": 1}
    assert list(wide)[-2:] == ["Thành viên cụm theo năm", "Sáp nhập, chia tách, đổi tên đơn vị"]


def test_no_import_recorded(tmp_path):
    eng = make_engine(f"sqlite:///{tmp_path / 'y.db'}")
    upgrade(eng)
    with eng.connect() as conn:
        assert inventory.last_import(conn) is None
        assert inventory.data_version(conn) is None
