"""The import's check of closed years (khóa sổ): which rows of an import would change a closed
year's figures (data_access.closed_years holds the locks themselves).

A changed row is judged by where it puts a person, a unit or a collective and by where the
stored row had it; units moved and collectives re-kinded count for the closed years they have
figures in; a unit is placed in a year by that year's cluster_members rows when it has any
(issue 20).
"""

from __future__ import annotations

import polars as pl
from sqlalchemy import Connection, select

from data_access import writer
from data_access.closed_changes import change_rows
from data_access.models import (
    ALL_CLUSTERS,
    Award,
    ClosedYear,
    ClusterMember,
    Collective,
    Rating,
    Roster,
    Score,
    Unit,
    UnitCount,
)

REFUSED_SCHEMA = {
    "file": pl.String,
    "row": pl.Int64,
    "column": pl.String,
    "year": pl.Int64,
    "cluster": pl.String,
}


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


def _stored_units(conn: Connection, name: str, touched: pl.DataFrame) -> pl.DataFrame | None:
    """For rows that replace a stored row, the stored row's own unit or cluster (a roster row
    moved to another unit, a membership moved to another cluster): the change takes a person or
    a unit out of the old one's figures too (issue 20: only the new row was looked at)."""
    keys = writer.key_columns(name)
    place = [c for c in ("unit_code", "cluster_code") if c in touched.columns and c not in keys]
    if not place:
        return None
    stored = writer._existing(conn, name, touched.select(keys + place))
    if stored.is_empty():
        return None
    stored = stored.select(keys + place).cast({c: pl.String for c in place})
    on = touched.select("__file", "__row", *keys).cast({k: stored.schema[k] for k in keys})
    return on.join(stored, on=keys, how="inner").select("__file", "__row", "year", *place)


def _members(conn: Connection, tables: dict[str, pl.DataFrame], years: list[int]) -> pl.DataFrame:
    """(year, unit_code, cluster_code) of every year in `years` that has membership rows,
    stored or imported (an imported row wins); other years fall back to units.cluster_code."""
    rows = conn.execute(
        select(ClusterMember.year, ClusterMember.unit_code, ClusterMember.cluster_code).where(
            ClusterMember.year.in_(years)
        )
    ).all()
    schema = {"year": pl.Int64, "unit_code": pl.String, "cluster_code": pl.String}
    parts = [pl.DataFrame(rows, schema=schema, orient="row")]
    if "cluster_members" in tables:
        f = tables["cluster_members"].select("year", "unit_code", "cluster_code")
        parts.append(f.cast(schema).filter(pl.col("year").is_in(years)))
    return pl.concat(parts).unique(subset=["year", "unit_code"], keep="last")


def _place(
    conn: Connection, tables: dict[str, pl.DataFrame], rows: pl.DataFrame, years: list[int]
) -> pl.DataFrame:
    """`rows` (year, unit_code, cluster_code) with each unit placed in its cluster of that
    year: the year's membership rows when it has any, else units.cluster_code."""
    members = _members(conn, tables, years)
    with_members = set(members["year"].unique().to_list())
    units = _unit_clusters(conn, tables)
    by_member = rows.join(members, on=["year", "unit_code"], how="left", suffix="_m")
    placed = by_member.join(units, on="unit_code", how="left", suffix="_u")
    fallback = pl.when(pl.col("year").is_in(list(with_members))).then(pl.col("cluster_code_m"))
    return placed.select(
        "__file",
        "__row",
        "column",
        "year",
        pl.coalesce("cluster_code", "cluster_code_m", fallback.otherwise("cluster_code_u")).alias(
            "cluster_code"
        ),
    )


def _data_years(conn: Connection, units: list[str], collectives: list[str]) -> pl.DataFrame:
    """(code, year): the years with figures of each unit (roster, counts, scores, its own
    ratings) or collective (ratings, awards, roster rows naming it)."""
    out: list[tuple[str, int]] = []
    if units:
        for model in (Roster, UnitCount, Score):
            out += conn.execute(
                select(model.unit_code, model.year).where(model.unit_code.in_(units)).distinct()
            ).all()
        out += conn.execute(
            select(Rating.subject_code, Rating.year)
            .where(Rating.subject_kind == "unit", Rating.subject_code.in_(units))
            .distinct()
        ).all()
    if collectives:
        out += conn.execute(
            select(Rating.subject_code, Rating.year)
            .where(Rating.subject_kind == "collective", Rating.subject_code.in_(collectives))
            .distinct()
        ).all()
        out += conn.execute(
            select(Award.recipient_code, Award.year)
            .where(Award.recipient_kind == "collective", Award.recipient_code.in_(collectives))
            .distinct()
        ).all()
        out += conn.execute(
            select(Roster.collective_code, Roster.year)
            .where(Roster.collective_code.in_(collectives))
            .distinct()
        ).all()
    return pl.DataFrame(out, schema={"code": pl.String, "year": pl.Int64}, orient="row").unique()


