"""Trend small multiples: each indicator over the years, unit against pooled cluster."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from dashboard.charts.layout import (
    BIG_BODY_PX,
    esc,
    finish,
    indicator_label,
    pct_suffix,
)
from dashboard.charts.palette import (
    POOLED_COLOR,
    UNIT_PALETTE,
)
from dashboard.i18n import t


def trend_chart(
    frame: pl.DataFrame,
    *,
    lang: str,
    big: bool = False,
    cols: int = 3,
    title: str | None = None,
) -> go.Figure:
    """Small multiples, one panel per indicator: each series over the years.

    Columns: indicator, year, value_pct, series (legend text), pooled (bool: the cluster's
    pooled line, drawn dashed in dark grey). Panels in the frame's order of indicators.
    """
    indicators = frame["indicator"].unique(maintain_order=True).to_list()
    n = max(len(indicators), 1)
    cols = min(cols, n)
    nrows = -(-n // cols)
    fig = make_subplots(
        rows=nrows,
        cols=cols,
        subplot_titles=[esc(indicator_label(i, lang)) for i in indicators],
        vertical_spacing=min(0.15, 0.9 / max(nrows - 1, 1)),
        horizontal_spacing=0.06,
    )
    series = frame.select("series", "pooled").unique(maintain_order=True).to_dicts()
    own = [s["series"] for s in series if not s["pooled"]]
    palette = {s: UNIT_PALETTE[i % len(UNIT_PALETTE)] for i, s in enumerate(own)}
    for k, ind in enumerate(indicators):
        r, c = k // cols + 1, k % cols + 1
        for s in series:
            g = frame.filter((pl.col("indicator") == ind) & (pl.col("series") == s["series"])).sort(
                "year"
            )
            if g.height == 0:
                continue
            pooled = bool(s["pooled"])
            color = POOLED_COLOR if pooled else palette[s["series"]]
            name = esc(s["series"])
            fig.add_scatter(
                x=g["year"].to_list(),
                y=g["value_pct"].to_list(),
                mode="lines+markers",
                name=name,
                legendgroup=name,
                showlegend=k == 0,
                line={
                    "color": color,
                    "dash": "dash" if pooled else "solid",
                    "width": 4 if big else 2.5,
                },
                marker={"size": 12 if big else 7, "symbol": "square" if pooled else "circle"},
                connectgaps=False,
                hovertemplate=name + "<br>%{x}: %{y:.1f}" + pct_suffix(lang) + "<extra></extra>",
                row=r,
                col=c,
            )
    fig.update_yaxes(ticksuffix=pct_suffix(lang), title_text="")
    # Each panel from 0 to a little above its highest value: a 1 % rate is not a flat line
    # at the bottom of a 0–100 axis, and 0 stays in view so changes are not exaggerated.
    for k, ind in enumerate(indicators):
        top = frame.filter(pl.col("indicator") == ind)["value_pct"].max()
        top = 10.0 if top is None else float(top)
        fig.update_yaxes(
            range=[0, min(105.0, max(10.0, top * 1.25))], row=k // cols + 1, col=k % cols + 1
        )
    fig.update_xaxes(dtick=1, tickformat="d")
    for c in range(1, cols + 1):
        fig.update_xaxes(title_text=t("axis.year", lang), row=nrows, col=c)
    fig.update_yaxes(title_text=t("axis.percent", lang), col=1)
    if big:
        fig.update_annotations(font_size=BIG_BODY_PX)
    return finish(
        fig,
        title=title or t("chart.trend.title", lang),
        lang=lang,
        big=big,
        height=(420 if big else 260) * nrows + 120,
    )
