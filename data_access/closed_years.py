"""Closed years (khóa sổ): after the year-end review a year is closed, for one cluster or for
all; an import may not change a closed year's rows, and reopening it is audited with a reason.

`lock`, `unlock`, `locked_years` and `closed` serve the command line and the Dữ liệu page;
`refused_rows` runs inside the import's transaction (data_access.importer.api) and names every
row of the files that would change a closed year.
"""

from __future__ import annotations

import unicodedata

import polars as pl
from sqlalchemy import Connection, Engine, delete, insert, select

from data_access import writer
from data_access.accounts import audit_in, printable
from data_access.errors import DataAccessError, UnknownCode
from data_access.models import (
    ALL_CLUSTERS,
    YEAR_MAX,
    YEAR_MIN,
    ClosedYear,
    Cluster,
    Collective,
    Roster,
    Unit,
)

REFUSED_SCHEMA = {
    "file": pl.String,
    "row": pl.Int64,
    "column": pl.String,
    "year": pl.Int64,
    "cluster": pl.String,
}


class YearLockError(DataAccessError):
    """A lock that cannot be set or lifted; `key` names the message, `params` fill it."""

    def __init__(self, key: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.key, self.params = key, params


REASON_MIN_LETTERS = 3


def reason_text(reason: object) -> str | None:
    """The reason as it is stored: invisible characters (format and control: zero-width spaces,
    direction marks) dropped, spaces collapsed; None unless it has at least five characters of
    which REASON_MIN_LETTERS are letters (issue 20: five zero-width spaces were a reason)."""
    text = "".join(
        ch for ch in str(reason or "") if unicodedata.category(ch)[0] != "C" or ch in "\t\n"
    )
    why = " ".join(text.split())
    letters = sum(unicodedata.category(ch).startswith("L") for ch in why)
    return why if len(why) >= 5 and letters >= REASON_MIN_LETTERS else None


def _check(conn: Connection, year: int, cluster: str | None) -> str:
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise YearLockError("year_range", f"Year {year} outside {YEAR_MIN}-{YEAR_MAX}", year=year)
    if cluster is None:
        return ALL_CLUSTERS
    known = conn.execute(select(Cluster.cluster_code)).scalars().all()
    if cluster not in known:
        raise UnknownCode("cluster", cluster, list(known))
    return cluster


def lock(engine: Engine, year: int, cluster: str | None = None, *, actor: str | None) -> bool:
    """Close `year` for `cluster` (None: every cluster). False when it was closed already."""
    with engine.begin() as conn:
        code = _check(conn, year, cluster)
        done = conn.execute(
            select(ClosedYear.year).where(ClosedYear.year == year, ClosedYear.cluster_code == code)
        ).first()
        if done:
            return False
        conn.execute(insert(ClosedYear).values(year=year, cluster_code=code, closed_by=actor))
        audit_in(conn, actor, "year_lock", f"year={year} cluster={code}")
    return True


def unlock(
    engine: Engine, year: int, cluster: str | None = None, *, reason: str, actor: str | None
) -> None:
    """Reopen `year` for `cluster` (None: the lock of every cluster), audited with `reason`."""
    why = reason_text(reason)
    if why is None:
        raise YearLockError("reason_needed", "Unlocking needs --reason (a few words)")
    with engine.begin() as conn:
        code = _check(conn, year, cluster)
        gone = conn.execute(
            delete(ClosedYear).where(ClosedYear.year == year, ClosedYear.cluster_code == code)
        ).rowcount
        if not gone:
            whole = code != ALL_CLUSTERS and year in _years(conn, None)
            key = "closed_for_all" if whole else "not_closed"
            raise YearLockError(key, f"Year {year} ({code}): {key}", year=year, cluster=code)
        audit_in(conn, actor, "year_unlock", f"year={year} cluster={code} reason={why}")


def _years(conn: Connection, cluster: str | None) -> list[int]:
    codes = [ALL_CLUSTERS] if cluster is None else [ALL_CLUSTERS, cluster]
    rows = conn.execute(
        select(ClosedYear.year).where(ClosedYear.cluster_code.in_(codes)).distinct()
    ).scalars()
    return sorted(rows)


def locked_years(engine: Engine, cluster: str | None = None) -> list[int]:
    """Years closed for `cluster` (closed for it or for all); None: years closed for all."""
    with engine.connect() as conn:
        return _years(conn, cluster)


def closed(engine: Engine) -> pl.DataFrame:
    """Every lock: year, cluster_code (null: every cluster), closed_by, closed_at."""
    schema = {
        "year": pl.Int64,
        "cluster_code": pl.String,
        "closed_by": pl.String,
        "closed_at": pl.Datetime,
    }
    t = ClosedYear
    with engine.connect() as conn:
        rows = conn.execute(
            select(t.year, t.cluster_code, t.closed_by, t.closed_at).order_by(
                t.year, t.cluster_code
            )
        ).all()
    frame = pl.DataFrame([tuple(r) for r in rows], schema=schema, orient="row")
    return frame.with_columns(
        pl.when(pl.col("cluster_code") != ALL_CLUSTERS).then(pl.col("cluster_code"))
    )


# --- the import check ---------------------------------------------------------------------------


def _unit_clusters(conn: Connection, tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    rows = conn.execute(select(Unit.unit_code, Unit.cluster_code)).all()
    frames = [pl.DataFrame(rows, schema=["unit_code", "cluster_code"], orient="row")]
    if "units" in tables:
        frames.append(tables["units"].select("unit_code", "cluster_code"))
    both = pl.concat([f.cast(pl.String) for f in frames], how="vertical")
    return both.unique(subset="unit_code", keep="last")


def _owners(
    conn: Connection, tables: dict[str, pl.DataFrame], kind: str, codes: list[str]
) -> pl.DataFrame:
    """(code, unit_code) for persons (through the roster) or collectives, files and database."""
    table, model = ("roster", Roster) if kind == "person" else ("collectives", Collective)
    key = "person_code" if kind == "person" else "collective_code"
    parts = []
    if table in tables:
        parts.append(tables[table].select(pl.col(key).alias("code"), "unit_code"))
    column = getattr(model, key)
    for i in range(0, len(codes), 5000):  # bounded parameter lists on both engines
        rows = conn.execute(
            select(column, model.unit_code).where(column.in_(codes[i : i + 5000])).distinct()
        ).all()
        parts.append(pl.DataFrame(rows, schema=["code", "unit_code"], orient="row"))
    if not parts:
        return pl.DataFrame(schema={"code": pl.String, "unit_code": pl.String})
    return pl.concat([p.cast(pl.String) for p in parts], how="vertical").unique()


_KIND = {
    "ratings": ("subject_kind", "subject_code"),
    "awards": ("recipient_kind", "recipient_code"),
}


def _row_units(
    conn: Connection, tables: dict[str, pl.DataFrame], name: str, frame: pl.DataFrame
) -> pl.DataFrame:
    """(__file, __row, year, unit_code | cluster_code) for the rows of one table."""
    base = frame.select("__file", "__row", pl.col("year").cast(pl.Int64))
    if "unit_code" in frame.columns:
        return base.with_columns(unit_code=frame["unit_code"].cast(pl.String), cluster_code=None)
    if "cluster_code" in frame.columns:
        return base.with_columns(unit_code=None, cluster_code=frame["cluster_code"].cast(pl.String))
    if name == "targets":
        kind, code = pl.col("scope_kind").cast(pl.String), pl.col("scope_code").cast(pl.String)
        return frame.select(
            "__file",
            "__row",
            pl.col("year").cast(pl.Int64),
            pl.when(kind == "unit").then(code).alias("unit_code"),
            pl.when(kind == "cluster").then(code).alias("cluster_code"),
        )
    kind_col, code_col = _KIND[name]
    kinds = frame.select(
        "__file",
        "__row",
        pl.col("year").cast(pl.Int64),
        pl.col(kind_col).cast(pl.String).alias("kind"),
        pl.col(code_col).cast(pl.String).alias("code"),
    )
    out = [kinds.filter(kind="unit").select("__file", "__row", "year", unit_code="code")]
    for kind in ("person", "collective"):
        some = kinds.filter(kind=kind)
        if some.height:
            owners = _owners(conn, tables, kind, some["code"].unique().to_list())
            joined = some.join(owners, on="code", how="left")
            out.append(joined.select("__file", "__row", "year", "unit_code"))
    return pl.concat(out, how="vertical").with_columns(cluster_code=pl.lit(None, pl.String))


def refused_rows(conn: Connection, tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """Rows of the import that would change a closed year (new or different from what is
    stored; identical rows are harmless): file, row, year, cluster ("*" when closed for all)."""
    if not any("year" in f.columns for f in tables.values()):
        return pl.DataFrame(schema=REFUSED_SCHEMA)  # clusters, units, people: no year to close
    locks = conn.execute(select(ClosedYear.year, ClosedYear.cluster_code)).all()
    if not locks:
        return pl.DataFrame(schema=REFUSED_SCHEMA)
    all_years = {y for y, c in locks if c == ALL_CLUSTERS}
    by_cluster = pl.DataFrame(
        [(y, c) for y, c in locks if c != ALL_CLUSTERS],
        schema={"year": pl.Int64, "cluster_code": pl.String},
        orient="row",
    )
    years = {y for y, _ in locks}
    units = None
    out = []
    for name, frame in tables.items():
        if "year" not in frame.columns or "__row" not in frame.columns:
            continue
        touched = frame.filter(pl.col("year").cast(pl.Int64).is_in(list(years)))
        if touched.is_empty():
            continue
        touched = writer.changes(conn, name, touched)
        if touched.is_empty():
            continue
        rows = _row_units(conn, tables, name, touched)
        column = pl.lit("period" if name == "ratings" else "year")
        whole = rows.filter(pl.col("year").is_in(list(all_years)))
        out.append(whole.select("__file", "__row", column=column, year="year", cluster=pl.lit("*")))
        if by_cluster.height:
            units = _unit_clusters(conn, tables) if units is None else units
            placed = rows.join(units, on="unit_code", how="left", suffix="_u").select(
                "__file", "__row", "year", pl.coalesce("cluster_code", "cluster_code_u")
            )
            hit = placed.join(by_cluster, on=["year", "cluster_code"], how="inner")
            out.append(
                hit.select("__file", "__row", column=column, year="year", cluster="cluster_code")
            )
    if not out:
        return pl.DataFrame(schema=REFUSED_SCHEMA)
    frame = pl.concat(out, how="vertical").rename({"__file": "file", "__row": "row"})
    frame = frame.cast({"row": pl.Int64}).unique(subset=["file", "row"], keep="first")
    return frame.sort("file", "row")


def describe(frame: pl.DataFrame) -> str:
    """Years and clusters of refused rows, for a one-line summary: "2024 (*), 2025 (C1)"."""
    pairs = frame.select("year", "cluster").unique().sort("year", "cluster").rows()
    return ", ".join(f"{y} ({printable(c, 64)})" for y, c in pairs)
