"""Cluster membership on import (contract 0.3.0): a cluster role goes to a member of that
cluster that year (the year's cluster_members rows when it lists any, else the unit's current
cluster), also a role already stored that a new membership list would strand; and a warning
when a unit moves to another cluster while years of its data list no members (their figures
would move with it)."""

from __future__ import annotations

import polars as pl
from sqlalchemy import Connection, select

from data_access.importer.messages import reason_expr, word
from data_access.importer.org_tables import by_codes, overlay, read_rows
from data_access.importer.report import ErrorCollector
from data_access.writer import table as sa_table

# --- cluster roles against the year's membership ----------------------------------------------
_MEMBER_SCHEMA = {"year": pl.Int64, "unit_code": pl.String, "cluster_code": pl.String}
_ROLE_SCHEMA = {**_MEMBER_SCHEMA, "role": pl.String}


def _placed(roles: pl.DataFrame, members: pl.DataFrame, current: pl.DataFrame) -> pl.DataFrame:
    """`roles` with `__cluster` (the unit's cluster that year: its cluster_members row when the
    year lists any, else its current cluster) and `__listed` (the year lists members)."""
    listed = members.select("year").unique().with_columns(__listed=pl.lit(True))
    by_year = members.select("year", "unit_code", pl.col("cluster_code").alias("__member"))
    return (
        roles.join(listed, on="year", how="left")
        .join(by_year, on=["year", "unit_code"], how="left")
        .join(current.select("unit_code", __current="cluster_code"), on="unit_code", how="left")
        .with_columns(
            __listed=pl.col("__listed").fill_null(False),
            __cluster=pl.when(pl.col("__listed").fill_null(False))
            .then(pl.col("__member"))
            .otherwise(pl.col("__current")),
        )
    )


