"""Targets met by unit, as stacked bars."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard.charts.layout import (
    BIG_NUMBER_PX,
    NUMBER_PX,
    esc,
    finish,
    status_label,
)
from dashboard.charts.palette import (
    STATUS_COLORS,
    STATUS_ICONS,
)
from dashboard.i18n import t


def targets_met_chart(frame: pl.DataFrame, *, lang: str, big: bool = False) -> go.Figure:
    """Targets met by unit as stacked bars (met / not met), "x/y" on each bar.

    Columns: unit_code, unit_name, targets_met, targets_total.
    """
    rows = frame.sort("targets_met", "unit_name", descending=[True, False]).to_dicts()
    names = [esc(r["unit_name"]) for r in rows]
    met = [r["targets_met"] or 0 for r in rows]
    missed = [(r["targets_total"] or 0) - (r["targets_met"] or 0) for r in rows]
    fig = go.Figure()
    fig.add_bar(
        y=names,
        x=met,
        orientation="h",
        name=status_label("met", lang),
        marker={"color": STATUS_COLORS["met"]},
        text=[
            f"{STATUS_ICONS['met']} {m}/{r['targets_total']}"
            for m, r in zip(met, rows, strict=True)
        ],
        textposition="inside",
        insidetextanchor="start",
        textfont={"size": BIG_NUMBER_PX if big else NUMBER_PX, "color": "#FFFFFF"},
        hovertemplate="%{y}<br>" + t("status.met", lang) + ": %{x}<extra></extra>",
    )
    fig.add_bar(
        y=names,
        x=missed,
        orientation="h",
        name=t("chart.not_met", lang),
        marker={
            "color": "#FFFFFF",
            # no outline on an empty segment: it would draw a stray line after a full bar
            "line": {"color": STATUS_COLORS["below"], "width": [3 if m else 0 for m in missed]},
            "pattern": {"shape": "/", "fgcolor": STATUS_COLORS["below"]},
        },
        hovertemplate="%{y}<br>" + t("chart.not_met", lang) + ": %{x}<extra></extra>",
    )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title_text=t("axis.targets", lang), dtick=1)
    fig.update_yaxes(autorange="reversed", title_text="")
    fig = finish(
        fig,
        title=t("chart.targets_met.title", lang),
        lang=lang,
        big=big,
        height=max(280, 150 + (80 if big else 40) * len(rows)),
    )
    # Legend above the bars, met first: the axis title keeps the line below to itself.
    fig.update_layout(
        legend={
            "traceorder": "normal",
            "orientation": "h",
            "yref": "paper",  # above the plot, at its right, not at the figure's foot
            "y": 1.0,
            "yanchor": "bottom",
            "x": 1,
            "xanchor": "right",
        },
        margin={"b": 10},  # no legend at the foot: no room kept for one
    )
    return fig
