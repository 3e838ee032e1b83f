"""Checks across tables: every code must resolve in the database or in the files being imported,
and what it resolves to must fit (a roster's collective in the roster's unit, a rating on the
scale of what is rated, an award to the kind of recipient it is for).

Only the codes the files mention are looked up in the database, in batches, so importing a small
file into a national database stays cheap. File rows win over database rows: they are what the
database will hold after the import.
"""

from __future__ import annotations

import json

import polars as pl
from sqlalchemy import Connection, String, any_, bindparam, select, text
from sqlalchemy.dialects import postgresql

from data_access.catalog import load_catalog
from data_access.importer.columns import recipient_kinds, scale_of_category
from data_access.importer.messages import category_word, word
from data_access.importer.report import ErrorCollector
from data_access.writer import table as sa_table

LOOKUP_BATCH = 5_000

# Dimension tables: key column and the attributes other checks need.
DIMENSIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "clusters": ("cluster_code", ()),
    "units": ("unit_code", ("cluster_code",)),
    "collectives": ("collective_code", ("unit_code", "kind")),
    "people": ("person_code", ()),
}
KIND_TO_DIMENSION = {
    "cluster": "clusters",
    "unit": "units",
    "collective": "collectives",
    "person": "people",
}


def _references(tables: dict[str, pl.DataFrame]) -> list[tuple[str, str, str, str | None]]:
    """(table, code column, kind column or "", fixed kind or None) for every reference."""
    refs: list[tuple[str, str, str, str | None]] = [
        ("units", "cluster_code", "", "cluster"),
        ("collectives", "unit_code", "", "unit"),
        ("roster", "person_code", "", "person"),
        ("roster", "unit_code", "", "unit"),
        ("roster", "collective_code", "", "collective"),
        ("cluster_roles", "cluster_code", "", "cluster"),
        ("cluster_roles", "unit_code", "", "unit"),
        ("scores", "unit_code", "", "unit"),
        ("unit_counts", "unit_code", "", "unit"),
        ("cluster_members", "cluster_code", "", "cluster"),
        ("cluster_members", "unit_code", "", "unit"),
        ("unit_changes", "from_unit_code", "", "unit"),
        ("unit_changes", "to_unit_code", "", "unit"),
    ]
    for tbl, code, kind_col in (
        ("ratings", "subject_code", "subject_kind"),
        ("awards", "recipient_code", "recipient_kind"),
        ("targets", "scope_code", "scope_kind"),
    ):
        for kind in KIND_TO_DIMENSION:
            refs.append((tbl, code, kind_col, kind))
    return [r for r in refs if r[0] in tables and {r[1], r[2] or r[1]} <= set(tables[r[0]].columns)]


def _referencing(frame: pl.DataFrame, code: str, kind_col: str, kind: str | None) -> pl.DataFrame:
    mask = pl.col(code).is_not_null()
    if kind_col:
        mask &= pl.col(kind_col) == kind
    return frame.filter(mask)


def _db_rows(conn: Connection, name: str, codes: list[str]) -> pl.DataFrame:
    key, attrs = DIMENSIONS[name]
    t, cols = sa_table(name), [key, *attrs]
    schema = dict.fromkeys(cols, pl.String)
    parts = [pl.DataFrame(schema=schema)]
    pg = conn.dialect.name == "postgresql"
    size = LOOKUP_BATCH * 10 if pg else LOOKUP_BATCH  # SQLite caps bound parameters
    for start in range(0, len(codes), size):
        batch = codes[start : start + size]
        # PostgreSQL: one array parameter (`= ANY`), cheaper to bind than thousands of `IN`
        # parameters and planned as an index lookup even in a cached generic plan.
        cond = (
            t.c[key] == any_(bindparam(None, batch, type_=postgresql.ARRAY(t.c[key].type)))
            if pg
            else t.c[key].in_(batch)
        )
        rows = conn.execute(select(*(t.c[c] for c in cols)).where(cond)).all()
        if rows:
            parts.append(pl.DataFrame(rows, schema=schema, orient="row"))
    return pl.concat(parts)


def _stored_codes(conn: Connection, name: str, codes: list[str]) -> pl.DataFrame:
    """The `codes` stored in dimension `name`, for one without attributes (people, clusters):
    the database is asked only for the codes it lacks, in one statement, so a new roster year
    of millions of known people reads back nothing instead of every code."""
    key = DIMENSIONS[name][0]
    if conn.dialect.name == "postgresql":
        sql = text(
            f"SELECT u.c FROM unnest(:codes) AS u(c) "
            f"WHERE NOT EXISTS (SELECT 1 FROM {name} AS t WHERE t.{key} = u.c)"
        ).bindparams(bindparam("codes", codes, type_=postgresql.ARRAY(String)))
    else:  # one JSON array parameter: no limit on bound parameters, each code an index probe
        sql = text(
            f"SELECT j.value FROM json_each(:codes) AS j "
            f"WHERE NOT EXISTS (SELECT 1 FROM {name} AS t WHERE t.{key} = j.value)"
        ).bindparams(codes=json.dumps(codes))
    absent = pl.Series(key, [r[0] for r in conn.execute(sql)], pl.String)
    wanted = pl.Series(key, codes, pl.String)
    return wanted.filter(~wanted.is_in(absent.implode())).to_frame()