def _structural(
    conn: Connection, tables: dict[str, pl.DataFrame], years: list[int]
) -> list[pl.DataFrame]:
    """Rows of units.csv and collectives.csv that change a closed year's figures: a unit moved
    to another cluster (for a year without membership rows, where units.cluster_code places
    it), a collective given another kind or unit — in a year where it has figures. Each gives
    (__file, __row, column, year, unit_code, cluster_code) rows for the old and the new place."""
    out: list[pl.DataFrame] = []
    specs = [("units", "cluster_code", ["cluster_code"]),
             ("collectives", "kind", ["kind", "unit_code"])]  # fmt: skip
    for name, column, watched in specs:
        frame = tables.get(name)
        if frame is None or "__row" not in frame.columns:
            continue
        have = [c for c in watched if c in frame.columns]
        changed = writer.changes(
            conn, name, frame.select("__file", "__row", *writer.key_columns(name), *have)
        )
        if changed.is_empty():
            continue
        key = writer.key_columns(name)[0]
        stored = writer._existing(conn, name, changed.select(key, *have)).cast(
            {c: pl.String for c in [key, *have]}
        )
        changed = changed.cast({c: pl.String for c in [key, *have]})
        moved = changed.join(stored, on=key, how="inner", suffix="_old")
        if name == "units":
            moved = moved.filter(pl.col("cluster_code") != pl.col("cluster_code_old"))
        else:
            differs = [pl.col(c).ne_missing(pl.col(f"{c}_old")) for c in have]
            moved = moved.filter(pl.any_horizontal(differs))
        if moved.is_empty():
            continue
        codes = moved[key].to_list()
        data = _data_years(conn, codes if name == "units" else [], codes if name != "units" else [])
        data = data.filter(pl.col("year").is_in(years))
        hits = moved.join(data, left_on=key, right_on="code", how="inner")
        if hits.is_empty():
            continue
        if name == "units":
            members = _members(conn, tables, years)
            with_members = members["year"].unique().to_list()
            hits = hits.filter(~pl.col("year").is_in(with_members))
            both = pl.concat([
                hits.select("__file", "__row", "year", unit_code=key,
                            cluster_code="cluster_code"),
                hits.select("__file", "__row", "year", unit_code=key,
                            cluster_code="cluster_code_old"),
            ])  # fmt: skip
        else:
            unit_new = pl.col("unit_code") if "unit_code" in have else pl.col("unit_code_stored")
            if "unit_code" not in have:
                owner = conn.execute(
                    select(Collective.collective_code, Collective.unit_code).where(
                        Collective.collective_code.in_(codes)
                    )
                ).all()
                owners = pl.DataFrame(owner, schema=[key, "unit_code_stored"], orient="row")
                hits = hits.join(owners.cast(pl.String), on=key, how="left")
            unit_old = pl.col("unit_code_old") if "unit_code" in have else unit_new
            both = pl.concat([
                hits.select("__file", "__row", "year", unit_code=unit_new,
                            cluster_code=pl.lit(None, pl.String)),
                hits.select("__file", "__row", "year", unit_code=unit_old,
                            cluster_code=pl.lit(None, pl.String)),
            ])  # fmt: skip
        out.append(both.with_columns(column=pl.lit(column)))
    return out


def refused_rows(
    conn: Connection, tables: dict[str, pl.DataFrame], *, changed_only: bool = True
) -> pl.DataFrame:
    """Rows of the import that would change a closed year: new or different from what is
    stored (identical rows are harmless), judged by where they put a person, a unit or a
    collective and by where the stored row had it (issue 20); units and collectives moved or
    re-kinded when a closed year has their figures. file, row, year, cluster ("*" when closed
    for all). `changed_only=False` takes every row as a change (an undo deletes or restores
    each one)."""
    locks = conn.execute(select(ClosedYear.year, ClosedYear.cluster_code)).all()
    if not locks:
        return pl.DataFrame(schema=REFUSED_SCHEMA)
    all_years = {y for y, c in locks if c == ALL_CLUSTERS}
    by_cluster = pl.DataFrame(
        [(y, c) for y, c in locks if c != ALL_CLUSTERS],
        schema={"year": pl.Int64, "cluster_code": pl.String},
        orient="row",
    )
    years = sorted({y for y, _ in locks})
    found: list[pl.DataFrame] = []  # __file, __row, column, year, unit_code, cluster_code
    for name, frame in tables.items():
        if "year" not in frame.columns or "__row" not in frame.columns:
            continue
        touched = frame.filter(pl.col("year").cast(pl.Int64).is_in(years))
        if touched.is_empty():
            continue
        if changed_only:
            touched = writer.changes(conn, name, touched)
        if touched.is_empty():
            continue
        column = pl.lit("period" if name == "ratings" else "year")
        found.append(_row_units(conn, tables, name, touched).with_columns(column=column))
        old = _stored_units(conn, name, touched)
        if old is not None:
            for c in ("unit_code", "cluster_code"):
                if c not in old.columns:
                    old = old.with_columns(pl.lit(None, pl.String).alias(c))
            old = old.select("__file", "__row", pl.col("year").cast(pl.Int64), "unit_code",
                             "cluster_code").with_columns(column=column)  # fmt: skip
            found.append(old)
    found += _structural(conn, tables, years)
    found += change_rows(conn, tables, years, changed_only=changed_only)
    if not found:
        return pl.DataFrame(schema=REFUSED_SCHEMA)
    rows = pl.concat(
        [f.select("__file", "__row", "column", pl.col("year").cast(pl.Int64),
                  pl.col("unit_code").cast(pl.String), pl.col("cluster_code").cast(pl.String))
         for f in found],
        how="vertical",
    )  # fmt: skip
    out = []
    whole = rows.filter(pl.col("year").is_in(list(all_years)))
    out.append(whole.select("__file", "__row", "column", "year", cluster=pl.lit("*")))
    if by_cluster.height:
        placed = _place(conn, tables, rows, years)
        hit = placed.join(by_cluster, on=["year", "cluster_code"], how="inner")
        out.append(hit.select("__file", "__row", "column", "year", cluster="cluster_code"))
    frame = pl.concat(out, how="vertical").rename({"__file": "file", "__row": "row"})
    frame = frame.cast({"row": pl.Int64}).unique(subset=["file", "row"], keep="first")
    return frame.sort("file", "row")
