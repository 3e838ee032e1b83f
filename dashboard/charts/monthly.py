"""Monthly evaluation progress of a unit."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from dashboard.charts.layout import (
    finish,
    int_text,
    pct_suffix,
    pct_text,
)
from dashboard.charts.palette import (
    OKABE_ITO,
)
from dashboard.i18n import t


def monthly_progress_chart(
    frame: pl.DataFrame, *, lang: str, cap_pct: float | None = None
) -> go.Figure:
    """Monthly evaluation progress in two panels on one month axis: the cumulative HTXSNV
    share of all ratings (line, top) and the cumulative person-month ratings (bars, bottom), so
    the labels of one never sit on the other. Columns: month, rated_cum, htxsnv_cum, share_pct.
    With `cap_pct` (the HTXSNV cap in force) the top panel also draws the cap's own ratio,
    HTXSNV over HTTNV (column cap_ratio_pct), against a dashed line at the cap: the two
    percentages named apart, so a share under the cap is not read as the cap being kept."""
    rows = frame.sort("month").to_dicts()
    # month_label: the calendar month of each place in a school year (September first)
    months = [r.get("month_label") or f"{r['month']:02d}" for r in rows]
    with_cap = cap_pct is not None and "cap_ratio_pct" in frame.columns
    last = len(rows) - 1

    def labels(col: str) -> list[str]:
        # Two lines a few points apart: labelled month by month their figures sit on each
        # other, so with the cap only the latest month (the figure "so far") is written.
        return [
            pct_text(r[col], lang) if not with_cap or i == last else "" for i, r in enumerate(rows)
        ]

    fig = make_subplots(
        rows=2, cols=1, shared_xaxes=True, row_heights=[0.42, 0.58], vertical_spacing=0.12
    )
    fig.add_scatter(
        x=months,
        y=[r["share_pct"] for r in rows],
        name=t("chart.monthly.share", lang),
        mode="lines+markers+text",
        line={"color": OKABE_ITO["vermillion"], "width": 3},
        marker={"symbol": "diamond", "size": 10},
        text=labels("share_pct"),
        textposition="bottom center" if with_cap else "top center",
        cliponaxis=False,
        hovertemplate=t("axis.month", lang)
        + " %{x}<br>HTXSNV: %{y:.1f}"
        + pct_suffix(lang)
        + "<extra></extra>",
        row=1,
        col=1,
    )
    if with_cap:
        fig.add_scatter(
            x=months,
            y=[r["cap_ratio_pct"] for r in rows],
            name=t("chart.monthly.cap_ratio", lang),
            mode="lines+markers+text",
            line={"color": OKABE_ITO["blue"], "width": 3, "dash": "dot"},
            marker={"symbol": "circle", "size": 9},
            text=labels("cap_ratio_pct"),
            textposition="top center",
            cliponaxis=False,
            hovertemplate=t("axis.month", lang)
            + " %{x}<br>HTXSNV / HTTNV: %{y:.1f}"
            + pct_suffix(lang)
            + "<extra></extra>",
            row=1,
            col=1,
        )
        # the cap as a named line in the legend: an annotation on the plot sat on the figures
        fig.add_scatter(
            x=months,
            y=[cap_pct] * len(months),
            name=t("chart.monthly.cap", lang, cap=pct_text(cap_pct, lang)),
            mode="lines",
            line={"color": OKABE_ITO["black"], "dash": "dash", "width": 1.5},
            hoverinfo="skip",
            row=1,
            col=1,
        )
    fig.add_bar(
        x=months,
        y=[r["rated_cum"] for r in rows],
        name=t("chart.monthly.rated", lang),
        marker={"color": OKABE_ITO["sky_blue"]},
        text=[int_text(r["rated_cum"], lang) for r in rows],
        textposition="outside",
        cliponaxis=False,
        hovertemplate=t("axis.month", lang)
        + " %{x}<br>%{y} "
        + t("unit.person_months", lang)
        + "<extra></extra>",
        row=2,
        col=1,
    )
    tops = [r["share_pct"] or 0 for r in rows]
    if with_cap:
        tops += [r["cap_ratio_pct"] or 0 for r in rows] + [cap_pct or 0]
    share_top = max(tops, default=0)
    fig.update_yaxes(
        title_text=t("axis.htxsnv_share_short", lang),
        ticksuffix=pct_suffix(lang),
        range=[
            0,
            max(10.0, share_top * 1.3) if with_cap else min(105.0, max(10.0, share_top * 1.4)),
        ],
        row=1,
        col=1,
    )
    ymax = max((r["rated_cum"] or 0 for r in rows), default=0)
    fig.update_yaxes(
        title_text=t("axis.person_months_short", lang),
        range=[0, max(ymax * 1.2, 1)],
        row=2,
        col=1,
    )
    fig.update_xaxes(type="category")
    fig.update_xaxes(title_text=t("axis.month", lang), row=2, col=1)
    fig = finish(fig, title=t("chart.monthly.title", lang), lang=lang, big=False, height=560)
    # below the month axis title, not over it (three or four long legend entries)
    return fig.update_layout(legend={"y": -0.2})
