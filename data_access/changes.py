"""Which tables and years each data version changed: what an incremental rebuild rebuilds.

Every new data version records, in `meta`, its parent version and the partitions the write
touched (`changes:<version>` = `<parent>|roster:2026;people:*`). A rebuild from a stored version
to the current one walks that chain back; a link missing (a write that recorded nothing, such as
an old importer or a hand edit bumping the version) means "everything changed", so a rebuild is
never less than what the data needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import polars as pl
from sqlalchemy import Connection, Engine, select

from data_access import models as m

PREFIX = "changes:"
ALL = "*"
MAX_LEN = 255  # meta.value is VARCHAR(255)
MAX_WALK = 200  # versions walked back before giving up (then: a full rebuild)

# A table's touched years: a set of years, or None for "the whole table" (yearless tables, or
# when the years are not known).
Touched = dict[str, set[int] | None]


def touched_of(tables: Mapping[str, pl.DataFrame]) -> Touched:
    """The partitions a write of `tables` touches: the years of each frame (ratings: of
    `period`), or the whole table when it has no year."""
    out: Touched = {}
    for name, frame in tables.items():
        if "year" in frame.columns:
            out[name] = {int(y) for y in frame["year"].drop_nulls().unique().to_list()}
        elif "period" in frame.columns:
            ys = frame["period"].cast(pl.String).str.slice(0, 4).cast(pl.Int32, strict=False)
            out[name] = {int(y) for y in ys.drop_nulls().unique().to_list()}
        else:
            out[name] = None
    return out


def encode(parent: str, touched: Touched | None) -> str:
    if touched is None:
        return f"{parent}|{ALL}"
    parts = []
    for name in sorted(touched):
        ys = touched[name]
        parts.append(f"{name}:{ALL if ys is None else ','.join(str(y) for y in sorted(ys))}")
    text = f"{parent}|{';'.join(parts)}"
    return text if len(text) <= MAX_LEN else f"{parent}|{ALL}"


def decode(text: str) -> tuple[str, Touched | None]:
    """(parent version, touched partitions or None for everything)."""
    parent, _, body = text.partition("|")
    if body == ALL:
        return parent, None
    out: Touched = {}
    for part in filter(None, body.split(";")):
        name, _, ys = part.partition(":")
        out[name] = None if ys == ALL else {int(y) for y in ys.split(",") if y}
    return parent, out


def merge(a: Touched, b: Touched) -> Touched:
    out: Touched = dict(a)
    for name, ys in b.items():
        if name in out:
            mine = out[name]
            out[name] = None if mine is None or ys is None else mine | ys
        else:
            out[name] = None if ys is None else set(ys)
    return out


def record(conn: Connection, parent: str, version: str, touched: Touched | None) -> None:
    """Write the change record of `version` (inside the caller's transaction)."""
    from sqlalchemy.dialects import postgresql, sqlite

    t = m.Meta.__table__
    ins = postgresql.insert(t) if conn.dialect.name == "postgresql" else sqlite.insert(t)
    value = encode(parent, touched)
    conn.execute(
        ins.values(key=PREFIX + version, value=value).on_conflict_do_update(
            index_elements=["key"], set_={"value": value}
        )
    )


def changed_since(engine: Engine, base: str, target: str) -> Touched | None:
    """Every partition changed from version `base` to `target`; None when the chain of records
    does not lead back to `base` (then everything must be rebuilt)."""
    if base == target:
        return {}
    with engine.connect() as conn:
        rows = conn.execute(
            select(m.Meta.key, m.Meta.value).where(m.Meta.key.startswith(PREFIX))
        ).all()
    links = {k[len(PREFIX) :]: v for k, v in rows}
    out: Touched = {}
    v = target
    for _ in range(MAX_WALK):
        text = links.get(v)
        if text is None:
            return None
        parent, touched = decode(text)
        if touched is None:
            return None
        out = merge(out, touched)
        if parent == base:
            return out
        v = parent
    return None


def years_touched(touched: Touched, tables: Iterable[str]) -> set[int] | None:
    """Years any of `tables` changed in; None when one of them changed whole."""
    out: set[int] = set()
    for name in tables:
        if name in touched:
            ys = touched[name]
            if ys is None:
                return None
            out |= ys
    return out
