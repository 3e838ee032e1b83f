"""Closed years (khóa sổ) in the app (issue 14): the lock beside a closed year in the year
selector, and the Dữ liệu page's block where an admin (any cluster or every cluster) or a
cluster secretary (their own cluster) closes a year or reopens it with a reason."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dashboard import access
from dashboard.i18n import t
from dashboard.ui import session, widgets
from data_access import closed_years
from data_access.errors import UnknownCode

EVERY = "*"  # the admin's choice "every cluster" in the scope radio
LOCK = "🔒"  # a selectbox option is plain text: no Material icon there


def locked(cluster: str | None) -> frozenset[int]:
    """The years closed for `cluster` (closed for it or for every cluster)."""
    return frozenset(closed_years.locked_years(session.get_engine(), cluster))


def year_label(year: int, closed: frozenset[int], text: str | None = None) -> str:
    """The year selector's text: the year (`text`: as shown, "2024–2025" on the school
    year), and a lock when it is closed."""
    shown = text or str(year)
    return f"{shown} {LOCK}" if year in closed else shown


def _where(cluster: str | None, name: str, lang: str) -> str:
    return t("lock.cluster", lang, cluster=name) if cluster else t("lock.all_clusters", lang)


def lock_section(year: int | None, cluster: str | None, cluster_name: str, lang: str) -> None:
    """The close / reopen block, for those who may (`access.can_close_year`); nothing for
    others. An admin chooses the chosen cluster or every cluster."""
    p = session.principal_or_anonymous()
    if year is None or not (p.is_admin or access.can_close_year(p, cluster)):
        return
    with st.container(border=True):
        st.subheader(t("lock.section", lang), anchor=False)
        st.caption(t("lock.section_caption", lang))
        scope = cluster
        if p.is_admin:
            picked = st.radio(
                t("lock.scope", lang),
                [cluster, EVERY] if cluster else [EVERY],
                format_func=lambda c: widgets.md_escape(
                    _where(None if c == EVERY else c, cluster_name, lang)
                ),
                horizontal=True,
                key="lock_scope",
            )
            scope = None if picked == EVERY else picked
        if not access.can_close_year(p, scope):
            return
        where = widgets.md_escape(_where(scope, cluster_name, lang))
        closed_now = year in set(closed_years.locked_years(session.get_engine(), scope))
        done = st.session_state.pop("_lock_done", None)
        if done:
            st.success(done, icon=":material/check_circle:")
        if not closed_now:
            st.info(t("lock.is_open", lang, year=year, where=where), icon=":material/lock_open:")
            if st.button(t("lock.button", lang, year=year), icon=":material/lock:", key="lock"):
                _run(lambda: _lock(year, scope, p.username), year, where, "closed", lang)
            return
        st.info(t("lock.is_closed", lang, year=year, where=where), icon=":material/lock:")
        reason = st.text_input(t("lock.reason_label", lang), key="unlock_reason", max_chars=500)
        if st.button(
            t("lock.unlock_button", lang, year=year), icon=":material/lock_open:", key="unlock"
        ):
            _run(lambda: _unlock(year, scope, reason, p.username), year, where, "reopened", lang)


def _lock(year: int, scope: str | None, actor: str | None) -> None:
    closed_years.lock(session.get_engine(), year, scope, actor=actor)


def _unlock(year: int, scope: str | None, reason: str, actor: str | None) -> None:
    closed_years.unlock(session.get_engine(), year, scope, reason=reason, actor=actor)


def _run(action: Callable[[], None], year: int, where: str, done: str, lang: str) -> None:
    try:
        action()
    except closed_years.YearLockError as exc:
        st.error(t(f"lock.{exc.key}", lang, year=year, where=where), icon=":material/error:")
        return
    except UnknownCode as exc:
        st.error(t("lock.unknown_cluster", lang, detail=str(exc)), icon=":material/error:")
        return
    st.session_state["_lock_done"] = t(f"lock.{done}", lang, year=year, where=where)
    st.rerun()  # the year selector shows the lock at once
