"""Cached loaders: thin wrappers over `dashboard.pipeline`, keyed on (database URL, data
version, arguments), then cut to the session's scope.

Keyed on `data_access.engine.data_version`, so an import invalidates them. Aggregate pages read
only the stored per-version aggregates (`pipeline.build_aggregates`: counts, budget) and the
small tables; the pages that list people read person rows per unit (or cluster) and year from
the same store. No loader holds the whole Dataset, so a process stays small at national size.
Everything computed is small and cached with `st.cache_data`. The cached results are
shared by every session; what a page gets from the public functions below is cut to its
principal's scope on the server (`access.restrict`), after the cache.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

import polars as pl
import streamlit as st

from dashboard import access, organisation, pipeline, tables
from dashboard.ui import audit, session
from dashboard.ui.options import Options
from dashboard.views import lineage
from dashboard.views import progress as progress_view
from dashboard.views import unit as unit_view
from dashboard.views import warnings as warnings_view
from data_access import inventory
from data_access.aggregates import Store
from data_access.readers import Dataset, read_years


# --- the stored aggregates, the small tables and the options ------------------------------------
@st.cache_resource(show_spinner=False, max_entries=2)
def _store(url: str, ver: str) -> Store:
    # The aggregates of this data version (built once per version for every app process, only
    # the partitions an import touched); the handle is a folder, the frames are read on demand.
    return pipeline.build_aggregates(session.engine_for(url), in_child=True)


@st.cache_resource(show_spinner=False, max_entries=2)
def _small(url: str, ver: str) -> Dataset:
    """The small tables (no person-level rows): what the aggregate pages read beside counts."""
    return pipeline.small_dataset(_store(url, ver))


def dataset() -> Dataset:
    """The small tables of the data version (clusters, units, targets, roles, scores); the
    person-level tables are empty here: person pages read them per unit and year."""
    return _small(session.db_url(), session.version())


@st.cache_data(show_spinner=False, max_entries=4)
def _options(url: str, ver: str) -> Options:
    """Every year, cluster and unit (unscoped: every cluster is whole)."""
    ds = _small(url, ver)
    with session.engine_for(url).connect() as conn:
        years = tuple(read_years(conn))
    clusters = ds.clusters.select(pl.col("cluster_code").cast(pl.String), "cluster_name").sort(
        "cluster_code"
    )
    # profile: the vocabulary of the scope (dashboard.vocabulary); short_name: the imported one,
    # when there is one (dashboard.names derives the others).
    extra = [pl.col(c).cast(pl.String) for c in ("profile", "short_name") if c in ds.units.columns]
    units = ds.units.select(
        pl.col("unit_code").cast(pl.String),
        "unit_name",
        pl.col("cluster_code").cast(pl.String),
        *extra,
    ).sort("unit_code")
    whole = frozenset(clusters["cluster_code"].to_list())
    # years with no year-end result anywhere yet: the selector says so, the default skips them
    in_progress = progress_view.in_progress_years(years, _counts(url, ver) if years else None)
    ended = organisation.ended(ds)
    pairs = ended.select("unit_code", "to_codes").iter_rows()
    successors = {str(u): str(to[0]) for u, to in pairs if len(to) == 1}
    return Options(
        years,
        clusters,
        units,
        whole,
        in_progress,
        members=lineage.members(ds, years),
        starts=lineage.cluster_start_months(ds),
        successors=successors,
    )


@st.cache_data(show_spinner=False, max_entries=4)
def _affiliations(url: str, ver: str) -> pl.DataFrame:
    """Every (unit, cluster) pair of the organisation, current or of any year: what access
    scoping reads, so a cluster's secretary sees its members of every year (and never loses its
    current ones)."""
    return organisation.affiliations(_small(url, ver))


def all_options() -> Options:
    """Every year, cluster and unit, whatever the principal's scope (to tell "outside your
    scope" from "does not exist")."""
    return _options(session.db_url(), session.version())


def options() -> Options:
    """Years, clusters and units for the filters, cut to the principal's scope."""
    opts = all_options()
    p = session.principal()
    if p is not None and p.is_admin:
        return opts
    p = p or access.Principal(None, "anonymous")
    seen = list(access.visible_units(p, opts.units))
    units = opts.units.filter(pl.col("unit_code").is_in(seen))
    clusters = opts.clusters.filter(
        pl.col("cluster_code").is_in(units["cluster_code"].unique().to_list())
    )
    return replace(
        opts, units=units, clusters=clusters, whole=access.visible_clusters(p, opts.units)
    )


