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

from data_access import organisation_rules as rules
from data_access.readers import Dataset

MEMBERSHIP_SCHEMA = {"year": pl.Int16, "unit_code": pl.String, "cluster_code": pl.String}
SOURCES_SCHEMA = {"unit_code": pl.String, "year": pl.Int16, "source_code": pl.String}


def _s(name: str) -> pl.Expr:
    return pl.col(name).cast(pl.String)


# --- the emulation year --------------------------------------------------------------------------
# The date and month rules live in data_access.organisation_rules: the importer refuses rows by
# the same rule (one truth).
emulation_year = rules.emulation_year
year_of_date = rules.year_of_date


def start_months(ds: Dataset) -> pl.DataFrame:
    """unit_code, start_month (1–12): the unit's own period_start_month, else its (current)
    cluster's, else 1."""
    return rules.start_months(ds.units, ds.clusters)


def emulation_month(month: pl.Expr, start_month: pl.Expr) -> pl.Expr:
    """The month's place in its emulation year: 1 for `start_month`, … 12 for the month before."""
    return (((month.cast(pl.Int16) - start_month.cast(pl.Int16)) % 12) + 1).cast(pl.Int8)


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
    return rules.dated_changes(ds.unit_changes, start_months(ds))


def ended(ds: Dataset) -> pl.DataFrame:
    """unit_code, last_year, effective_date, kind, to_codes: units that a change ended (merged
    away, split up, renamed), with the last emulation year they existed."""
    return rules.ended_units(changes(ds))


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


# --- what the engine joins once per data version -------------------------------------------------
def affiliations(ds: Dataset) -> pl.DataFrame:
    """unit_code, cluster_code: every (unit, cluster) pair the organisation ever had — the
    current clusters and every listed year's. Access scoping uses it, so a cluster secretary
    keeps the units their cluster had in any year and never loses its current members."""
    current = ds.units.select(_s("unit_code"), _s("cluster_code"))
    listed = ds.cluster_members.select(_s("unit_code"), _s("cluster_code"))
    return (
        pl.concat([current, listed])
        .filter(pl.col("cluster_code").is_not_null())
        .unique()
        .sort("cluster_code", "unit_code")
    )


RANK_NOTES = ("unit_change", "cluster_change")


def rank_change_notes(ds: Dataset, year: int) -> pl.DataFrame:
    """unit_code, rank_change_note: why a unit of `year` has no rank change although it may
    have a rank the year before — `unit_change` (a merger, split or rename took effect on it
    that year), else `cluster_change` (it was in another cluster the year before)."""
    changed = (
        changed_in(ds)
        .filter(pl.col("year") == year)
        .select("unit_code", rank_change_note=pl.lit("unit_change"))
    )
    m = membership(ds, [year - 1, year])
    now = m.filter(pl.col("year") == year).select("unit_code", "cluster_code")
    before = m.filter(pl.col("year") == year - 1).select("unit_code", _before="cluster_code")
    moved = (
        now.join(before, on="unit_code", how="inner")
        .filter(pl.col("cluster_code") != pl.col("_before"))
        .select("unit_code", rank_change_note=pl.lit("cluster_change"))
        .join(changed, on="unit_code", how="anti")
    )
    return pl.concat([changed, moved]).unique("unit_code").sort("unit_code")


