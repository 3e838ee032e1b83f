"""Trình chiếu: full-screen 16:9 slides for the cluster meeting (ranking, targets met by unit,
trends, the year's highlights). Big type, high contrast, colour-blind-safe; the slides advance
on their own (st.fragment(run_every=…)) with pause, previous and next, which a presenter
remote's PageUp/PageDown (or the arrow keys) also press. No sidebar. Open it straight from a
link: /trinh_chieu?year=2024&cluster=…&slides=ranking,targets&every=20 (or ?page=trinh_chieu).

Everything is sized by the viewport: the slide fills the window below its heading (CSS vh and
clamp()), the charts fill it, so nothing scrolls from 1024×768 to 3840×2160. Plotly's type sizes
are pixels (30 px text, 48 px numbers, set for 1920×1080), and Streamlit gives no viewport size to
the script, so the chart is laid out on a canvas of the slide's size divided by the viewport's
scale (its height over 1080 px, or its width over 1440 px if narrower, a unitless number from
CSS `tan(atan2(100vh, 1080px))`) and the canvas is scaled back up with a CSS transform: on a 4K
screen every chart text is twice its 1920×1080 size, at 1024×768 0.71 of it, as the headings are.
The transform sits below the two boxes Streamlit measures for the chart's width (its full-screen
frame) and height (the chart element), because it measures with getBoundingClientRect, which
counts a transform or `zoom` of the measured box or of any box around it (the figure was drawn
for the zoomed size). A browser without CSS trigonometry ignores these rules and draws the chart
unscaled at the slide's size."""

import time

import polars as pl
import streamlit as st

from dashboard import vocabulary
from dashboard.charts import layout, ranking, targets_met, trend
from dashboard.i18n import t
from dashboard.names import short_names
from dashboard.ui import files, filters, lineage, loaders, session, widgets
from dashboard.views import progress
from dashboard.views import projector as view
from dashboard.views import ranking as rview
from dashboard.views import trends as tview
from dashboard.views import warnings as warnings_view

NAMED = ("leader", "riser", "later")  # highlight cards whose value is words, not a number
# The slide's heading takes this much of the window; the slide body the rest.
CSS = """<style>
[data-testid='stHeader'],[data-testid='stToolbar'],footer{display:none !important}
.block-container{padding:1.2vh 1.5vw 0 1.5vw !important;max-width:100% !important}
.block-container{padding-bottom:0 !important}
.st-key-projector{height:calc(100vh - 2.4vh) !important;flex:0 0 auto !important;
gap:1vh !important;overflow:hidden}
.st-key-projector p,.st-key-projector li,.st-key-projector span,
.st-key-projector label,.st-key-projector button p,
.st-key-projector [data-testid='stCaptionContainer']
{font-size:clamp(16px,2.8vh,64px) !important;line-height:1.25 !important;color:#000 !important;
opacity:1 !important}
.st-key-projector h1,.st-key-projector h1 *{font-size:clamp(24px,5vh,110px) !important;
color:#000 !important;line-height:1.15 !important;padding:0 !important;white-space:nowrap;
overflow:hidden;text-overflow:ellipsis}
.st-key-projector button{min-height:0 !important;padding:0.4vh 1vw !important}
.st-key-projector button kbd{display:none !important}
@media (max-width:1500px){.st-key-slide_controls button [data-testid='stMarkdownContainer']
{display:none !important}}
.st-key-projector button [data-testid='stIconMaterial']{font-size:clamp(16px,2.8vh,64px) !important;
margin-right:0.4vw !important;width:auto !important;height:auto !important}
.st-key-projector button span:has(> [data-testid='stIconMaterial'])
{width:auto !important;height:auto !important}
.st-key-slide_body [data-testid='stMetricLabel']{margin-bottom:1.5vh !important}
[data-testid='stLayoutWrapper']:has(> .st-key-slide_body),.st-key-slide_body,
[data-testid='stLayoutWrapper']:has(> .st-key-slide_chart),.st-key-slide_chart
{flex:1 1 0 !important;min-height:0 !important;height:auto !important;overflow:hidden !important}
.st-key-slide_body [data-testid='stMetric']{height:calc(50vh - 14vh) !important}
.st-key-projector h1{margin-bottom:0.4vh !important}
.st-key-slide_body [data-testid='stMetricValue'],
.st-key-slide_body [data-testid='stMetricValue'] *
{font-size:clamp(32px,6.5vh,150px) !important;line-height:1.15 !important;color:#000 !important;
font-weight:700 !important}
.st-key-slide_body [data-testid='stMetricLabel'] p,
.st-key-slide_body [data-testid='stMetricLabel'] *
{font-size:clamp(16px,2.9vh,66px) !important;white-space:normal !important;
overflow:visible !important;text-overflow:clip !important}
.st-key-slide_body [class*='st-key-hl_name'] [data-testid='stMetricValue'],
.st-key-slide_body [class*='st-key-hl_name'] [data-testid='stMetricValue'] *
{font-size:clamp(26px,4.6vh,100px) !important;white-space:normal !important;
overflow:visible !important;text-overflow:clip !important}
.st-key-slide_keys{display:none !important}
.st-key-slide_body [data-testid='stTable'] th,.st-key-slide_body [data-testid='stTable'] td,
.st-key-slide_body [data-testid='stTable'] td *,.st-key-slide_body [data-testid='stTable'] th *
{font-size:clamp(16px,2.8vh,64px) !important;line-height:1.25 !important;color:#000 !important}
.st-key-slide_body [data-testid='stTable'] [data-testid='stMarkdownContainer']
{max-width:none !important}
.st-key-slide_chart{--slide-scale:min(tan(atan2(100vh,1080px)),tan(atan2(100vw,1440px)))}
.st-key-slide_chart [data-testid='stFullScreenFrame']
{width:calc(100% / var(--slide-scale)) !important;height:calc(100% / var(--slide-scale)) !important}
.st-key-slide_chart [data-testid='stPlotlyChart']{overflow:visible !important}
.st-key-slide_chart [data-testid='stPlotlyChart'] > div
{transform:scale(var(--slide-scale));transform-origin:0 0}
</style>"""

