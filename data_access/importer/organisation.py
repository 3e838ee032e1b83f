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
  when it has any, else the unit's current cluster.

The tables involved are small (units, changes, members by year) and read whole or by the codes
the files name; the roster is only joined against the few units that ended.
"""

from __future__ import annotations

import polars as pl
from sqlalchemy import Connection, and_, or_, select

from data_access import organisation_rules as rules
from data_access.importer.columns import TABLE_SPECS
from data_access.importer.messages import reason_expr, word
from data_access.importer.report import ErrorCollector
from data_access.writer import table as sa_table

# Yearly tables whose rows belong to one unit: (table, code column, kind column, kind).
YEARLY_UNIT_ROWS: tuple[tuple[str, str, str | None, str | None], ...] = (
    ("roster", "unit_code", None, None),
    ("cluster_members", "unit_code", None, None),
    ("cluster_roles", "unit_code", None, None),
    ("scores", "unit_code", None, None),
    ("unit_counts", "unit_code", None, None),
    ("targets", "scope_code", "scope_kind", "unit"),
    ("ratings", "subject_code", "subject_kind", "unit"),
)
_BATCH = 5_000
_CHANGE_SCHEMA = {
    "from_unit_code": pl.String,
    "to_unit_code": pl.String,
    "kind": pl.String,
    "effective_date": pl.Date,
    "decision_no": pl.String,
    "__file": pl.String,
    "__row": pl.Int64,
}


def _rows(conn: Connection, stmt, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    return pl.DataFrame(conn.execute(stmt).all(), schema=schema, orient="row")


def _by_codes(conn: Connection, name: str, key: str, cols: list[str], codes: list[str]):
    """Rows of `name` whose `key` is one of `codes` (in batches), every column as text but
    period_start_month."""
    t = sa_table(name)
    schema = {c: pl.Int64 if c == "period_start_month" else pl.String for c in [key, *cols]}
    parts = [pl.DataFrame(schema=schema)]
    for i in range(0, len(codes), _BATCH):
        stmt = select(*(t.c[c] for c in schema)).where(t.c[key].in_(codes[i : i + _BATCH]))
        parts.append(_rows(conn, stmt, schema))
    return pl.concat(parts)


def _overlay(own: pl.DataFrame | None, stored: pl.DataFrame, key: str) -> pl.DataFrame:
    """The rows as the database will hold them after the import: a file's row wins; a column
    the file lacks keeps its stored value (the upsert leaves it alone)."""
    if own is None or key not in own.columns:
        return stored
    present = [c for c in stored.columns if c in own.columns]
    mine = own.select(present).cast({c: stored.schema[c] for c in present}).drop_nulls(key)
    mine = mine.unique(key, keep="last", maintain_order=True)
    absent = [c for c in stored.columns if c not in present]
    if absent:
        mine = mine.join(stored.select(key, *absent), on=key, how="left")
    rest = stored.join(mine.select(key), on=key, how="anti")
    return pl.concat([mine.select(stored.columns), rest])


def _changes(conn: Connection, tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """Every change row, the files' (with __file, __row) over the database's."""
    t = sa_table("unit_changes")
    cols = [c for c in _CHANGE_SCHEMA if not c.startswith("__")]
    stored = _rows(conn, select(*(t.c[c] for c in cols)), {c: _CHANGE_SCHEMA[c] for c in cols})
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
    units = _overlay(
        tables.get("units"),
        _by_codes(conn, "units", "unit_code", ["cluster_code", "period_start_month"], codes),
        "unit_code",
    ).filter(pl.col("unit_code").is_in(codes))
    clusters_wanted = units["cluster_code"].drop_nulls().unique().to_list()
    clusters = _overlay(
        tables.get("clusters"),
        _by_codes(conn, "clusters", "cluster_code", ["period_start_month"], clusters_wanted),
        "cluster_code",
    )
    return rules.start_months(units, clusters)


def _change_text(lang: str) -> pl.Expr:
    to = pl.col("to_codes").list.join(", ")
    return (
        pl.when(pl.col("kind") == "merge")
        .then(reason_expr("change_merge", lang, to=to))
        .when(pl.col("kind") == "split")
        .then(reason_expr("change_split", lang, to=to))
        .otherwise(reason_expr("change_rename", lang, to=to))
    )


def _date_text(col: str, lang: str) -> pl.Expr:
    return pl.col(col).dt.strftime("%d/%m/%Y" if lang == "vi" else "%Y-%m-%d")


def check_organisation(
    conn: Connection, tables: dict[str, pl.DataFrame], errors: ErrorCollector
) -> None:
    """Every check above, on the database and the files' typed tables together."""
    changes = _changes(conn, tables)
    if not changes.is_empty():
        _loops(changes, errors)
        to_codes = changes["to_unit_code"].unique().to_list()
        dated = rules.dated_changes(changes, _start_months(conn, tables, to_codes))
        ended = rules.ended_units(dated).with_columns(
            first=(pl.col("last_year") + 1).cast(pl.Int64),
            __change=_change_text(errors.lang),
            __date=_date_text("effective_date", errors.lang),
        )
        if not ended.is_empty():
            owners = _collective_units(conn, tables)
            _ended_rows(tables, owners, ended, errors)
            _ended_awards(tables, owners, ended, errors)
            _ended_stored(conn, tables, changes, ended, errors)
    _roles(conn, tables, errors)


