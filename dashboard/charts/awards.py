"""Awards by type."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard import vocabulary
from dashboard.charts.layout import (
    esc,
    finish,
    int_text,
)
from dashboard.charts.palette import (
    OKABE_ITO,
)
from dashboard.i18n import t


def _name(code: str, lang: str, profile: str) -> str:
    try:
        return vocabulary.label("award", code, lang, profile)
    except KeyError:  # a code the catalogue does not know is shown as it is
        return code


def awards_chart(frame: pl.DataFrame, *, lang: str, profile: str = "civil") -> go.Figure:
    """Awards by type, named in the words of the scope's `profile` (a military unit's TTLDXS
    is "Đơn vị quyết thắng"). Columns: award_code, count."""
    rows = frame.sort("count", descending=True).to_dicts()
    labels = [esc(_name(r["award_code"], lang, profile)) for r in rows]
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
    # Long award names end right at the axis otherwise: a gap lets the bars start clear of them.
    fig.update_yaxes(autorange="reversed", title_text="", ticklabelstandoff=10)
    return finish(
        fig,
        title=t("chart.awards.title", lang),
        lang=lang,
        big=False,
        height=max(260, 120 + 40 * len(rows)),
        legend=False,
    )
