"""Tổng quan, the leader's glance: KPI cards with their target and status, what needs attention
(targets missed, caps overrun, early warnings), progress per indicator (misses first), the
unit × target status."""

import polars as pl
import streamlit as st

from dashboard import vocabulary
from dashboard.charts import bullet, layout, palette
from dashboard.i18n import t
from dashboard.names import short_names
from dashboard.ui import documents, files, filters, lineage, loaders, panels, widgets
from dashboard.views import attention
from dashboard.views import clusters as clusters_view
from dashboard.views import overview as view

f = filters.current_filters()
lang = f.lang
st.title(t("page.overview", lang), anchor=False)
st.caption(widgets.md_escape(filters.scope_title(f)))
if f.year is None or f.cluster is None:
    filters.empty_state(f)
    st.stop()

# The year's summary report (Word, PDF): the same file as `python -m dashboard document summary`
documents.summary_buttons(f.year, f.cluster, f.unit, lang, key="summary_overview")

# The scope's words: a military cluster or unit says CSTT, ĐVQT/ĐVTT, quân nhân.
profile = vocabulary.scope_profile(loaders.options().units, cluster=f.cluster, unit=f.unit)
lineage.unit_note(f)  # a merged unit: its change against last year is its predecessors' pooled

with widgets.guard(lang):
    shown = (f.year - 1, f.year)  # this year against the last: computed for these two only
    counts = loaders.counts(years=shown)
    scope_counts = counts.filter(pl.col("year") == f.year, pl.col("cluster_code") == f.cluster)
    if f.unit:
        scope_counts = scope_counts.filter(pl.col("unit_code") == f.unit)
    if scope_counts.height == 0:
        filters.empty_state(f)
        st.stop()
    if panels.year_in_progress(f, scope_counts, profile=profile):
        # A year in progress: no year-end result to chart; its early warnings are the point.
        panels.scope_warnings(f, lang=lang, key="warnings_table")
        st.stop()

    ind = loaders.indicators(years=shown)
    cards = view.kpi_cards(
        view.kpis(
            counts,
            ind,
            year=f.year,
            cluster=f.cluster,
            unit=f.unit,
            sources=loaders.history_sources(),
        ),
        lang=lang,
        profile=profile,
    )
    since = t("kpi.vs_year", lang, year=filters.year_text(f.year - 1))
    # The three rates with a target first (their status is the point), then targets met and staff.
    by_kpi = {c["kpi"]: c for c in cards}
    rows_of_cards = [list(view.KPI_INDICATORS), ["targets_met", "staff"]]
    widgets.wrap_card_text("kpi_")  # nothing cut in a narrow column (1024 px, sidebar open)
    for row in rows_of_cards:
        for col, kpi in zip(st.columns(3), row, strict=False):
            card = by_kpi[kpi]
            with col.container(border=True, key=f"kpi_{kpi}", height="stretch"):
                st.metric(
                    card["label"],
                    card["value"],
                    delta=card["delta"],
                    delta_color=card["color"],
                    delta_description=since if card["delta"] is not None else None,
                    help=card["help"],
                )
                if card["badge"]:
                    st.badge(card["badge"], color=card["badge_color"])
                if card["target"]:
                    st.caption(card["target"])

with widgets.guard(lang):
    # What a leader must act on, before any chart: every miss of the scope, worst first.
    names = short_names(loaders.options().units)
    misses = attention.attention(
        loaders.indicators(years=(f.year,)),
        loaders.quotas(),
        year=f.year,
        cluster=f.cluster,
        unit=f.unit,
    )
    st.subheader(t("attention.title", lang), anchor=False)
    if misses.height == 0:
        st.success(t("attention.none", lang), icon=":material/check_circle:")
    else:
        shown_misses = attention.attention_table(misses, names, lang=lang, profile=profile)
        event = widgets.table(
            shown_misses.with_columns(
                attention_gap=pl.concat_str(
                    pl.col("status").replace_strict({"below": "▼", "above": "▲"}, default=""),
                    pl.lit(" "),
                    pl.col("attention_gap"),
                )
            ),
            lang=lang,
            alt=t("attention.title", lang),
            status_cols={"attention_gap": "status"},
            pinned=("attention_unit", "attention_what"),
            hidden=("unit_code", "code"),
            key="attention_table",
            on_select="rerun",
        )
        st.caption(t("attention.caption", lang))
        picked = event.selection.rows if event is not None else []
        if picked:  # a row for a unit opens that unit's page
            filters.open_unit(shown_misses["unit_code"][picked[0]])
        widgets.downloads(  # figures as numbers with a status column: the file sorts and sums
            attention.attention_file(misses, names, lang=lang, profile=profile),
            name=f"can-chu-y-{f.cluster}-{filters.file_year(f)}",
            lang=lang,
            key="dl_attention",
            title=files.title_of(f, t("attention.title", lang)),
        )

