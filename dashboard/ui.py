"""The app's Streamlit layer: engine, cached loaders, sidebar filters with query-string sync,
tables, charts, downloads and empty states. The only dashboard module that imports Streamlit.

Loaders are keyed on `data_access.engine.data_version(engine)`, so an import invalidates them.
The Dataset (every table, all years) is shared with `st.cache_resource` (read-only frames, no
copy per rerun); everything computed from it is small and cached with `st.cache_data`.
An engine module that has not landed yet raises `ModuleMissing`; `guard()` turns that (and any
other failure of one section) into a notice, and the rest of the page still renders.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

# Imported here, once, under this module's import lock: plotly imports pandas lazily inside its
# validators, and sessions building their first figures at the same time got a partially
# initialised pandas ("no attribute 'Series'"; scripts/load_test.py, 20 sessions).
import pandas  # noqa: F401
import plotly.graph_objects as go
import polars as pl
import streamlit as st
from sqlalchemy import Engine

from dashboard import access, formatting
from dashboard.charts import STATUS_COLORS
from dashboard.i18n import LANGS, header, t
from data_access import accounts, settings
from data_access.engine import data_version, is_empty, make_engine, resolve_url, upgrade
from data_access.readers import Dataset, load_dataset_stable
from data_access.snapshot import load_dataset_fast

log = logging.getLogger(__name__)

DEFAULT_LANG = "vi"
DATA_PAGE = "app_pages/du_lieu.py"
# The analytics tables of contract.md (export TABLE), in the contract's order.
ANALYTICS_TABLES = ("indicators", "quotas", "eligibility", "rankings", "trends", "budget")
FILTER_KEYS = ("year", "cluster", "unit", "lang")


class ModuleMissing(Exception):
    """An engine module (dashboard.<name>, seed) is not in this installation yet."""

    def __init__(self, module: str) -> None:
        super().__init__(module)
        self.module = module


def engine_module(name: str) -> Any:
    """`dashboard.<name>` (or a top-level package such as `seed`), or ModuleMissing."""
    full = name if "." in name or name == "seed" else f"dashboard.{name}"
    try:
        return importlib.import_module(full)
    except ModuleNotFoundError as exc:
        missing = exc.name or full
        if missing == full or missing.startswith(("dashboard.", "seed", "data_access.")):
            raise ModuleMissing(missing) from None
        raise


def require(module: str) -> None:
    """ModuleMissing unless `module` can be imported (for sections that build bytes lazily)."""
    if importlib.util.find_spec(module) is None:
        raise ModuleMissing(module)


# --- engine and first start ----------------------------------------------------------------------
@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    eng = make_engine(url)
    upgrade(eng)
    return eng


def db_url() -> str:
    return resolve_url()


def get_engine() -> Engine:
    return _engine(db_url())


@st.cache_resource(show_spinner=False)
def _seed_once(url: str) -> str:
    """Load the demo data into an empty database, once per process (the per-key lock makes
    concurrent first sessions wait instead of seeding twice)."""
    eng = _engine(url)
    if not is_empty(eng):
        return "present"
    populate = getattr(engine_module("seed"), "populate", None)
    if populate is None:  # the seed package is still an empty folder
        raise ModuleMissing("seed")
    populate(eng, scale="demo", years=(2019, 2025), progress=False)
    return "seeded"


def ensure_data(lang: str) -> None:
    """On the first run of a session: seed an empty database with a spinner."""
    if st.session_state.get("_data_checked"):
        return
    try:
        with st.spinner(t("app.loading_demo", lang)):
            _seed_once(db_url())
    except ModuleMissing:
        st.warning(t("app.seed_missing", lang), icon=":material/database:")
    st.session_state["_data_checked"] = True


def version() -> str:
    return data_version(get_engine())


# --- cached loaders ------------------------------------------------------------------------------
@st.cache_resource(show_spinner=False, max_entries=2)
def _dataset(url: str, ver: str) -> Dataset:
    # Through the Parquet snapshot of this data version (national size: 2.5 s against 124 s and
    # 7.8 GB through the driver, docs/benchmarks.md); both paths are version-checked, so an
    # import committing mid-load never caches a mix under `ver`.
    try:
        return load_dataset_fast(_engine(url))[1]
    except OSError:  # no writable snapshot folder (read-only deployment): read the database
        return load_dataset_stable(_engine(url))[1]


def dataset() -> Dataset:
    return _dataset(db_url(), version())


@st.cache_data(show_spinner=False, max_entries=4)
def _options(url: str, ver: str) -> dict[str, Any]:
    ds = _dataset(url, ver)
    from data_access.readers import read_years

    with _engine(url).connect() as conn:
        years = read_years(conn)
    clusters = ds.clusters.select(pl.col("cluster_code").cast(pl.String), "cluster_name").sort(
        "cluster_code"
    )
    units = ds.units.select(
        pl.col("unit_code").cast(pl.String), "unit_name", pl.col("cluster_code").cast(pl.String)
    ).sort("unit_code")
    return {"years": years, "clusters": clusters, "units": units}


def options() -> dict[str, Any]:
    """Years, clusters and units for the filters, cut to the principal's scope. `whole` holds
    the clusters whose every unit is visible (only those offer "the whole cluster")."""
    opts = _options(db_url(), version())
    p = principal()
    every = set(opts["clusters"]["cluster_code"].to_list())
    if p is not None and p.is_admin:
        return {**opts, "whole": frozenset(every)}
    p = p or access.Principal(None, "anonymous")
    seen = list(access.visible_units(p, opts["units"]))
    units = opts["units"].filter(pl.col("unit_code").is_in(seen))
    clusters = opts["clusters"].filter(
        pl.col("cluster_code").is_in(units["cluster_code"].unique().to_list())
    )
    return {
        **opts,
        "units": units,
        "clusters": clusters,
        "whole": access.visible_clusters(p, opts["units"]),
    }


@st.cache_data(show_spinner=False, max_entries=4)
def _counts(url: str, ver: str) -> pl.DataFrame:
    return engine_module("counts").counts(_dataset(url, ver))


@st.cache_data(show_spinner=False, max_entries=4)
def _indicators(url: str, ver: str) -> pl.DataFrame:
    ind = engine_module("indicators").indicators(_counts(url, ver))
    targets = engine_module("targets")
    return targets.with_targets(ind, targets.resolve_targets(_dataset(url, ver)))


# One year at a time for the pages that show one year against the last: counts are separable by
# year, and at national size all five years cost 5.75 s against 1.05 s for one
# (docs/benchmarks.md), which is most of a cold start.
@st.cache_data(show_spinner=False, max_entries=32)
def _counts_year(url: str, ver: str, year: int) -> pl.DataFrame:
    return engine_module("counts").counts(_dataset(url, ver), years=[year])


@st.cache_data(show_spinner=False, max_entries=32)
def _indicators_year(url: str, ver: str, year: int) -> pl.DataFrame:
    ind = engine_module("indicators").indicators(_counts_year(url, ver, year))
    targets = engine_module("targets")
    return targets.with_targets(ind, targets.resolve_targets(_dataset(url, ver)))


@st.cache_data(show_spinner=False, max_entries=16)
def _rankings(url: str, ver: str, year: int) -> pl.DataFrame:
    return engine_module("rankings").rankings(_indicators(url, ver), _dataset(url, ver), year=year)


@st.cache_data(show_spinner=False, max_entries=4)
def _rank_history(url: str, ver: str) -> pl.DataFrame:
    """Every year's ranking in one frame (the bump chart)."""
    years = _options(url, ver)["years"]
    if not years:
        return pl.DataFrame(
            schema={
                "year": pl.Int16,
                "cluster_code": pl.String,
                "unit_code": pl.String,
                "rank": pl.Int64,
            }
        )
    return pl.concat([_rankings(url, ver, y) for y in years], how="diagonal_relaxed")


