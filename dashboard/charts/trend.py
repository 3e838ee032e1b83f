"""Trend small multiples: each indicator over the years, unit against pooled cluster, with the
target drawn behind the lines (a band for a range, a dashed line for a minimum or a maximum)."""

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
    TARGET_BAND,
    UNIT_PALETTE,
)
from dashboard.i18n import t

TARGET_LINE = "#737373"


def year_ticks(years: list[int], most: int) -> list[int]:
    """At most `most` whole years for the axis, evenly spaced and ending on the last year (the
    chosen one), so labels stay horizontal and never crowd.

    >>> year_ticks([2019, 2020, 2021, 2022, 2023, 2024, 2025], 4)
    [2019, 2021, 2023, 2025]
    """
    if not years:
        return []
    lo, hi = min(years), max(years)
    step = max(1, -(-(hi - lo + 1) // most))
    return list(range(hi, lo - 1, -step))[::-1]


def target_runs(targets: pl.DataFrame, indicator: str) -> list[dict]:
    """The years of `indicator` in runs of the same target: first, last, target_min,
    target_max (a year without a target breaks a run)."""
    g = targets.filter(pl.col("indicator") == indicator).sort("year").to_dicts()
    runs: list[dict] = []
    for row in g:
        lo, hi = row["target_min"], row["target_max"]
        if lo is None and hi is None:
            continue
        last = runs[-1] if runs else None
        same = last and (last["target_min"], last["target_max"]) == (lo, hi)
        if same and last["last"] == row["year"] - 1:
            last["last"] = row["year"]
        else:
            runs.append(
                {"first": row["year"], "last": row["year"], "target_min": lo, "target_max": hi}
            )
    return runs


def _target_shapes(fig: go.Figure, runs: list[dict], *, row: int, col: int, big: bool) -> None:
    for run in runs:
        x0, x1 = run["first"] - 0.5, run["last"] + 0.5
        lo, hi = run["target_min"], run["target_max"]
        if lo is not None and hi is not None and hi > lo:
            fig.add_shape(
                type="rect",
                x0=x0,
                x1=x1,
                y0=lo,
                y1=hi,
                fillcolor=TARGET_BAND,
                opacity=0.6,
                line={"width": 0},
                layer="below",
                row=row,
                col=col,
            )
        else:  # a minimum, a maximum or an exact figure: one line
            y = lo if lo is not None else hi
            fig.add_shape(
                type="line",
                x0=x0,
                x1=x1,
                y0=y,
                y1=y,
                layer="below",
                line={"color": TARGET_LINE, "width": 3 if big else 2, "dash": "dot"},
                row=row,
                col=col,
            )


def trend_chart(
    frame: pl.DataFrame,
    *,
    lang: str,
    big: bool = False,
    cols: int = 3,
    title: str | None = None,
    targets: pl.DataFrame | None = None,
    profile: str = "civil",
    marks: list[tuple[int, str]] | None = None,
) -> go.Figure:
    """Small multiples, one panel per indicator: each series over the years; panels named in
    the words of the scope's `profile`. `marks` (year, label): an organisational change taking
    effect that year (a merger), drawn as a dotted line before the year in every panel and
    named once in the legend; the unit's line runs on through it (its earlier years are its
    predecessors' pooled values).

    Columns: indicator, year, value_pct, series (legend text), pooled (bool: the cluster's
    pooled line, drawn dashed in dark grey). Panels in the frame's order of indicators.
    `targets` (indicator, year, target_min, target_max): the target of the series shown, drawn
    behind the lines of its panel; the axes reach far enough to show it.
    """
    indicators = frame["indicator"].unique(maintain_order=True).to_list()
    n = max(len(indicators), 1)
    cols = min(cols, n)
    nrows = -(-n // cols)
    fig = make_subplots(
        rows=nrows,
        cols=cols,
        subplot_titles=[esc(indicator_label(i, lang, profile=profile)) for i in indicators],
        # a gap of about 90 px between rows (the panel's ticks and the next one's title)
        vertical_spacing=min(0.28 if big else 90 / (260 * nrows + 120), 0.9 / max(nrows - 1, 1)),
        horizontal_spacing=0.12 if big else 0.06,
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
    runs = {i: target_runs(targets, i) if targets is not None else [] for i in indicators}
    for k, ind in enumerate(indicators):
        r, c = k // cols + 1, k % cols + 1
        values = frame.filter(pl.col("indicator") == ind)["value_pct"].drop_nulls().to_list()
        bounds = [b for run in runs[ind] for b in (run["target_min"], run["target_max"])]
        top = max([*values, *(b for b in bounds if b is not None)], default=None)
        top = 10.0 if top is None else float(top)
        fig.update_yaxes(range=[0, min(105.0, max(10.0, top * 1.25))], row=r, col=c)
        _target_shapes(fig, runs[ind], row=r, col=c, big=big)
    for year, label in marks or []:
        for k in range(len(indicators)):
            r, c = k // cols + 1, k % cols + 1
            fig.add_vline(
                x=year - 0.5,
                line={"color": TARGET_LINE, "width": 2 if big else 1.5, "dash": "dot"},
                row=r,
                col=c,
            )
        # named once, in the legend beside a dotted line like the mark (a label in the panel
        # would lie over the lines)
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="lines",
            name=esc(label),
            line={"color": TARGET_LINE, "width": 2 if big else 1.5, "dash": "dot"},
            hoverinfo="skip",
        )
    if any(runs.values()):  # the legend says what the grey band is
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="lines",
            name=esc(t("chart.target", lang)),
            line={"color": TARGET_BAND, "width": 12},
            hoverinfo="skip",
        )
    years = sorted(frame["year"].drop_nulls().unique().to_list())
    ticks = year_ticks(years, 4 if big or cols >= 3 else 7)  # a narrow panel: fewer labels
    # The first year stands clear of the axis, so its label does not meet the "0 %" label.
    pad = 0.8 if big else 0.5
    lo, hi = (years[0] - pad, years[-1] + 0.5) if years else (0, 1)
    fig.update_xaxes(
        tickvals=ticks,
        ticktext=[str(y) for y in ticks],
        tickangle=0,
        range=[lo, hi],
    )
    if not big:  # on the projector the ticks say it (years, "%"): no room for the titles
        for c in range(1, cols + 1):
            fig.update_xaxes(title_text=t("axis.year", lang), row=nrows, col=c)
        fig.update_yaxes(title_text=t("axis.percent", lang), col=1)
    else:
        fig.update_yaxes(nticks=5)
    if big:
        fig.update_annotations(font_size=BIG_BODY_PX)
    return finish(
        fig,
        title=title or t("chart.trend.title", lang),
        lang=lang,
        big=big,
        height=(420 if big else 260) * nrows + 120,
    )
