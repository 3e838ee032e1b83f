"""Ranking bars in one colour (the chosen unit highlighted), the score and the change of rank
since last year each in a column of its own, so no label is drawn over another."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from dashboard.charts.layout import (
    BIG_BODY_PX,
    BIG_NUMBER_PX,
    BODY_PX,
    NUMBER_PX,
    esc,
    finish,
    num_text,
)
from dashboard.charts.palette import OKABE_ITO
from dashboard.collation import vn_key
from dashboard.i18n import t

# One colour for every bar: a unit's colour would say nothing; the chosen unit stands out.
BAR = OKABE_ITO["sky_blue"]
HIGHLIGHT = OKABE_ITO["blue"]


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


def unit_label(row: dict, *, highlight: str | None = None) -> str:
    """ "rank. name" for the bar's axis, the short name when the frame has one, bold when it is
    the chosen unit."""
    name = esc(row.get("short_name") or row["unit_name"])
    text = f"{row['rank']}. {name}"
    return f"<b>{text}</b>" if highlight is not None and row["unit_code"] == highlight else text


def ranking_chart(
    frame: pl.DataFrame, *, lang: str, big: bool = False, highlight: str | None = None
) -> go.Figure:
    """Ranking bars (points when the cluster entered scores, else targets met), the figure and
    the rank change in two columns to the right, their headers above them.

    Columns: unit_code, unit_name, rank, basis, final_points, targets_met, targets_total,
    rank_prev, rank_change; short_name (optional) labels the bars. `highlight`: the chosen
    unit's code, drawn in the highlight colour and bold.
    """
    f = frame.sort("rank", vn_key(pl.col("unit_name")), nulls_last=True)
    rows = f.to_dicts()
    by_score = bool(rows) and all(r["basis"] == "score" for r in rows)
    names = [unit_label(r, highlight=highlight) for r in rows]
    if by_score:
        xs = [r["final_points"] or 0.0 for r in rows]
        texts = [num_text(r["final_points"], lang) for r in rows]
        x_title = t("axis.points", lang)
    else:
        xs = [r["targets_met"] or 0 for r in rows]
        texts = [f"{r['targets_met']}/{r['targets_total']}" for r in rows]
        x_title = t("axis.targets_met", lang)
    widths = [0.64, 0.18, 0.18] if big else [0.74, 0.13, 0.13]
    fig = make_subplots(
        rows=1, cols=3, shared_yaxes=True, column_widths=widths, horizontal_spacing=0.01
    )
    fig.add_bar(
        y=names,
        x=xs,
        orientation="h",
        marker={
            "color": [HIGHLIGHT if r["unit_code"] == highlight else BAR for r in rows],
        },
        # the code last: a click on a bar maps back to its unit (picked_unit)
        customdata=[
            [esc(r["unit_name"]), r["rank"], x, r["unit_code"]]
            for r, x in zip(rows, texts, strict=True)
        ],
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
    number_px = BIG_NUMBER_PX if big else NUMBER_PX
    fig.add_scatter(  # the figure, in its own column: never over a bar or a change mark
        y=names,
        x=[0] * len(rows),
        mode="text",
        text=texts,
        textposition="middle right",
        textfont={"size": number_px},
        hoverinfo="skip",
        showlegend=False,
        row=1,
        col=2,
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
        textfont={"size": number_px},
        customdata=[
            t("chart.rank_new", lang)
            if r["rank_prev"] is None
            else t("chart.rank_prev", lang, prev=r["rank_prev"])
            for r in rows
        ],
        hovertemplate="%{y}<br>%{customdata}<extra></extra>",
        showlegend=False,
        row=1,
        col=3,
    )
    xmax = max(xs, default=0) or 1
    # On the projector the column header says what the bars are: no axis title under them.
    fig.update_xaxes(range=[0, xmax * 1.05], title_text="" if big else x_title, row=1, col=1)
    for col, lo in ((2, 0), (3, -0.4)):
        fig.update_xaxes(
            range=[lo, 3], showticklabels=False, showgrid=False, zeroline=False, row=1, col=col
        )
    # Column headers above the columns, inside the figure (the last one right-aligned), where
    # an axis title under a narrow column would be cut. Side by side on the projector; in a
    # page, where two narrow columns cannot hold "Số chỉ tiêu đạt" and "So với năm trước" side
    # by side, on two lines: the figure's header above the change's.
    body = BIG_BODY_PX if big else BODY_PX
    for col, text, anchor, line in (
        (2, x_title, "left", 0 if big else 1),
        (3, t("axis.rank_change_big" if big else "axis.rank_change", lang), "right", 0),
    ):
        fig.add_annotation(
            text=text,  # our own labels (one may hold a <br>), not data
            xref=f"x{col} domain",
            x=0 if anchor == "left" else 1,
            xanchor=anchor,
            yref="paper",
            y=1,
            yanchor="bottom",
            yshift=line * round(body * 1.4),
            showarrow=False,
            font={"size": body},
        )
    # every unit's name, however tight the rows (Plotly would leave out every other one)
    fig.update_yaxes(
        autorange="reversed", categoryorder="array", categoryarray=names, tickmode="linear", dtick=1
    )
    per_row = 80 if big else 42
    fig = finish(
        fig,
        title=t("chart.ranking.title", lang),
        lang=lang,
        big=big,
        height=max(280, 150 + per_row * len(rows)),
        legend=False,
    )
    # Room above the columns for their headers (two lines on the projector) under the title.
    fig.update_layout(margin={"t": 95 if big else 104})
    return fig


def picked_unit(selection: Mapping[str, Any]) -> str | None:
    """The unit code of the bar clicked in a ranking chart (Streamlit's selection: `points`,
    each with `curve_number` and `customdata`); None for a click elsewhere (the figure or the
    change columns carry no code) or no click."""
    for point in selection.get("points") or ():
        data = point.get("customdata")
        if (
            point.get("curve_number") == 0
            and isinstance(data, Sequence)
            and not isinstance(data, str)
            and len(data) > 3
        ):
            code = data[3]
            return str(code) if code is not None else None
    return None