@st.cache_data(show_spinner=False, max_entries=4)
def _trends(url: str, ver: str) -> pl.DataFrame:
    ind = engine_module("indicators").indicators(_counts(url, ver))
    return engine_module("trends").trends(ind)


@st.cache_data(show_spinner=False, max_entries=4)
def _quotas(url: str, ver: str) -> pl.DataFrame:
    return engine_module("quotas").quotas(_counts(url, ver))


@st.cache_data(show_spinner=False, max_entries=8)
def _eligibility(url: str, ver: str, year: int) -> pl.DataFrame:
    return engine_module("eligibility").eligibility(_dataset(url, ver), year=year)


@st.cache_data(show_spinner=False, max_entries=8)
def _streaks(url: str, ver: str, year: int) -> pl.DataFrame:
    return engine_module("eligibility").streak_candidates(_dataset(url, ver), year=year)


@st.cache_data(show_spinner=False, max_entries=8)
def _budget(url: str, ver: str, year: int) -> pl.DataFrame:
    return engine_module("budget").budget(_dataset(url, ver), year=year)


@st.cache_data(show_spinner=False, max_entries=32)
def _analytics_table(
    url: str, ver: str, name: str, year: int, cluster: str | None, unit: str | None
) -> pl.DataFrame:
    return engine_module("tables").analytics_table(
        name, _dataset(url, ver), year=year, cluster=cluster, unit=unit
    )


@st.cache_data(show_spinner=False, max_entries=32)
def _unit_view(url: str, ver: str, kind: str, year: int, unit: str, lang: str) -> Any:
    from dashboard.views import unit as unit_view

    ds = _dataset(url, ver)
    if kind == "awards":
        return unit_view.awards_by_type(ds, year=year, unit=unit)
    if kind == "monthly":
        return unit_view.monthly_progress(ds, year=year, unit=unit)
    try:  # the list still shows names, ratings and titles without the rule engine
        elig, missing = _eligibility(url, ver, year), None
    except ModuleMissing as exc:
        elig, missing = unit_view.NO_ELIGIBILITY, exc.module
    return unit_view.people(ds, elig, year=year, unit=unit, lang=lang), missing


