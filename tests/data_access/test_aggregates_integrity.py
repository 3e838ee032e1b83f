"""The stored aggregates are checked before they are used (issue 20): a hand-edited
`derived/counts/<year>.parquet` (10 488 staff, LĐTT 99.7 % served as truth) or a truncated file
is logged and rebuilt from the database; a full disk or a read-only folder is a StorageError
naming the folder, not "cannot connect to the database"."""

from __future__ import annotations

import errno
import logging

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from dashboard import pipeline
from data_access import aggregates, integrity
from data_access.engine import make_engine, upgrade
from data_access.errors import StorageError


@pytest.fixture
def demo(tmp_path):
    import seed

    eng = make_engine(f"sqlite:///{tmp_path / 'demo.db'}")
    upgrade(eng)
    seed.populate(eng, scale="demo", years=(2024, 2025), progress=False)
    yield eng
    eng.dispose()


def _counts(store) -> pl.DataFrame:
    return store.read("counts", [2025]).sort(pl.all())


def test_a_hand_edited_derived_file_is_rebuilt(demo, caplog):
    store = pipeline.build_aggregates(demo)
    truth = _counts(store)
    path = store.folder / "derived" / "counts" / "2025.parquet"
    forged = pl.read_parquet(path).with_columns(pl.col(pl.Int64) * 0 + 10488)
    forged.write_parquet(path)  # the attack: same name, other figures
    with caplog.at_level(logging.WARNING, logger="data_access.aggregates"):
        again = pipeline.build_aggregates(demo)
    assert "derived/counts/2025.parquet has" in caplog.text and "rebuilding" in caplog.text
    assert_frame_equal(_counts(again), truth)
    assert integrity.problem(again.folder, again.manifest) is None


def test_an_edit_of_the_same_size_is_caught_by_its_hash(demo, caplog):
    store = pipeline.build_aggregates(demo)
    truth = _counts(store)
    path = store.folder / "derived" / "counts" / "2025.parquet"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with caplog.at_level(logging.WARNING, logger="data_access.aggregates"):
        again = pipeline.build_aggregates(demo)
    assert "derived/counts/2025.parquet does not match its SHA-256" in caplog.text
    assert_frame_equal(_counts(again), truth)


@pytest.mark.parametrize("victim", ["derived/counts/2025.parquet", "tables/roster/2024.parquet"])
def test_a_truncated_file_is_rebuilt(demo, caplog, victim):
    store = pipeline.build_aggregates(demo)
    truth = _counts(store)
    path = store.folder / victim
    path.write_bytes(path.read_bytes()[:100])
    with caplog.at_level(logging.WARNING, logger="data_access.aggregates"):
        again = pipeline.build_aggregates(demo, in_child=True)  # as the app builds it
    assert f"{victim} has 100 bytes" in caplog.text
    assert_frame_equal(_counts(again), truth)
    assert again.read("counts", [2024]).height > 0 and again.scan("roster", [2024]).collect().height


def test_a_version_without_hashes_and_a_stray_file_are_rebuilt(demo, caplog):
    store = pipeline.build_aggregates(demo)
    (store.folder / "derived" / "counts" / "2031.parquet").write_bytes(b"PAR1")
    with caplog.at_level(logging.WARNING, logger="data_access.aggregates"):
        again = pipeline.build_aggregates(demo)
    assert "2031.parquet is not in the manifest" in caplog.text
    assert not (again.folder / "derived" / "counts" / "2031.parquet").exists()
    assert integrity.problem(again.folder, {"version": "x"}) is not None  # no "files": refused


@pytest.mark.parametrize(
    ("code", "kind"), [(errno.ENOSPC, "disk_full"), (errno.EROFS, "read_only")]
)
def test_storage_errors_say_what_and_where(demo, monkeypatch, code, kind):
    def fail(*_a, **_k):
        raise OSError(code, "boom")

    monkeypatch.setattr(pl.DataFrame, "write_parquet", fail)
    with pytest.raises(StorageError) as err:
        pipeline.build_aggregates(demo)
    assert err.value.kind == kind
    assert err.value.folder == str(aggregates.root_for(demo))


def test_the_child_build_reports_a_read_only_folder(demo, tmp_path, monkeypatch):
    # The app builds in a child process; its storage error must reach the page as such.
    folder = tmp_path / "ro"
    folder.mkdir()
    monkeypatch.setenv("THIDUA_SNAPSHOT_DIR", str(folder))
    blocker = aggregates.root_for(demo)
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("not a folder")  # mkdir of the aggregates folder fails in the child
    with pytest.raises(StorageError) as err:
        pipeline.build_aggregates(demo, in_child=True)
    assert err.value.folder == str(blocker)
