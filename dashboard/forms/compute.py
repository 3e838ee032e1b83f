"""Form 0602 / 0603 figures from the award records of a report year's statistics period (the
circular in force: 1 December of the year before to 30 November; a record with no decision date
by its `year`), for a unit, a cluster (that year's members) or all.

Each award record (one recipient, one award, one year) counts once, in the unit of its
recipient: a person's unit from the roster of the award's year (else the report year's). A
record whose recipient is on no roster belongs to no unit: it is in no form and the form lists
it as a warning, so the whole form is the sum of its clusters' (when every unit is in one).
A cell is a count, BLANK (the form leaves it empty: a person column on a collectives row),
NO_DATA (the import tables hold no field for this breakdown) or NOT_LISTED (the catalogue
records no award for this column). Method rows count the records of each method; the records
with none have their own row. The total column (1) adds the row's counts.

>>> from data_access.readers import Dataset
>>> import polars as pl
>>> ds = Dataset.empty(units=pl.DataFrame({"unit_code": ["U1"], "unit_name": ["Một"],
...     "cluster_code": ["C1"]}), awards=pl.DataFrame({"year": [2024], "recipient_kind":
...     ["unit"], "recipient_code": ["U1"], "award_code": ["BK_BO"], "method": ["regular"]}))
>>> form_table("0603", ds, year=2024).cell("01", 2)
1
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl

from dashboard.organisation import membership
from data_access.catalog.forms import (
    METHOD_NONE,
    Circular,
    Column,
    Form,
    Row,
    circular_for,
    load_forms,
)
from data_access.readers import Dataset

BLANK, NO_DATA, NOT_LISTED = "blank", "no_data", "not_listed"
Cell = int | str


@dataclass(frozen=True)
class FormTable:
    form: Form
    year: int
    cluster: str | None
    unit: str | None
    grid: tuple[tuple[Cell, ...], ...]  # per row: (total, one cell per form column)
    records: int  # award records in scope counted by the form
    without_method: int  # of those, records with no method
    circular: Circular
    period: tuple[dt.date, dt.date]
    unlocated: pl.DataFrame  # the period's records of the form's awards on no roster

    def cell(self, row_key: str, column: int, index: int = 0) -> Cell:
        """The cell of row `row_key` (its code, or "method:none") in numbered column `column`
        (1 = total); `index` picks among the sub-columns of a group (0 = first)."""
        r = next(i for i, row in enumerate(self.form.rows) if row.key == row_key)
        if column == 1:
            return self.grid[r][0]
        js = [j for j, c in enumerate(self.form.columns) if c.number == column]
        return self.grid[r][1 + js[index]]


def in_period(ds: Dataset, year: int) -> pl.DataFrame:
    """The award records of report year `year`'s statistics period (the circular in force):
    decided within it, or, with no decision date, of that `year`."""
    first, last = circular_for(year).period_of(year)
    date = pl.col("decision_date")
    inside = pl.when(date.is_null()).then(pl.col("year") == year)
    return ds.awards.filter(inside.otherwise(date.is_between(first, last)))


def _recipient_units(ds: Dataset, year: int) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """recipient_kind, recipient_code, year -> unit_code: a person's unit from the roster of the
    award's own year, else of the report year; a collective's and a unit's from the tables."""
    roster = ds.roster.select(
        pl.col("year").cast(pl.Int32),
        pl.col("person_code").cast(pl.String).alias("recipient_code"),
        pl.col("unit_code").cast(pl.String),
    ).unique(["year", "recipient_code"], keep="first")
    collectives = ds.collectives.select(
        pl.col("collective_code").cast(pl.String).alias("recipient_code"),
        pl.col("unit_code").cast(pl.String).alias("via_table"),
    )
    units = ds.units.select(
        pl.col("unit_code").cast(pl.String).alias("recipient_code"),
        pl.col("unit_code").cast(pl.String).alias("via_table"),
    )
    return roster, collectives.unique("recipient_code"), units.unique("recipient_code")


