"""Xếp hạng: the cluster's ranking with the change against last year, the score table by
criterion (leader and deputies marked) and the rank history as a bump chart."""

import dataclasses

import polars as pl
import streamlit as st

from dashboard import vocabulary
from dashboard.charts import bump, ranking
from dashboard.i18n import label_expr, t
from dashboard.ui import documents, files, filters, lineage, loaders, panels, widgets
from dashboard.views import progress
from dashboard.views import ranking as view

f = filters.current_filters()
lang = f.lang
st.title(t("page.ranking", lang), anchor=False)
year = f" · {filters.year_shown(f.year, lang)}" if f.year else ""  # "· đang diễn ra" in progress
st.caption(widgets.md_escape(filters.cluster_name(f.cluster)) + year)
if f.year is None or f.cluster is None:
    filters.empty_state(f)
    st.stop()
with st.container(horizontal=True):
    files.meeting_pack_button(f.year, f.cluster, lang, key="pack_ranking")
    documents.summary_buttons(f.year, f.cluster, None, lang, key="summary_ranking")

# A year in progress (no year-end result in the cluster): no rank, rank change or leader from
# empty figures; say when the ranking comes and show what is known (the monthly ratings so far,
# the early warnings), then the ranks of the years before.
pending = False
with widgets.guard(lang):
    counts = loaders.counts(years=(f.year,)).filter(pl.col("cluster_code") == f.cluster)
    profile = vocabulary.scope_profile(loaders.options().units, cluster=f.cluster, unit=None)
    scope = dataclasses.replace(f, unit=None)  # the ranking is the cluster's, whatever unit
    # Final scores are a year-end result too: the engine ranks a cluster that has them.
    unranked = loaders.rankings(f.year).filter(pl.col("cluster_code") == f.cluster).height == 0
    pending = unranked and progress.scope_in_progress(
        counts, year=f.year, cluster=f.cluster, unit=None
    )
    panels.year_in_progress_note(f)
    if pending:
        st.info(t("ranking.pending", lang, year=f.year), icon=":material/event_upcoming:")
        panels.progress_figures(scope, counts, profile=profile)
        panels.scope_warnings(scope, lang=lang, key="warnings_ranking")

if not pending:  # the ranking and the score table of a year with results
    with st.container(border=True), widgets.guard(lang):
        ranked = view.named_ranking(loaders.rankings(f.year), loaders.dataset(), cluster=f.cluster)
        if ranked.height == 0 or ranked["rank"].is_null().all():
            filters.empty_state(f)
        else:
            widgets.chart(
                ranking.ranking_chart(ranked, lang=lang, highlight=f.unit),
                name=f"xep-hang-{f.cluster}-{filters.file_year(f)}",
                alt=t("chart.ranking.title", lang),
                key="ranking_chart",
                on_select=lambda sel: filters.open_unit(ranking.picked_unit(sel)),
            )
            st.caption(t("ranking.drill_hint", lang))
            basis = ranked["basis"].drop_nulls()
            st.caption(
                t("ranking.basis", lang, basis=t(f"basis.{basis[0]}", lang)) if basis.len() else ""
            )
            lineage.rank_note(ranked, f.year, lang, year_text=filters.year_text(f.year))
            shown = view.with_short_names(ranked, loaders.dataset()).select(
                "rank",
                "unit_name",
                "final_points",
                "targets_met",
                "targets_total",
                "rank_prev",
                "rank_change",
                *(["role"] if "role" in ranked.columns else []),
            )
            if "role" in shown.columns:
                shown = shown.with_columns(role=label_expr(pl.col("role"), "role", lang))
            widgets.table(
                shown,
                lang=lang,
                alt=t("chart.ranking.title", lang),
                key="ranking",
                formats={"final_points": "num1"},
                helps={"unit_name": t("ranking.short_name_help", lang)},
            )
            files.analytics_downloads(  # the command line's export of the cluster's rankings
                "rankings", year=f.year, cluster=f.cluster, unit=None, lang=lang,
                file_stem=f"xep-hang-{f.cluster}-{filters.file_year(f)}", key="dl_ranking",
            )  # fmt: skip

    with st.container(border=True), widgets.guard(lang):
        st.subheader(t("ranking.scores", lang), anchor=False)
        scores = loaders.scoped(
            view.score_table(loaders.dataset(), year=f.year, cluster=f.cluster, lang=lang)
        )
        if scores.height == 0:
            st.caption(t("ranking.no_scores", lang))
        else:
            maxima = view.score_maxima(loaders.dataset(), year=f.year, cluster=f.cluster)
            shown = view.with_short_names(scores, loaders.dataset()).drop("unit_code")
            if shown["role"].is_null().all():
                shown = shown.drop("role")
            widgets.table(
                shown,
                lang=lang,
                alt=t("ranking.scores", lang),
                key="scores",
                formats={c: "num1" for c in ["final_points", *maxima]},
                headers=view.score_headers(maxima, lang),
                helps=view.score_helps(maxima, lang),
                pinned=("unit_name", "final_points"),
            )
            if criteria := view.criteria_key(maxima, lang):
                st.caption(widgets.md_escape(t("ranking.criteria_key", lang, criteria=criteria)))
            widgets.downloads(
                scores,
                name=f"bang-diem-{f.cluster}-{filters.file_year(f)}",
                lang=lang,
                key="dl_scores",
                title=files.title_of(f, t("ranking.scores", lang), whole_cluster=True),
            )

with st.container(border=True), widgets.guard(lang):
    history = view.rank_history(
        loaders.rank_history(), loaders.dataset(), cluster=f.cluster, up_to=f.year
    )
    if history["year"].n_unique() < 2:
        st.caption(t("ranking.no_history", lang))
    else:
        widgets.chart(
            bump.bump_chart(history, lang=lang, highlight=f.unit, up_to=f.year),
            name=f"dien-bien-thu-hang-{f.cluster}",
            alt=t("chart.bump.title", lang),
        )
        if f.unit is None:  # the podium in colour: say so, and how to follow one unit instead
            st.caption(t("ranking.bump_hint", lang, year=history["year"].max()))
        widgets.downloads(
            history.drop("short_name"),
            name=f"dien-bien-thu-hang-{f.cluster}",
            lang=lang,
            key="dl_history",
            title=files.title_of(f, t("chart.bump.title", lang), whole_cluster=True),
        )
