"""Readers: build a `select()`, return a Polars frame with a declared schema.

Codes come back as `pl.Categorical` and years/counts as narrow integers, so frames stay small at
national scale and an empty result still has typed columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from sqlalchemy import Connection, Select, select

from data_access import models as m

CAT = pl.Categorical  # low-cardinality codes (units, clusters, kinds, ratings, awards)
STR = pl.String  # person codes are unique per person: a dictionary would only cost time
# Arrow-native readers (connectorx / ADBC) when installed; the SQLAlchemy row path otherwise.
FAST_READERS = True
SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "clusters": {"cluster_code": CAT, "cluster_name": pl.String, "organizer": pl.String},
    "units": {
        "unit_code": CAT,
        "unit_name": pl.String,
        "cluster_code": CAT,
        "profile": CAT,
    },
    "collectives": {
        "collective_code": CAT,
        "unit_code": CAT,
        "collective_name": pl.String,
        "kind": CAT,
    },
    "people": {"person_code": STR, "full_name": pl.String},
    "roster": {
        "year": pl.Int16,
        "person_code": STR,
        "unit_code": CAT,
        "collective_code": CAT,
        "initiatives": pl.Int16,
        "discipline": CAT,
    },
    "ratings": {
        "period": pl.String,
        "subject_kind": CAT,
        "subject_code": STR,
        "rating": CAT,
        "year": pl.Int16,
        "month": pl.Int8,
    },
    "awards": {
        "year": pl.Int16,
        "recipient_kind": CAT,
        "recipient_code": STR,
        "award_code": CAT,
        "decision_no": pl.String,
        "decision_date": pl.Date,
    },
    "targets": {
        "year": pl.Int16,
        "scope_kind": CAT,
        "scope_code": CAT,
        "indicator": CAT,
        "min_pct": pl.Float64,
        "max_pct": pl.Float64,
    },
    "cluster_roles": {"year": pl.Int16, "cluster_code": CAT, "unit_code": CAT, "role": CAT},
    "scores": {
        "year": pl.Int16,
        "unit_code": CAT,
        "criterion": pl.String,
        "max_points": pl.Float64,
        "self_points": pl.Float64,
        "final_points": pl.Float64,
    },
    "unit_counts": {"year": pl.Int16, "unit_code": CAT, "measure": CAT, "value": pl.Int64},
}


def _fast_uri(conn: Connection) -> tuple[str, str] | None:
    """(uri, engine) for Polars' Arrow-native readers, or None when only the DBAPI path works.

    Measured on 1 M roster rows (docs/benchmarks.md): SQLite 0.7 s with connectorx against 3.2 s
    through SQLAlchemy rows; PostgreSQL 1.8 s with ADBC against 3.7 s.
    """
    url = conn.engine.url
    backend = url.get_backend_name()
    if backend == "sqlite":
        db = url.database
        if not db or db == ":memory:" or db.startswith("file:"):
            return None
        return f"sqlite://{Path(db).resolve()}", "connectorx"
    if backend == "postgresql":
        plain = url.set(drivername="postgresql")
        return plain.render_as_string(hide_password=False), "adbc"
    return None


def _frame(conn: Connection, stmt: Select, table: str) -> pl.DataFrame:
    schema = SCHEMAS[table]
    fast = _fast_uri(conn) if FAST_READERS else None
    if fast is not None:
        sql = str(stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
        try:
            raw = pl.read_database_uri(sql, fast[0], engine=fast[1])  # type: ignore[arg-type]
            if raw.width == len(schema):
                raw.columns = list(schema)
                return raw.select(pl.col(c).cast(t, strict=False) for c, t in schema.items())
        except Exception:  # noqa: BLE001 - any fast-path failure: use the portable path below
            pass
    rows = conn.execute(stmt).all()
    # Build from columns with a declared schema: typed even when empty, no dtype guessing.
    cols = list(zip(*rows, strict=True)) if rows else [[] for _ in schema]
    data = {name: list(col) for name, col in zip(schema, cols, strict=True)}
    return pl.DataFrame(data, schema=schema, strict=False)


def _cols(model: type[m.Base], table: str) -> list:
    return [getattr(model, c) for c in SCHEMAS[table]]


def _years(stmt: Select, col, years: Iterable[int] | None) -> Select:
    return stmt if years is None else stmt.where(col.in_(list(years)))


def read_clusters(conn: Connection) -> pl.DataFrame:
    stmt = select(*_cols(m.Cluster, "clusters")).order_by(m.Cluster.cluster_code)
    return _frame(conn, stmt, "clusters")


def read_units(conn: Connection, *, cluster_codes: Iterable[str] | None = None) -> pl.DataFrame:
    stmt = select(*_cols(m.Unit, "units")).order_by(m.Unit.unit_code)
    if cluster_codes is not None:
        stmt = stmt.where(m.Unit.cluster_code.in_(list(cluster_codes)))
    return _frame(conn, stmt, "units")


def read_collectives(conn: Connection) -> pl.DataFrame:
    stmt = select(*_cols(m.Collective, "collectives")).order_by(m.Collective.collective_code)
    return _frame(conn, stmt, "collectives")


def read_people(conn: Connection, *, person_codes: Iterable[str] | None = None) -> pl.DataFrame:
    stmt = select(*_cols(m.Person, "people"))
    if person_codes is not None:
        stmt = stmt.where(m.Person.person_code.in_(list(person_codes)))
    return _frame(conn, stmt, "people")


def read_roster(
    conn: Connection,
    *,
    years: Iterable[int] | None = None,
    unit_codes: Iterable[str] | None = None,
) -> pl.DataFrame:
    stmt = _years(select(*_cols(m.Roster, "roster")), m.Roster.year, years)
    if unit_codes is not None:
        stmt = stmt.where(m.Roster.unit_code.in_(list(unit_codes)))
    return _frame(conn, stmt, "roster")


def read_ratings(conn: Connection, *, years: Iterable[int] | None = None) -> pl.DataFrame:
    stmt = _years(select(*_cols(m.Rating, "ratings")), m.Rating.year, years)
    return _frame(conn, stmt, "ratings")


def read_awards(conn: Connection, *, years: Iterable[int] | None = None) -> pl.DataFrame:
    stmt = _years(select(*_cols(m.Award, "awards")), m.Award.year, years)
    return _frame(conn, stmt, "awards")


def read_targets(conn: Connection, *, years: Iterable[int] | None = None) -> pl.DataFrame:
    return _frame(
        conn, _years(select(*_cols(m.Target, "targets")), m.Target.year, years), "targets"
    )


def read_cluster_roles(conn: Connection, *, years: Iterable[int] | None = None) -> pl.DataFrame:
    stmt = _years(select(*_cols(m.ClusterRole, "cluster_roles")), m.ClusterRole.year, years)
    return _frame(conn, stmt, "cluster_roles")


def read_scores(conn: Connection, *, years: Iterable[int] | None = None) -> pl.DataFrame:
    return _frame(conn, _years(select(*_cols(m.Score, "scores")), m.Score.year, years), "scores")


def read_unit_counts(conn: Connection, *, years: Iterable[int] | None = None) -> pl.DataFrame:
    stmt = _years(select(*_cols(m.UnitCount, "unit_counts")), m.UnitCount.year, years)
    return _frame(conn, stmt, "unit_counts")


def read_years(conn: Connection) -> list[int]:
    """Every year that has roster, unit_counts or targets, ascending."""
    from sqlalchemy import union

    stmt = union(select(m.Roster.year), select(m.UnitCount.year), select(m.Target.year))
    return sorted(int(y) for (y,) in conn.execute(stmt))


@dataclass(frozen=True)
class Dataset:
    """Everything the engine reads, as frames. Built by `load_dataset`, or by hand in tests."""

    clusters: pl.DataFrame
    units: pl.DataFrame
    collectives: pl.DataFrame
    people: pl.DataFrame
    roster: pl.DataFrame
    ratings: pl.DataFrame
    awards: pl.DataFrame
    targets: pl.DataFrame
    cluster_roles: pl.DataFrame
    scores: pl.DataFrame
    unit_counts: pl.DataFrame

    @classmethod
    def empty(cls, **frames: pl.DataFrame) -> Dataset:
        """Empty typed frames, with any given ones cast to the declared schema (for tests)."""
        out = {}
        for name, schema in SCHEMAS.items():
            f = frames.get(name)
            if f is None:
                out[name] = pl.DataFrame(schema=schema)
            else:
                missing = [c for c in schema if c not in f.columns]
                f = f.with_columns(pl.lit(None).alias(c) for c in missing)
                out[name] = f.select(pl.col(c).cast(t) for c, t in schema.items())
        return cls(**out)


def load_dataset(conn: Connection, *, years: Iterable[int] | None = None) -> Dataset:
    """Read every table (filtered by `years` where a table has a year) into one Dataset."""
    ys = None if years is None else list(years)
    return Dataset(
        clusters=read_clusters(conn),
        units=read_units(conn),
        collectives=read_collectives(conn),
        people=read_people(conn),
        roster=read_roster(conn, years=ys),
        ratings=read_ratings(conn, years=ys),
        awards=read_awards(conn, years=ys),
        targets=read_targets(conn, years=ys),
        cluster_roles=read_cluster_roles(conn, years=ys),
        scores=read_scores(conn, years=ys),
        unit_counts=read_unit_counts(conn, years=ys),
    )