def shifted_subjects(ds: Dataset) -> pl.DataFrame:
    """subject_kind, subject_code, year, start_month: the rating subjects whose emulation year
    may not start in January. Units with such a start month and their collectives (year null:
    every year); persons ever on such a unit's roster, one row per roster year of theirs with
    that year's unit's start month (1 for a calendar-year unit). Empty when every year starts in
    January, so the common case costs nothing."""
    schema = {
        "subject_kind": pl.String,
        "subject_code": pl.String,
        "year": pl.Int16,
        "start_month": pl.Int8,
    }
    sm = start_months(ds)
    shifted = sm.filter(pl.col("start_month") > 1)
    if shifted.is_empty():
        return pl.DataFrame(schema=schema)
    units = shifted.select(
        subject_kind=pl.lit("unit"),
        subject_code="unit_code",
        year=pl.lit(None, pl.Int16),
        start_month="start_month",
    )
    colls = (
        ds.collectives.select(_s("collective_code"), _s("unit_code"))
        .join(shifted, on="unit_code")
        .select(
            subject_kind=pl.lit("collective"),
            subject_code="collective_code",
            year=pl.lit(None, pl.Int16),
            start_month="start_month",
        )
    )
    roster = ds.roster.lazy().select(
        pl.col("year").cast(pl.Int16), _s("person_code"), _s("unit_code")
    )
    movers = roster.join(shifted.lazy(), on="unit_code", how="semi").select("person_code").unique()
    persons = (
        roster.join(movers, on="person_code", how="semi")
        .join(sm.lazy(), on="unit_code", how="left")
        .select(
            subject_kind=pl.lit("person"),
            subject_code="person_code",
            year="year",
            start_month=pl.col("start_month").fill_null(1),
        )
        .collect()
    )
    return pl.concat([units, colls, persons]).cast(schema)  # type: ignore[arg-type]


def rating_years(ratings: pl.LazyFrame, shifted: pl.DataFrame) -> pl.LazyFrame:
    """`ratings` with `year` the emulation year of each monthly rating (annual ratings keep
    theirs) and `em_month` its place in that year (1–12; null on annual rows). `shifted` is
    `shifted_subjects(ds)`.

    A person of `shifted` has their monthly rating of (y, m) counted in year E ∈ {y, y + 1} when
    E is the emulation year of (y, m) for the unit on their roster in E. Each candidate E is
    judged on the roster of E alone, so counting one year (its roster and the ratings of y − 1
    and y) gives what counting every year gives. (A person moving between a calendar-year and a
    school-year unit may have a September–December month counted in both units' years, or in
    neither: each unit counts the months of its own year for the persons on its roster.)"""
    month = pl.col("month")
    if shifted.is_empty():
        return ratings.with_columns(em_month=month.cast(pl.Int8))
    sm = pl.col("start_month").fill_null(1)
    is_person = pl.col("subject_kind") == "person"
    base = ratings.with_columns(pl.col("year").cast(pl.Int16), _s("subject_code"))
    per_year = (
        shifted.filter(pl.col("year").is_not_null())
        .select("subject_code", "year", "start_month")
        .lazy()
    )
    # Persons ever on a school-year unit's roster: their monthly ratings are judged below; the
    # others (most, and every annual rating) keep their calendar year.
    movers = shifted.filter(pl.col("year").is_not_null())["subject_code"].unique()
    judge = is_person & month.is_not_null() & pl.col("subject_code").is_in(movers.implode())
    with_flag = base.with_columns(_j=judge)
    own = with_flag.filter(is_person & ~pl.col("_j")).with_columns(em_month=month.cast(pl.Int8))
    monthly = with_flag.filter(pl.col("_j"))
    candidates = pl.concat(
        [
            monthly.with_columns(_e=pl.col("year")),
            monthly.with_columns(_e=(pl.col("year") + 1).cast(pl.Int16)),
        ]
    )
    judged = (
        # a person on no roster in E has no unit to count the month in E for
        candidates.join(per_year.rename({"year": "_e"}), on=["subject_code", "_e"], how="inner")
        .filter(emulation_year(pl.col("year"), month, sm) == pl.col("_e"))
        .with_columns(year=pl.col("_e"), em_month=emulation_month(month, sm))
        .drop("_e", "start_month")
    )
    # Collectives and units: their unit's start month, whatever the year.
    fixed = shifted.filter(pl.col("year").is_null())
    others = [
        base.filter(pl.col("subject_kind") == kind)
        .join(
            fixed.filter(pl.col("subject_kind") == kind)
            .select("subject_code", "start_month")
            .lazy(),
            on="subject_code",
            how="left",
        )
        .with_columns(
            year=pl.when(month.is_null())
            .then(pl.col("year"))
            .otherwise(emulation_year(pl.col("year"), month, sm)),
            em_month=pl.when(month.is_not_null()).then(emulation_month(month, sm)),
        )
        .drop("start_month")
        for kind in ("collective", "unit")
    ]
    return pl.concat([own.drop("_j"), judged.drop("_j"), *others], how="diagonal_relaxed")
