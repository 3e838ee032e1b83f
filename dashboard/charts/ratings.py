"""Persons by annual rating."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard.charts.layout import (
    esc,
    finish,
    int_text,
    pct_text,
    safe_label,
)
from dashboard.charts.palette import (
    RATING_COLORS,
)
from dashboard.i18n import t


def rating_distribution_chart(frame: pl.DataFrame, *, lang: str) -> go.Figure:
    """Persons by annual rating. Columns: rating, count (ratings in the frame's order)."""
    rows = frame.to_dicts()
    total = sum(r["count"] or 0 for r in rows)
    # The short codes (HTXSNV…) on the axis, as officers write them; full names on hover.
    labels = [esc(r["rating"]) for r in rows]
    names = [esc(safe_label("rating", r["rating"], lang)) for r in rows]
    shares = [100 * (r["count"] or 0) / total if total else None for r in rows]
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=[r["count"] for r in rows],
            marker={"color": [RATING_COLORS.get(r["rating"], "#8C8C8C") for r in rows]},
            text=[
                f"{int_text(r['count'], lang)} ({pct_text(s, lang)})"
                for r, s in zip(rows, shares, strict=True)
            ],
            textposition="outside",
            cliponaxis=False,
            customdata=names,
            hovertemplate="%{customdata} (%{x})<br>%{text}<extra></extra>",
        )
    )
    fig.update_yaxes(title_text=t("axis.persons", lang), rangemode="tozero")
    fig.update_xaxes(title_text=t("axis.rating", lang))
    ymax = max((r["count"] or 0 for r in rows), default=0)
    fig.update_yaxes(range=[0, max(ymax * 1.2, 1)])
    return finish(
        fig, title=t("chart.ratings.title", lang), lang=lang, big=False, height=360, legend=False
    )
