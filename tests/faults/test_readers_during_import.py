"""Readers during an import see all of it or none of it: a thread loading the Dataset again and
again while an import of 20 000 people and their roster rows commits gets either the old or the
new row counts, never a mix (SQLite WAL and PostgreSQL). Same for the Parquet snapshot."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data_access"))
from import_kit import csv, load_base

from data_access.importer import import_files
from data_access.readers import load_dataset_stable
from data_access.snapshot import load_dataset_fast

pytestmark = pytest.mark.slow
N = 20_000


def _files() -> list[tuple[str, bytes]]:
    people = "person_code,full_name\n" + "".join(f"N{i},Người {i}\n" for i in range(N))
    roster = "year,person_code,unit_code\n" + "".join(f"2024,N{i},U1\n" for i in range(N))
    return [("people.csv", csv(people)), ("roster.csv", csv(roster))]


def _watch(load, engine) -> set[tuple[int, int]]:
    load_base(engine)
    seen: set[tuple[int, int]] = set()
    stop = threading.Event()
    failures: list[BaseException] = []

    def reader() -> None:
        while not stop.is_set():
            try:
                ds = load(engine)
                seen.add((ds.people.height, ds.roster.height))
            except BaseException as exc:  # noqa: BLE001 - reported by the test
                failures.append(exc)
                return

    t = threading.Thread(target=reader)
    t.start()
    try:
        report = import_files(engine, _files())
    finally:
        stop.set()
        t.join(60)
    assert report.ok, report.lines()[:3]
    seen.add((load(engine).people.height, load(engine).roster.height))
    assert failures == []
    return seen


def test_dataset_is_old_or_new_never_a_mix(engine):
    seen = _watch(lambda e: load_dataset_stable(e)[1], engine)
    # base: 2 people, 2 roster rows; after: 2 + 20 000 and 2 + 20 000
    assert seen <= {(2, 2), (2 + N, 2 + N)} and (2 + N, 2 + N) in seen


def test_snapshot_is_old_or_new_never_a_mix(engine, tmp_path, monkeypatch):
    monkeypatch.setenv("THIDUA_SNAPSHOT_DIR", str(tmp_path / "snap"))
    seen = _watch(lambda e: load_dataset_fast(e)[1], engine)
    assert seen <= {(2, 2), (2 + N, 2 + N)} and (2 + N, 2 + N) in seen
