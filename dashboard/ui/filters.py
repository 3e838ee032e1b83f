"""The filters (year, cluster, unit, language): kept in the session, mirrored in the query
string (a link opens the same view), drawn in the sidebar; notices for invalid URL values; the
names of the chosen scope and the empty state of a scope with no data."""

from __future__ import annotations

from dataclasses import dataclass, replace

import polars as pl
import streamlit as st

from dashboard.i18n import LANGS, t
from dashboard.ui import loaders, locks, login
from dashboard.ui.loaders import Options
from dashboard.ui.widgets import md_escape
from dashboard.views import progress

DEFAULT_LANG = "vi"
DATA_PAGE = "app_pages/du_lieu.py"
FILTER_KEYS = ("year", "cluster", "unit", "lang")  # cluster before unit: see _sync_from_url
# session_state keys: the chosen Filters, the URL values last written, this run's Options and
# the notices not shown yet.
STATE, WRITTEN, OPTIONS, PENDING = "filters", "_qp_written", "_opts", "_notices"


@dataclass(frozen=True)
class Filters:
    """What the pages show: one year, one cluster, one unit (None: the whole cluster), the
    interface language."""

    year: int | None
    cluster: str | None
    unit: str | None
    lang: str

    def as_params(self) -> dict[str, str]:
        out = {"year": self.year, "cluster": self.cluster, "unit": self.unit, "lang": self.lang}
        return {k: str(v) for k, v in out.items() if v is not None}


@dataclass(frozen=True)
class Notice:
    """A URL value that was not used: the parameter, the text as typed, the value used instead,
    and whether the code exists but lies outside the principal's scope."""

    param: str
    value: str
    default: int | str | None
    scope: bool
    merged: bool = False  # a unit that a change ended before the chosen year


# --- defaults and validation ---------------------------------------------------------------------
def _default_unit(
    opts: Options, cluster: str | None, year: int | None = None, was: str | None = None
) -> str | None:
    """None (the whole cluster) when the principal sees all of it, else its first visible unit;
    a unit merged away (`was`) gives way to the unit it went into when that is offered."""
    offered = opts.units_of(cluster, year)
    if was is not None and opts.successors.get(was) in offered:
        return opts.successors[was]
    if cluster is None or cluster in opts.whole:
        return None
    return offered[0] if offered else None


def _defaults(opts: Options) -> Filters:
    cluster = opts.clusters["cluster_code"][0] if opts.clusters.height else None
    return Filters(
        # the latest year with year-end results; a year in progress is one click away
        year=progress.default_year(opts.years, opts.in_progress),
        cluster=cluster,
        unit=_default_unit(opts, cluster),
        lang=DEFAULT_LANG,
    )


def _valid(key: str, value: str, state: Filters, opts: Options) -> int | str:
    """The value of a URL parameter if it is valid, else raise ValueError."""
    if key == "lang":
        if value in LANGS:
            return value
    elif key == "year":
        if value.strip().isdigit() and int(value) in opts.years:
            return int(value)
    elif key == "cluster":
        if value in opts.cluster_codes():
            return value
    elif key == "unit" and value in opts.units_of(state.cluster, state.year):
        return value
    raise ValueError(value)


def _exists(key: str, value: str) -> bool:
    """True when a cluster/unit code exists but lies outside the principal's scope."""
    full = loaders.all_options()
    if key == "cluster":
        return value in full.cluster_codes()
    if key == "unit":
        return value in full.units["unit_code"].to_list()
    return False


def _sync_from_url(opts: Options) -> list[Notice]:
    """Adopt URL parameters that changed outside the app (first load, an edited or shared link,
    back/forward). Invalid ones fall back to the default; returns the notices to show."""
    state: Filters = st.session_state.get(STATE) or _defaults(opts)
    written: dict[str, str] = st.session_state.setdefault(WRITTEN, {})
    notices = []
    params = st.query_params
    for key in FILTER_KEYS:  # cluster before unit: a unit is checked against its cluster
        raw = params.get(key)
        if raw is None or raw == written.get(key):
            continue
        try:
            state = replace(state, **{key: _valid(key, raw, state, opts)})
        except ValueError:
            default = (
                getattr(_defaults(opts), key)
                if key != "unit"
                else _default_unit(opts, state.cluster, state.year, raw)
            )
            state = replace(state, **{key: default})
            if key == "cluster":
                state = replace(state, unit=_default_unit(opts, state.cluster, state.year))
            # a unit the principal may see that a change ended before the chosen year
            gone = key == "unit" and raw in opts.successors and raw in opts.units["unit_code"]
            notices.append(Notice(key, raw, default, _exists(key, raw) and not gone, gone))
    st.session_state[STATE] = state
    return notices