def located_awards(ds: Dataset, year: int) -> pl.DataFrame:
    """The period's award records with the unit each belongs to (null: a person on no roster of
    the award's year or the report year, or a recipient the tables do not hold) and that unit's
    cluster in `year`: recipient_kind, recipient_code, award_code, method, kind ("person" |
    "collective"), unit_code, cluster_code."""
    awards = in_period(ds, year).select(
        pl.col("year").cast(pl.Int32),
        pl.col("recipient_kind").cast(pl.String),
        pl.col("recipient_code").cast(pl.String),
        pl.col("award_code").cast(pl.String),
        pl.col("method").cast(pl.String),
    )
    roster, collectives, units = _recipient_units(ds, year)
    own_year = awards.join(roster, on=["year", "recipient_code"], how="left")
    report_year = roster.filter(pl.col("year") == year).drop("year")
    own_year = own_year.join(
        report_year.rename({"unit_code": "report_unit"}), on="recipient_code", how="left"
    )
    table = pl.concat(
        [collectives.with_columns(pl.lit("collective").alias("recipient_kind")),
         units.with_columns(pl.lit("unit").alias("recipient_kind"))]
    )  # fmt: skip
    located = own_year.join(table, on=["recipient_kind", "recipient_code"], how="left")
    person = pl.col("recipient_kind") == "person"
    unit = pl.when(person).then(pl.coalesce("unit_code", "report_unit")).otherwise("via_table")
    located = located.with_columns(unit.alias("unit_code")).drop("report_unit", "via_table")
    members = membership(ds, [year]).select("unit_code", "cluster_code")
    kind = pl.when(person).then(pl.lit("person")).otherwise(pl.lit("collective"))
    return located.join(members, on="unit_code", how="left").with_columns(kind.alias("kind"))


def scoped_awards(
    ds: Dataset, *, year: int, cluster: str | None = None, unit: str | None = None
) -> pl.DataFrame:
    """The period's award records whose recipient belongs to `unit`, to a unit of `cluster` that
    year, or (neither) to any unit: kind ("person" | "collective"), award_code, method.
    Records of no unit are left out of every form and listed by `unlocated`."""
    awards = located_awards(ds, year).filter(pl.col("unit_code").is_not_null())
    if unit is not None:
        awards = awards.filter(pl.col("unit_code") == unit)
    if cluster is not None:
        awards = awards.filter(pl.col("cluster_code") == cluster)
    return awards.select("kind", "award_code", "method")


def unlocated(ds: Dataset, year: int, award_codes: Iterable[str]) -> pl.DataFrame:
    """The period's records of `award_codes` whose recipient is on no roster (or in no table):
    recipient_kind, recipient_code, award_code, year — what the form's warning lists."""
    return (
        located_awards(ds, year)
        .filter(pl.col("unit_code").is_null() & pl.col("award_code").is_in(list(award_codes)))
        .select("recipient_kind", "recipient_code", "award_code", "year")
        .sort("recipient_code", "award_code")
    )


def _column_rows(awards: pl.DataFrame, col: Column) -> pl.DataFrame:
    rows = awards.filter(pl.col("award_code").is_in(list(col.awards)))
    if col.recipient != "any":
        rows = rows.filter(pl.col("kind") == col.recipient)
    return rows


def _cell(awards: pl.DataFrame, row: Row, col: Column) -> Cell:
    if row.count == "section":
        return BLANK
    if row.count in ("collective", "person") and col.recipient not in ("any", row.count):
        return BLANK
    if not col.awards:
        return NOT_LISTED
    if row.count == "zero":  # businesses, households: the data model holds neither
        return 0
    if row.count == "unknown":
        return NO_DATA
    rows = _column_rows(awards, col)
    if row.count in ("collective", "person"):
        return rows.filter(pl.col("kind") == row.count).height
    if row.count == METHOD_NONE:
        return rows["method"].null_count()
    if row.count.startswith("method:"):
        return rows.filter(pl.col("method") == row.count.removeprefix("method:")).height
    return rows.height  # all


def _total(cells: list[Cell], row: Row) -> Cell:
    if row.count == "section":
        return BLANK
    if row.count == "unknown":
        return NO_DATA
    return sum(c for c in cells if isinstance(c, int))


def form_table(
    number: str, ds: Dataset, *, year: int, cluster: str | None = None, unit: str | None = None
) -> FormTable:
    """Form `number` ("0602" | "0603") of report year `year` for a unit, a cluster, or all."""
    forms = load_forms()
    if number not in forms:
        raise KeyError(f"unknown form {number!r}; forms: {', '.join(forms)}")
    form = forms[number]
    awards = scoped_awards(ds, year=year, cluster=cluster, unit=unit)
    counted = sorted({a for c in form.columns for a in c.awards})
    grid = []
    for row in form.rows:
        cells = [_cell(awards, row, col) for col in form.columns]
        grid.append((_total(cells, row), *cells))
    # what the form counts: its total row and its row of records with no method (a record no
    # column takes — a collective's award to a person, refused at import — is in neither)
    records = next(g[0] for g, r in zip(grid, form.rows, strict=True) if r.count == "all")
    none = [g[0] for g, r in zip(grid, form.rows, strict=True) if r.count == METHOD_NONE]
    circular = circular_for(year)
    return FormTable(
        form, year, cluster, unit, tuple(grid), int(records), int(none[0]) if none else 0,
        circular, circular.period_of(year), unlocated(ds, year, counted),
    )  # fmt: skip