def unit_awards(year: int, unit: str) -> pl.DataFrame:
    _unit_allowed(unit)
    return _unit_view(db_url(), version(), "awards", year, unit, "")


def unit_monthly(year: int, unit: str) -> pl.DataFrame:
    _unit_allowed(unit)
    return _unit_view(db_url(), version(), "monthly", year, unit, "")


def unit_people(year: int, unit: str, lang: str) -> tuple[pl.DataFrame, str | None]:
    """The unit's staff list (views.unit.people) and the missing module, if any."""
    _unit_allowed(unit)
    _persons("people", year=year, unit=unit)
    return _unit_view(db_url(), version(), "people", year, unit, lang)


# The cached results above are shared by every session; what a session gets from the functions
# below is cut to its principal's scope on the server (access.restrict), after the cache.
def scoped(frame: pl.DataFrame) -> pl.DataFrame:
    """The rows of `frame` (with unit_code and/or cluster_code) the session's principal may see."""
    p = principal()
    if p is not None and p.is_admin:
        return frame
    if p is None:  # never reached through a page (login first); fail closed
        return frame.clear()
    units = _options(db_url(), version())["units"]
    if "unit_code" in frame.columns:
        return access.restrict(frame, p, units)
    if "cluster_code" in frame.columns:
        whole = list(access.visible_clusters(p, units))
        return frame.filter(pl.col("cluster_code").cast(pl.String).is_in(whole))
    return frame.clear()


def _persons(table: str, **detail: object) -> None:
    """Person-level data: refused for roles that see aggregates only, audited once a session."""
    p = principal() or access.Principal(None, "anonymous")
    access.check_table(p, table)
    audit_once("view_persons", f"{table} " + " ".join(f"{k}={v}" for k, v in detail.items()))


def _unit_allowed(unit: str) -> None:
    p = principal() or access.Principal(None, "anonymous")
    if not p.is_admin and unit not in access.visible_units(
        p, _options(db_url(), version())["units"]
    ):
        raise access.AccessDenied(f"unit {unit!r} is outside the scope of {p.username!r}")


def counts(years: Iterable[int] | None = None) -> pl.DataFrame:
    """Counts of every unit-year, or of `years` only (computed and cached year by year)."""
    if years is None:
        return scoped(_counts(db_url(), version()))
    url, ver = db_url(), version()
    parts = [_counts_year(url, ver, y) for y in sorted(set(years))]
    return scoped(pl.concat(parts, how="diagonal_relaxed"))


def indicators(years: Iterable[int] | None = None) -> pl.DataFrame:
    """Indicators of every unit and cluster, with targets and status: every year, or `years`."""
    if years is None:
        return scoped(_indicators(db_url(), version()))
    url, ver = db_url(), version()
    parts = [_indicators_year(url, ver, y) for y in sorted(set(years))]
    return scoped(pl.concat(parts, how="diagonal_relaxed"))


def rankings(year: int) -> pl.DataFrame:
    return scoped(_rankings(db_url(), version(), year))


def rank_history() -> pl.DataFrame:
    return scoped(_rank_history(db_url(), version()))


def trends() -> pl.DataFrame:
    return scoped(_trends(db_url(), version()))


def quotas() -> pl.DataFrame:
    return scoped(_quotas(db_url(), version()))


def eligibility(year: int) -> pl.DataFrame:
    _persons("eligibility", year=year)
    return scoped(_eligibility(db_url(), version(), year))


def streak_candidates(year: int) -> pl.DataFrame:
    _persons("streaks", year=year)
    return scoped(_streaks(db_url(), version(), year))


def budget(year: int) -> pl.DataFrame:
    return scoped(_budget(db_url(), version(), year))


def analytics_table(name: str, f: Filters) -> pl.DataFrame:
    if name in access.PERSON_TABLES:
        _persons(name, year=f.year, cluster=f.cluster, unit=f.unit)
    return scoped(_analytics_table(db_url(), version(), name, f.year, f.cluster, f.unit))


# --- filters and the query string ----------------------------------------------------------------
@dataclass(frozen=True)
class Filters:
    year: int | None
    cluster: str | None
    unit: str | None
    lang: str

    def as_params(self) -> dict[str, str]:
        out = {"year": self.year, "cluster": self.cluster, "unit": self.unit, "lang": self.lang}
        return {k: str(v) for k, v in out.items() if v is not None}


def _defaults(opts: Mapping[str, Any]) -> dict[str, Any]:
    years, clusters = opts["years"], opts["clusters"]
    cluster = clusters["cluster_code"][0] if clusters.height else None
    return {
        "year": years[-1] if years else None,
        "cluster": cluster,
        "unit": _default_unit(opts, cluster),
        "lang": DEFAULT_LANG,
    }


