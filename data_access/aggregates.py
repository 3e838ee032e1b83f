"""A versioned store beside the snapshot: every contract table (a Parquet file per year where
the table has a year) and the per-year frames the dashboard derives from them (the unit-year
`counts`, the budget), one folder per data version.

Why: an app process that keeps only the small derived frames in memory, and reads person rows
per unit and year with predicate pushdown, holds megabytes instead of gigabytes. An import that
touched some tables and years (data_access.changes) rebuilds only those files: the others are
hard-linked from the last complete version. The new version is built in a hidden folder and
renamed into place after its manifest is written, so a reader sees a whole version or none; a
file lock makes the app processes sharing the folder build each version once, not once each.

data_access stores frames only: what is derived, and how, is the caller's (dashboard.pipeline
passes `Derived` recipes).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from sqlalchemy import Engine, select

from data_access import changes, integrity
from data_access import models as m
from data_access.engine import data_version
from data_access.errors import StorageError
from data_access.readers import SCHEMAS, Dataset
from data_access.snapshot import snapshot_root

log = logging.getLogger(__name__)

YEARLESS = ("clusters", "units", "collectives", "people", "unit_changes")
PERSON_LEVEL = ("people", "roster", "ratings", "awards")
SMALL = tuple(t for t in SCHEMAS if t not in PERSON_LEVEL)
MANIFEST = "MANIFEST.json"
KEEP = 3  # complete versions kept: the current one and those readers may still be scanning
CHUNK = 200_000  # rows per fetch when exporting from SQLite (bounds the driver's row objects)


@dataclass(frozen=True)
class Derived:
    """A frame derived per year: `make(store, year)` reads `inputs` (contract tables) only."""

    name: str
    inputs: tuple[str, ...]
    make: Callable[[Store, int], pl.DataFrame]
    # inputs whose year-Y partition also feeds year Y + 1 (a school year's first months are
    # in the calendar year before): a change to it rebuilds both years
    feeds_next: tuple[str, ...] = ()


def root_for(engine: Engine) -> Path:
    snap = snapshot_root(engine)
    return snap.with_name(snap.name + ".parts")


def _file(folder: Path, kind: str, name: str, year: int | None) -> Path:
    base = folder / kind / name
    return base.with_suffix(".parquet") if year is None else base / f"{year}.parquet"


def _empty(name: str) -> pl.LazyFrame:
    return pl.DataFrame(schema=SCHEMAS[name]).lazy()


class Store:
    """One complete (or, while building, partial) version folder."""

    def __init__(self, folder: Path, manifest: dict) -> None:
        self.folder = folder
        self.manifest = manifest
        self.version: str = manifest["version"]

    def years(self, name: str, *, kind: str = "tables") -> list[int]:
        return list(self.manifest[kind].get(name) or [])

    def has(self, kind: str, name: str, year: int | None) -> bool:
        if name not in self.manifest[kind]:
            return False
        ys = self.manifest[kind][name]
        return ys is None if year is None else (ys is not None and year in ys)

    def scan(self, name: str, years: Iterable[int] | None = None) -> pl.LazyFrame:
        """Contract table `name` (of `years` when given), typed as `readers.SCHEMAS`."""
        schema = SCHEMAS[name]
        if name in YEARLESS:
            lf = pl.scan_parquet(_file(self.folder, "tables", name, None))
        else:
            have = self.years(name)
            ys = have if years is None else [y for y in have if y in set(years)]
            if not ys:
                return _empty(name)
            lf = pl.scan_parquet([_file(self.folder, "tables", name, y) for y in ys])
        cols = lf.collect_schema().names()
        lf = lf.with_columns(pl.lit(None, t).alias(c) for c, t in schema.items() if c not in cols)
        return lf.select(pl.col(c).cast(t) for c, t in schema.items())

    def read(self, name: str, years: Iterable[int] | None = None) -> pl.DataFrame:
        """Derived frame `name` of `years` (every stored year when None), stacked."""
        have = self.years(name, kind="derived")
        ys = have if years is None else [y for y in have if y in set(years)]
        files = [_file(self.folder, "derived", name, y) for y in ys]
        if not files:  # typed like the stored years, so callers can stack and filter it
            if not have:
                return pl.DataFrame()
            schema = pl.read_parquet_schema(_file(self.folder, "derived", name, have[0]))
            return pl.DataFrame(schema=schema)
        return pl.concat([pl.read_parquet(f) for f in files], how="diagonal_relaxed")

    def dataset(
        self, *, years: Iterable[int] | None = None, tables: Iterable[str] | None = None
    ) -> Dataset:
        """The Dataset of `years`, with only `tables` read (the others empty)."""
        want = set(SCHEMAS if tables is None else tables)
        ys = None if years is None else sorted({int(y) for y in years})
        frames = {n: self.scan(n, ys) if n in want else _empty(n) for n in SCHEMAS}
        return Dataset(**dict(zip(frames, pl.collect_all(list(frames.values())), strict=True)))

    def dataset_for_units(
        self, units: Sequence[str], *, years: Iterable[int] | None = None
    ) -> Dataset:
        """The person-level rows behind `units`: every record (of `years`) of the people on
        their roster, of their collectives and of the units themselves; small tables whole.

        Files are read with the unit and code predicates pushed down, so a cluster costs its
        own rows, not the nation's."""
        ys = None if years is None else sorted({int(y) for y in years})
        wanted = pl.Series([str(u) for u in units], dtype=pl.String)
        in_units = pl.col("unit_code").cast(pl.String).is_in(wanted.implode())
        roster = self.scan("roster", ys)
        persons = (
            roster.filter(in_units).select(pl.col("person_code").cast(pl.String)).unique().collect()
        )["person_code"]
        colls = self.scan("collectives").filter(in_units).collect()
        codes = pl.concat([persons, colls["collective_code"].cast(pl.String), wanted]).unique()
        frames = {
            "roster": roster.filter(in_units | pl.col("person_code").is_in(persons.implode())),
            "people": self.scan("people").filter(pl.col("person_code").is_in(persons.implode())),
            "awards": self.scan("awards", ys).filter(
                pl.col("recipient_code").is_in(codes.implode())
            ),
            "ratings": self.scan("ratings", ys).filter(
                pl.col("subject_code").is_in(codes.implode())
            ),
        }
        frames |= {n: self.scan(n, None if n in YEARLESS else ys) for n in SMALL}
        frames["collectives"] = colls.lazy()
        got = dict(zip(frames, pl.collect_all(list(frames.values())), strict=True))
        return Dataset(**{n: got[n] for n in SCHEMAS})


