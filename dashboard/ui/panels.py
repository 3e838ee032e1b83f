"""Sections shared by several pages: the early-warning panel (Tổng quan and Đơn vị)."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.i18n import t
from dashboard.ui import widgets
from dashboard.views import warnings as warnings_view


def early_warnings(
    frame: pl.DataFrame,
    names: pl.DataFrame,
    *,
    lang: str,
    key: str,
    cluster: str | None,
    unit: str | None,
) -> None:
    """The early warnings of the scope: a one-line summary, then one row per unit and warning
    (the unit first and pinned)."""
    rows = warnings_view.in_scope(frame, cluster=cluster, unit=unit)
    st.subheader(t("warning.title", lang), anchor=False)
    summary = warnings_view.summary_text(rows, lang=lang)
    if rows.height == 0:
        st.success(summary, icon=":material/schedule:")
        return
    st.warning(summary, icon=":material/notification_important:")
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