def _default_unit(opts: Mapping[str, Any], cluster: str | None) -> str | None:
    """None (the whole cluster) when the principal sees all of it, else its first visible unit."""
    if cluster is None or cluster in opts.get("whole", ()):
        return None
    units = _units_of(opts, cluster)
    return units[0] if units else None


def _units_of(opts: Mapping[str, Any], cluster: str | None) -> list[str]:
    if cluster is None:
        return []
    units = opts["units"]
    return units.filter(pl.col("cluster_code") == cluster)["unit_code"].to_list()


def _valid(key: str, value: str, state: Mapping[str, Any], opts: Mapping[str, Any]) -> Any:
    """The value of a URL parameter if it is valid, else raise ValueError."""
    if key == "lang":
        if value in LANGS:
            return value
    elif key == "year":
        if value.strip().isdigit() and int(value) in opts["years"]:
            return int(value)
    elif key == "cluster":
        if value in opts["clusters"]["cluster_code"].to_list():
            return value
    elif key == "unit" and value in _units_of(opts, state.get("cluster")):
        return value
    raise ValueError(value)


def _sync_from_url(opts: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Adopt URL parameters that changed outside the app (first load, an edited or shared link,
    back/forward). Invalid ones fall back to the default; returns the notices to show."""
    state: dict[str, Any] = st.session_state.setdefault("filters", _defaults(opts))
    written: dict[str, str] = st.session_state.setdefault("_qp_written", {})
    notices = []
    params = st.query_params
    for key in FILTER_KEYS:  # cluster before unit: a unit is checked against its cluster
        raw = params.get(key)
        if raw is None or raw == written.get(key):
            continue
        try:
            state[key] = _valid(key, raw, state, opts)
        except ValueError:
            default = (
                _defaults(opts)[key] if key != "unit" else _default_unit(opts, state.get("cluster"))
            )
            state[key] = default
            if key == "cluster":
                state["unit"] = _default_unit(opts, default)
            notices.append(
                {"param": key, "value": raw, "default": default, "scope": _exists(key, raw)}
            )
    return notices


def _exists(key: str, value: str) -> bool:
    """True when a cluster/unit code exists but lies outside the principal's scope."""
    if key not in ("cluster", "unit"):
        return False
    full = _options(db_url(), version())
    return value in full[f"{key}s"][f"{key}_code"].to_list()


def _repair(opts: Mapping[str, Any]) -> None:
    """Keep the chosen values valid for the data as it is now (an import may add years)."""
    state = st.session_state["filters"]
    d = _defaults(opts)
    if state.get("year") not in opts["years"]:
        state["year"] = d["year"]
    if state.get("cluster") not in opts["clusters"]["cluster_code"].to_list():
        state["cluster"] = d["cluster"]
    if state.get("unit") not in _units_of(opts, state.get("cluster")):
        state["unit"] = _default_unit(opts, state.get("cluster"))
    if state.get("lang") not in LANGS:
        state["lang"] = DEFAULT_LANG


def _write_url() -> None:
    f = current_filters()
    wanted = f.as_params()
    for key in FILTER_KEYS:
        if key in wanted:
            if st.query_params.get(key) != wanted[key]:
                st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]
    st.session_state["_qp_written"] = dict(wanted)


def resolve_filters() -> tuple[Filters, list[dict[str, Any]]]:
    """Filters for this run, from the session and the URL; call before any widget."""
    opts = options()
    st.session_state["_opts"] = opts
    # Kept until shown: a ?page= link switches page before the notices are drawn.
    pending = st.session_state.setdefault("_notices", [])
    pending.extend(_sync_from_url(opts))
    _repair(opts)
    _write_url()
    return current_filters(), list(pending)


def early_lang() -> str:
    """The language before the filters are resolved (first-start messages)."""
    chosen = (st.session_state.get("filters") or {}).get("lang") or st.query_params.get("lang")
    return chosen if chosen in LANGS else DEFAULT_LANG


def current_filters() -> Filters:
    s = st.session_state.get("filters") or {}
    return Filters(
        year=s.get("year"),
        cluster=s.get("cluster"),
        unit=s.get("unit"),
        lang=s.get("lang") or DEFAULT_LANG,
    )


def _on_change(key: str) -> None:
    state = st.session_state["filters"]
    # "" stands for "the whole cluster" in the unit box (None would show as no selection).
    state[key] = st.session_state[f"w_{key}"] or (None if key == "unit" else state[key])
    if key == "cluster":
        state["unit"] = _default_unit(st.session_state["_opts"], state["cluster"])


