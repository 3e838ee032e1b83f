"""The organisation as it was: who was in which cluster in a year, what a unit's predecessors
were, which emulation year a month falls in (contract 0.3.0).

The one place these questions are answered. The pipeline asks once per data version (the frames
here are small: units × years); pages, exports, forms and the meeting pack use its answers and
never work them out themselves.

- Membership: a year with any `cluster_members` rows has exactly those members; a year with none
  puts every unit in its `units.cluster_code`.
- Changes: `unit_changes` rows (merge: rows sharing to_unit_code; split: rows sharing
  from_unit_code; rename: one row). A row from a unit to itself says the unit continues through
  the change. A change takes effect in the emulation year that holds its date; from that year on
  a predecessor that does not continue has ended.
- History: for a year before a change took effect, a unit's figures are those of its sources
  pooled (Σ numerators ÷ Σ denominators): a merged unit's predecessors (itself included), a split
  or renamed unit's parent. Chains compose (A → B in 2025, B → C in 2027).
- The emulation year: `period_start_month` m of the unit, else of its cluster, else 1. With
  m > 1, year Y runs from month m of Y−1 to month m−1 of Y and is shown "Y−1–Y".
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from data_access.readers import Dataset

MEMBERSHIP_SCHEMA = {"year": pl.Int16, "unit_code": pl.String, "cluster_code": pl.String}
SOURCES_SCHEMA = {"unit_code": pl.String, "year": pl.Int16, "source_code": pl.String}


def _s(name: str) -> pl.Expr:
    return pl.col(name).cast(pl.String)


# --- the emulation year --------------------------------------------------------------------------
def start_months(ds: Dataset) -> pl.DataFrame:
    """unit_code, start_month (1–12): the unit's own period_start_month, else its (current)
    cluster's, else 1."""
    clusters = ds.clusters.select(_s("cluster_code"), cluster_m=pl.col("period_start_month"))
    return (
        ds.units.select(_s("unit_code"), _s("cluster_code"), pl.col("period_start_month"))
        .join(clusters, on="cluster_code", how="left")
        .select(
            "unit_code",
            start_month=pl.coalesce("period_start_month", "cluster_m", pl.lit(1)).cast(pl.Int8),
        )
    )


def emulation_year(year: pl.Expr, month: pl.Expr, start_month: pl.Expr) -> pl.Expr:
    """The emulation year a calendar (year, month) falls in: months from `start_month` on count
    in the next year when the year does not start in January."""
    shift = (start_month > 1) & (month >= start_month)
    return (year.cast(pl.Int16) + shift.cast(pl.Int16)).cast(pl.Int16)


def emulation_month(month: pl.Expr, start_month: pl.Expr) -> pl.Expr:
    """The month's place in its emulation year: 1 for `start_month`, … 12 for the month before."""
    return (((month.cast(pl.Int16) - start_month.cast(pl.Int16)) % 12) + 1).cast(pl.Int8)


def year_of_date(day: pl.Expr, start_month: pl.Expr) -> pl.Expr:
    """The emulation year holding a date."""
    return emulation_year(day.dt.year(), day.dt.month(), start_month)


def year_label(year: int, start_month: int | None = 1) -> str:
    """ "2025" for a calendar emulation year, "2024–2025" for one starting in another month."""
    if start_month is None or start_month <= 1:
        return str(year)
    return f"{year - 1}–{year}"


def months_of_year(year: int, start_month: int | None = 1) -> list[tuple[int, int]]:
    """The twelve calendar (year, month) pairs of emulation year `year`, in order."""
    m = start_month or 1
    if m <= 1:
        return [(year, k) for k in range(1, 13)]
    return [(year - 1, k) for k in range(m, 13)] + [(year, k) for k in range(1, m)]


# --- membership by year ------------------------------------------------------------------------
def membership(ds: Dataset, years: Iterable[int]) -> pl.DataFrame:
    """year, unit_code, cluster_code: every member of every cluster in each of `years`."""
    ys = sorted({int(y) for y in years})
    listed = ds.cluster_members.select(
        pl.col("year").cast(pl.Int16), _s("unit_code"), _s("cluster_code")
    ).filter(pl.col("year").is_in(ys))
    with_rows = set(listed["year"].to_list())
    rest = [y for y in ys if y not in with_rows]
    fallback = (
        pl.DataFrame({"year": rest}, schema={"year": pl.Int16})
        .join(ds.units.select(_s("unit_code"), _s("cluster_code")), how="cross")
        .filter(pl.col("cluster_code").is_not_null())
    )
    return (
        pl.concat([listed, fallback.select(list(MEMBERSHIP_SCHEMA))])
        .cast(MEMBERSHIP_SCHEMA)  # type: ignore[arg-type]
        .sort("year", "cluster_code", "unit_code")
    )


def members(ds: Dataset, year: int, cluster: str) -> list[str]:
    """Unit codes of `cluster` in `year`."""
    m = membership(ds, [year])
    return m.filter(pl.col("cluster_code") == cluster)["unit_code"].to_list()


