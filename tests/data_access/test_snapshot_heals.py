"""A snapshot that heals (issue 13): a corrupt, edited or missing Parquet file is noticed by the
manifest written last, logged, and rebuilt from the database, whose truth is then served."""

from __future__ import annotations

import logging

import polars as pl
import pytest

from data_access import snapshot
from data_access.snapshot import MANIFEST, ensure_snapshot, load_dataset_fast
from data_access.writer import bump_data_version, upsert


@pytest.fixture
def loaded(sqlite_engine, tmp_path, monkeypatch):
    monkeypatch.setenv("THIDUA_SNAPSHOT_DIR", str(tmp_path / "snap"))
    with sqlite_engine.begin() as conn:
        upsert(conn, "clusters", pl.DataFrame({"cluster_code": ["C1"], "cluster_name": ["Cụm"]}))
        upsert(
            conn,
            "units",
            pl.DataFrame(
                {"unit_code": ["U1"], "unit_name": ["Trường Chính trị"], "cluster_code": ["C1"]}
            ),
        )
        bump_data_version(conn)
    version, folder = ensure_snapshot(sqlite_engine)
    return sqlite_engine, version, folder


def _fresh_process() -> None:
    snapshot._VERIFIED.clear()  # what a newly started process knows: nothing verified yet


def test_the_manifest_is_written_last_and_names_every_file(loaded):
    _, _, folder = loaded
    names = sorted(p.name for p in folder.iterdir())
    assert MANIFEST in names
    manifest = (folder / MANIFEST).stat().st_mtime_ns
    assert all((folder / n).stat().st_mtime_ns <= manifest for n in names)


def test_corrupt_file_is_rebuilt_from_the_database(loaded, caplog):
    engine, version, folder = loaded
    (folder / "units.parquet").write_bytes(b"PAR1 this is not parquet PAR1")
    _fresh_process()
    with caplog.at_level(logging.WARNING, logger="data_access.snapshot"):
        got_version, ds = load_dataset_fast(engine)
    assert got_version == version
    assert ds.units["unit_name"].to_list() == ["Trường Chính trị"]
    assert any("units.parquet does not match" in r.getMessage() for r in caplog.records)
    assert snapshot.snapshot_problem(folder) is None  # the rebuilt folder is whole


def test_edited_file_is_not_served(loaded, caplog):
    engine, _, folder = loaded
    units = pl.read_parquet(folder / "units.parquet")
    units.with_columns(pl.lit("Đơn vị bị sửa").alias("unit_name")).write_parquet(
        folder / "units.parquet"
    )
    _fresh_process()
    with caplog.at_level(logging.WARNING, logger="data_access.snapshot"):
        _, ds = load_dataset_fast(engine)
    assert ds.units["unit_name"].to_list() == ["Trường Chính trị"]  # the database's truth
    assert any("rebuilding it from the database" in r.getMessage() for r in caplog.records)


def test_edited_file_is_noticed_by_a_process_that_verified_before(loaded):
    engine, _, folder = loaded
    load_dataset_fast(engine)  # verified once in this process
    units = pl.read_parquet(folder / "units.parquet")
    units.with_columns(pl.lit("X").alias("unit_name")).write_parquet(folder / "units.parquet")
    _, ds = load_dataset_fast(engine)  # size or mtime changed: verified again
    assert ds.units["unit_name"].to_list() == ["Trường Chính trị"]


def test_missing_file_and_missing_manifest_are_rebuilt(loaded):
    engine, _, folder = loaded
    (folder / "roster.parquet").unlink()
    _fresh_process()
    _, ds = load_dataset_fast(engine)
    assert ds.units.height == 1 and (folder / "roster.parquet").exists()
    (folder / MANIFEST).unlink()  # a snapshot of an older version of the app, or half-written
    _fresh_process()
    _, ds = load_dataset_fast(engine)
    assert (folder / MANIFEST).exists() and ds.units.height == 1
