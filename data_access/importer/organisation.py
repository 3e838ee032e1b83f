"""Import checks of the organisation over time (contract 0.3.0, issue 18).

What the database and the files being imported say together must hold:

- a unit that a merge, split or rename ended takes no yearly row (roster, cluster members,
  roles, scores, reported totals, unit targets, annual ratings of it or of its collectives) for
  the emulation year its change took effect or later, and no award decided on or after the
  change's date (an award without a date: none for that year or later) — the rule is
  data_access.organisation_rules, the one the engine uses;
- a change row that ends a unit is refused while the database still holds such rows of it;
- the changes never loop (A → B, B → A);
- a cluster role goes to a member of that cluster that year: the year's cluster_members rows
  when it has any, else the unit's current cluster (a warning when a unit moves cluster while
  years of its data list no members).

Here: the changes and their years; org_ended.py the ended units' rows, org_members.py the roles
and moves, org_tables.py the reads.

The tables involved are small (units, changes, members by year) and read whole or by the codes
the files name; the roster is only joined against the few units that ended.
"""

from __future__ import annotations

import polars as pl
from sqlalchemy import Connection, select

from data_access import organisation_rules as rules
from data_access.importer.org_ended import (
    YEARLY_UNIT_ROWS,
    change_text,
    collective_units,
    date_text,
    ended_awards,
    ended_rows,
    ended_stored,
)
from data_access.importer.org_members import check_moved_roles, check_roles, warn_moves
from data_access.importer.org_tables import by_codes, overlay, read_rows
from data_access.importer.report import ErrorCollector
from data_access.writer import table as sa_table

_CHANGE_SCHEMA = {
    "from_unit_code": pl.String,
    "to_unit_code": pl.String,
    "kind": pl.String,
    "effective_date": pl.Date,
    "decision_no": pl.String,
    "__file": pl.String,
    "__row": pl.Int64,
}


def _changes(conn: Connection, tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """Every change row, the files' (with __file, __row) over the database's."""
    t = sa_table("unit_changes")
    cols = [c for c in _CHANGE_SCHEMA if not c.startswith("__")]
    stored = read_rows(conn, select(*(t.c[c] for c in cols)), {c: _CHANGE_SCHEMA[c] for c in cols})
    stored = stored.with_columns(
        pl.lit(None, pl.String).alias("__file"), pl.lit(None, pl.Int64).alias("__row")
    )
    own = tables.get("unit_changes")
    if own is None or not {"from_unit_code", "to_unit_code", "effective_date", "kind"} <= set(
        own.columns
    ):
        return stored
    mine = own.select(
        pl.col(c) if c in own.columns else pl.lit(None).alias(c) for c in _CHANGE_SCHEMA
    ).cast(_CHANGE_SCHEMA)  # type: ignore[arg-type]
    mine = mine.drop_nulls(["from_unit_code", "to_unit_code", "effective_date", "kind"])
    both = pl.concat([mine, stored])
    return both.unique(["from_unit_code", "to_unit_code"], keep="first", maintain_order=True)


def _start_months(
    conn: Connection, tables: dict[str, pl.DataFrame], codes: list[str]
) -> pl.DataFrame:
    units = overlay(
        tables.get("units"),
        by_codes(conn, "units", "unit_code", ["cluster_code", "period_start_month"], codes),
        "unit_code",
    ).filter(pl.col("unit_code").is_in(codes))
    clusters_wanted = units["cluster_code"].drop_nulls().unique().to_list()
    clusters = overlay(
        tables.get("clusters"),
        by_codes(conn, "clusters", "cluster_code", ["period_start_month"], clusters_wanted),
        "cluster_code",
    )
    return rules.start_months(units, clusters)


def check_organisation(
    conn: Connection, tables: dict[str, pl.DataFrame], errors: ErrorCollector
) -> None:
    """Every check above, on the database and the files' typed tables together. An import of
    none of the tables a change bears on (clusters, people, …) asks the database nothing."""
    bearing = {"unit_changes", "awards", *(name for name, *_ in YEARLY_UNIT_ROWS)}
    changes = _changes(conn, tables) if bearing & set(tables) else None
    if changes is not None and not changes.is_empty():
        _loops(changes, errors)
        to_codes = changes["to_unit_code"].unique().to_list()
        dated = rules.dated_changes(changes, _start_months(conn, tables, to_codes))
        ended = rules.ended_units(dated).with_columns(
            first=(pl.col("last_year") + 1).cast(pl.Int64),
            __change=change_text(errors.lang),
            __date=date_text("effective_date", errors.lang),
        )
        if not ended.is_empty():
            owners = collective_units(conn, tables)
            ended_rows(tables, owners, ended, errors)
            ended_awards(tables, owners, ended, errors)
            ended_stored(conn, tables, changes, ended, errors)
    check_roles(conn, tables, errors)
    check_moved_roles(conn, tables, errors)
    warn_moves(conn, tables, errors)


def _loops(changes: pl.DataFrame, errors: ErrorCollector) -> None:
    edges = list(changes.select("from_unit_code", "to_unit_code").iter_rows())
    found = rules.loops(edges)
    if not found:
        return
    where = pl.DataFrame(
        [(u, " → ".join(c)) for u, c in found.items()],
        schema={"unit": pl.String, "__loop": pl.String},
        orient="row",
    )
    rows = (
        changes.filter(pl.col("__file").is_not_null())
        .join(where, left_on="from_unit_code", right_on="unit", how="inner")
        .join(where, left_on="to_unit_code", right_on="unit", how="inner", suffix="_to")
    )
    same_loop = (pl.col("__loop") == pl.col("__loop_to")) & (
        pl.col("from_unit_code") != pl.col("to_unit_code")
    )
    errors.add_rows(rows, same_loop, "change_loop", column="to_unit_code", loop=pl.col("__loop"))
