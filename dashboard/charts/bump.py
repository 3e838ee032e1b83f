"""Bump chart: the rank history of every unit."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard.charts.layout import (
    BIG_BODY_PX,
    BODY_PX,
    esc,
    finish,
)
from dashboard.charts.palette import (
    unit_colors,
)
from dashboard.i18n import t


def bump_chart(frame: pl.DataFrame, *, lang: str, big: bool = False) -> go.Figure:
    """Rank history, one line per unit (rank 1 on top), unit name at the end of each line.

    Columns: year, unit_code, unit_name, rank.
    """
    f = frame.drop_nulls("rank").sort("unit_code", "year")
    colors = unit_colors(f["unit_code"].to_list())
    body = BIG_BODY_PX if big else BODY_PX
    # End labels: units that share their last rank (ties) are stacked, not drawn on each other.
    ends = (
        f.group_by("unit_code", maintain_order=True)
        .agg(pl.col("unit_name").last(), pl.col("year").last(), pl.col("rank").last())
        .with_columns(stack=pl.int_range(pl.len()).over("year", "rank"))
    )
    fig = go.Figure()
    for (code,), g in f.group_by("unit_code", maintain_order=True):
        name = esc(g["unit_name"][0])
        fig.add_scatter(
            x=g["year"].to_list(),
            y=g["rank"].to_list(),
            mode="lines+markers+text",
            name=name,
            line={"color": colors[code], "width": 4 if big else 3},
            marker={"size": 26 if big else 18, "color": colors[code]},
            text=[str(r) for r in g["rank"].to_list()],
            textfont={"color": "#FFFFFF", "size": 14 if not big else 20},
            textposition="middle center",
            hovertemplate=name + "<br>%{x}: " + t("chart.rank", lang) + " %{y}<extra></extra>",
        )
    for end in ends.to_dicts():  # one label per unit
        fig.add_annotation(
            x=end["year"],
            y=end["rank"],
            text=esc(end["unit_name"]),
            showarrow=False,
            xanchor="left",
            xshift=16,
            yshift=-end["stack"] * (body + 4),
            font={"color": colors[end["unit_code"]], "size": body},
        )
    n = f["unit_code"].n_unique()
    fig.update_yaxes(
        autorange="reversed",
        dtick=1,
        title_text=t("chart.rank", lang),
        range=[n + 0.5, 0.5],
    )
    years = f["year"]
    fig.update_xaxes(
        dtick=1,
        title_text=t("axis.year", lang),
        tickformat="d",
        range=[(years.min() or 0) - 0.3, (years.max() or 0) + 0.3],
    )
    fig = finish(
        fig,
        title=t("chart.bump.title", lang),
        lang=lang,
        big=big,
        height=max(320, 120 + (70 if big else 42) * n),
        legend=False,
    )
    fig.update_layout(margin={"r": 320 if big else 240})
    return fig
