"""Rows of units a merge, split or rename ended (contract 0.3.0, issue 18 item 6): no yearly
row (roster, cluster members, roles, scores, reported totals, unit targets, annual ratings of
the unit or of its collectives) for the emulation year the change took effect or later, no
award decided on or after its date (undated: none for that year or later), and no change row
while the database still holds such rows. `ended` is organisation_rules.ended_units with
`first` (the first year without the unit), `__change` and `__date` (their words)."""

from __future__ import annotations

import polars as pl
from sqlalchemy import Connection, and_, or_, select

from data_access.importer.columns import TABLE_SPECS
from data_access.importer.messages import reason_expr, word
from data_access.importer.org_tables import by_codes, overlay, read_rows
from data_access.importer.report import ErrorCollector
from data_access.writer import table as sa_table

YEARLY_UNIT_ROWS: tuple[tuple[str, str, str | None, str | None], ...] = (
    ("roster", "unit_code", None, None),
    ("cluster_members", "unit_code", None, None),
    ("cluster_roles", "unit_code", None, None),
    ("scores", "unit_code", None, None),
    ("unit_counts", "unit_code", None, None),
    ("targets", "scope_code", "scope_kind", "unit"),
    ("ratings", "subject_code", "subject_kind", "unit"),
)


def change_text(lang: str) -> pl.Expr:
    to = pl.col("to_codes").list.join(", ")
    return (
        pl.when(pl.col("kind") == "merge")
        .then(reason_expr("change_merge", lang, to=to))
        .when(pl.col("kind") == "split")
        .then(reason_expr("change_split", lang, to=to))
        .otherwise(reason_expr("change_rename", lang, to=to))
    )


def date_text(col: str, lang: str) -> pl.Expr:
    return pl.col(col).dt.strftime("%d/%m/%Y" if lang == "vi" else "%Y-%m-%d")


def collective_units(conn: Connection, tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
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
    stored = by_codes(conn, "collectives", "collective_code", ["unit_code"], sorted(codes))
    return overlay(tables.get("collectives"), stored, "collective_code")


def _ended_fmt(code: pl.Expr) -> dict[str, object]:
    return {
        "unit": code,
        "change": pl.col("__change"),
        "date": pl.col("__date"),
        "first": pl.col("first"),
    }


def ended_rows(
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


def ended_awards(
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
        decided=date_text("decision_date", lang),
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


def ended_stored(
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
        kept = read_rows(
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
