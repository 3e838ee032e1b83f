"""Readers: build a `select()`, return a Polars frame with a declared schema.

Codes come back as `pl.Categorical` and years/counts as narrow integers, so frames stay small at
national scale and an empty result still has typed columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import polars as pl
from sqlalchemy import Connection, Engine, Select, select

from data_access import models as m
from data_access.errors import DataAccessError

CAT = pl.Categorical  # low-cardinality codes (units, clusters, kinds, ratings, awards)
STR = pl.String  # person codes are unique per person: a dictionary would only cost time
# Arrow-native reader (ADBC) for PostgreSQL; the SQLAlchemy row path otherwise.
FAST_READERS = True
SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "clusters": {
        "cluster_code": CAT,
        "cluster_name": pl.String,
        "organizer": pl.String,
        "period_start_month": pl.Int8,
    },
    "units": {
        "unit_code": CAT,
        "unit_name": pl.String,
        "cluster_code": CAT,
        "profile": CAT,
        "short_name": pl.String,
        "period_start_month": pl.Int8,
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
        "method": pl.String,
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
    # 0.3.0: the organisation over time (small tables; dashboard.organisation reads them)
    "cluster_members": {
        "year": pl.Int16,
        "cluster_code": CAT,
        "unit_code": CAT,
        "decision_no": pl.String,
        "decision_date": pl.Date,
    },
    "unit_changes": {
        "effective_date": pl.Date,
        "kind": CAT,
        "from_unit_code": CAT,
        "to_unit_code": CAT,
        "decision_no": pl.String,
    },
}


def _fast_uri(conn: Connection) -> tuple[str, str] | None:
    """(uri, engine) for Polars' Arrow-native reader, or None when only the DBAPI path is safe.

    PostgreSQL: ADBC, 1.8 s against 3.7 s through SQLAlchemy rows for 1 M roster rows.
    SQLite: never. connectorx (0.7 s) and ADBC bundle their own copy of SQLite, and two SQLite
    libraries in one process release each other's POSIX locks: we saw stale reads and "disk I/O
    error" on the WAL file (sqlite.org/howtocorrupt.html, 2.2.1). The Parquet snapshot
    (data_access/snapshot.py) is the fast path there.
    """
    url = conn.engine.url
    if url.get_backend_name() == "postgresql":
        plain = url.set(drivername="postgresql")
        return plain.render_as_string(hide_password=False), "adbc"
    return None


def _frame(conn: Connection, stmt: Select, table: str) -> pl.DataFrame:
    schema = SCHEMAS[table]
    sql = str(stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    # The fast path reads on its own connection, so it cannot see this transaction's writes:
    # only use it when the caller's connection holds no open transaction.
    fast = _fast_uri(conn) if FAST_READERS and not conn.in_transaction() else None
    if fast is not None:
        try:
            raw = pl.read_database_uri(sql, fast[0], engine=fast[1])  # type: ignore[arg-type]
            if raw.width == len(schema):
                raw.columns = list(schema)
                return raw.select(pl.col(c).cast(t, strict=False) for c, t in schema.items())
        except Exception:  # noqa: BLE001 - any fast-path failure: use the portable path below
            pass
    # The raw DBAPI cursor on the same connection (same transaction): 2.6 s for 1 M rows,
    # against 6.2 s through SQLAlchemy's Result rows.
    cur = conn.connection.driver_connection.cursor()
    try:
        cur.execute(sql)
        rows = cur.fetchall()
    finally:
        cur.close()
    # SQLite hands dates back as ISO text: build those as text too, then parse.
    textual = (pl.Categorical, pl.Date) if conn.dialect.name == "sqlite" else (pl.Categorical,)
    as_text = {c: (pl.String if t in textual else t) for c, t in schema.items()}
    frame = pl.DataFrame(rows, schema=as_text, orient="row", strict=False)
    # Typed even when empty; dictionary-encode codes after building (cheaper than during).
    return frame.with_columns(
        pl.col(c).str.to_date("%Y-%m-%d") if t == pl.Date else pl.col(c).cast(t)
        for c, t in schema.items()
        if t in textual
    )


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


def read_cluster_members(conn: Connection, *, years: Iterable[int] | None = None) -> pl.DataFrame:
    stmt = _years(select(*_cols(m.ClusterMember, "cluster_members")), m.ClusterMember.year, years)
    return _frame(
        conn, stmt.order_by(m.ClusterMember.year, m.ClusterMember.unit_code), "cluster_members"
    )


def read_unit_changes(conn: Connection) -> pl.DataFrame:
    stmt = select(*_cols(m.UnitChange, "unit_changes")).order_by(
        m.UnitChange.effective_date, m.UnitChange.from_unit_code, m.UnitChange.to_unit_code
    )
    return _frame(conn, stmt, "unit_changes")


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
    # 0.3.0; defaulted so hand-made Datasets of earlier tests need not name them
    cluster_members: pl.DataFrame = field(
        default_factory=lambda: pl.DataFrame(schema=SCHEMAS["cluster_members"])
    )
    unit_changes: pl.DataFrame = field(
        default_factory=lambda: pl.DataFrame(schema=SCHEMAS["unit_changes"])
    )

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
        cluster_members=read_cluster_members(conn, years=ys),
        unit_changes=read_unit_changes(conn),
    )


def load_dataset_stable(
    engine: Engine, *, years: Iterable[int] | None = None, attempts: int = 5
) -> tuple[str, Dataset]:
    """(data version, Dataset) that all comes from one committed state (issue 6).

    Each table is read by its own statement (on PostgreSQL the fast path even uses its own
    connection), so an import committing in the middle would give a mix of old and new tables.
    The data version is read before and after; when it moved, the load is repeated.
    """
    from data_access.engine import data_version

    for _ in range(attempts):
        before = data_version(engine)
        with engine.connect() as conn:
            ds = load_dataset(conn, years=years)
        if data_version(engine) == before:
            return before, ds
    raise DataAccessError(f"the data changed during {attempts} loads in a row; try again")