# --- the engine over the stored aggregates -------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=4)
def _counts(url: str, ver: str) -> pl.DataFrame:
    return _store(url, ver).read("counts")


@st.cache_data(show_spinner=False, max_entries=4)
def _indicators(url: str, ver: str) -> pl.DataFrame:
    return pipeline.targeted(pipeline.indicators_for(_counts(url, ver)), _small(url, ver))


@st.cache_data(show_spinner=False, max_entries=32)
def _counts_year(url: str, ver: str, year: int) -> pl.DataFrame:
    return _store(url, ver).read("counts", [year])


@st.cache_data(show_spinner=False, max_entries=32)
def _indicators_year(url: str, ver: str, year: int) -> pl.DataFrame:
    ind = pipeline.indicators_for(_counts_year(url, ver, year))
    return pipeline.targeted(ind, _small(url, ver))


@st.cache_data(show_spinner=False, max_entries=16)
def _rankings(url: str, ver: str, year: int) -> pl.DataFrame:
    return pipeline.rankings_for(_indicators(url, ver), _small(url, ver), year)


@st.cache_data(show_spinner=False, max_entries=4)
def _rank_history(url: str, ver: str) -> pl.DataFrame:
    return pipeline.rank_history(_small(url, ver), counts_frame=_counts(url, ver))


@st.cache_data(show_spinner=False, max_entries=4)
def _trends(url: str, ver: str) -> pl.DataFrame:
    # A merged unit's years before its merger are its predecessors pooled (pooled_from).
    counts = _counts(url, ver)
    return pipeline.trends_for(
        pipeline.indicators_for(counts), ds=_small(url, ver), counts_frame=counts
    )


@st.cache_data(show_spinner=False, max_entries=4)
def _history_sources(url: str, ver: str) -> pl.DataFrame:
    years = _options(url, ver).years
    return organisation.history_sources(_small(url, ver), years)


@st.cache_data(show_spinner=False, max_entries=4)
def _ended(url: str, ver: str) -> pl.DataFrame:
    return organisation.ended(_small(url, ver))


@st.cache_data(show_spinner=False, max_entries=4)
def _quotas(url: str, ver: str) -> pl.DataFrame:
    return pipeline.quotas_for(_counts(url, ver))


@st.cache_data(show_spinner=False, max_entries=8)
def _budget(url: str, ver: str, year: int) -> pl.DataFrame:
    return _store(url, ver).read("budget", [year])


# --- person-level rows, read per unit (or cluster) and year ---------------------------------------
def _units_of(
    url: str, ver: str, cluster: str | None, unit: str | None, year: int | None = None
) -> tuple[str, ...]:
    """The units of the scope: one unit, a cluster's members of `year` (its current members
    without a year), or every unit."""
    if unit is not None:
        return (unit,)
    if cluster is not None and year is not None:
        return tuple(organisation.members(_small(url, ver), year, cluster))
    units = _options(url, ver).units
    if cluster is not None:
        units = units.filter(pl.col("cluster_code") == cluster)
    return tuple(units["unit_code"].to_list())


def _persons_of(url: str, ver: str, units: tuple[str, ...], year: int) -> Dataset:
    # Every year up to `year`: eligibility and streaks look back at earlier years.
    years = [y for y in _options(url, ver).years if y <= year]
    return _store(url, ver).dataset_for_units(units, years=years)


def scope_reader(
    year: int, *, cluster: str | None = None, unit: str | None = None
) -> Callable[[], Dataset]:
    """Reads, when called, every table with the person-level rows of the scope's units for the
    years up to `year` (the forms and the meeting pack). The scope is fixed now, in the session;
    the call may come later from a download's server thread, which has no session."""
    url, ver = session.db_url(), session.version()
    units = _units_of(url, ver, cluster, unit, year)
    if cluster is not None:
        # last year's members too: the pack's rank change and the forms' period reach back
        units = tuple(sorted(set(units) | set(_units_of(url, ver, cluster, unit, year - 1))))
    return lambda: _persons_of(url, ver, units, year)


def _in_units(frame: pl.DataFrame, units: tuple[str, ...]) -> pl.DataFrame:
    return frame.filter(pl.col("unit_code").cast(pl.String).is_in(list(units)))


@st.cache_data(show_spinner=False, max_entries=8)
def _eligibility(url: str, ver: str, year: int, units: tuple[str, ...]) -> pl.DataFrame:
    ds = _persons_of(url, ver, units, year)
    return _in_units(pipeline.eligibility_for(ds, year), units)