def _repair(opts: Options) -> None:
    """Keep the chosen values valid for the data as it is now (an import may add years)."""
    state: Filters = st.session_state[STATE]
    d = _defaults(opts)
    if state.year not in opts.years:
        state = replace(state, year=d.year)
    if state.cluster not in opts.cluster_codes():
        state = replace(state, cluster=d.cluster)
    if state.unit not in opts.units_of(state.cluster, state.year):
        was = state.unit
        state = replace(state, unit=_default_unit(opts, state.cluster, state.year, was))
    if state.lang not in LANGS:
        state = replace(state, lang=DEFAULT_LANG)
    st.session_state[STATE] = state


def _write_url() -> None:
    wanted = current_filters().as_params()
    for key in FILTER_KEYS:
        if key in wanted:
            if st.query_params.get(key) != wanted[key]:
                st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]
    st.session_state[WRITTEN] = dict(wanted)


# --- this run's filters --------------------------------------------------------------------------
def resolve_filters() -> tuple[Filters, list[Notice]]:
    """Filters for this run, from the session and the URL; call before any widget."""
    opts = loaders.options()
    st.session_state[OPTIONS] = opts
    # Kept until shown: a ?page= link switches page before the notices are drawn.
    pending: list[Notice] = st.session_state.setdefault(PENDING, [])
    pending.extend(_sync_from_url(opts))
    _repair(opts)
    _write_url()
    return current_filters(), list(pending)


def early_lang() -> str:
    """The language before the filters are resolved (first-start messages)."""
    f: Filters | None = st.session_state.get(STATE)
    chosen = (f.lang if f else None) or st.query_params.get("lang")
    return chosen if chosen in LANGS else DEFAULT_LANG


def current_filters() -> Filters:
    return st.session_state.get(STATE) or Filters(None, None, None, DEFAULT_LANG)


def _options() -> Options:
    return st.session_state[OPTIONS]


# --- the sidebar ---------------------------------------------------------------------------------
def _on_change(key: str) -> None:
    state: Filters = st.session_state[STATE]
    # "" stands for "the whole cluster" in the unit box (None would show as no selection).
    chosen = st.session_state[f"w_{key}"] or (None if key == "unit" else getattr(state, key))
    state = replace(state, **{key: chosen})
    if key == "cluster":
        state = replace(state, unit=_default_unit(_options(), state.cluster))
    st.session_state[STATE] = state