def check_roles(conn: Connection, tables: dict[str, pl.DataFrame], errors: ErrorCollector) -> None:
    lang = errors.lang
    need = {"year", "cluster_code", "unit_code"}
    file_roles = tables.get("cluster_roles")
    file_members = tables.get("cluster_members")
    file_roles = file_roles if file_roles is not None and need <= set(file_roles.columns) else None
    file_members = (
        file_members if file_members is not None and need <= set(file_members.columns) else None
    )
    if file_roles is None and file_members is None:
        return
    role_years = [] if file_roles is None else file_roles["year"].drop_nulls().unique().to_list()
    member_years = (
        [] if file_members is None else file_members["year"].drop_nulls().unique().to_list()
    )
    years = sorted({int(y) for y in role_years + member_years})
    cm, cr = sa_table("cluster_members"), sa_table("cluster_roles")
    stored_members = read_rows(
        conn,
        select(cm.c.year, cm.c.unit_code, cm.c.cluster_code).where(cm.c.year.in_(years)),
        _MEMBER_SCHEMA,
    )
    members = stored_members
    if file_members is not None:
        mine = file_members.select(list(_MEMBER_SCHEMA)).cast(_MEMBER_SCHEMA).drop_nulls()  # type: ignore[arg-type]
        members = pl.concat([mine, stored_members]).unique(
            ["year", "unit_code"], keep="first", maintain_order=True
        )
    stored_roles = read_rows(
        conn,
        select(cr.c.year, cr.c.unit_code, cr.c.cluster_code, cr.c.role).where(
            cr.c.year.in_([int(y) for y in member_years])
        ),
        _ROLE_SCHEMA,
    )
    codes = sorted(
        set(stored_roles["unit_code"].to_list())
        | (set() if file_roles is None else set(file_roles["unit_code"].drop_nulls().to_list()))
    )
    current = overlay(
        tables.get("units"),
        by_codes(conn, "units", "unit_code", ["cluster_code"], codes),
        "unit_code",
    )
    if file_roles is not None:
        # Only rows whose cluster resolves: an unknown cluster was reported already.
        clusters = overlay(
            tables.get("clusters"),
            by_codes(
                conn,
                "clusters",
                "cluster_code",
                [],
                file_roles["cluster_code"].drop_nulls().unique().to_list(),
            ),
            "cluster_code",
        )
        rows = _placed(
            file_roles.with_columns(pl.col("year").cast(pl.Int64)).join(
                clusters.select("cluster_code"), on="cluster_code", how="semi"
            ),
            members,
            current,
        )
        known = pl.col("unit_code").is_in(current["unit_code"].implode())
        basis = (
            pl.when(pl.col("__listed"))
            .then(reason_expr("basis_members", lang, year=pl.col("year")))
            .otherwise(reason_expr("basis_current", lang, year=pl.col("year")))
        )
        errors.add_rows(
            rows,
            known & pl.col("__listed") & pl.col("__cluster").is_null(),
            "role_no_cluster",
            column="unit_code",
            year=pl.col("year"),
            unit=pl.col("unit_code"),
        )
        errors.add_rows(
            rows,
            pl.col("__cluster").is_not_null() & (pl.col("__cluster") != pl.col("cluster_code")),
            "role_not_member",
            column="unit_code",
            year=pl.col("year"),
            unit=pl.col("unit_code"),
            cluster=pl.col("__cluster"),
            row_cluster=pl.col("cluster_code"),
            basis=basis,
        )
    if file_members is None or stored_roles.is_empty():
        return
    # Stored roles this import would leave with a non-member: wrong now, right before.
    if file_roles is not None:
        stored_roles = stored_roles.join(
            file_roles.select(pl.col("year").cast(pl.Int64), "cluster_code", "unit_code"),
            on=["year", "cluster_code", "unit_code"],
            how="anti",
        )
    before = _placed(stored_roles, stored_members, current).select(
        "year", "unit_code", "cluster_code", __was=pl.col("__cluster")
    )
    after = _placed(stored_roles, members, current).join(
        before, on=["year", "unit_code", "cluster_code"], how="left"
    )
    broken = after.filter(
        pl.col("__cluster").ne_missing(pl.col("cluster_code"))
        & pl.col("__was").eq_missing(pl.col("cluster_code"))
    )
    if broken.is_empty():
        return
    # Each reported on the files' membership row of that unit and year, else on the first row
    # of that year's list (which leaves the unit out).
    mine = file_members.select(
        "__file", "__row", pl.col("year").cast(pl.Int64), "unit_code", "cluster_code"
    )
    firsts = mine.unique("year", keep="first", maintain_order=True).select(
        "year", __file0="__file", __row0="__row"
    )
    hit = (
        broken.select("year", "unit_code", "role", __role_cluster="cluster_code")
        .join(mine, on=["year", "unit_code"], how="left")
        .join(firsts, on="year", how="left")
        .with_columns(
            __left_out=pl.col("__file").is_null(),
            __file=pl.coalesce("__file", "__file0"),
            __row=pl.coalesce("__row", "__row0"),
            __role=pl.col("role").replace_strict(
                {r: word(r, lang) for r in ("leader", "deputy")}, default=pl.col("role")
            ),
        )
    )
    for msg_id, mask in (
        ("role_stored_not_member", ~pl.col("__left_out")),
        ("role_stored_left_out", pl.col("__left_out")),
    ):
        errors.add_rows(
            hit,
            mask,
            msg_id,
            column="unit_code",
            value=pl.col("unit_code"),
            unit=pl.col("unit_code"),
            year=pl.col("year"),
            row_cluster=pl.col("__role_cluster"),
            role=pl.col("__role"),
        )