# --- reading from the database ------------------------------------------------------------------
def _columns(name: str) -> list:
    model = m.TABLE_BY_NAME[name]
    return [getattr(model, c) for c in SCHEMAS[name]]


def _db_years(conn, name: str) -> list[int]:
    col = m.TABLE_BY_NAME[name].year
    return sorted(int(y) for (y,) in conn.execute(select(col).distinct()) if y is not None)


def _chunks(conn, name: str, year: int | None) -> Iterator[pl.DataFrame]:
    """Rows of `name` (of `year`) in frames of CHUNK rows, typed as SCHEMAS."""
    schema = SCHEMAS[name]
    stmt = select(*_columns(name))
    if year is not None:
        stmt = stmt.where(m.TABLE_BY_NAME[name].year == year)
    sqlite = conn.dialect.name == "sqlite"
    textual = (pl.Categorical, pl.Date) if sqlite else (pl.Categorical,)
    as_text = {c: (pl.String if t in textual else t) for c, t in schema.items()}
    sql = str(stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    raw = conn.connection.driver_connection
    # A server-side cursor on PostgreSQL, so the driver never holds the whole year either.
    cur = raw.cursor(name=f"parts_{name}") if not sqlite else raw.cursor()
    try:
        cur.execute(sql)
        while rows := cur.fetchmany(CHUNK):
            frame = pl.DataFrame(rows, schema=as_text, orient="row", strict=False)
            yield frame.with_columns(
                pl.col(c).str.to_date("%Y-%m-%d") if t == pl.Date else pl.col(c).cast(t)
                for c, t in schema.items()
                if t in textual
            )
    finally:
        cur.close()


def _export(conn, name: str, year: int | None, dest: Path) -> None:
    parts = list(_chunks(conn, name, year))
    frame = pl.concat(parts) if parts else pl.DataFrame(schema=SCHEMAS[name])
    if "unit_code" in frame.columns and name in ("roster", "collectives"):
        # Sorted by unit: row-group statistics then skip most of a file for one unit's rows.
        frame = frame.sort(pl.col("unit_code").cast(pl.String))
    dest.parent.mkdir(parents=True, exist_ok=True)
    frame.write_parquet(dest, statistics=True, row_group_size=50_000)


def _link(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dest)  # same bytes, no copy: the file is never rewritten in place
    except OSError:
        shutil.copy2(src, dest)


# --- versions on disk ---------------------------------------------------------------------------
def _read_manifest(folder: Path) -> dict | None:
    try:
        return json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError):
        return None


def complete_versions(root: Path) -> list[Store]:
    """Complete versions under `root`, oldest first."""
    out = []
    if root.exists():
        for p in root.iterdir():
            if p.is_dir() and not p.name.startswith("."):
                man = _read_manifest(p)
                if man is not None:
                    out.append(Store(p, man))
    return sorted(out, key=lambda s: s.manifest.get("built_at", 0))


@contextlib.contextmanager
def _locked(root: Path) -> Iterator[None]:
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)  # released when the file closes (or the process dies)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _wanted(touched: changes.Touched | None, name: str, year: int | None) -> bool:
    if touched is None:
        return True
    if name not in touched:
        return False
    ys = touched[name]
    return ys is None or year is None or year in ys


