"""Change sets know no table by name (issue 21): the organisation tables of 0.3.0, with their
dates and two foreign keys to units, are recorded and undone like the others, and a later row
naming a unit an import added stops that import's undo."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from import_kit import dump, load_base

from data_access import changesets
from data_access.importer.load import write_tables


def _write(engine, tables: dict[str, pl.DataFrame]) -> int:
    """Written as the importer writes a checked import, with its change set."""
    made: list[int] = []
    with engine.begin() as conn:

        def keep(name, res):
            if (res.inserted or res.updated) and not made:
                made.append(changesets.start(conn, "t", ["x.xlsx"]))
            if made:
                changesets.add(conn, made[0], name, res)

        write_tables(conn, tables, record=keep)
        assert changesets.finish(conn, made[0])
    return made[0]


def _merge(frm: str, decision: str | None) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "from_unit_code": [frm],
            "to_unit_code": ["U7"],
            "effective_date": [dt.date(2025, 7, 1)],
            "kind": ["merge"],
            "decision_no": [decision],
        }
    )


def test_organisation_tables_are_undone_exactly(engine):
    load_base(engine)
    before = dump(engine)
    added = _write(
        engine,
        {
            "units": pl.DataFrame(
                {"unit_code": ["U7"], "unit_name": ["Mới"], "cluster_code": ["C1"]}
            ),
            "cluster_members": pl.DataFrame(
                {
                    "year": [2024, 2024],
                    "unit_code": ["U1", "U7"],
                    "cluster_code": ["C1", "C2"],
                    "decision_no": ["1/QĐ", None],
                    "decision_date": [dt.date(2024, 1, 5), None],
                }
            ),
            "unit_changes": _merge("U2", "9/NQ"),
        },
    )
    moved = _write(
        engine,
        {
            "cluster_members": pl.DataFrame(
                {
                    "year": [2024],
                    "unit_code": ["U1"],
                    "cluster_code": ["C2"],
                    "decision_no": ["2/QĐ"],
                    "decision_date": [dt.date(2024, 2, 6)],
                }
            )
        },
    )
    with pytest.raises(changesets.UndoRefused) as caught:
        changesets.undo(engine, added, actor="t")
    assert (caught.value.key, caught.value.params["later"]) == ("built_on", moved)
    merged = _write(engine, {"unit_changes": _merge("U3", None)})  # names U7, added above
    changesets.undo(engine, moved, actor="t")
    with pytest.raises(changesets.UndoRefused) as caught:
        changesets.undo(engine, added, actor="t")
    assert caught.value.key == "used_later"
    assert caught.value.params["detail"] == "unit_changes.to_unit_code = U7"
    assert caught.value.params["later"] == merged
    changesets.undo(engine, merged, actor="t")
    changesets.undo(engine, added, actor="t")
    after = dump(engine)
    before.pop("meta"), after.pop("meta")
    assert after == before


def test_the_same_when_foreign_keys_are_checked_once(engine, monkeypatch):
    """Past BIG_DELETE rows the undo sets the foreign keys aside and checks them once at the
    end (a per-row check scans roster once per person deleted): the same data, the same
    refusals."""
    import importlib

    # the module, not the function the package exports under the same name
    monkeypatch.setattr(importlib.import_module("data_access.changesets.undo"), "BIG_DELETE", 0)
    test_organisation_tables_are_undone_exactly(engine)
    with engine.connect() as conn:  # the pooled connection got its foreign keys back
        if conn.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
