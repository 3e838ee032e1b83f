"""Which units and clusters an import touches, so a caller can refuse an import outside a role's
scope (issue 6) inside the import's transaction: all or nothing still holds.

A person or a collective belongs to the units the roster / collectives give it, in the files
being imported and in the database (a secretary may not rename another cluster's staff).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl
from sqlalchemy import Connection, select

from data_access.models import Collective, Roster

KIND_COLUMNS = {
    "ratings": ("subject_kind", "subject_code"),
    "awards": ("recipient_kind", "recipient_code"),
}


@dataclass(frozen=True)
class Touched:
    units: frozenset[str]
    clusters: frozenset[str]


# Called with what the import touches; returns False to refuse the whole import.
ScopeCheck = Callable[[Touched], bool]


def _codes(frame: pl.DataFrame, col: str) -> set[str]:
    if col not in frame.columns:
        return set()
    return set(frame.get_column(col).cast(pl.String).drop_nulls().unique().to_list())


def _codes_of_kind(frame: pl.DataFrame, kind_col: str, code_col: str, kind: str) -> set[str]:
    if kind_col not in frame.columns or code_col not in frame.columns:
        return set()
    return _codes(frame.filter(pl.col(kind_col).cast(pl.String) == kind), code_col)


def _owners(
    conn: Connection, tables: dict[str, pl.DataFrame], table: str, key: str, codes: set[str]
) -> set[str]:
    """Units of the persons (roster) or collectives `codes`, from the files and the database."""
    if not codes:
        return set()
    frame = tables.get(table)
    units = set()
    if frame is not None and key in frame.columns and "unit_code" in frame.columns:
        units |= _codes(frame.filter(pl.col(key).cast(pl.String).is_in(list(codes))), "unit_code")
    model = Roster if table == "roster" else Collective
    column = getattr(model, key)
    wanted = sorted(codes)
    for i in range(0, len(wanted), 5000):  # bounded parameter lists on both engines
        rows = conn.execute(
            select(model.unit_code).where(column.in_(wanted[i : i + 5000])).distinct()
        ).scalars()
        units |= {str(u) for u in rows}
    return units


def touched(conn: Connection, tables: dict[str, pl.DataFrame]) -> Touched:
    units: set[str] = set()
    clusters: set[str] = set()
    persons: set[str] = set()
    collectives: set[str] = set()
    for name, frame in tables.items():
        units |= _codes(frame, "unit_code")
        clusters |= _codes(frame, "cluster_code")
        if name == "people":
            persons |= _codes(frame, "person_code")
        if name == "roster":
            persons |= _codes(frame, "person_code")
        if name == "unit_changes":  # a merger touches both sides' units (contract 0.3.0)
            units |= _codes(frame, "from_unit_code") | _codes(frame, "to_unit_code")
        if name == "targets":
            units |= _codes_of_kind(frame, "scope_kind", "scope_code", "unit")
            clusters |= _codes_of_kind(frame, "scope_kind", "scope_code", "cluster")
        if name in KIND_COLUMNS:
            kind, code = KIND_COLUMNS[name]
            units |= _codes_of_kind(frame, kind, code, "unit")
            persons |= _codes_of_kind(frame, kind, code, "person")
            collectives |= _codes_of_kind(frame, kind, code, "collective")
    units |= _owners(conn, tables, "roster", "person_code", persons)
    units |= _owners(conn, tables, "collectives", "collective_code", collectives)
    return Touched(frozenset(units), frozenset(clusters))