def dimensions(conn: Connection, tables: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """Per dimension, the rows the references can resolve to: the files', then the database's."""
    wanted: dict[str, list[pl.Series]] = {name: [] for name in DIMENSIONS}
    for tbl, code, kind_col, kind in _references(tables):
        rows = _referencing(tables[tbl], code, kind_col, kind)
        wanted[KIND_TO_DIMENSION[kind]].append(rows[code].cast(pl.String))  # type: ignore[index]
    out = {}
    for name, (key, attrs) in DIMENSIONS.items():
        cols = [key, *attrs]
        own = tables.get(name)
        if own is not None and key in own.columns:
            own = own.select(
                pl.col(c) if c in own.columns else pl.lit(None, pl.String).alias(c) for c in cols
            )
            own = own.cast(dict.fromkeys(cols, pl.String)).filter(pl.col(key).is_not_null())
        else:
            own = pl.DataFrame(schema=dict.fromkeys(cols, pl.String))
        codes = pl.concat([pl.Series(key, [], pl.String), *wanted[name]]).unique()
        # Sorted, so that consecutive batches probe neighbouring pages of the key's index.
        missing = codes.filter(~codes.is_in(own[key].implode())).sort().to_list()
        if not missing:
            stored = own.clear()
        else:
            stored = _db_rows(conn, name, missing) if attrs else _stored_codes(conn, name, missing)
        out[name] = pl.concat([own, stored]).unique(key, keep="first", maintain_order=True)
    return out


def check_references(
    tables: dict[str, pl.DataFrame], dims: dict[str, pl.DataFrame], errors: ErrorCollector
) -> None:
    """Every code resolves; then what it resolves to fits the row."""
    lang = errors.lang
    for tbl, code, kind_col, kind in _references(tables):
        dim = KIND_TO_DIMENSION[kind]  # type: ignore[index]
        rows = _referencing(tables[tbl], code, kind_col, kind)
        key = DIMENSIONS[dim][0]
        lost = rows.join(dims[dim].select(key), left_on=code, right_on=key, how="anti")
        errors.add_rows(lost, pl.lit(True), "ref_missing", column=code, what=word(kind, lang))  # type: ignore[arg-type]
    _roster_collective_in_unit(tables, dims, errors)
    # A cluster role's unit against that year's members: organisation.py (it needs the years).
    _rating_scale(tables, dims, errors)


def _roster_collective_in_unit(
    tables: dict[str, pl.DataFrame], dims: dict[str, pl.DataFrame], errors: ErrorCollector
) -> None:
    roster = tables.get("roster")
    if roster is None or not {"collective_code", "unit_code"} <= set(roster.columns):
        return
    owner = dims["collectives"].select("collective_code", pl.col("unit_code").alias("__owner"))
    # Only rows whose unit resolves: an unknown unit was reported already.
    joined = roster.join(owner, on="collective_code", how="inner").join(
        dims["units"].select("unit_code"), on="unit_code", how="semi"
    )
    errors.add_rows(
        joined,
        pl.col("unit_code").is_not_null() & (pl.col("__owner") != pl.col("unit_code")),
        "collective_other_unit",
        column="collective_code",
        unit=pl.col("__owner"),
        row_unit=pl.col("unit_code"),
    )


def _rating_scale(
    tables: dict[str, pl.DataFrame], dims: dict[str, pl.DataFrame], errors: ErrorCollector
) -> None:
    """Mass organisations are rated on the strength scale, everyone else on the task scale
    (ratings.toml `applies_to`); an unresolved collective was reported already."""
    ratings = tables.get("ratings")
    if ratings is None or not {"rating", "subject_kind", "subject_code"} <= set(ratings.columns):
        return
    kinds = dims["collectives"].select(
        pl.col("collective_code").alias("subject_code"), pl.col("kind").alias("__ckind")
    )
    joined = ratings.join(kinds, on="subject_code", how="left", maintain_order="left")
    category = (
        pl.when(pl.col("subject_kind") == "collective")
        .then(pl.col("__ckind"))
        .otherwise(pl.col("subject_kind"))
    )
    joined = joined.with_columns(category.alias("__category"))
    scales = load_catalog().scales
    for cat, scale in scale_of_category().items():
        levels = tuple(scales[scale]["levels"])
        mask = (pl.col("__category") == cat) & ~pl.col("rating").is_in(levels)
        errors.add_rows(
            joined,
            mask & pl.col("rating").is_not_null(),
            "rating_scale",
            column="rating",
            category=category_word(cat, errors.lang),
            allowed=", ".join(levels),
        )


def check_award_recipients(tables: dict[str, pl.DataFrame], errors: ErrorCollector) -> None:
    """A title goes only to the kind of recipient awards.toml says (no CSTDCS to a collective)."""
    awards = tables.get("awards")
    if awards is None or not {"award_code", "recipient_kind"} <= set(awards.columns):
        return
    lang = errors.lang
    for code, award in load_catalog().awards.items():
        allowed = recipient_kinds(award.recipient)
        name = award.name_vi if lang == "vi" else award.name_en
        errors.add_rows(
            awards,
            (pl.col("award_code") == code) & ~pl.col("recipient_kind").is_in(allowed),
            "award_recipient",
            column="award_code",
            award=f"{code} ({name})",
            allowed=", ".join(word(k, lang) for k in allowed),
        )
