"""Awards by type."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard.charts.layout import (
    esc,
    finish,
    int_text,
    safe_label,
)
from dashboard.charts.palette import (
    OKABE_ITO,
)
from dashboard.i18n import t


def awards_chart(frame: pl.DataFrame, *, lang: str) -> go.Figure:
    """Awards by type. Columns: award_code, count."""
    rows = frame.sort("count", descending=True).to_dicts()
    labels = [esc(safe_label("award", r["award_code"], lang)) for r in rows]
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=[r["count"] for r in rows],
            orientation="h",
            marker={"color": OKABE_ITO["blue"]},
            text=[int_text(r["count"], lang) for r in rows],
            textposition="outside",
            cliponaxis=False,
            customdata=[r["award_code"] for r in rows],
            hovertemplate="%{y} (%{customdata})<br>%{x}<extra></extra>",
        )
    )
    xmax = max((r["count"] or 0 for r in rows), default=0)
    fig.update_xaxes(title_text=t("axis.awards_count", lang), range=[0, max(xmax * 1.2, 1)])
    fig.update_yaxes(autorange="reversed", title_text="")
    return finish(
        fig,
        title=t("chart.awards.title", lang),
        lang=lang,
        big=False,
        height=max(260, 120 + 40 * len(rows)),
        legend=False,
    )