def _build(
    engine: Engine,
    version: str,
    tmp: Path,
    base: Store | None,
    touched: changes.Touched | None,
    derived: Sequence[Derived],
    recipe: str,
) -> dict:
    man: dict = {"version": version, "recipe": recipe, "tables": {}, "derived": {}, "rebuilt": []}
    with engine.connect() as conn:
        for name in SCHEMAS:
            parts: list[int | None] = [None] if name in YEARLESS else list(_db_years(conn, name))
            for y in parts:
                dest = _file(tmp, "tables", name, y)
                if (
                    base is not None
                    and base.has("tables", name, y)
                    and not _wanted(touched, name, y)
                ):
                    _link(_file(base.folder, "tables", name, y), dest)
                else:
                    _export(conn, name, y, dest)
                    man["rebuilt"].append(f"tables/{name}/{y}")
            man["tables"][name] = None if name in YEARLESS else parts
    store = Store(tmp, man)
    same_recipe = base is not None and base.manifest.get("recipe") == recipe
    for d in derived:
        yeared = [n for n in d.inputs if n not in YEARLESS]
        ys = sorted({y for n in yeared for y in store.years(n)})
        whole = touched is None or any(n in touched for n in d.inputs if n in YEARLESS)
        changed = None if whole else changes.years_touched(touched, yeared)
        if changed is not None and d.feeds_next:
            spill = changes.years_touched(touched, [n for n in d.feeds_next if n in yeared])
            changed = None if spill is None else {*changed, *(y + 1 for y in spill)}
        for y in ys:
            dest = _file(tmp, "derived", d.name, y)
            keep = same_recipe and base.has("derived", d.name, y)
            if keep and changed is not None and y not in changed:
                _link(_file(base.folder, "derived", d.name, y), dest)
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            d.make(store, y).write_parquet(dest, statistics=True)
            man["rebuilt"].append(f"derived/{d.name}/{y}")
        man["derived"][d.name] = ys
    man["built_at"] = time.time()
    man["builder_pid"] = os.getpid()
    man["files"] = integrity.fingerprints(tmp, None if base is None else base.folder,
                                          None if base is None else base.manifest)  # fmt: skip
    return man


def _prune(root: Path, keep: int = KEEP) -> None:
    for s in complete_versions(root)[:-keep]:
        shutil.rmtree(s.folder, ignore_errors=True)


def ensure(
    engine: Engine, derived: Sequence[Derived], *, recipe: str = "", attempts: int = 5
) -> Store:
    """The complete, checked store of the current data version, building it (once, whatever
    the number of processes) when missing: only the partitions changed since the last stored
    version. A version whose files do not match its manifest is logged and rebuilt in full. A
    folder that cannot be written is a StorageError naming it."""
    root = root_for(engine)
    try:
        return _ensure(engine, root, derived, recipe, attempts)
    except StorageError:
        raise
    except OSError as exc:
        raise StorageError.from_os(exc, str(root)) from exc


def _ensure(
    engine: Engine, root: Path, derived: Sequence[Derived], recipe: str, attempts: int
) -> Store:
    for _ in range(attempts):
        version = data_version(engine)
        target = root / version
        man = _read_manifest(target)
        ready = _sound(Store(target, man)) if man and man.get("recipe") == recipe else None
        if ready is not None:
            return ready
        with _locked(root):
            man = _read_manifest(target)
            ready = _sound(Store(target, man)) if man and man.get("recipe") == recipe else None
            if ready is not None:
                return ready  # another process built (or rebuilt) it while we waited
            for stale in root.glob(".building-*"):  # left by a killed build; none runs now
                shutil.rmtree(stale, ignore_errors=True)
            done = [s for s in complete_versions(root) if s.version != version]
            # The base lends its files by hard link: only a base that passes its own check.
            base = _sound(done[-1]) if done else None
            touched = None if base is None else changes.changed_since(engine, base.version, version)
            tmp = Path(tempfile.mkdtemp(prefix=".building-", dir=root))
            try:
                man = _build(engine, version, tmp, base, touched, derived, recipe)
                if data_version(engine) != version:
                    continue  # an import committed mid-build: the files may mix two states
                (tmp / MANIFEST).write_text(json.dumps(man))  # last: marks the folder whole
                if target.exists():
                    shutil.rmtree(target)  # an older recipe's, or a damaged, folder
                tmp.rename(target)
            finally:
                if tmp.exists():
                    shutil.rmtree(tmp, ignore_errors=True)
            _prune(root)
            return Store(target, man)
    raise RuntimeError("the data kept changing while the aggregates were built; try again")


def _sound(store: Store | None) -> Store | None:
    """`store` when its files match its manifest (`integrity.problem`); None, logged, when
    not: the caller rebuilds it from the database."""
    if store is None:
        return None
    why = integrity.problem(store.folder, store.manifest)
    if why is None:
        return store
    log.warning("aggregates %s: %s; rebuilding it from the database", store.folder, why)
    return None


def current(engine: Engine, *, recipe: str = "") -> Store | None:
    """The store of the current version if it is complete and passes its check (never
    builds)."""
    target = root_for(engine) / data_version(engine)
    man = _read_manifest(target)
    if man is None or man.get("recipe") != recipe:
        return None
    return _sound(Store(target, man))
