"""Ranking bars with the change of rank since last year."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from dashboard.charts.layout import (
    BIG_NUMBER_PX,
    BODY_PX,
    NUMBER_PX,
    esc,
    finish,
    num_text,
)
from dashboard.charts.palette import (
    OKABE_ITO,
    unit_colors,
)
from dashboard.i18n import t


def _change_marker(change: int | None, prev: int | None) -> tuple[str, str, str]:
    """(symbol, colour, text) for a rank change; positive = moved up. The triangle's direction
    and the sign say it without the colour."""
    if prev is None or change is None:
        return "star", OKABE_ITO["sky_blue"], "•"
    if change > 0:
        return "triangle-up", OKABE_ITO["bluish_green"], f"+{change}"
    if change < 0:
        return "triangle-down", OKABE_ITO["vermillion"], f"−{-change}"
    return "line-ew-open", "#666666", "0"


def ranking_chart(frame: pl.DataFrame, *, lang: str, big: bool = False) -> go.Figure:
    """Ranking bars (points when the cluster entered scores, else targets met) with rank change.

    Columns: unit_code, unit_name, rank, basis, final_points, targets_met, targets_total,
    rank_prev, rank_change.
    """
    f = frame.sort("rank", "unit_name", nulls_last=True)
    rows = f.to_dicts()
    by_score = bool(rows) and all(r["basis"] == "score" for r in rows)
    colors = unit_colors(r["unit_code"] for r in rows)
    names = [f"{r['rank']}. {esc(r['unit_name'])}" for r in rows]
    if by_score:
        xs = [r["final_points"] or 0.0 for r in rows]
        texts = [t("chart.points_value", lang, v=num_text(r["final_points"], lang)) for r in rows]
        x_title = t("axis.points", lang)
    else:
        xs = [r["targets_met"] or 0 for r in rows]
        texts = [f"{r['targets_met']}/{r['targets_total']}" for r in rows]
        x_title = t("axis.targets_met", lang)
    fig = make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        column_widths=[0.8, 0.2] if big else [0.86, 0.14],
        horizontal_spacing=0.02,
    )
    fig.add_bar(
        y=names,
        x=xs,
        orientation="h",
        text=texts,
        textposition="outside",
        cliponaxis=False,
        marker={"color": [colors[r["unit_code"]] for r in rows]},
        textfont={"size": BIG_NUMBER_PX if big else NUMBER_PX},
        customdata=[[esc(r["unit_name"]), r["rank"], x] for r, x in zip(rows, texts, strict=True)],
        hovertemplate=(
            "%{customdata[0]}<br>"
            + t("chart.rank", lang)
            + ": %{customdata[1]}<br>"
            + x_title
            + ": %{customdata[2]}<extra></extra>"
        ),
        showlegend=False,
        row=1,
        col=1,
    )
    marks = [_change_marker(r["rank_change"], r["rank_prev"]) for r in rows]
    fig.add_scatter(
        y=names,
        x=[0] * len(rows),
        mode="markers+text",
        marker={
            "symbol": [m[0] for m in marks],
            "color": [m[1] for m in marks],
            "size": 30 if big else 16,
            "line": {"width": 2, "color": [m[1] for m in marks]},
        },
        text=[m[2] for m in marks],
        textposition="middle right",
        textfont={"size": BIG_NUMBER_PX if big else BODY_PX},
        customdata=[
            t("chart.rank_new", lang)
            if r["rank_prev"] is None
            else t("chart.rank_prev", lang, prev=r["rank_prev"])
            for r in rows
        ],
        hovertemplate="%{y}<br>%{customdata}<extra></extra>",
        showlegend=False,
        row=1,
        col=2,
    )
    xmax = max(xs, default=0) or 1
    fig.update_xaxes(range=[0, xmax * 1.2], title_text=x_title, row=1, col=1)
    fig.update_xaxes(
        range=[-0.5, 3],
        showticklabels=False,
        showgrid=False,
        zeroline=False,
        title_text=t("axis.rank_change_big" if big else "axis.rank_change", lang),
        row=1,
        col=2,
    )
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=names)
    per_row = 80 if big else 42
    return finish(
        fig,
        title=t("chart.ranking.title", lang),
        lang=lang,
        big=big,
        height=max(280, 150 + per_row * len(rows)),
        legend=False,
    )
