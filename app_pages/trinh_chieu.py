"""Trình chiếu: full-screen 16:9 slides for the cluster meeting (ranking, targets met by unit,
trends, the year's highlights). Big type, high contrast, colour-blind-safe; the slides advance
on their own (st.fragment(run_every=…)) with pause and next. No sidebar. Open it straight from
a link: /trinh_chieu?year=2024&cluster=… (or ?page=trinh_chieu)."""

import time

import polars as pl
import streamlit as st

from dashboard.charts import ranking, targets_met, trend
from dashboard.i18n import t
from dashboard.ui import files, filters, loaders, session, widgets
from dashboard.views import projector as view
from dashboard.views import ranking as rview

SLIDES = ("ranking", "targets", "trends", "highlights")
SECONDS = 15
CHART_HEIGHT = 760
NAMED = ("leader", "riser")  # highlight cards whose value is a unit name

f = filters.current_filters()
lang = f.lang
# Type sizes for a 1920×1080 projector: body ≥ 28 px, numbers ≥ 48 px. Static CSS, no data.
st.html(
    "<style>"
    "[data-testid='stHeader']{display:none}"
    ".block-container{padding:1rem 2rem 0 2rem !important;max-width:100% !important}"
    ".st-key-projector p,.st-key-projector li,.st-key-projector span,"
    ".st-key-projector label,.st-key-projector button p,"
    ".st-key-projector [data-testid='stCaptionContainer']"
    "{font-size:30px !important;line-height:1.3 !important;color:#000 !important;"
    "opacity:1 !important}"
    ".st-key-projector h1,.st-key-projector h1 *{font-size:54px !important;color:#000 !important;"
    "line-height:1.2 !important}"
    ".st-key-projector [data-testid='stMetricValue'],"
    ".st-key-projector [data-testid='stMetricValue'] *"
    "{font-size:72px !important;line-height:1.15 !important;color:#000 !important;"
    "font-weight:700 !important}"
    ".st-key-projector [data-testid='stMetricLabel'] p{font-size:32px !important}"
    ".st-key-projector [class*='st-key-hl_name'] [data-testid='stMetricValue'] *"
    "{font-size:52px !important;white-space:normal !important;overflow:visible !important;"
    "text-overflow:clip !important}"
    "</style>"
)

st.session_state.setdefault("slide", 0)
st.session_state.setdefault("slide_paused", False)


def _next() -> None:
    st.session_state["slide"] = (st.session_state["slide"] + 1) % len(SLIDES)
    st.session_state["slide_at"] = time.monotonic()


def _toggle() -> None:
    st.session_state["slide_paused"] = not st.session_state["slide_paused"]
    st.session_state["slide_at"] = time.monotonic()
    st.rerun()  # the whole page: the fragment's timer is set when the page runs


paused = st.session_state["slide_paused"]


def _slide(kind: str) -> None:
    if kind == "ranking":
        ranked = rview.named_ranking(loaders.rankings(f.year), loaders.dataset(), cluster=f.cluster)
        if ranked["rank"].is_null().all():
            st.markdown(t("projector.no_data", lang))
            return
        fig = ranking.ranking_chart(ranked, lang=lang, big=True)
        fig.update_layout(height=CHART_HEIGHT, title_text="")
        widgets.chart(
            fig, name=f"xep-hang-{f.cluster}-{f.year}", alt=t("chart.ranking.title", lang)
        )
    elif kind == "targets":
        ranked = rview.named_ranking(loaders.rankings(f.year), loaders.dataset(), cluster=f.cluster)
        ranked = ranked.filter(pl.col("targets_total") > 0)
        if ranked.height == 0:
            st.markdown(t("projector.no_data", lang))
            return
        fig = targets_met.targets_met_chart(ranked, lang=lang, big=True)
        fig.update_layout(height=CHART_HEIGHT, title_text="")
        widgets.chart(
            fig, name=f"chi-tieu-dat-{f.cluster}-{f.year}", alt=t("chart.targets_met.title", lang)
        )
    elif kind == "trends":
        series = view.headline_trends(
            loaders.trends().filter(pl.col("year") <= f.year),
            cluster=f.cluster,
            series=t("trends.pooled", lang),
        )
        if series.height == 0:
            st.markdown(t("projector.no_data", lang))
            return
        fig = trend.trend_chart(series, lang=lang, big=True, cols=2)
        fig.update_layout(height=CHART_HEIGHT, title_text="", showlegend=False)
        widgets.chart(fig, name=f"xu-huong-{f.cluster}", alt=t("chart.trend.title", lang))
    else:
        cards = view.highlights(
            loaders.counts(),
            loaders.indicators(),
            rview.named_ranking(loaders.rankings(f.year), loaders.dataset(), cluster=f.cluster),
            year=f.year,
            cluster=f.cluster,
            lang=lang,
        )
        if not cards:
            st.markdown(t("projector.no_data", lang))
            return
        for row in range(0, len(cards), 3):  # three cards a row: two rows fill a 16:9 slide
            for col, card in zip(st.columns(3, gap="large"), cards[row : row + 3], strict=False):
                # a unit's name is data: shown as typed (escaped), and wrapped, never cut
                named = card["key"] in NAMED
                text = widgets.md_escape(card["value"]) if named else card["value"]
                with col, st.container(key=f"hl_{'name' if named else 'number'}_{card['key']}"):
                    st.metric(card["label"], text, border=True, height=300)


@st.fragment(run_every=None if paused else SECONDS)
def slideshow() -> None:
    session.recheck_fragment()  # the timer's runs re-read the account too (issue 14)
    now = time.monotonic()
    last = st.session_state.get("slide_at")
    if last is None:
        st.session_state["slide_at"] = now
    elif not paused and now - last >= SECONDS - 0.5:  # a timer tick, not a click
        st.session_state["slide"] = (st.session_state["slide"] + 1) % len(SLIDES)
        st.session_state["slide_at"] = now
    i = st.session_state["slide"]
    with st.container(key="projector"):
        head, controls = st.columns([5, 2], vertical_alignment="center")
        with head:
            st.title(t(f"projector.slide.{SLIDES[i]}", lang), anchor=False)
            cluster = widgets.md_escape(filters.cluster_name(f.cluster))
            st.caption(f"{cluster} · {f.year} · {i + 1}/{len(SLIDES)}")
        with controls, st.container(horizontal=True, horizontal_alignment="right"):
            st.button(
                t("projector.play" if paused else "projector.pause", lang),
                icon=":material/play_arrow:" if paused else ":material/pause:",
                on_click=_toggle,
                key="slide_toggle",
            )
            st.button(
                t("projector.next", lang),
                icon=":material/skip_next:",
                on_click=_next,
                key="slide_next",
            )
        with widgets.guard(lang):
            _slide(SLIDES[i])


if f.year is None or f.cluster is None:
    with st.container(key="projector"):
        filters.empty_state(f)
else:
    slideshow()
    files.meeting_pack_button(f.year, f.cluster, lang, key="pack_projector")
