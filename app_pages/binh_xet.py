"""Bình xét: per unit (or the whole cluster) the candidates for each title, the holders who do
not meet the criteria, quota headroom, streak candidates, and the award budget."""

import polars as pl
import streamlit as st

from dashboard import vocabulary
from dashboard.exports.xlsx_out import TOTAL_COLUMNS
from dashboard.formatting import fmt_int, fmt_vnd
from dashboard.i18n import t
from dashboard.naming import with_names
from dashboard.ui import documents, filters, loaders, panels, widgets
from dashboard.views import quota_pressure
from dashboard.views import review as view

f = filters.current_filters()
lang = f.lang
st.title(t("page.review", lang), anchor=False)
st.caption(widgets.md_escape(filters.scope_title(f)))
if f.year is None or f.cluster is None:
    filters.empty_state(f)
    st.stop()
# The scope's words: a military cluster or unit says CSTT, ĐVQT/ĐVTT.
profile = vocabulary.scope_profile(loaders.options().units, cluster=f.cluster, unit=f.unit)
panels.year_in_progress_note(f)  # a year in progress: its year-end figures are not in yet

with widgets.guard(lang):
    elig = view.in_scope(
        loaders.eligibility(f.year, cluster=f.cluster, unit=f.unit), cluster=f.cluster, unit=f.unit
    )
    if elig.height == 0:
        filters.empty_state(f)
    else:
        units = loaders.options().units
        # Unit names (short) beside the codes: the tables are read by name.
        candidates = view.with_unit_names(view.candidates(elig, lang=lang, profile=profile), units)
        # candidates past a quota's remaining places: said before the lists, in one wording
        for line in quota_pressure.pressure(
            elig,
            view.in_scope(loaders.quotas(), cluster=f.cluster, unit=f.unit),
            units,
            year=f.year,
            lang=lang,
            profile=profile,
        ):
            st.warning(widgets.md_escape(line), icon=":material/warning:")
        to_check = view.with_unit_names(view.to_check(elig, lang=lang, profile=profile), units)
        who = ("unit_name", "subject_name")
        with st.container(horizontal=True):
            st.metric(
                t("review.candidates", lang),
                fmt_int(candidates.height, lang),
                border=True,
                help=t("review.candidates.help", lang),
            )
            st.metric(
                t("review.to_check", lang),
                fmt_int(to_check.height, lang),
                border=True,
                help=t("review.to_check.help", lang),
            )
        with st.container(border=True):
            st.subheader(t("review.candidates", lang), anchor=False)
            widgets.table(
                candidates,
                lang=lang,
                alt=t("review.candidates", lang),
                key="candidates",
                pinned=who,
                hidden=("unit_code",),
            )
            widgets.downloads(
                candidates,
                name=f"ung-vien-{f.unit or f.cluster}-{filters.file_year(f)}",
                lang=lang,
                key="dl_candidates",
            )
        with st.container(border=True):
            st.subheader(t("review.to_check", lang), anchor=False)
            if to_check.height == 0:
                st.caption(t("review.none_to_check", lang))
            else:
                widgets.table(
                    to_check,
                    lang=lang,
                    alt=t("review.to_check", lang),
                    key="to_check",
                    pinned=who,
                    hidden=("unit_code",),
                )
                widgets.downloads(
                    to_check,
                    name=f"can-ra-soat-{f.unit or f.cluster}-{filters.file_year(f)}",
                    lang=lang,
                    key="dl_to_check",
                )

with widgets.guard(lang):
    documents.nominations_section(f.year, f.unit, lang, profile)

with st.container(border=True), widgets.guard(lang):
    st.subheader(t("unit.quotas", lang), anchor=False)
    q = view.in_scope(loaders.quotas(), cluster=f.cluster, unit=f.unit).filter(
        pl.col("year") == f.year
    )
    if q.height == 0:
        st.caption(t("unit.no_quotas", lang))
    else:
        shown = view.quota_rows(q, loaders.options().units, lang=lang, profile=profile)
        widgets.table(
            shown,
            lang=lang,
            alt=t("unit.quotas", lang),
            key="quotas",
            status_cols={"headroom": "status__code"},
            pinned=("unit_name", "rule", "headroom"),
            hidden=("remaining",),  # said in the headroom text
            formats={
                "cap_pct": "pct",
                "base_count": "int",
                "allowed": "int",
                "used": "int",
                "remaining": "int",
            },
        )
        for note in view.rule_notes(
            q, lang=lang, profile=profile
        ):  # the long rule text once, not on every row
            st.caption(widgets.md_escape(note))
        widgets.downloads(
            with_names(
                q.drop("rule_text_vi", "rule_text_en"), units=loaders.options().units, lang=lang
            ),
            name=f"han-muc-{f.unit or f.cluster}-{filters.file_year(f)}",
            lang=lang,
            key="dl_quotas",
        )

with st.container(border=True), widgets.guard(lang):
    st.subheader(t("review.streaks", lang), anchor=False)
    streaks = view.in_scope(
        loaders.streak_candidates(f.year, cluster=f.cluster, unit=f.unit),
        cluster=f.cluster,
        unit=f.unit,
    )
    if streaks.height == 0:
        st.caption(t("review.no_streaks", lang))
    else:
        shown = view.with_unit_names(
            view.streak_rows(streaks, lang=lang, profile=profile), loaders.options().units
        )
        widgets.table(
            shown,
            lang=lang,
            alt=t("review.streaks", lang),
            key="streaks",
            pinned=("unit_name", "full_name"),
            hidden=("unit_code",),
        )
        widgets.downloads(
            shown,
            name=f"chuoi-nam-{f.unit or f.cluster}-{filters.file_year(f)}",
            lang=lang,
            key="dl_streaks",
        )

with st.container(border=True), widgets.guard(lang):
    st.subheader(t("review.budget", lang), anchor=False)
    budget = view.in_scope(loaders.budget(f.year), cluster=f.cluster, unit=f.unit)
    if budget.height == 0:
        st.caption(t("review.no_budget", lang))
    else:
        total = budget["amount_vnd"].sum()
        st.metric(
            t("review.budget.total", lang),
            fmt_vnd(total, lang),
            border=True,
            help=t("review.budget.help", lang),
        )
        by_award = (
            view.budget_by_award(budget)
            .with_columns(
                award_name=vocabulary.label_expr(pl.col("award_code"), "award", lang, profile)
            )
            .select("award_code", "award_name", "count", "multiple", "amount_vnd")
        )
        widgets.table(
            by_award,
            lang=lang,
            alt=t("review.budget", lang),
            key="budget",
            formats={"count": "int", "multiple": "num1", "amount_vnd": "vnd"},
        )
        widgets.downloads(  # names beside the codes, in each unit's words
            with_names(budget, units=loaders.options().units, lang=lang),
            name=f"du-toan-{f.unit or f.cluster}-{filters.file_year(f)}",
            lang=lang,
            key="dl_budget",
            totals=TOTAL_COLUMNS["budget"],  # as the command line's export of the budget
        )
