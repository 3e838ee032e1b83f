"""A columnar snapshot of the database (one Parquet file per table), keyed by the data version.

Loading millions of rows through a database driver takes tens of seconds; a Parquet scan with
predicate and projection pushdown takes a fraction of that. Every import bumps the data version,
so a snapshot is never stale: the first reader after an import rebuilds it (atomically, by
renaming a finished folder into place) and every later reader, in any process, scans it.

A snapshot heals: its manifest (the SHA-256 and size of each file) is written LAST, and a reader
that finds a file missing, unreadable or not matching the manifest logs it and rebuilds the
snapshot from the database, so a corrupt or edited file is never served and never looks like a
database outage. A process verifies a folder once and again only when a file's size or mtime
changes.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import tempfile
import uuid
from collections.abc import Iterable
from pathlib import Path

import polars as pl
from sqlalchemy import Engine

from data_access import settings
from data_access.engine import data_version
from data_access.readers import SCHEMAS, Dataset, load_dataset

YEARLESS = ("clusters", "units", "collectives", "people", "unit_changes")
KEEP = 2  # versions kept on disk: the current one and the one readers may still be scanning
MANIFEST = "manifest.json"
log = logging.getLogger(__name__)
# folder -> (name, size, mtime_ns) of its files when this process last verified their hashes
_VERIFIED: dict[Path, tuple[tuple[str, int, int], ...]] = {}


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1024 * 1024):
            h.update(chunk)
    return h.hexdigest()


def _signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    out = []
    for name in SCHEMAS:
        st = (folder / f"{name}.parquet").stat()
        out.append((name, st.st_size, st.st_mtime_ns))
    return tuple(out)


def snapshot_problem(folder: Path) -> str | None:
    """Why this snapshot folder must not be served (None: it is whole and as written)."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        signature = _signature(folder)
    except (OSError, ValueError) as exc:
        return f"{type(exc).__name__}: {exc}"
    if _VERIFIED.get(folder) == signature:
        return None
    for name, size, _ in signature:
        want = manifest.get("files", {}).get(f"{name}.parquet")
        if want is None:
            return f"{name}.parquet is not in the manifest"
        if size != want["size"] or _sha256(folder / f"{name}.parquet") != want["sha256"]:
            return f"{name}.parquet does not match its manifest"
    _VERIFIED[folder] = signature
    return None


def _discard(folder: Path, why: str) -> None:
    """Take a bad snapshot out of service (renamed first, so no reader sees it half-deleted)."""
    log.warning("snapshot %s is not served (%s): rebuilding it from the database", folder, why)
    _VERIFIED.pop(folder, None)
    aside = folder.with_name(f".bad-{folder.name}-{uuid.uuid4().hex[:8]}")
    try:
        folder.rename(aside)
    except OSError:
        return  # another process took it out first
    shutil.rmtree(aside, ignore_errors=True)


def snapshot_root(engine: Engine) -> Path:
    """Where snapshots of this database live: $THIDUA_SNAPSHOT_DIR, else beside a SQLite file,
    else data/snapshots/<database name>."""
    configured = settings.get("snapshot_dir")
    if configured:
        base = Path(configured)
    elif engine.url.get_backend_name() == "sqlite" and engine.url.database not in (
        None,
        "",
        ":memory:",
    ):
        db = Path(engine.url.database)
        return db.with_name(db.name + ".snapshot")
    else:
        base = Path("data") / "snapshots"
    return (
        base / f"{engine.url.get_backend_name()}_{engine.url.host or 'local'}_{engine.url.database}"
    )


def _write(engine: Engine, target: Path) -> None:
    root = target.parent
    root.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".building-", dir=root))
    try:
        with engine.connect() as conn:
            ds = load_dataset(conn)
        files = {}
        for name in SCHEMAS:
            path = tmp / f"{name}.parquet"
            getattr(ds, name).write_parquet(path, statistics=True)
            files[path.name] = {"sha256": _sha256(path), "size": path.stat().st_size}
        # The manifest last: a folder without it was never finished.
        (tmp / MANIFEST).write_text(json.dumps({"files": files}), encoding="utf-8")
        try:
            tmp.rename(target)  # atomic: readers see a whole snapshot or none
        except OSError:
            if not target.exists():
                raise  # another process finished first otherwise: theirs is as good as ours
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    old = sorted(
        (p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.stat().st_mtime,
    )
    for p in old[:-KEEP]:
        shutil.rmtree(p, ignore_errors=True)


def ensure_snapshot(engine: Engine) -> tuple[str, Path]:
    """(data version, folder) of an up-to-date snapshot, building it if needed.

    The version is read before and after the build: if an import committed in between, the
    folder may mix both states, so it is discarded and rebuilt.
    """
    for _ in range(5):
        version = data_version(engine)
        target = snapshot_root(engine) / version
        if target.exists():
            why = snapshot_problem(target)
            if why is None:
                return version, target
            _discard(target, why)
        _write(engine, target)
        if data_version(engine) == version:
            return version, target
        shutil.rmtree(target, ignore_errors=True)
    raise RuntimeError("the data kept changing while the snapshot was built; try again")


def scan_table(folder: Path, name: str) -> pl.LazyFrame:
    return pl.scan_parquet(folder / f"{name}.parquet")


def load_snapshot(folder: Path, *, years: Iterable[int] | None = None) -> Dataset:
    """The Dataset from a snapshot folder, filtered by year with predicate pushdown."""
    ys = None if years is None else [int(y) for y in years]
    frames: dict[str, pl.LazyFrame] = {}
    for name, schema in SCHEMAS.items():
        lf = scan_table(folder, name)
        # A snapshot written before a migration added a column (same data version): null.
        have = lf.collect_schema().names()
        lf = lf.with_columns(pl.lit(None, t).alias(c) for c, t in schema.items() if c not in have)
        if ys is not None and name not in YEARLESS:
            lf = lf.filter(pl.col("year").is_in(ys))
        frames[name] = lf
    collected = pl.collect_all(list(frames.values()))
    return Dataset(**dict(zip(frames, collected, strict=True)))


def load_dataset_fast(engine: Engine, *, years: Iterable[int] | None = None) -> tuple[str, Dataset]:
    """(data version, Dataset) through the snapshot: what the app and the benchmark call."""
    version, folder = ensure_snapshot(engine)
    try:
        return version, load_snapshot(folder, years=years)
    except (pl.exceptions.PolarsError, OSError) as exc:  # damaged after it was verified
        _discard(folder, f"unreadable: {type(exc).__name__}: {str(exc)[:200]}")
        version, folder = ensure_snapshot(engine)
        return version, load_snapshot(folder, years=years)
