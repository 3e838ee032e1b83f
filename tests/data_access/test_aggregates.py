"""The stored aggregates per data version (data_access.aggregates, built by
dashboard.pipeline.build_aggregates): equal to the engine on the whole Dataset, person rows per
unit equal to the national ones, an import rebuilding only the partitions it touched."""

from __future__ import annotations

import os

import polars as pl
import pytest
from polars.testing import assert_frame_equal
from sqlalchemy import update

from dashboard import pipeline
from data_access import models as m
from data_access.aggregates import root_for
from data_access.engine import make_engine, upgrade
from data_access.importer.load import write_tables
from data_access.readers import load_dataset
from data_access.writer import bump_data_version, upsert


def _sorted(frame: pl.DataFrame) -> pl.DataFrame:
    frame = frame.with_columns(pl.col(pl.Categorical).cast(pl.String))
    keys = [c for c in frame.columns if frame[c].dtype != pl.List(pl.Int16)]
    return frame.sort(keys, nulls_last=True).select(sorted(frame.columns))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    import seed

    folder = tmp_path_factory.mktemp("agg")
    eng = make_engine(f"sqlite:///{folder / 'demo.db'}")
    upgrade(eng)
    seed.populate(eng, scale="demo", years=(2022, 2025), progress=False)
    yield eng
    eng.dispose()


def test_stored_counts_and_budget_equal_the_engine_on_every_table(demo):
    store = pipeline.build_aggregates(demo)
    with demo.connect() as conn:
        ds = load_dataset(conn)
    years = pipeline.data_years(ds)
    stored = store.years("counts", kind="derived")
    # a year holding only a school year's first months (ratings of Sept–Dec 2021 count in
    # 2022) has a partition of its own and no counts
    early = sorted(set(stored) - set(years))
    assert set(years) <= set(stored)
    assert all(y + 1 in years for y in early)
    assert store.read("counts", early).height == 0
    assert_frame_equal(_sorted(store.read("counts")), _sorted(pipeline.counts_for(ds)))
    for y in years:
        assert_frame_equal(_sorted(store.read("budget", [y])), _sorted(pipeline.budget_for(ds, y)))


def test_person_rows_of_one_cluster_give_the_national_eligibility_and_streaks(demo):
    store = pipeline.build_aggregates(demo)
    with demo.connect() as conn:
        ds = load_dataset(conn)
    year = 2025
    for cluster in ds.clusters["cluster_code"].cast(pl.String).to_list()[:3]:
        units = ds.units.filter(pl.col("cluster_code").cast(pl.String) == cluster)
        codes = units["unit_code"].cast(pl.String).to_list()
        part = store.dataset_for_units(codes, years=range(2022, year + 1))
        assert part.roster.height < ds.roster.height  # only the cluster's people were read
        for fn in (pipeline.eligibility_for, pipeline.streaks_for):
            whole = fn(ds, year).filter(pl.col("unit_code").cast(pl.String).is_in(codes))
            mine = fn(part, year).filter(pl.col("unit_code").cast(pl.String).is_in(codes))
            assert whole.height > 0 or fn is pipeline.streaks_for
            assert_frame_equal(_sorted(mine), _sorted(whole))


def _small_world(engine, years: list[int]) -> None:
    with engine.begin() as conn:
        upsert(conn, "clusters", pl.DataFrame({"cluster_code": ["C1"], "cluster_name": ["Cụm"]}))
        upsert(
            conn,
            "units",
            pl.DataFrame(
                {"unit_code": ["U1", "U2"], "unit_name": ["A", "B"], "cluster_code": ["C1"] * 2}
            ),
        )
        people = [f"P{i}" for i in range(6)]
        upsert(conn, "people", pl.DataFrame({"person_code": people, "full_name": ["X"] * 6}))
        rows = [(y, p, "U1" if i < 4 else "U2") for y in years for i, p in enumerate(people)]
        upsert(
            conn,
            "roster",
            pl.DataFrame(
                {
                    "year": [r[0] for r in rows],
                    "person_code": [r[1] for r in rows],
                    "unit_code": [r[2] for r in rows],
                }
            ),
        )
        bump_data_version(conn)


def _inode(store, kind: str, name: str, year: int | None) -> int:
    sub = store.folder / kind / name
    return os.stat(sub.with_suffix(".parquet") if year is None else sub / f"{year}.parquet").st_ino


def test_an_import_of_a_new_year_rebuilds_only_that_year(engine, tmp_path, monkeypatch):
    monkeypatch.setenv("THIDUA_SNAPSHOT_DIR", str(tmp_path / "snap"))
    _small_world(engine, [2023, 2024])
    first = pipeline.build_aggregates(engine)
    assert {r.split("/")[1] for r in first.manifest["rebuilt"]} >= {"roster", "counts", "units"}
    new = pl.DataFrame(
        {"year": [2025] * 3, "person_code": ["P0", "P1", "P9"], "unit_code": ["U1", "U1", "U2"]}
    )
    with engine.begin() as conn:
        write_tables(
            conn,
            {"people": pl.DataFrame({"person_code": ["P9"], "full_name": ["Mới"]}), "roster": new},
        )
    second = pipeline.build_aggregates(engine)
    assert second.version != first.version
    assert sorted(second.manifest["rebuilt"]) == [
        "derived/budget/2025",
        "derived/counts/2025",
        "tables/people/None",
        "tables/roster/2025",
    ]
    # Unchanged partitions are the same files (hard links), the new year is new.
    assert _inode(second, "tables", "roster", 2023) == _inode(first, "tables", "roster", 2023)
    assert _inode(second, "derived", "counts", 2024) == _inode(first, "derived", "counts", 2024)
    # What the incremental build stored equals a full recount from the database.
    with engine.connect() as conn:
        ds = load_dataset(conn)
    assert_frame_equal(_sorted(second.read("counts")), _sorted(pipeline.counts_for(ds)))
    staff = second.read("counts", [2025]).sort("unit_code")["staff"].to_list()
    assert staff == [2, 1]  # P0, P1 in U1; P9 in U2
    # The older version is still whole for readers that hold it.
    assert first.read("counts", [2024]).height == 2
    assert (root_for(engine) / first.version).exists()


def test_a_version_bumped_without_a_change_record_rebuilds_everything(
    engine, tmp_path, monkeypatch
):
    monkeypatch.setenv("THIDUA_SNAPSHOT_DIR", str(tmp_path / "snap"))
    _small_world(engine, [2024])
    pipeline.build_aggregates(engine)
    with engine.begin() as conn:  # a writer that records nothing (e.g. a hand edit)
        conn.execute(update(m.Meta).where(m.Meta.key == "data_version").values(value="hand"))
    again = pipeline.build_aggregates(engine)
    assert "tables/roster/2024" in again.manifest["rebuilt"]
    assert "derived/counts/2024" in again.manifest["rebuilt"]
