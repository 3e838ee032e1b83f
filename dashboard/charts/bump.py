"""Bump chart: the rank history of every unit up to the chosen year, the chosen unit in colour
and the others grey, units on the same rank in a year drawn side by side. With no unit chosen,
the units on the last year's podium (ranks 1 to 3) are in colour and the others grey."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard.charts.layout import BIG_BODY_PX, BODY_PX, esc, finish
from dashboard.charts.palette import OKABE_ITO
from dashboard.i18n import t

HIGHLIGHT = OKABE_ITO["blue"]
OTHER = "#BDBDBD"
OTHER_TEXT = "#595959"  # end labels of the grey lines: dark enough to read (≥ 4.5:1 on white)
# Units tied on a rank in a year sit this far apart along the year axis (in years).
TIE_STEP = 0.14
# With no unit chosen: the ranks of the last year drawn in colour (the podium), the others grey,
# so the lines a cluster meeting looks for stand out of the tangle.
PODIUM_RANK = 3
# Line colours of the podium units by (rank, code) in the last year, and their end labels' text
# (the line colour darkened to read on white, ≥ 4.5:1); a tie on the podium takes the next one.
PODIUM = (
    (OKABE_ITO["blue"], OKABE_ITO["blue"]),
    (OKABE_ITO["vermillion"], "#A63F00"),
    (OKABE_ITO["bluish_green"], "#00664A"),
    (OKABE_ITO["reddish_purple"], "#8E3B6B"),
    ("#332288", "#332288"),
)


def podium_colors(frame: pl.DataFrame) -> dict[str, tuple[str, str]]:
    """unit_code → (line colour, label colour) of the units ranked 1 to PODIUM_RANK in the last
    year of `frame` (year, unit_code, rank), in (rank, code) order; units past the palette (a
    many-way tie) and the others have none and are drawn grey."""
    if frame.height == 0:
        return {}
    last = frame.filter(pl.col("year") == pl.col("year").max(), pl.col("rank") <= PODIUM_RANK)
    codes = last.sort("rank", "unit_code")["unit_code"].to_list()
    return dict(zip(codes, PODIUM, strict=False))


def tie_offsets(frame: pl.DataFrame) -> pl.DataFrame:
    """`frame` with x: the year moved by TIE_STEP for each unit tied on the same rank that
    year, the group centred on the year (units in code order)."""
    return frame.sort("year", "rank", "unit_code").with_columns(
        x=pl.col("year")
        + TIE_STEP
        * (pl.int_range(pl.len()).over("year", "rank") - (pl.len().over("year", "rank") - 1) / 2)
    )


def bump_chart(
    frame: pl.DataFrame,
    *,
    lang: str,
    big: bool = False,
    highlight: str | None = None,
    up_to: int | None = None,
) -> go.Figure:
    """Rank history, one line per unit (rank 1 on top), unit name at the end of each line.

    Columns: year, unit_code, unit_name, rank; short_name (optional) for the end labels.
    `up_to`: the last year drawn (the chosen year). `highlight`: the chosen unit, drawn last,
    in colour and with its rank in each marker; the others grey. With no unit chosen the last
    year's podium (`podium_colors`) is in colour, drawn over the grey others.
    """
    f = frame.drop_nulls("rank")
    if up_to is not None:
        f = f.filter(pl.col("year") <= up_to)
    f = tie_offsets(f).sort("unit_code", "year")
    body = BIG_BODY_PX if big else BODY_PX
    label = "short_name" if "short_name" in f.columns else "unit_name"
    ends = (
        f.group_by("unit_code", maintain_order=True)
        .agg(pl.col(label).last(), pl.col("year").last(), pl.col("x").last(), pl.col("rank").last())
        .with_columns(stack=pl.int_range(pl.len()).over("year", "rank"))
    )
    colors = podium_colors(f) if highlight is None else {highlight: (HIGHLIGHT, HIGHLIGHT)}
    groups = list(f.group_by("unit_code", maintain_order=True))
    groups.sort(key=lambda g: g[0][0] in colors)  # the coloured lines over the grey ones
    fig = go.Figure()
    for (code,), g in groups:
        name = esc(g["unit_name"][0])
        chosen = code in colors
        color = colors[code][0] if chosen else OTHER
        fig.add_scatter(
            x=g["x"].to_list(),
            y=g["rank"].to_list(),
            mode="lines+markers+text" if code == highlight else "lines+markers",
            name=name,
            line={"color": color, "width": (5 if big else 4) if chosen else 2},
            marker={"size": (26 if big else 20) if code == highlight else 10, "color": color},
            text=[str(r) for r in g["rank"].to_list()] if code == highlight else None,
            textfont={"color": "#FFFFFF", "size": 20 if big else 12},
            textposition="middle center",
            customdata=g["year"].to_list(),
            hovertemplate=name
            + "<br>%{customdata}: "
            + t("chart.rank", lang)
            + " %{y}<extra></extra>",
        )
    last = f["year"].max()
    # one label per unit reaching the last year, tied ends stacked; a line that ended before
    # (a unit merged away) is named by its hover: its label would run into the next year's
    for end in ends.filter(pl.col("year") == last).to_dicts():
        chosen = end["unit_code"] in colors
        text = esc(end[label])
        fig.add_annotation(
            x=end["year"] + TIE_STEP,  # past any tied marker of the last year
            y=end["rank"],
            text=f"<b>{text}</b>" if end["unit_code"] == highlight else text,
            showarrow=False,
            xanchor="left",
            xshift=16,
            yshift=-end["stack"] * (body + 4),
            font={"color": colors[end["unit_code"]][1] if chosen else OTHER_TEXT, "size": body},
        )
    n = f["unit_code"].n_unique()
    fig.update_yaxes(
        autorange="reversed", dtick=1, title_text=t("chart.rank", lang), range=[n + 0.5, 0.5]
    )
    years = sorted(f["year"].unique().to_list())
    fig.update_xaxes(
        tickvals=years,
        ticktext=[str(y) for y in years],
        tickangle=0,
        title_text=t("axis.year", lang),
        range=[(years[0] if years else 0) - 0.4, (years[-1] if years else 0) + 0.4],
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