def sidebar_filters(notices: list[dict[str, Any]]) -> Filters:
    """Year, cluster, unit and language in the sidebar; the choice goes to the URL."""
    opts = st.session_state["_opts"]
    f = current_filters()
    lang = f.lang
    # Widgets take their value from the canonical state on every run; a change goes back to
    # it through the callback, before the next run reads it.
    st.session_state["w_lang"] = f.lang
    st.session_state["w_year"] = f.year
    st.session_state["w_cluster"] = f.cluster
    st.session_state["w_unit"] = f.unit or ""
    names = dict(
        zip(opts["clusters"]["cluster_code"], opts["clusters"]["cluster_name"], strict=True)
    )
    units = opts["units"].filter(pl.col("unit_code").is_in(_units_of(opts, f.cluster)))
    unit_names = dict(zip(units["unit_code"], units["unit_name"], strict=True))
    with st.sidebar:
        st.segmented_control(
            t("filter.lang", lang),
            list(LANGS),
            key="w_lang",
            required=True,
            format_func=lambda c: t(f"lang.{c}", c),
            on_change=_on_change,
            args=("lang",),
        )
        if opts["years"]:
            st.selectbox(
                t("filter.year", lang),
                list(reversed(opts["years"])),
                key="w_year",
                on_change=_on_change,
                args=("year",),
            )
        else:
            st.caption(t("filter.no_years", lang))
        if names:
            st.selectbox(
                t("filter.cluster", lang),
                list(names),
                key="w_cluster",
                format_func=lambda c: names.get(c, c),
                on_change=_on_change,
                args=("cluster",),
            )
            whole = f.cluster in opts.get("whole", ())
            st.selectbox(
                t("filter.unit", lang),
                ["", *unit_names] if whole else list(unit_names),
                key="w_unit",
                format_func=lambda c: (
                    t("filter.all_units", lang) if not c else unit_names.get(c, c)
                ),
                on_change=_on_change,
                args=("unit",),
            )
        st.caption(t("filter.share_hint", lang))
        account_box(lang)
    show_notices(notices, lang)
    return f


def show_notices(notices: list[dict[str, Any]], lang: str) -> None:
    """Invalid URL values, each with the default used instead (the URL text shown as typed)."""
    st.session_state["_notices"] = []
    for n in notices:
        st.warning(
            t(
                "filter.out_of_scope" if n.get("scope") else "filter.invalid",
                lang,
                param=n["param"],
                value=md_escape(n["value"]),
                default=md_escape(_default_text(n["param"], n["default"], lang)),
            ),
            icon=":material/link_off:",
        )


def _default_text(param: str, value: Any, lang: str) -> str:
    if param == "unit":
        return unit_name(value) if value else t("filter.all_units", lang)
    if param == "cluster":
        return cluster_name(value)
    if param == "lang":
        return t(f"lang.{value}", lang)
    return "" if value is None else str(value)


def _pick_unit() -> None:
    st.session_state["filters"]["unit"] = st.session_state.get("pick_unit") or None


def unit_picker(f: Filters) -> None:
    """The cluster's units as buttons, for a page that needs one unit (same as the sidebar)."""
    opts = st.session_state["_opts"]
    units = opts["units"].filter(pl.col("unit_code").is_in(_units_of(opts, f.cluster)))
    names = dict(zip(units["unit_code"], units["unit_name"], strict=True))
    st.session_state["pick_unit"] = None
    st.pills(
        t("empty.no_unit", f.lang),
        list(names),
        key="pick_unit",
        on_change=_pick_unit,
        format_func=lambda c: md_escape(names.get(c, c)),
    )


def hide_sidebar() -> None:
    """Projector mode: no sidebar and no sidebar toggle (CSS only; no data in it)."""
    st.html(
        "<style>[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl'],"
        "[data-testid='stExpandSidebarButton'],[data-testid='stSidebarNav']"
        "{display:none !important;}</style>"
    )


# --- names ---------------------------------------------------------------------------------------
def unit_name(code: str | None) -> str:
    if code is None:
        return ""
    units = st.session_state["_opts"]["units"]
    hit = units.filter(pl.col("unit_code") == code)["unit_name"]
    return hit[0] if hit.len() else code


def cluster_name(code: str | None) -> str:
    if code is None:
        return ""
    clusters = st.session_state["_opts"]["clusters"]
    hit = clusters.filter(pl.col("cluster_code") == code)["cluster_name"]
    return hit[0] if hit.len() else code


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=])")


def md_escape(text: object) -> str:
    """Data text for a Markdown element (caption, label): every Markdown and Streamlit directive
    character backslash-escaped, so "**x**" or ":red[x]" in a name shows as typed."""
    return _MD_SPECIAL.sub(r"\\\1", "" if text is None else str(text))


def scope_title(f: Filters) -> str:
    """The unit's or cluster's name and the year, as plain text (escape it for Markdown)."""
    name = unit_name(f.unit) if f.unit else cluster_name(f.cluster)
    return f"{name} · {f.year}" if f.year else name


