"""Xu hướng: each indicator over the years, the unit against the cluster's pooled line (small
multiples), and a change table with sparklines."""

import polars as pl
import streamlit as st

from dashboard import vocabulary
from dashboard.charts import trend
from dashboard.i18n import t
from dashboard.naming import with_names
from dashboard.ui import filters, lineage, loaders, panels, widgets
from dashboard.views import trends as view

f = filters.current_filters()
lang = f.lang
st.title(t("page.trends", lang), anchor=False)
st.caption(widgets.md_escape(filters.scope_title(f)))
if f.year is None or f.cluster is None:
    filters.empty_state(f)
    st.stop()
# The scope's words: a military cluster or unit says CSTT, ĐVQT/ĐVTT, quân nhân.
profile = vocabulary.scope_profile(loaders.options().units, cluster=f.cluster, unit=f.unit)
panels.year_in_progress_note(f)  # a year in progress: its year-end figures are not in yet

with widgets.guard(lang):
    trends = loaders.trends()
    series = view.trend_series(
        trends,
        cluster=f.cluster,
        unit=f.unit,
        unit_name=filters.unit_name(f.unit),
        pooled_name=t("trends.pooled", lang),
        up_to=f.year,
    )
    if series.height == 0:
        filters.empty_state(f)
        st.stop()
    if not f.unit:
        st.caption(t("trends.pick_unit", lang))
    targets = view.target_series(loaders.indicators(), cluster=f.cluster, unit=f.unit, up_to=f.year)
    with st.container(border=True):
        widgets.chart(
            trend.trend_chart(
                series, lang=lang, targets=targets, profile=profile, marks=lineage.trend_marks(f)
            ),
            name=f"xu-huong-{f.unit or f.cluster}",
            alt=t("chart.trend.title", lang),
        )
        st.caption(t("trends.caption", lang))
        lineage.pooled_note(f, trends)  # a merged unit: whose pooled values its line runs from

    st.subheader(t("trends.changes", lang, year=filters.year_text(f.year)), anchor=False)
    changes = view.change_table(trends, year=f.year, cluster=f.cluster, unit=f.unit)
    shown = changes.select(
        vocabulary.label_expr(pl.col("indicator"), "indicator", lang, profile).alias(
            "indicator_name"
        ),
        "previous",
        "value_pct",
        "delta_pp",
        "history",
    )
    shown = view.with_sparklines(shown)
    widgets.table(
        shown,
        lang=lang,
        alt=t("trends.changes", lang, year=filters.year_text(f.year)),
        key="changes",
        formats={"previous": "pct", "value_pct": "pct", "delta_pp": "pp"},
        column_config={"history": widgets.sparkline_column(t("trends.history", lang))},
        height=view.table_height(shown.height),  # every row, never cut after ten
    )
    export = trends.filter(pl.col("cluster_code") == f.cluster).filter(
        pl.col("unit_code") == f.unit if f.unit else pl.col("unit_code").is_null()
    )
    export = with_names(export, units=loaders.options().units, lang=lang)  # in the unit's words
    widgets.downloads(export, name=f"xu-huong-{f.unit or f.cluster}", lang=lang, key="dl_trends")
