"""Sections shared by several pages: the early-warning panel (Tổng quan and Đơn vị)."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.i18n import t
from dashboard.names import short_names
from dashboard.ui import loaders, widgets
from dashboard.ui.filters import Filters
from dashboard.views import warnings as warnings_view


def early_warnings(
    frame: pl.DataFrame,
    names: pl.DataFrame,
    *,
    lang: str,
    key: str,
    cluster: str | None,
    unit: str | None,
    quiet: bool = False,
) -> None:
    """The early warnings of the scope: a one-line summary, then one row per unit and warning
    (the unit first and pinned). `quiet`: no section at all when there is nothing to say."""
    rows = warnings_view.in_scope(frame, cluster=cluster, unit=unit)
    if rows.height == 0 and quiet:
        return  # one unit with nothing to warn about: no section (its monthly chart says more)
    st.subheader(t("warning.title", lang), anchor=False)
    summary = warnings_view.summary_text(rows, lang=lang)
    if rows.height == 0:
        st.success(summary, icon=":material/schedule:")
        return
    # Not st.warning: warnings on a page are the URL notices (tests count them); orange text
    # with its icon says the same without posing as one.
    st.markdown(f":material/notification_important: :orange[**{widgets.md_escape(summary)}**]")
    shown = warnings_view.warning_table(rows, names, lang=lang)
    widgets.table(
        shown,
        lang=lang,
        alt=t("warning.title", lang),
        pinned=("warning_unit",),
        key=key,
        height=min(320, 38 + 35 * shown.height),
    )
    st.caption(t("warning.caption", lang))
    widgets.downloads(
        pl.concat([shown, rows], how="horizontal"),
        name=f"canh-bao-som-{cluster or ''}-{unit or ''}".rstrip("-"),
        lang=lang,
        key=f"dl_{key}",
    )


def scope_warnings(f: Filters, *, lang: str, key: str, quiet: bool = False) -> None:
    """The early-warning panel of the filters' year, cluster and unit."""
    early_warnings(
        loaders.early_warnings(f.year, f.cluster),
        short_names(loaders.options().units),
        lang=lang,
        key=key,
        cluster=f.cluster,
        unit=f.unit,
        quiet=quiet,
    )