# --- sections, notices, empty states -------------------------------------------------------------
@contextlib.contextmanager
def guard(lang: str) -> Iterator[None]:
    """One section of a page: a missing module or a failure shows a notice, not a traceback."""
    try:
        yield
    except ModuleMissing as exc:
        st.info(
            t("missing.module", lang, module=exc.module),
            icon=":material/construction:",
            title=t("missing.title", lang),
        )
    except access.AccessDenied:
        st.info(t("auth.no_persons", lang), icon=":material/lock:")
    except Exception as exc:
        # Streamlit's rerun/stop signals derive from BaseException and pass through.
        log.exception("section failed")
        st.warning(
            t("error.load", lang, error=type(exc).__name__ + ": " + str(exc)),
            icon=":material/error:",
        )


def empty_state(f: Filters) -> None:
    """No data for this year/scope: a friendly message pointing to the Data page."""
    st.info(
        t("empty.year", f.lang, year=f.year) if f.year else t("empty.none", f.lang),
        icon=":material/inbox:",
        title=t("empty.title", f.lang),
    )
    st.page_link(DATA_PAGE, label=t("empty.go_data", f.lang), icon=":material/upload_file:")


# --- charts, tables, downloads -------------------------------------------------------------------
def chart(
    fig: go.Figure, *, name: str, alt: str, key: str | None = None, height: int | None = None
) -> None:
    """A Plotly figure with a PNG download in its toolbar, named after the chart."""
    st.plotly_chart(
        fig,
        theme=None,
        key=key,
        alt=alt,
        height=height if height is not None else "content",
        config={
            "displaylogo": False,
            "toImageButtonOptions": {"format": "png", "filename": name, "scale": 2},
            "modeBarButtonsToRemove": ["select2d", "lasso2d"],
        },
    )


def chart_with_downloads(
    frame: pl.DataFrame,
    build: Callable[[pl.DataFrame], go.Figure],
    *,
    name: str,
    alt: str,
    empty: str,
    lang: str,
    key: str,
) -> None:
    """The page pattern for one chart: a caption when `frame` is empty, else the chart and the
    CSV/XLSX downloads of the frame it was drawn from."""
    if frame.height == 0:
        st.caption(empty)
        return
    chart(build(frame), name=name, alt=alt)
    downloads(frame, name=name, lang=lang, key=key)


FormatKind = str  # "pct" | "int" | "num1" | "vnd" | "date" | "pp" | "status" | "text"


def _formatter(kind: FormatKind, lang: str) -> Callable[[Any], str]:
    def none_safe(fn: Callable[[Any], str]) -> Callable[[Any], str]:
        def inner(v: Any) -> str:
            try:
                import math

                if v is None or (isinstance(v, float) and math.isnan(v)):
                    return formatting.DASH
            except TypeError:
                pass
            return fn(v)

        return inner

    table = {
        "pct": lambda v: formatting.fmt_pct(float(v), lang),
        "pp": lambda v: formatting.fmt_pp(float(v), lang),
        "int": lambda v: formatting.fmt_int(v, lang),
        "num1": lambda v: formatting.fmt_number(float(v), lang, decimals=1),
        "num2": lambda v: formatting.fmt_number(float(v), lang, decimals=2),
        "vnd": lambda v: formatting.fmt_vnd(v, lang),
        "date": lambda v: formatting.fmt_date(getattr(v, "date", lambda: v)(), lang),
    }
    return none_safe(table[kind])


def column_label(col: str, lang: str) -> str:
    return header(col, lang)


def table(
    frame: pl.DataFrame,
    *,
    lang: str,
    alt: str,
    formats: Mapping[str, FormatKind] | None = None,
    status_cols: Mapping[str, str] | None = None,
    column_config: Mapping[str, Any] | None = None,
    key: str | None = None,
    height: int | str = "auto",
) -> None:
    """A table with human headers and numbers in the language's format (display only: the
    values stay numbers, so sorting works). `status_cols` maps a text column to the status
    code column that colours it (colour and the icon in the text: never colour alone)."""
    formats = dict(formats or {})
    status_cols = dict(status_cols or {})
    shown = [c for c in frame.columns if c not in set(status_cols.values())]
    labels: dict[str, str] = {}
    for c in shown:  # human headers, kept unique (two codes may share a name)
        head = column_label(c, lang)
        labels[c] = head if head not in labels.values() else f"{head} ({c})"
    pdf = frame.select(shown).rename(labels).to_pandas()
    styler = pdf.style.format(na_rep=formatting.DASH)
    for col, kind in formats.items():
        if col in labels:
            styler = styler.format(
                _formatter(kind, lang), subset=[labels[col]], na_rep=formatting.DASH
            )
    for col, code_col in status_cols.items():
        if col in labels:
            css = [
                f"background-color: {_tint(STATUS_COLORS.get(c or 'no_data', '#BDBDBD'))}"
                for c in frame[code_col].to_list()
            ]
            styler = styler.apply(lambda _s, css=css: css, subset=[labels[col]], axis=0)
    config = {labels.get(k, k): v for k, v in (column_config or {}).items()}
    st.dataframe(
        styler,
        hide_index=True,
        alt=alt,
        column_config=config or None,
        key=key,
        height=height,
        placeholder=formatting.DASH,
    )