# --- changes and lineage -------------------------------------------------------------------------
def changes(ds: Dataset) -> pl.DataFrame:
    """Every change row with the emulation year it takes effect in (`effective_year`, in the
    successor's year) and `ends`: the source unit does not continue through it."""
    ch = ds.unit_changes.select(
        _s("from_unit_code"),
        _s("to_unit_code"),
        _s("kind"),
        pl.col("effective_date"),
        pl.col("decision_no"),
    )
    if ch.is_empty():
        return ch.with_columns(
            effective_year=pl.lit(None, dtype=pl.Int16), ends=pl.lit(None, dtype=pl.Boolean)
        )
    sm = start_months(ds)
    continues = ch.filter(pl.col("from_unit_code") == pl.col("to_unit_code")).select(
        "from_unit_code", "effective_date", _cont=pl.lit(True)
    )
    return (
        ch.join(sm, left_on="to_unit_code", right_on="unit_code", how="left")
        .join(continues, on=["from_unit_code", "effective_date"], how="left")
        .with_columns(
            effective_year=year_of_date(
                pl.col("effective_date"), pl.col("start_month").fill_null(1)
            ),
            ends=pl.col("_cont").is_null(),
        )
        .drop("start_month", "_cont")
        .sort("effective_date", "to_unit_code", "from_unit_code")
    )


def ended(ds: Dataset) -> pl.DataFrame:
    """unit_code, last_year, effective_date, kind, to_codes: units that a change ended (merged
    away, split up, renamed), with the last emulation year they existed."""
    ch = changes(ds).filter(pl.col("ends"))
    return (
        ch.group_by("from_unit_code")
        .agg(
            pl.col("effective_year").min(),
            pl.col("effective_date").min(),
            pl.col("kind").first(),
            pl.col("to_unit_code").unique().sort().alias("to_codes"),
        )
        .select(
            pl.col("from_unit_code").alias("unit_code"),
            (pl.col("effective_year") - 1).cast(pl.Int16).alias("last_year"),
            "effective_date",
            "kind",
            "to_codes",
        )
        .sort("unit_code")
    )


def changed_in(ds: Dataset) -> pl.DataFrame:
    """unit_code, year: units a change took effect on in that year (a successor, a split's
    parts, a renamed unit): their rank change that year is empty."""
    ch = changes(ds)
    return (
        ch.select(pl.col("to_unit_code").alias("unit_code"), pl.col("effective_year").alias("year"))
        .unique()
        .sort("unit_code", "year")
    )


def history_sources(ds: Dataset, years: Iterable[int]) -> pl.DataFrame:
    """unit_code, year, source_code: for each unit whose figures of a year before a change are
    another unit's or several units' pooled, the units pooled (the unit itself included where it
    took part). Units whose history is their own do not appear."""
    ys = sorted({int(y) for y in years})
    ch = changes(ds)
    if ch.is_empty() or not ys:
        return pl.DataFrame(schema=SOURCES_SCHEMA)
    # direct predecessors: to <- from, with the year the change takes effect
    edges: dict[str, list[tuple[str, int]]] = {}
    for row in ch.iter_rows(named=True):
        edges.setdefault(row["to_unit_code"], []).append(
            (row["from_unit_code"], int(row["effective_year"]))
        )

    def sources(unit: str, year: int, seen: frozenset[str]) -> set[str]:
        out = {unit}
        for pred, eff in edges.get(unit, ()):
            if year < eff and pred not in seen and pred != unit:
                out |= sources(pred, year, seen | {pred})
        return out

    rows = []
    for unit in edges:
        for y in ys:
            got = sources(unit, y, frozenset({unit}))
            if got != {unit}:
                rows += [(unit, y, s) for s in sorted(got)]
    return pl.DataFrame(rows, schema=SOURCES_SCHEMA, orient="row").sort(
        "unit_code", "year", "source_code"
    )


def pooled_history(counts: pl.DataFrame, sources: pl.DataFrame) -> pl.DataFrame:
    """Counts rows standing for each (unit, year) of `sources`: the sources' measures, ready
    for `indicators()` to pool (cluster_code holds the unit the pool stands for).

    Pass the result to `dashboard.indicators.indicators` and keep its pooled rows (unit_code
    null): Σ numerators ÷ Σ denominators over the sources, as a cluster is pooled."""
    s = sources.select(
        pl.col("unit_code").alias("_for"), pl.col("year").cast(pl.Int16), "source_code"
    )
    c = counts.with_columns(pl.col("year").cast(pl.Int16), _s("unit_code"))
    return (
        c.join(s, left_on=["year", "unit_code"], right_on=["year", "source_code"], how="inner")
        .with_columns(pl.col("_for").alias("cluster_code"))
        .drop("_for")
    )


def predecessors(ds: Dataset, unit: str) -> pl.DataFrame:
    """The changes that made `unit`: from_unit_code, kind, effective_date, effective_year,
    decision_no (its own continuing row left out), oldest first."""
    ch = changes(ds)
    return ch.filter((pl.col("to_unit_code") == unit) & (pl.col("from_unit_code") != unit)).select(
        "from_unit_code", "kind", "effective_date", "effective_year", "decision_no"
    )