def warn_moves(conn: Connection, tables: dict[str, pl.DataFrame], errors: ErrorCollector) -> None:
    """A warning on a units row that moves a unit to another cluster while years of its data
    list no cluster members: those years follow units.cluster_code, so their figures would
    move with it (the history rewrite issue 18 names); their cluster_members rows keep them."""
    units = tables.get("units")
    if units is None or not {"unit_code", "cluster_code"} <= set(units.columns):
        return
    mine = units.select("__file", "__row", "unit_code", "cluster_code").drop_nulls()
    stored = by_codes(
        conn, "units", "unit_code", ["cluster_code"], mine["unit_code"].unique().to_list()
    )
    moved = mine.join(stored, on="unit_code", how="inner", suffix="_was").filter(
        pl.col("cluster_code") != pl.col("cluster_code_was")
    )
    if moved.is_empty():
        return
    r, cm = sa_table("roster"), sa_table("cluster_members")
    codes = moved["unit_code"].unique().to_list()
    data = read_rows(
        conn,
        select(r.c.unit_code, r.c.year).where(r.c.unit_code.in_(codes)).distinct(),
        {"unit_code": pl.String, "year": pl.Int64},
    )
    listed = {int(y) for (y,) in conn.execute(select(cm.c.year).distinct()).all()}
    own = tables.get("cluster_members")
    if own is not None and "year" in own.columns:
        listed |= {int(y) for y in own["year"].drop_nulls().unique().to_list()}
    open_years = (
        data.filter(~pl.col("year").is_in(sorted(listed)))
        .sort("year")
        .group_by("unit_code", maintain_order=True)
        .agg(pl.col("year").cast(pl.String).str.join(", ").alias("__years"))
    )
    errors.warn_rows(
        moved.join(open_years, on="unit_code", how="inner"),
        pl.lit(True),
        "unit_moves_history",
        column="cluster_code",
        unit=pl.col("unit_code"),
        was=pl.col("cluster_code_was"),
        now=pl.col("cluster_code"),
        years=pl.col("__years"),
    )


def check_moved_roles(
    conn: Connection, tables: dict[str, pl.DataFrame], errors: ErrorCollector
) -> None:
    """A units row moving a unit to another cluster while it holds a stored role in the old
    cluster for a year that lists no members (so the current cluster decides that year): the
    role would be left with a non-member, which a cluster_roles row would be refused for. A
    year with members keeps its list and is checked by check_roles."""
    units = tables.get("units")
    if units is None or not {"unit_code", "cluster_code"} <= set(units.columns):
        return
    mine = units.select("__file", "__row", "unit_code", "cluster_code").drop_nulls(
        ["unit_code", "cluster_code"]
    )
    stored_units = by_codes(
        conn, "units", "unit_code", ["cluster_code"], mine["unit_code"].unique().to_list()
    )
    moved = mine.join(stored_units, on="unit_code", how="inner", suffix="_was").filter(
        pl.col("cluster_code") != pl.col("cluster_code_was")
    )
    if moved.is_empty():
        return
    cr, cm = sa_table("cluster_roles"), sa_table("cluster_members")
    roles = read_rows(
        conn,
        select(cr.c.year, cr.c.unit_code, cr.c.cluster_code, cr.c.role).where(
            cr.c.unit_code.in_(moved["unit_code"].unique().to_list())
        ),
        _ROLE_SCHEMA,
    )
    listed = {int(y) for (y,) in conn.execute(select(cm.c.year).distinct()).all()}
    own = tables.get("cluster_members")
    if own is not None and "year" in own.columns:
        listed |= {int(y) for y in own["year"].drop_nulls().unique().to_list()}
    lang = errors.lang
    hit = (
        roles.filter(~pl.col("year").is_in(sorted(listed)))
        .rename({"cluster_code": "__role_cluster"})
        .join(moved, on="unit_code", how="inner")
        .filter(pl.col("__role_cluster") == pl.col("cluster_code_was"))
        .sort("__row", "year")
        .with_columns(
            __role=pl.col("role").replace_strict(
                {r: word(r, lang) for r in ("leader", "deputy")}, default=pl.col("role")
            )
        )
    )
    errors.add_rows(
        hit,
        pl.lit(True),
        "role_stored_moved",
        column="cluster_code",
        unit=pl.col("unit_code"),
        was=pl.col("cluster_code_was"),
        now=pl.col("cluster_code"),
        year=pl.col("year"),
        role=pl.col("__role"),
    )