def sparkline_column(label: str) -> Any:
    """A small line of a row's values over the years, in a table cell."""
    # Scaled to the row's own range: the shape of the change is what a sparkline is for.
    return st.column_config.LineChartColumn(label, width="medium")


def _tint(hex_color: str, strength: float = 0.30) -> str:
    """A light tint of a status colour, so black text on it keeps high contrast."""
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(255 - (255 - c) * strength) for c in (r, g, b)]
    return "#{:02X}{:02X}{:02X}".format(*mix)


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class DownloadFile:
    """One download of a table: what the button offers and how its bytes are built."""

    fmt: str  # "csv" | "xlsx"
    file_name: str
    mime: str
    build: Callable[[], bytes]


def download_files(frame: pl.DataFrame, *, name: str, lang: str) -> tuple[DownloadFile, ...]:
    """The CSV (UTF-8 with BOM) and XLSX downloads of a table, with human headers and cells in
    the interface language (`dashboard.exports`). Raises ModuleMissing without exports."""
    exports = engine_module("exports")
    return (
        DownloadFile(
            "csv",
            f"{name}.csv",
            "text/csv",
            lambda: exports.to_csv_bytes(frame, headers=lang, lang=lang),
        ),
        DownloadFile(
            "xlsx",
            f"{name}.xlsx",
            XLSX_MIME,
            lambda: exports.to_xlsx_bytes(frame, headers=lang, lang=lang),
        ),
    )


def downloads(frame: pl.DataFrame, *, name: str, lang: str, key: str) -> None:
    """The two download buttons of a table. The bytes are built on click (deferred), so a page
    with many tables stays fast."""
    try:
        files = download_files(frame, name=name, lang=lang)
    except ModuleMissing as exc:
        st.caption(t("missing.module", lang, module=exc.module))
        return
    icons = {"csv": ":material/csv:", "xlsx": ":material/table_view:"}
    with st.container(horizontal=True, key=f"{key}_box"):
        for f in files:
            st.download_button(
                t(f"export.{f.fmt}", lang),
                data=_audited(f.build, f.file_name),
                file_name=f.file_name,
                mime=f.mime,
                key=f"{key}_{f.fmt}",
                icon=icons[f.fmt],
                help=t("download.help", lang) if f.fmt == "csv" else None,
                on_click="ignore",
            )


# --- import (the Data page) ----------------------------------------------------------------------
def preview_files(files: list[tuple[str, bytes]], *, rows: int = 20) -> list[dict[str, Any]]:
    """What the importer would read from each file, before importing: file, table, row count and
    the first rows (text cells, as written). Problems are left to the import's own report."""
    from data_access.importer.report import ErrorCollector
    from data_access.importer.settings import DEFAULT_LIMITS
    from data_access.importer.sources import read_sources

    out = []
    for name, data in files:
        for src in read_sources(name, data, ErrorCollector("vi"), DEFAULT_LIMITS):
            frame = src.frame.select([c for c in src.frame.columns if not c.startswith("__")])
            frame = frame.rename({c: src.headers.get(c, c) for c in frame.columns})
            out.append(
                {
                    "file": src.file,
                    "table": src.table,
                    "rows": src.frame.height,
                    "head": frame.head(rows),
                }
            )
    return out


def run_import(
    files: list[tuple[str, bytes]], *, lang: str, progress: Callable[[float, str], None]
) -> Any:
    """Import uploaded files, all or nothing; returns the importer's ImportReport."""
    from data_access.importer import import_files

    p = principal() or access.Principal(None, "anonymous")
    if not (p.is_admin or p.role == "cluster_secretary"):
        raise access.AccessDenied(f"role {p.role!r} may not import")
    every = _options(db_url(), version())["units"]

    def in_scope(hit: Any) -> bool:
        # Clusters touched (a cluster row, a cluster target) must be the secretary's own.
        return access.can_import(p, hit.units, every) and (
            p.is_admin or hit.clusters <= {p.scope_code}
        )

    report = import_files(get_engine(), files, lang=lang, progress=progress, scope_check=in_scope)
    names = ", ".join(n for n, _ in files)
    audit("import_ok" if report.ok else "import_failed", names)
    return report


def can_upload() -> bool:
    p = principal()
    return p is not None and (p.is_admin or p.role == "cluster_secretary")


def template_bytes() -> bytes:
    """The import template workbook (built on click by the download button)."""
    from data_access.importer.template import build_template

    return build_template()


# --- login, roles and the audit log (issue 6) ----------------------------------------------------
_PRINCIPAL = "_principal"


