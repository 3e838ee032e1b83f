"""Form 0602 / 0603 figures from the award records of a year, for a unit, a cluster or all.

Each award record (one recipient, one award, one year) counts once. A cell is a count, BLANK
(the form leaves it empty: a person column on a collectives row), NO_DATA (the import tables
hold no field for this breakdown, or some counted award has no method) or NOT_LISTED (the
catalogue records no award for this column). The total column (1) adds the row's counts; it is
NO_DATA when one of them is.

>>> from data_access.readers import Dataset
>>> import polars as pl
>>> ds = Dataset.empty(awards=pl.DataFrame({"year": [2024], "recipient_kind": ["unit"],
...     "recipient_code": ["U1"], "award_code": ["BK_BO"], "method": ["regular"]}))
>>> form_table("0603", ds, year=2024).cell("01", 2)
1
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from data_access.catalog.forms import Column, Form, Row, load_forms
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

    def cell(self, row_code: str, column: int, index: int = 0) -> Cell:
        """The cell of row `row_code` in numbered column `column` (1 = total); `index` picks
        among the sub-columns of a group (0 = first)."""
        r = next(i for i, row in enumerate(self.form.rows) if row.code == row_code)
        if column == 1:
            return self.grid[r][0]
        js = [j for j, c in enumerate(self.form.columns) if c.number == column]
        return self.grid[r][1 + js[index]]


def _recipient_units(ds: Dataset, year: int) -> pl.DataFrame:
    """recipient_kind, recipient_code -> unit_code (a person's unit from that year's roster)."""
    people = ds.roster.filter(pl.col("year") == year).select(
        pl.lit("person").alias("recipient_kind"),
        pl.col("person_code").cast(pl.String).alias("recipient_code"),
        pl.col("unit_code").cast(pl.String),
    )
    collectives = ds.collectives.select(
        pl.lit("collective").alias("recipient_kind"),
        pl.col("collective_code").cast(pl.String).alias("recipient_code"),
        pl.col("unit_code").cast(pl.String),
    )
    units = ds.units.select(
        pl.lit("unit").alias("recipient_kind"),
        pl.col("unit_code").cast(pl.String).alias("recipient_code"),
        pl.col("unit_code").cast(pl.String),
    )
    return pl.concat([people, collectives, units]).unique(["recipient_kind", "recipient_code"])


def scoped_awards(
    ds: Dataset, *, year: int, cluster: str | None = None, unit: str | None = None
) -> pl.DataFrame:
    """The year's award records whose recipient belongs to `unit` / `cluster` (all: every
    record, even one whose recipient is on no roster): kind ("person" | "collective"),
    award_code, method."""
    awards = ds.awards.filter(pl.col("year") == year).select(
        pl.col("recipient_kind").cast(pl.String),
        pl.col("recipient_code").cast(pl.String),
        pl.col("award_code").cast(pl.String),
        pl.col("method").cast(pl.String),
    )
    if cluster is not None or unit is not None:
        awards = awards.join(
            _recipient_units(ds, year), on=["recipient_kind", "recipient_code"], how="inner"
        )
        if unit is not None:
            awards = awards.filter(pl.col("unit_code") == unit)
        if cluster is not None:
            in_cluster = ds.units.filter(pl.col("cluster_code").cast(pl.String) == cluster)
            codes = in_cluster["unit_code"].cast(pl.String).to_list()
            awards = awards.filter(pl.col("unit_code").is_in(codes))
    kind = pl.when(pl.col("recipient_kind") == "person").then(pl.lit("person"))
    return awards.select(kind.otherwise(pl.lit("collective")).alias("kind"), "award_code", "method")


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
    if row.count == "unknown":
        return NO_DATA
    rows = _column_rows(awards, col)
    if row.count in ("collective", "person"):
        return rows.filter(pl.col("kind") == row.count).height
    if row.count.startswith("method:"):
        if rows["method"].null_count():
            return NO_DATA
        return rows.filter(pl.col("method") == row.count.removeprefix("method:")).height
    return rows.height  # all


def _total(cells: list[Cell], row: Row) -> Cell:
    if row.count == "section":
        return BLANK
    if row.count == "unknown" or NO_DATA in cells:
        return NO_DATA
    return sum(c for c in cells if isinstance(c, int))


def form_table(
    number: str, ds: Dataset, *, year: int, cluster: str | None = None, unit: str | None = None
) -> FormTable:
    """Form `number` ("0602" | "0603") of `year` for a unit, a cluster, or all (neither)."""
    forms = load_forms()
    if number not in forms:
        raise KeyError(f"unknown form {number!r}; forms: {', '.join(forms)}")
    form = forms[number]
    awards = scoped_awards(ds, year=year, cluster=cluster, unit=unit)
    counted = {a for c in form.columns for a in c.awards}
    in_form = awards.filter(pl.col("award_code").is_in(list(counted)))
    grid = []
    for row in form.rows:
        cells = [_cell(awards, row, col) for col in form.columns]
        grid.append((_total(cells, row), *cells))
    return FormTable(
        form, year, cluster, unit, tuple(grid), in_form.height, in_form["method"].null_count()
    )
