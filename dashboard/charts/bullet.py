"""Bullet chart: progress of each indicator against its target band and legal cap."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard.charts.layout import (
    BIG_NUMBER_PX,
    NUMBER_PX,
    esc,
    finish,
    indicator_label,
    pct_suffix,
    pct_text,
    status_label,
    target_text,
)
from dashboard.charts.palette import (
    CAP_COLOR,
    STATUS_COLORS,
    STATUS_ICONS,
    STATUSES,
    TARGET_BAND,
    TARGET_TICK,
    label_color,
)
from dashboard.i18n import t

LABEL_X = 102.0
# The axis ends just past 100 %; the value labels start there and run into the right margin,
# whose width is in pixels (a value is "▼ 100,0 %" however narrow the chart), so at 1024 px
# with the sidebar open no label is cut by the chart's edge.
X_MAX = 104.0
LABEL_MARGIN_PX, BIG_LABEL_MARGIN_PX = 100, 240


def _two_sided(row: dict) -> bool:
    return row["target_min"] is not None and row["target_max"] is not None


def _one_bound(row: dict) -> float | None:
    """The bound of a one-sided target (minimum only or maximum only), else None."""
    if _two_sided(row):
        return None
    return row["target_min"] if row["target_min"] is not None else row["target_max"]


def bullet_chart(
    frame: pl.DataFrame,
    *,
    lang: str,
    title: str | None = None,
    big: bool = False,
    profile: str = "civil",
    subtitle: str | None = None,
) -> go.Figure:
    """Progress per indicator: value bar (colour + icon by status), target band, legal cap line.

    Columns: indicator, value_pct, target_min, target_max, status; optional cap_pct.
    Rows are drawn top to bottom in the frame's order. A target range is a grey band, a
    minimum-only or maximum-only target a dark tick at its bound. Indicator names follow the
    scope's `profile` (a military scope says CSTT, not LĐTT).
    """
    f = (
        frame
        if "cap_pct" in frame.columns
        else frame.with_columns(cap_pct=pl.lit(None, pl.Float64))
    )
    rows = f.to_dicts()
    names = [esc(indicator_label(r["indicator"], lang, profile=profile)) for r in rows]
    fig = go.Figure()
    # A range is a grey band; a one-sided target (minimum or maximum only) is a tick at its
    # bound: a band from the minimum to 100 % was the biggest thing on the chart and said nothing.
    band = [i for i, r in enumerate(rows) if _two_sided(r)]
    fig.add_bar(
        y=[names[i] for i in band],
        x=[rows[i]["target_max"] - rows[i]["target_min"] for i in band],
        base=[rows[i]["target_min"] for i in band],
        orientation="h",
        width=0.8,
        marker={"color": TARGET_BAND},
        name=t("chart.target_band", lang),
        customdata=[target_text(rows[i]["target_min"], rows[i]["target_max"], lang) for i in band],
        hovertemplate="%{y}<br>" + t("chart.target", lang) + ": %{customdata}<extra></extra>",
        showlegend=bool(band),
    )
    ticks = [i for i, r in enumerate(rows) if _one_bound(r) is not None]
    if ticks:
        fig.add_scatter(
            y=[names[i] for i in ticks],
            x=[_one_bound(rows[i]) for i in ticks],
            mode="markers",
            marker={
                "symbol": "line-ns",
                "size": 40 if big else 26,
                "line": {"width": 3, "color": TARGET_TICK},
            },
            name=t("chart.target_tick", lang),
            customdata=[
                target_text(rows[i]["target_min"], rows[i]["target_max"], lang) for i in ticks
            ],
            hovertemplate="%{y}<br>" + t("chart.target", lang) + ": %{customdata}<extra></extra>",
        )
    for status in STATUSES:
        sel = [i for i, r in enumerate(rows) if (r["status"] or "no_data") == status]
        if not sel:
            continue
        fig.add_bar(
            y=[names[i] for i in sel],
            x=[rows[i]["value_pct"] if rows[i]["value_pct"] is not None else 0.0 for i in sel],
            orientation="h",
            width=0.4,
            marker={"color": STATUS_COLORS[status]},
            name=status_label(status, lang),
            customdata=[
                [
                    pct_text(rows[i]["value_pct"], lang),
                    target_text(rows[i]["target_min"], rows[i]["target_max"], lang),
                    status_label(status, lang),
                ]
                for i in sel
            ],
            hovertemplate=(
                "%{y}<br>"
                + t("chart.value", lang)
                + ": %{customdata[0]}<br>"
                + t("chart.target", lang)
                + ": %{customdata[1]}<br>%{customdata[2]}<extra></extra>"
            ),
        )
    caps = [(names[i], r["cap_pct"]) for i, r in enumerate(rows) if r["cap_pct"] is not None]
    if caps:
        fig.add_scatter(
            y=[c[0] for c in caps],
            x=[c[1] for c in caps],
            mode="markers",
            marker={
                "symbol": "line-ns",
                "size": 44 if big else 30,
                "line": {"width": 4, "color": CAP_COLOR},
            },
            name=t("chart.legal_cap", lang),
            customdata=[pct_text(c[1], lang) for c in caps],
            hovertemplate="%{y}<br>"
            + t("chart.legal_cap", lang)
            + ": %{customdata}<extra></extra>",
        )
    # Data labels in a column right of 100 %, where no band or cap line can cover them.
    fig.add_scatter(
        y=names,
        x=[LABEL_X] * len(rows),
        mode="text",
        text=[
            f"{STATUS_ICONS[r['status'] or 'no_data']} {pct_text(r['value_pct'], lang)}"
            for r in rows
        ],
        textposition="middle right",
        textfont={
            "size": BIG_NUMBER_PX if big else NUMBER_PX,
            "color": [label_color(r["status"]) for r in rows],
        },
        name=t("chart.value", lang),
        showlegend=False,
        hoverinfo="skip",
        cliponaxis=False,
    )
    fig.update_layout(barmode="overlay", bargap=0.2)
    fig.update_xaxes(
        range=[0, X_MAX],
        tickvals=[0, 20, 40, 60, 80, 100],
        # the ticks say "%": no axis title, which a legend below would sit on
        title_text="",
        ticksuffix=pct_suffix(lang),
    )
    fig.update_yaxes(
        autorange="reversed", categoryorder="array", categoryarray=names, title_text=""
    )
    per_row = 90 if big else 52
    fig = finish(
        fig,
        title=title or t("chart.bullet.title", lang),
        lang=lang,
        big=big,
        height=max(260, 140 + per_row * len(rows)),
        subtitle=subtitle,
    )
    fig.update_layout(margin={"r": BIG_LABEL_MARGIN_PX if big else LABEL_MARGIN_PX})
    return fig