def sidebar_filters(notices: list[Notice]) -> Filters:
    """Year, cluster, unit and language in the sidebar; the choice goes to the URL."""
    opts = _options()
    f = current_filters()
    lang = f.lang
    # Widgets take their value from the canonical state on every run; a change goes back to
    # it through the callback, before the next run reads it.
    st.session_state["w_lang"] = f.lang
    st.session_state["w_year"] = f.year
    st.session_state["w_cluster"] = f.cluster
    st.session_state["w_unit"] = f.unit or ""
    names = dict(zip(opts.clusters["cluster_code"], opts.clusters["cluster_name"], strict=True))
    # the cluster's members that year: a unit merged away is offered for the years it existed
    units = opts.units.filter(pl.col("unit_code").is_in(opts.units_of(f.cluster, f.year)))
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
        if opts.years:
            closed = locks.locked(f.cluster)  # a lock beside a closed year (khóa sổ)
            ongoing = opts.in_progress  # "đang diễn ra" beside a year without results yet
            st.selectbox(
                t("filter.year", lang),
                list(reversed(opts.years)),
                key="w_year",
                format_func=lambda y: _year_text(
                    locks.year_label(y, closed, opts.year_text(y, f.cluster)), y in ongoing, lang
                ),
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
            # The box cuts a long name ("Cụm thi đua số 4 – các trường chi…"), so two clusters
            # looked alike: the chosen one's full name, wrapped, right under it.
            if f.cluster in names:
                st.caption(md_escape(names[f.cluster]))
            whole = f.cluster in opts.whole
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
        login.account_box(lang)
    show_notices(notices, lang)
    return f


def show_notices(notices: list[Notice], lang: str) -> None:
    """Invalid URL values, each with the default used instead (the URL text shown as typed)."""
    st.session_state[PENDING] = []
    for n in notices:
        st.warning(
            t(
                "filter.merged_away"
                if n.merged
                else "filter.out_of_scope"
                if n.scope
                else "filter.invalid",
                lang,
                param=n.param,
                value=md_escape(n.value),
                default=md_escape(_default_text(n.param, n.default, lang)),
            ),
            icon=":material/link_off:",
        )


def _default_text(param: str, value: int | str | None, lang: str) -> str:
    if param == "unit":
        return unit_name(str(value)) if value else t("filter.all_units", lang)
    if param == "cluster":
        return cluster_name(None if value is None else str(value))
    if param == "lang":
        return t(f"lang.{value}", lang)
    return "" if value is None else str(value)


def _pick_unit() -> None:
    chosen = st.session_state.get("pick_unit") or None
    st.session_state[STATE] = replace(st.session_state[STATE], unit=chosen)


def choose_unit(code: str) -> None:
    """Drill down to one unit (a click in a table): the filters and the URL follow on rerun."""
    f = current_filters()
    if code in _options().units_of(f.cluster, f.year):
        st.session_state[STATE] = replace(st.session_state[STATE], unit=code)
        st.rerun()


UNIT_PAGE = "app_pages/don_vi.py"


def open_unit(code: str | None) -> None:
    """Drill down from another page (a bar or a row for a unit): that unit on Đơn vị, the
    filters and the URL going along; a code outside the principal's view opens nothing."""
    f = current_filters()
    if code is None or code not in _options().units_of(f.cluster, f.year):
        return
    chosen = replace(f, unit=code)
    st.session_state[STATE] = chosen
    st.switch_page(UNIT_PAGE, query_params=chosen.as_params())


def unit_picker(f: Filters) -> None:
    """The cluster's units as buttons, for a page that needs one unit (same as the sidebar)."""
    opts = _options()
    units = opts.units.filter(pl.col("unit_code").is_in(opts.units_of(f.cluster, f.year)))
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


# --- the chosen scope's names, and its empty state -----------------------------------------------
def unit_name(code: str | None) -> str:
    if code is None:
        return ""
    hit = _options().units.filter(pl.col("unit_code") == code)["unit_name"]
    return hit[0] if hit.len() else code


def cluster_name(code: str | None) -> str:
    if code is None:
        return ""
    hit = _options().clusters.filter(pl.col("cluster_code") == code)["cluster_name"]
    return hit[0] if hit.len() else code


def in_progress(year: int | None) -> bool:
    """The year has no year-end result yet anywhere (monthly ratings only)."""
    return year is not None and year in _options().in_progress


def year_text(year: int, cluster: str | None = None) -> str:
    """The year as the pages show it for the chosen (or given) cluster: "2025", or
    "2024–2025" for a cluster on the school year (dashboard.organisation.year_label)."""
    return _options().year_text(year, cluster or current_filters().cluster)


def file_year(f: Filters) -> str:
    """The chosen year in a file name ("2025", or "2024-2025" on the school year)."""
    return _options().file_year(f.year, f.cluster) if f.year is not None else ""


def year_shown(year: int, lang: str) -> str:
    """The year as a caption says it: "2026 · đang diễn ra" for a year in progress, "2025–2026"
    for a cluster on the school year."""
    return _year_text(year_text(year), in_progress(year), lang)


def _year_text(text: str, ongoing: bool, lang: str) -> str:
    """`text` (the year as shown) with "đang diễn ra" for a year in progress."""
    return t("year.in_progress", lang, year=text) if ongoing else text


def scope_title(f: Filters) -> str:
    """The unit's or cluster's name and the year (said to be in progress when it is), as plain
    text (escape it for Markdown)."""
    name = unit_name(f.unit) if f.unit else cluster_name(f.cluster)
    return f"{name} · {year_shown(f.year, f.lang)}" if f.year else name


def empty_state(f: Filters) -> None:
    """No data for this year/scope: a friendly message pointing to the Data page."""
    st.info(
        t("empty.year", f.lang, year=year_text(f.year, f.cluster))
        if f.year
        else t("empty.none", f.lang),
        icon=":material/inbox:",
        title=t("empty.title", f.lang),
    )
    st.page_link(DATA_PAGE, label=t("empty.go_data", f.lang), icon=":material/upload_file:")