with widgets.guard(lang):
    panels.scope_warnings(f, lang=lang, key="warnings_table")

    rows = view.scope_bullet(counts, ind, year=f.year, cluster=f.cluster, unit=f.unit)
    title, subtitle = t("chart.bullet.title", lang), filters.scope_title(f)
    with st.container(border=True):
        widgets.chart(
            widgets.cached_figure(
                lambda: bullet.bullet_chart(
                    rows, lang=lang, title=title, subtitle=subtitle, profile=profile
                ),
                "bullet",
                rows,
                lang,
                title,
                subtitle,
                profile,
            ),
            name=f"tien-do-chi-tieu-{filters.file_year(f)}",
            alt=t("overview.bullet.alt", lang),
        )
        st.caption(t("overview.bullet.caption", lang))

with widgets.guard(lang):
    matrix = view.status_matrix(
        loaders.indicators(years=(f.year,)), loaders.options().units, year=f.year, cluster=f.cluster
    )
    st.subheader(t("overview.status_table", lang), anchor=False)
    if matrix.height == 0:
        st.info(t("overview.no_targets", lang), icon=":material/flag:")
    else:
        named = matrix.join(
            short_names(loaders.options().units).select("unit_code", "short_name"),
            on="unit_code",
            how="left",
        ).with_columns(unit_name=pl.coalesce("short_name", "unit_name"))
        wide = view.status_wide(named, lang=lang, profile=profile)
        status_cols = {c: f"{c}__status" for c in wide.columns if f"{c}__status" in wide.columns}
        widgets.table(
            wide,
            lang=lang,
            alt=t("overview.status_table", lang),
            status_cols=status_cols,
            key="status_table",
        )
        st.caption(
            t(
                "overview.legend",
                lang,
                legend=" · ".join(layout.status_label(s, lang) for s in palette.STATUSES),
            )
        )
        files.analytics_downloads(  # the command line's export of the cluster's indicators
            "indicators", year=f.year, cluster=f.cluster, unit=None, lang=lang,
            file_stem=f"trang-thai-chi-tieu-{f.cluster}-{filters.file_year(f)}", key="dl_status",
        )  # fmt: skip

# The organiser's view: a user who sees several clusters compares them side by side on their
# pooled indicators (the whole cluster's rows), the cluster meeting most targets first.
if f.unit is None and loaders.options().clusters.height > 1:
    with st.container(border=True), widgets.guard(lang):
        opts = loaders.options()
        comp = clusters_view.cluster_comparison(
            loaders.indicators(years=(f.year,)),
            opts.clusters,
            year=f.year,
            visible=opts.cluster_codes(),
        )
        st.subheader(t("clusters.title", lang), anchor=False)
        shown = clusters_view.comparison_table(comp, lang=lang, profile=profile)
        widgets.table(
            shown,
            lang=lang,
            alt=t("clusters.title", lang),
            status_cols={c: f"{c}__status" for c in shown.columns if f"{c}__status" in shown},
            pinned=("cluster_name",),
            headers={
                "cluster_name": t("clusters.col.cluster", lang),
                "targets_met": t("clusters.col.targets_met", lang),
            },
            key="clusters_table",
        )
        st.caption(t("clusters.caption", lang, year=filters.year_text(f.year)))