def principal() -> access.Principal | None:
    """Who this session is: OPEN_ACCESS in open mode, else the signed-in account (or None)."""
    if settings.auth_mode() == "open":
        return access.OPEN_ACCESS
    return st.session_state.get(_PRINCIPAL)


def audit(action: str, detail: str = "") -> None:
    """One audit entry for this session's user. A failure to log is logged, never shown."""
    p = principal()
    try:
        accounts.audit(get_engine(), p.username if p else None, action, detail)
    except Exception:  # the audit must not take the page down
        log.exception("audit failed")


def audit_once(action: str, detail: str) -> None:
    """Audit a view once per session (a rerun of the same page is not a new view)."""
    seen: set[tuple[str, str]] = st.session_state.setdefault("_audited", set())
    if (action, detail) not in seen:
        seen.add((action, detail))
        audit(action, detail)


def _audited(build: Callable[[], bytes], file_name: str) -> Callable[[], bytes]:
    """A download's byte builder that first writes the audit entry (it runs on click)."""

    def run() -> bytes:
        audit("download", file_name)
        return build()

    return run


@st.cache_resource(show_spinner=False)
def _purged(url: str) -> int:
    """Drop audit entries older than THIDUA_AUDIT_RETENTION_DAYS, once per process."""
    return accounts.purge_audit(_engine(url), older_than_days=settings.audit_retention_days())


def start() -> None:
    """Engine, schema and the audit purge; raises when the database is unreachable."""
    get_engine()
    version()  # a live query: a server stopped since the engine was made shows up here
    try:
        _purged(db_url())
    except Exception:  # a read-only app role may not delete: the owner's job purges then
        log.warning("audit purge skipped", exc_info=True)


def _signed_in(acc: accounts.Account) -> None:
    st.session_state[_PRINCIPAL] = access.Principal(acc.username, acc.role, acc.scope_code)
    for key in ("filters", "_qp_written", "_audited"):  # a new user starts from its own scope
        st.session_state.pop(key, None)


def _password_login(lang: str) -> None:
    with st.form("login", enter_to_submit=True):
        username = st.text_input(t("auth.username", lang), key="login_user")
        password = st.text_input(t("auth.password", lang), type="password", key="login_pw")
        sent = st.form_submit_button(t("auth.submit", lang), type="primary")
    if not sent:
        return
    acc = accounts.authenticate(get_engine(), username.strip(), password)
    if acc is None:
        accounts.audit(get_engine(), username.strip()[:100] or None, "login_failed", "password")
        st.error(t("auth.failed", lang), icon=":material/lock:")
        return
    _signed_in(acc)
    audit("login_ok", "password")
    st.rerun()


def _oidc_login(lang: str) -> None:
    if not st.user.is_logged_in:
        st.button(t("auth.oidc", lang), on_click=st.login, type="primary", icon=":material/login:")
        return
    who = str(st.user.get("email") or st.user.get("sub") or "")
    acc = accounts.account(get_engine(), who) if who else None
    if acc is None:
        accounts.audit(get_engine(), who[:100] or None, "login_refused", "oidc: no account")
        st.error(t("auth.refused", lang, who=md_escape(who)), icon=":material/block:")
        st.button(t("auth.logout", lang), on_click=st.logout, icon=":material/logout:")
        return
    _signed_in(acc)
    audit("login_ok", "oidc")
    st.rerun()


def require_login(lang: str) -> access.Principal:
    """The principal, or the login form alone and a stop (no navigation, no data)."""
    p = principal()
    if p is not None:
        return p
    st.title(t("auth.title", lang), anchor=False)
    st.caption(t("auth.caption", lang))
    if settings.auth_mode() == "password":
        _password_login(lang)
    else:
        _oidc_login(lang)
    st.stop()
    raise AssertionError("unreachable")  # st.stop() raises


def _logout() -> None:
    audit("logout")
    for key in (_PRINCIPAL, "filters", "_qp_written", "_audited"):
        st.session_state.pop(key, None)
    if settings.auth_mode() == "oidc":
        st.logout()


def account_box(lang: str) -> None:
    """Who is signed in and the sign-out button (password and oidc modes)."""
    p = principal()
    if p is None or settings.auth_mode() == "open":
        return
    st.divider()
    role = t(f"account_role.{p.role}", lang)
    st.caption(md_escape(t("auth.who", lang, user=p.username, role=role)))
    st.button(t("auth.logout", lang), on_click=_logout, icon=":material/logout:", key="logout")


def audit_visible() -> bool:
    p = principal()
    return settings.auth_mode() != "open" and p is not None and p.is_admin


def retention_days() -> int:
    return settings.audit_retention_days()


def audit_log(limit: int = 1000) -> pl.DataFrame:
    """The latest audit entries; admins only."""
    p = principal() or access.Principal(None, "anonymous")
    access.check_table(p, "audit")
    if not p.is_admin:
        raise access.AccessDenied("the audit log is for administrators")
    return accounts.read_audit(get_engine(), limit=limit)