@st.cache_data(show_spinner=False, max_entries=8)
def _streaks(url: str, ver: str, year: int, units: tuple[str, ...]) -> pl.DataFrame:
    ds = _persons_of(url, ver, units, year)
    return _in_units(pipeline.streaks_for(ds, year), units)


@st.cache_data(show_spinner=False, max_entries=32)
def _analytics_table(
    url: str, ver: str, name: str, year: int, cluster: str | None, unit: str | None
) -> pl.DataFrame:
    if name == "eligibility":
        units = _units_of(url, ver, cluster, unit, year)
        ds = _persons_of(url, ver, units, year)
        return tables.analytics_table(name, ds, year=year, cluster=cluster, unit=unit)
    return tables.analytics_table(
        name,
        _small(url, ver),
        year=year,
        cluster=cluster,
        unit=unit,
        counts_frame=_counts(url, ver),
        budget_frame=_budget(url, ver, year) if name == "budget" else None,
    )


@st.cache_data(show_spinner=False, max_entries=32)
def _unit_awards(url: str, ver: str, year: int, unit: str) -> pl.DataFrame:
    ds = _store(url, ver).dataset_for_units([unit], years=[year])
    return unit_view.awards_by_type(ds, year=year, unit=unit)


@st.cache_data(show_spinner=False, max_entries=32)
def _unit_monthly(url: str, ver: str, year: int, unit: str) -> pl.DataFrame:
    ds = _store(url, ver).dataset_for_units([unit], years=[year - 1, year])
    return unit_view.monthly_progress(ds, year=year, unit=unit)


@st.cache_data(show_spinner=False, max_entries=32)
def _unit_people(url: str, ver: str, year: int, unit: str, lang: str) -> pl.DataFrame:
    elig = _eligibility(url, ver, year, (unit,))
    ds = _persons_of(url, ver, (unit,), year)
    return unit_view.people(ds, elig, year=year, unit=unit, lang=lang)


@st.cache_data(show_spinner=False, max_entries=8)
def _early_warnings(url: str, ver: str, year: int, cluster: str | None) -> pl.DataFrame:
    # The monthly ratings of one year, for the cluster's units only (read per unit and year).
    units = _units_of(url, ver, cluster, None, year)
    # the year before too: a school year's first months are in the calendar year before
    ds = _store(url, ver).dataset_for_units(units, years=[year - 1, year])
    return _in_units(warnings_view.warnings(ds, year=year), units)


@st.cache_data(show_spinner=False, max_entries=16)
def _cap_so_far(url: str, ver: str, year: int, cluster: str | None) -> pl.DataFrame:
    units = _units_of(url, ver, cluster, None, year)
    ds = _store(url, ver).dataset_for_units(units, years=[year - 1, year])
    return _in_units(warnings_view.cap_tallies(ds, year=year), units)


# --- the scope cut, after the cache --------------------------------------------------------------
def scoped(frame: pl.DataFrame) -> pl.DataFrame:
    """The rows of `frame` (with unit_code and/or cluster_code) the session's principal may see."""
    p = session.principal()
    if p is not None and p.is_admin:
        return frame
    if p is None:  # never reached through a page (login first); fail closed
        return frame.clear()
    units = _affiliations(session.db_url(), session.version())
    if "unit_code" in frame.columns:
        return access.restrict(frame, p, units)
    if "cluster_code" in frame.columns:
        whole = list(access.visible_clusters(p, units))
        return frame.filter(pl.col("cluster_code").cast(pl.String).is_in(whole))
    return frame.clear()


def _persons(table: str, **detail: object) -> None:
    """Person-level data: refused for roles that see aggregates only, audited each time the
    list changes (table, year, cluster, unit)."""
    access.check_table(session.principal_or_anonymous(), table)
    audit.view_persons(table, **detail)


def _unit_allowed(unit: str) -> None:
    p = session.principal_or_anonymous()
    affiliations = _affiliations(session.db_url(), session.version())
    if not p.is_admin and unit not in access.visible_units(p, affiliations):
        raise access.AccessDenied(f"unit {unit!r} is outside the scope of {p.username!r}")


# --- what the pages call -------------------------------------------------------------------------
def counts(years: Iterable[int] | None = None) -> pl.DataFrame:
    """Counts of every unit-year, or of `years` only (computed and cached year by year)."""
    url, ver = session.db_url(), session.version()
    if years is None:
        return scoped(_counts(url, ver))
    parts = [_counts_year(url, ver, y) for y in sorted(set(years))]
    return scoped(pl.concat(parts, how="diagonal_relaxed"))