def _collective_units(conn: Connection, tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """collective_code, unit_code of the collectives the ratings and awards name."""
    codes: set[str] = set()
    for name, kind, code in (
        ("ratings", "subject_kind", "subject_code"),
        ("awards", "recipient_kind", "recipient_code"),
    ):
        frame = tables.get(name)
        if frame is not None and {kind, code} <= set(frame.columns):
            named = frame.filter(pl.col(kind) == "collective")[code].drop_nulls()
            codes |= set(named.cast(pl.String).to_list())
    stored = _by_codes(conn, "collectives", "collective_code", ["unit_code"], sorted(codes))
    return _overlay(tables.get("collectives"), stored, "collective_code")


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


def _ended_fmt(code: pl.Expr) -> dict[str, object]:
    return {
        "unit": code,
        "change": pl.col("__change"),
        "date": pl.col("__date"),
        "first": pl.col("first"),
    }


def _ended_rows(
    tables: dict[str, pl.DataFrame],
    owners: pl.DataFrame,
    ended: pl.DataFrame,
    errors: ErrorCollector,
) -> None:
    """Yearly rows of an ended unit (or annual ratings of its collectives) from its effective
    year on."""
    gone = ended.select("unit_code", "first", "__change", "__date")
    for name, code, kind_col, kind in YEARLY_UNIT_ROWS:
        frame = tables.get(name)
        if frame is None or not {code, "year", kind_col or code} <= set(frame.columns):
            continue
        rows = frame.filter(pl.col(kind_col) == kind) if kind_col else frame
        if name == "ratings":
            rows = rows.filter(pl.col("month").is_null())  # monthly ratings before the date stay
        rows = rows.join(gone, left_on=code, right_on="unit_code", how="inner")
        errors.add_rows(
            rows,
            pl.col("year") >= pl.col("first"),
            "ended_unit_year",
            column=code,
            year=pl.col("year"),
            **_ended_fmt(pl.col(code)),
        )
    ratings = tables.get("ratings")
    if ratings is None or not {"subject_kind", "subject_code", "year"} <= set(ratings.columns):
        return
    owners = owners.select("collective_code", pl.col("unit_code").alias("__unit"))
    rows = (
        ratings.filter((pl.col("subject_kind") == "collective") & pl.col("month").is_null())
        .join(owners, left_on="subject_code", right_on="collective_code", how="inner")
        .join(gone, left_on="__unit", right_on="unit_code", how="inner")
    )
    errors.add_rows(
        rows,
        pl.col("year") >= pl.col("first"),
        "ended_collective_year",
        column="subject_code",
        year=pl.col("year"),
        **_ended_fmt(pl.col("__unit")),
    )


def _ended_awards(
    tables: dict[str, pl.DataFrame],
    owners: pl.DataFrame,
    ended: pl.DataFrame,
    errors: ErrorCollector,
) -> None:
    """Awards to an ended unit or one of its collectives decided on or after the change's
    date; without a decision date, for its effective year or later (issue 18 item 5: the year
    stands in for a missing date)."""
    awards = tables.get("awards")
    if awards is None or not {"recipient_kind", "recipient_code", "year"} <= set(awards.columns):
        return
    if "decision_date" not in awards.columns:
        awards = awards.with_columns(pl.lit(None, pl.Date).alias("decision_date"))
    owners = owners.select("collective_code", pl.col("unit_code").alias("__owner"))
    lang = errors.lang
    rows = (
        awards.filter(pl.col("recipient_kind").is_in(["unit", "collective"]))
        .join(owners, left_on="recipient_code", right_on="collective_code", how="left")
        .with_columns(
            __unit=pl.when(pl.col("recipient_kind") == "unit")
            .then(pl.col("recipient_code"))
            .otherwise(pl.col("__owner")),
            __whom=pl.concat_str(
                pl.when(pl.col("recipient_kind") == "unit")
                .then(pl.lit(word("unit", lang)))
                .otherwise(pl.lit(word("collective", lang))),
                pl.lit(" «" if lang == "vi" else " '"),
                pl.col("recipient_code"),
                pl.lit("»" if lang == "vi" else "'"),
            ),
        )
        .join(ended, left_on="__unit", right_on="unit_code", how="inner")
    )
    dated = pl.col("decision_date").is_not_null()
    errors.add_rows(
        rows,
        dated & (pl.col("decision_date") >= pl.col("effective_date")),
        "ended_unit_award",
        column="decision_date",
        decided=_date_text("decision_date", lang),
        whom=pl.col("__whom"),
        **_ended_fmt(pl.col("__unit")),
    )
    errors.add_rows(
        rows,
        ~dated & (pl.col("year") >= pl.col("first")),
        "ended_unit_award_undated",
        column="year",
        year=pl.col("year"),
        whom=pl.col("__whom"),
        **_ended_fmt(pl.col("__unit")),
    )


def _ended_stored(
    conn: Connection,
    tables: dict[str, pl.DataFrame],
    changes: pl.DataFrame,
    ended: pl.DataFrame,
    errors: ErrorCollector,
) -> None:
    """A change row of the files that ends a unit while the database still holds that unit's
    roster rows, cluster memberships, annual ratings or awards after it: refused on the row,
    with how many and which years (a roster row the files move to another unit does not
    count)."""
    enders = (
        changes.filter(
            pl.col("__file").is_not_null() & (pl.col("from_unit_code") != pl.col("to_unit_code"))
        )
        .join(ended, left_on="from_unit_code", right_on="unit_code", how="inner")
        .unique("from_unit_code", keep="first", maintain_order=True)
    )
    if enders.is_empty():
        return
    r, cm, ra, aw = (sa_table(n) for n in ("roster", "cluster_members", "ratings", "awards"))
    roster_file = tables.get("roster")
    for row in enders.iter_rows(named=True):
        unit, first, day = row["from_unit_code"], int(row["first"]), row["effective_date"]
        found: list[tuple[str, int, list[int]]] = []
        kept = _rows(
            conn,
            select(r.c.year, r.c.person_code).where(r.c.unit_code == unit, r.c.year >= first),
            {"year": pl.Int64, "person_code": pl.String},
        )
        if roster_file is not None and {"year", "person_code"} <= set(roster_file.columns):
            moved = roster_file.select(pl.col("year").cast(pl.Int64), "person_code")
            kept = kept.join(moved, on=["year", "person_code"], how="anti")
        found.append(("roster", kept.height, kept["year"].unique().sort().to_list()))
        for name, stmt in (
            (
                "cluster_members",
                select(cm.c.year).where(cm.c.unit_code == unit, cm.c.year >= first),
            ),
            (
                "ratings",
                select(ra.c.year).where(
                    ra.c.subject_kind == "unit",
                    ra.c.subject_code == unit,
                    ra.c.month.is_(None),
                    ra.c.year >= first,
                ),
            ),
            (
                "awards",
                select(aw.c.year).where(
                    aw.c.recipient_kind == "unit",
                    aw.c.recipient_code == unit,
                    or_(
                        aw.c.decision_date >= day,
                        and_(aw.c.decision_date.is_(None), aw.c.year >= first),
                    ),
                ),
            ),
        ):
            years = [int(y) for (y,) in conn.execute(stmt).all()]
            found.append((name, len(years), sorted(set(years))))
        for name, count, years in found:
            if not count:
                continue
            spec = TABLE_SPECS[name]
            errors.add(
                "ended_unit_stored",
                file=row["__file"],
                row=row["__row"],
                column="from_unit_code",
                value=unit,
                unit=unit,
                date=row["__date"],
                first=first,
                count=count,
                table=spec.sheet_vi if errors.lang == "vi" else spec.sheet_en,
                years=", ".join(str(y) for y in years),
            )


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


def _roles(conn: Connection, tables: dict[str, pl.DataFrame], errors: ErrorCollector) -> None:
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
    stored_members = _rows(
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
    stored_roles = _rows(
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
    current = _overlay(
        tables.get("units"),
        _by_codes(conn, "units", "unit_code", ["cluster_code"], codes),
        "unit_code",
    )
    if file_roles is not None:
        # Only rows whose cluster resolves: an unknown cluster was reported already.
        clusters = _overlay(
            tables.get("clusters"),
            _by_codes(
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
