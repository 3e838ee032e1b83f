"""What the pages say about the organisation as it was (contract 0.3.0), from the answers of
`dashboard.organisation` (the pages never work membership or lineage out themselves):

- the units a cluster had in a year, for the unit selector (a unit merged away is offered only
  for the years it existed);
- how a year is shown: "2025" or, for a cluster on the school year, "2024–2025";
- a merged unit's predecessors and decision; a predecessor's successor in its last year;
- the merger marks of a trend line and the units a rank change is not compared for.

>>> year_text(2026, 9)
'2025–2026'
>>> file_year(2026, 9)
'2025-2026'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from dashboard import organisation
from data_access.readers import Dataset


def cluster_start_months(ds: Dataset) -> dict[str, int]:
    """cluster_code -> the month its emulation year starts in (1 unless set)."""
    c = ds.clusters
    if "period_start_month" not in c.columns:
        return {}
    return {
        str(code): int(m)
        for code, m in c.select("cluster_code", "period_start_month").iter_rows()
        if m is not None
    }


def year_text(year: int, start_month: int | None) -> str:
    """The year as the pages show it (organisation.year_label): "2025" or "2024–2025"."""
    return organisation.year_label(year, start_month)


def file_year(year: int, start_month: int | None) -> str:
    """The year in a file name: as shown, with an ASCII hyphen for a school year."""
    return year_text(year, start_month).replace("–", "-")


def members(ds: Dataset, years: list[int] | tuple[int, ...]) -> pl.DataFrame:
    """year, unit_code, cluster_code for each of `years` (organisation.membership), less any
    unit that a change ended before the year (a safeguard where no membership rows are kept)."""
    if not years:
        return pl.DataFrame(schema=organisation.MEMBERSHIP_SCHEMA)
    m = organisation.membership(ds, years)
    gone = organisation.ended(ds).select("unit_code", "last_year")
    return (
        m.join(gone, on="unit_code", how="left")
        .filter(pl.col("last_year").is_null() | (pl.col("year") <= pl.col("last_year")))
        .drop("last_year")
    )


@dataclass(frozen=True)
class Change:
    """One change seen from a unit: the other units, the date, the decision, the kind."""

    codes: tuple[str, ...]
    date: dt.date | None
    decision: str | None
    kind: str
    year: int  # the emulation year it takes effect in


def formed_from(ds: Dataset, unit: str) -> Change | None:
    """The change that made `unit` out of others (its predecessors, itself left out); None for
    a unit no change made."""
    p = organisation.predecessors(ds, unit)
    if p.is_empty():
        return None
    last = p.sort("effective_date").filter(pl.col("effective_date") == p["effective_date"].max())
    return Change(
        codes=tuple(sorted(last["from_unit_code"].to_list())),
        date=last["effective_date"][0],
        decision=last["decision_no"].drop_nulls().first() if last["decision_no"].len() else None,
        kind=str(last["kind"][0]),
        year=int(last["effective_year"][0]),
    )


def merged_into(ds: Dataset, unit: str, year: int) -> Change | None:
    """For a unit whose last year is `year` (a change ended it the year after): the units it
    went into; None otherwise."""
    e = organisation.ended(ds).filter(pl.col("unit_code") == unit)
    if e.is_empty() or int(e["last_year"][0]) != year:
        return None
    row = e.row(0, named=True)
    ch = organisation.changes(ds).filter(
        (pl.col("from_unit_code") == unit) & (pl.col("effective_date") == row["effective_date"])
    )
    decision = ch["decision_no"].drop_nulls()
    return Change(
        codes=tuple(row["to_codes"]),
        date=row["effective_date"],
        decision=decision[0] if decision.len() else None,
        kind=str(row["kind"]),
        year=year + 1,
    )


def changed_units(ds: Dataset, year: int) -> list[str]:
    """Units a change took effect on in `year` (organisation.changed_in)."""
    c = organisation.changed_in(ds)
    return sorted(c.filter(pl.col("year") == year)["unit_code"].to_list())


def not_compared(ranked: pl.DataFrame, changed: list[str]) -> list[str]:
    """The ranked units a change took effect on that have no rank change: the note names them."""
    if not changed or "rank_change" not in ranked.columns:
        return []
    rows = ranked.filter(pl.col("unit_code").is_in(changed) & pl.col("rank_change").is_null())
    return rows["unit_code"].to_list()


def trend_marks(ds: Dataset, unit: str | None) -> list[Change]:
    """The changes that made `unit`, for the trend line's markers (oldest first)."""
    if not unit:
        return []
    p = organisation.predecessors(ds, unit)
    out = []
    for (day,), g in p.group_by("effective_date", maintain_order=True):
        decision = g["decision_no"].drop_nulls()
        out.append(
            Change(
                codes=tuple(sorted(g["from_unit_code"].to_list())),
                date=day,
                decision=decision[0] if decision.len() else None,
                kind=str(g["kind"][0]),
                year=int(g["effective_year"][0]),
            )
        )
    return sorted(out, key=lambda c: (c.year, c.codes))