def indicators(years: Iterable[int] | None = None) -> pl.DataFrame:
    """Indicators of every unit and cluster, with targets and status: every year, or `years`."""
    url, ver = session.db_url(), session.version()
    if years is None:
        return scoped(_indicators(url, ver))
    parts = [_indicators_year(url, ver, y) for y in sorted(set(years))]
    return scoped(pl.concat(parts, how="diagonal_relaxed"))


def rankings(year: int) -> pl.DataFrame:
    return scoped(_rankings(session.db_url(), session.version(), year))


def rank_history() -> pl.DataFrame:
    """Every year's ranking in one frame (the rank history chart)."""
    return scoped(_rank_history(session.db_url(), session.version()))


def trends() -> pl.DataFrame:
    return scoped(_trends(session.db_url(), session.version()))


def history_sources() -> pl.DataFrame:
    """unit_code, year, source_code: whose figures stand for a merged, split or renamed unit's
    years before its change (organisation.history_sources; `views.overview.kpis(sources=…)`)."""
    return _history_sources(session.db_url(), session.version())


def ended_units() -> pl.DataFrame:
    """unit_code, last_year, effective_date, kind, to_codes: units a change ended, with the
    last emulation year they existed (organisation.ended): the unit selector offers such a
    unit only up to its last year."""
    return _ended(session.db_url(), session.version())


def quotas() -> pl.DataFrame:
    return scoped(_quotas(session.db_url(), session.version()))


def eligibility(year: int, *, cluster: str | None = None, unit: str | None = None) -> pl.DataFrame:
    """Eligibility of the people of `unit`, else of `cluster`, else of every unit (national:
    every person row of the year is read; pages pass their cluster)."""
    _persons("eligibility", year=year)
    url, ver = session.db_url(), session.version()
    return scoped(_eligibility(url, ver, year, _units_of(url, ver, cluster, unit, year)))


def streak_candidates(
    year: int, *, cluster: str | None = None, unit: str | None = None
) -> pl.DataFrame:
    _persons("streaks", year=year)
    url, ver = session.db_url(), session.version()
    return scoped(_streaks(url, ver, year, _units_of(url, ver, cluster, unit, year)))


def budget(year: int) -> pl.DataFrame:
    return scoped(_budget(session.db_url(), session.version(), year))


def analytics_table(name: str, *, year: int, cluster: str | None, unit: str | None) -> pl.DataFrame:
    """Contract table `name` (export TABLE) for the year and scope chosen."""
    if name in access.PERSON_TABLES:
        _persons(name, year=year, cluster=cluster, unit=unit)
    url, ver = session.db_url(), session.version()
    return scoped(_analytics_table(url, ver, name, year, cluster, unit))


def unit_awards(year: int, unit: str) -> pl.DataFrame:
    _unit_allowed(unit)
    return _unit_awards(session.db_url(), session.version(), year, unit)


def unit_monthly(year: int, unit: str) -> pl.DataFrame:
    _unit_allowed(unit)
    return _unit_monthly(session.db_url(), session.version(), year, unit)


def unit_people(year: int, unit: str, lang: str) -> pl.DataFrame:
    """The unit's staff list (views.unit.people: names, ratings, titles, eligibility)."""
    _unit_allowed(unit)
    _persons("people", year=year, unit=unit)
    return _unit_people(session.db_url(), session.version(), year, unit, lang)


def early_warnings(year: int, cluster: str | None = None) -> pl.DataFrame:
    """Units (of `cluster`, else every unit) behind on monthly ratings or at risk of breaking a
    rating cap (views.warnings): per unit, so aggregate-only roles see them too."""
    return scoped(_early_warnings(session.db_url(), session.version(), year, cluster))


def cap_so_far(year: int, cluster: str | None = None) -> pl.DataFrame:
    """Every unit's monthly ratings so far against the rating caps in force (the cap's own
    ratio, allowed and used; views.warnings.cap_tallies), over the cap or not."""
    return scoped(_cap_so_far(session.db_url(), session.version(), year, cluster))


@st.cache_data(show_spinner=False, max_entries=4)
def _loaded(url: str, ver: str) -> tuple[pl.DataFrame, str | None, inventory.LastImport | None]:
    with session.engine_for(url).connect() as conn:
        return inventory.table_rows(conn), inventory.data_version(conn), inventory.last_import(conn)


def loaded() -> tuple[pl.DataFrame, str | None, inventory.LastImport | None]:
    """What is loaded (data_access.inventory): rows per table and year, the data version and the
    last import. Counts only, no person data: every role may see them."""
    return _loaded(session.db_url(), session.version())
