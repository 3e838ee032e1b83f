"""The Parquet snapshot: same frames as the database, rebuilt after every data version bump."""

from __future__ import annotations

import polars as pl
from polars.testing import assert_frame_equal

from data_access.readers import load_dataset
from data_access.snapshot import ensure_snapshot, load_dataset_fast, load_snapshot
from data_access.writer import bump_data_version, upsert


def _load(engine, rows):
    with engine.begin() as conn:
        upsert(conn, "clusters", pl.DataFrame({"cluster_code": ["C1"], "cluster_name": ["Cụm"]}))
        upsert(
            conn,
            "units",
            pl.DataFrame({"unit_code": ["U1"], "unit_name": ["Đơn vị"], "cluster_code": ["C1"]}),
        )
        upsert(
            conn,
            "people",
            pl.DataFrame(
                {"person_code": [r[1] for r in rows], "full_name": ["Trần Thị Bình"] * len(rows)}
            ),
        )
        upsert(
            conn,
            "roster",
            pl.DataFrame(
                {
                    "year": [r[0] for r in rows],
                    "person_code": [r[1] for r in rows],
                    "unit_code": ["U1"] * len(rows),
                }
            ),
        )
        bump_data_version(conn)


def test_snapshot_equals_database_and_filters_years(engine, tmp_path, monkeypatch):
    monkeypatch.setenv("THIDUA_SNAPSHOT_DIR", str(tmp_path / "snap"))
    _load(engine, [(2022, "P1"), (2023, "P1"), (2023, "P2")])
    _, fast = load_dataset_fast(engine, years=[2023])
    with engine.connect() as conn:
        slow = load_dataset(conn, years=[2023])
    for name in ("units", "people", "roster"):
        assert_frame_equal(
            getattr(fast, name).sort(pl.all().cast(pl.String)),
            getattr(slow, name).sort(pl.all().cast(pl.String)),
            categorical_as_str=True,
        )
    assert fast.roster.height == 2  # only the two 2023 rows


def test_an_import_gives_a_new_snapshot(engine, tmp_path, monkeypatch):
    monkeypatch.setenv("THIDUA_SNAPSHOT_DIR", str(tmp_path / "snap"))
    _load(engine, [(2023, "P1")])
    v1, folder1 = ensure_snapshot(engine)
    assert ensure_snapshot(engine) == (v1, folder1)  # reused while nothing changed
    _load(engine, [(2023, "P1"), (2023, "P2")])
    v2, _ = ensure_snapshot(engine)
    assert v2 != v1
    assert load_dataset_fast(engine)[1].roster.height == 2


def test_a_snapshot_from_before_a_new_column_reads_it_as_null(engine, tmp_path, monkeypatch):
    # units.short_name came with migration 0003; a snapshot written before it (same data
    # version) has no such column in its Parquet file.
    monkeypatch.setenv("THIDUA_SNAPSHOT_DIR", str(tmp_path / "snap"))
    _load(engine, [(2023, "P1")])
    _, folder = ensure_snapshot(engine)
    units = pl.read_parquet(folder / "units.parquet").drop("short_name")
    units.write_parquet(folder / "units.parquet")
    got = load_snapshot(folder).units
    assert got["short_name"].dtype == pl.String
    assert got["short_name"].to_list() == [None]
    assert got["unit_name"].to_list() == ["Đơn vị"]