f = filters.current_filters()
lang = f.lang
show = view.parse_show(st.query_params.get("slides"), st.query_params.get("every"))
SLIDES = show.slides
st.html(CSS)  # static, no data

st.session_state.setdefault("slide", 0)
st.session_state.setdefault("slide_paused", False)
st.session_state["slide"] %= len(SLIDES)


def _step(by: int) -> None:
    st.session_state["slide"] = (st.session_state["slide"] + by) % len(SLIDES)
    st.session_state["slide_at"] = time.monotonic()


def _toggle() -> None:
    st.session_state["slide_paused"] = not st.session_state["slide_paused"]
    st.session_state["slide_at"] = time.monotonic()
    st.rerun()  # the whole page: the fragment's timer is set when the page runs


paused = st.session_state["slide_paused"]


def _chart(fig, *, name: str, alt: str) -> None:
    # Autosized to the slide body: no height of its own, no title (the slide's heading is it).
    fig.update_layout(height=None, autosize=True, title_text="")
    with st.container(key="slide_chart", height=400, border=False):  # its CSS sets its height
        widgets.chart(fig, name=name, alt=alt, height="stretch")  # type: ignore[arg-type]


def _profile() -> str:
    # The cluster's words: a military block says quân nhân, CSTT, ĐVQT/ĐVTT.
    return vocabulary.scope_profile(loaders.options().units, cluster=f.cluster, unit=None)


def _ranked() -> pl.DataFrame:
    # a unit a change took effect on this year has no rank change: the engine leaves it empty
    return rview.named_ranking(loaders.rankings(f.year), loaders.dataset(), cluster=f.cluster)


def _pending() -> bool:
    """The cluster's year has no year-end result yet (monthly ratings only, no final score:
    the engine gave it no ranking rows)."""
    assert f.year is not None and f.cluster is not None
    counts = loaders.counts(years=(f.year,))
    in_progress = progress.scope_in_progress(counts, year=f.year, cluster=f.cluster, unit=None)
    return in_progress and _ranked().height == 0


def _warnings() -> None:
    """The early warnings of the cluster: the summary line, then a row per unit and warning."""
    rows = warnings_view.in_scope(
        loaders.early_warnings(f.year, f.cluster), cluster=f.cluster, unit=None
    )
    st.subheader(warnings_view.summary_text(rows, lang=lang), anchor=False)
    if rows.height:
        shown = warnings_view.warning_table(rows, short_names(loaders.options().units), lang=lang)
        widgets.text_table(shown, lang=lang, alt=t("warning.title", lang))


def _slide(kind: str) -> None:
    if kind in ("ranking", "targets") and _pending():
        # No rank nor targets met from empty figures: say when they come, show what is known.
        st.markdown(t(f"projector.pending.{kind}", lang, year=f.year))
        _warnings()
        return
    if kind == "ranking":
        ranked = _ranked()
        if ranked["rank"].is_null().all():
            st.markdown(t("projector.no_data", lang))
            return
        fig = ranking.ranking_chart(ranked, lang=lang, big=True)
        note = lineage.rank_note_short(ranked, f.year, lang, year_text=filters.year_text(f.year))
        if note:  # in the chart's top margin, over the bars (below the slide it would be cut)
            fig.add_annotation(
                text=layout.esc(note),
                xref="paper",
                yref="paper",
                x=0,
                y=1,
                xanchor="left",
                yanchor="bottom",
                yshift=12,
                showarrow=False,
                font={"size": 24},
            )
        _chart(
            fig,
            name=f"xep-hang-{f.cluster}-{filters.file_year(f)}",
            alt=t("chart.ranking.title", lang),
        )
    elif kind == "targets":
        ranked = _ranked().filter(pl.col("targets_total") > 0)
        if ranked.height == 0:
            st.markdown(t("projector.no_data", lang))
            return
        short = ranked.with_columns(unit_name=pl.col("short_name"))
        fig = targets_met.targets_met_chart(short, lang=lang, big=True)
        _chart(
            fig,
            name=f"chi-tieu-dat-{f.cluster}-{filters.file_year(f)}",
            alt=t("chart.targets_met.title", lang),
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
        targets = tview.target_series(
            loaders.indicators(), cluster=f.cluster, unit=None, up_to=f.year
        )
        fig = trend.trend_chart(
            series, lang=lang, big=True, cols=2, targets=targets, profile=_profile()
        )
        fig.update_layout(showlegend=False)
        _chart(fig, name=f"xu-huong-{f.cluster}", alt=t("chart.trend.title", lang))
    elif kind == "warnings":
        _warnings()
    else:
        cards = view.highlights(
            loaders.counts(),
            loaders.indicators(),
            _ranked(),
            year=f.year,
            cluster=f.cluster,
            lang=lang,
            profile=_profile(),
            warnings=loaders.early_warnings(f.year, f.cluster),
        )
        if not cards:
            st.markdown(t("projector.no_data", lang))
            return
        for row in range(0, len(cards), 3):  # three cards a row: two rows fill a 16:9 slide
            with st.container(key=f"hl_row_{row}", height="stretch"):
                cols = st.columns(3, gap="large")
                for col, card in zip(cols, cards[row : row + 3], strict=False):
                    # a unit's name is data: shown as typed (escaped), and wrapped, never cut
                    named = card["key"] in NAMED
                    text = widgets.md_escape(card["value"]) if named else card["value"]
                    key = f"hl_{'name' if named else 'number'}_{card['key']}"
                    with col, st.container(key=key, height="stretch"):
                        st.metric(card["label"], text, border=True, height="stretch")


@st.fragment(run_every=None if paused else show.every)
def slideshow() -> None:
    session.recheck_fragment()  # the timer's runs re-read the account too (issue 14)
    now = time.monotonic()
    last = st.session_state.get("slide_at")
    if last is None:
        st.session_state["slide_at"] = now
    elif not paused and now - last >= show.every - 0.5:  # a timer tick, not a click
        _step(1)
    i = st.session_state["slide"]
    with st.container(key="projector"):
        head, controls = st.columns([5, 3], vertical_alignment="center")
        with head:
            st.title(t(f"projector.slide.{SLIDES[i]}", lang), anchor=False)
            cluster = widgets.md_escape(filters.cluster_name(f.cluster))
            year = filters.year_shown(f.year, lang)  # "2026 · đang diễn ra" in progress
            st.caption(f"{cluster} · {year} · {i + 1}/{len(SLIDES)}")
        # On a narrow screen the buttons show their icons only (the labels stay as tooltips).
        with (
            controls,
            st.container(key="slide_controls", horizontal=True, horizontal_alignment="right"),
        ):
            # A presenter remote sends PageUp/PageDown; a keyboard also has the arrows.
            st.button(
                t("projector.prev", lang),
                icon=":material/skip_previous:",
                on_click=_step,
                args=(-1,),
                key="slide_prev",
                help=t("projector.prev", lang),
                shortcut="PageUp",
            )
            st.button(
                t("projector.play" if paused else "projector.pause", lang),
                icon=":material/play_arrow:" if paused else ":material/pause:",
                on_click=_toggle,
                key="slide_toggle",
                help=t("projector.play" if paused else "projector.pause", lang),
            )
            st.button(
                t("projector.next", lang),
                icon=":material/skip_next:",
                on_click=_step,
                args=(1,),
                key="slide_next",
                help=t("projector.next", lang),
                shortcut="PageDown",
            )
            # The meeting pack beside the controls (below the slide it would push it off screen)
            files.meeting_pack_button(f.year, f.cluster, lang, key="pack_projector", compact=True)
        with st.container(key="slide_keys"):  # one shortcut per button: the arrows, unseen
            st.button("←", on_click=_step, args=(-1,), key="slide_left", shortcut="Left")
            st.button("→", on_click=_step, args=(1,), key="slide_right", shortcut="Right")
        with st.container(key="slide_body", height=400, border=False), widgets.guard(lang):
            _slide(SLIDES[i])


if show.invalid:
    st.toast(
        t(
            "projector.bad_link",
            lang,
            what=widgets.md_escape(", ".join(show.invalid)),
            slides=",".join(SLIDES),
            every=show.every,
        ),
        icon=":material/link_off:",
        duration="long",
    )
if f.year is None or f.cluster is None:
    with st.container(key="projector"):
        filters.empty_state(f)
else:
    slideshow()
