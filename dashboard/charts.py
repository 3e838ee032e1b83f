"""Plotly figure builders: `xxx_chart(frame, *, lang) -> go.Figure`, pure (no Streamlit, no SQL).

Every chart has a title, axis titles with units, data labels on bars and hover text. Labels
come from `dashboard.i18n` (locales/ui.toml, common.toml and the catalogue); colours from one
palette per status, per rating and per unit, all safe for colour-blind viewers (Okabe–Ito,
extended with Paul Tol's "muted" set). Numbers follow the language through Plotly's
`separators` (vi: 90,5; en: 90.5). Text from the data is escaped, because Plotly reads a few
HTML tags in labels: a unit named "<b>x</b>" shows as typed.

`big=True` draws for the projector: body text ≥ 28 px, numbers ≥ 48 px.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from dashboard.formatting import fmt_int, fmt_number, fmt_pct
from dashboard.i18n import label, t

# Okabe & Ito (2008). Status: met = bluish green, below = vermillion, above a ceiling = orange
# (a problem, not a success), no value = grey.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
STATUS_COLORS: dict[str, str] = {
    "met": OKABE_ITO["bluish_green"],
    "below": OKABE_ITO["vermillion"],
    "above": OKABE_ITO["orange"],
    "no_data": "#8C8C8C",
    "no_target": "#0072B2",  # no target: the value is information, in neutral blue
}
# The icon repeats what the colour says, so status never relies on colour alone.
STATUS_ICONS: dict[str, str] = {
    "met": "✓",
    "below": "▼",
    "above": "▲",
    "no_data": "–",
    "no_target": "○",
}
STATUSES: tuple[str, ...] = tuple(STATUS_COLORS)
RATING_COLORS: dict[str, str] = {
    "HTXSNV": OKABE_ITO["blue"],
    "HTTNV": OKABE_ITO["sky_blue"],
    "HTNV": OKABE_ITO["orange"],
    "KHTNV": OKABE_ITO["vermillion"],
}
# Units: Okabe–Ito without black and yellow (too light on white), then Tol "muted".
UNIT_PALETTE: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#332288",
    "#117733",
    "#882255",
    "#44AA99",
    "#999933",
    "#AA4499",
)
POOLED_COLOR = "#333333"
TARGET_BAND = "#D9D9D9"
CAP_COLOR = "#000000"
INK = "#1A1A1A"
FONT = '"Source Sans 3", "Source Sans Pro", "Noto Sans", sans-serif'  # the app's own font

BODY_PX, NUMBER_PX = 16, 18
BIG_BODY_PX, BIG_NUMBER_PX = 30, 48


def esc(text: object) -> str:
    """Data text for Plotly labels: shown as typed, never read as markup."""
    return html.escape("" if text is None else str(text), quote=False)


def unit_colors(unit_codes: Iterable[str]) -> dict[str, str]:
    """One colour per unit, stable for a given set of units (sorted codes)."""
    codes = sorted({c for c in unit_codes if c is not None})
    return {c: UNIT_PALETTE[i % len(UNIT_PALETTE)] for i, c in enumerate(codes)}


def status_label(status: str | None, lang: str) -> str:
    s = status or "no_data"
    return f"{STATUS_ICONS.get(s, '')} {t(f'status.{s}', lang)}"


def status_label_expr(expr: pl.Expr, lang: str) -> pl.Expr:
    """Expression twin of `status_label` (icon and name; null counts as no_data)."""
    texts = {s: status_label(s, lang) for s in STATUSES}
    return expr.cast(pl.String).fill_null("no_data").replace_strict(texts, default=None)


def indicator_label(code: str, lang: str, *, short: bool = True) -> str:
    return label("indicator_short" if short else "indicator", code, lang)


def _safe_label(kind: str, code: str, lang: str) -> str:
    """A catalogue name, or the code itself for a code the catalogue does not know."""
    try:
        return label(kind, code, lang)
    except KeyError:
        return code


def _pct_suffix(lang: str) -> str:
    """The percent sign as `formatting.fmt_pct` writes it: "90,5 %" (vi), "90.5%" (en)."""
    return " %" if lang == "vi" else "%"


def _separators(lang: str) -> str:
    return ",." if lang == "vi" else ".,"


def _finish(
    fig: go.Figure,
    *,
    title: str,
    lang: str,
    big: bool,
    height: int | None = None,
    legend: bool = True,
) -> go.Figure:
    body = BIG_BODY_PX if big else BODY_PX
    fig.update_layout(
        title={"text": esc(title), "x": 0, "xanchor": "left", "font": {"size": body + 4}},
        separators=_separators(lang),
        font={"size": body, "color": INK, "family": FONT},
        hoverlabel={"font": {"size": max(body - 2, 14)}},
        margin={"l": 10, "r": 10, "t": 70 if big else 60, "b": 10},
        plot_bgcolor="#FFFFFF",
        paper_bgcolor="#FFFFFF",
        showlegend=legend,
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0},
        uniformtext={"minsize": body - 4, "mode": "show"},
    )
    if height is not None:
        fig.update_layout(height=height)
    fig.update_xaxes(automargin=True, gridcolor="#E5E5E5", zerolinecolor="#BDBDBD")
    fig.update_yaxes(automargin=True, gridcolor="#E5E5E5", zerolinecolor="#BDBDBD")
    return fig


def _fmt_pct_text(v: float | None, lang: str) -> str:
    return fmt_pct(v, lang)


def _target_text(lo: float | None, hi: float | None, lang: str) -> str:
    if lo is None and hi is None:
        return t("chart.no_target", lang)
    if hi is None:
        return f"≥ {_fmt_pct_text(lo, lang)}"
    if lo is None:
        return f"≤ {_fmt_pct_text(hi, lang)}"
    if lo == hi:
        return f"= {_fmt_pct_text(lo, lang)}"
    return f"{_fmt_pct_text(lo, lang)} – {_fmt_pct_text(hi, lang)}"


# --------------------------------------------------------------------------------------------
LABEL_X = 102.0


def _label_color(status: str | None) -> str:
    """Dark text for labels: the status colours darkened enough to read on white (≥ 4.5:1)."""
    return {"met": "#00664A", "below": "#A63F00", "above": "#8A5A00"}.get(status or "", INK)


def bullet_chart(
    frame: pl.DataFrame, *, lang: str, title: str | None = None, big: bool = False
) -> go.Figure:
    """Progress per indicator: value bar (colour + icon by status), target band, legal cap line.

    Columns: indicator, value_pct, target_min, target_max, status; optional cap_pct.
    Rows are drawn top to bottom in the frame's order.
    """
    f = (
        frame
        if "cap_pct" in frame.columns
        else frame.with_columns(cap_pct=pl.lit(None, pl.Float64))
    )
    rows = f.to_dicts()
    names = [esc(indicator_label(r["indicator"], lang)) for r in rows]
    fig = go.Figure()
    lo = [r["target_min"] if r["target_min"] is not None else 0.0 for r in rows]
    hi = [r["target_max"] if r["target_max"] is not None else 100.0 for r in rows]
    has_t = [r["target_min"] is not None or r["target_max"] is not None for r in rows]
    fig.add_bar(
        y=[n for n, h in zip(names, has_t, strict=True) if h],
        x=[b - a for a, b, h in zip(lo, hi, has_t, strict=True) if h],
        base=[a for a, h in zip(lo, has_t, strict=True) if h],
        orientation="h",
        width=0.8,
        marker={"color": TARGET_BAND},
        name=t("chart.target_band", lang),
        customdata=[
            _target_text(r["target_min"], r["target_max"], lang)
            for r, h in zip(rows, has_t, strict=True)
            if h
        ],
        hovertemplate="%{y}<br>" + t("chart.target", lang) + ": %{customdata}<extra></extra>",
    )
    for status in STATUSES:
        sel = [i for i, r in enumerate(rows) if (r["status"] or "no_data") == status]
        if not sel:
            continue
        fig.add_bar(
            y=[names[i] for i in sel],
            x=[rows[i]["value_pct"] if rows[i]["value_pct"] is not None else 0.0 for i in sel],
            orientation="h",
            width=0.4,
            marker={"color": STATUS_COLORS[status]},
            name=status_label(status, lang),
            customdata=[
                [
                    _fmt_pct_text(rows[i]["value_pct"], lang),
                    _target_text(rows[i]["target_min"], rows[i]["target_max"], lang),
                    status_label(status, lang),
                ]
                for i in sel
            ],
            hovertemplate=(
                "%{y}<br>"
                + t("chart.value", lang)
                + ": %{customdata[0]}<br>"
                + t("chart.target", lang)
                + ": %{customdata[1]}<br>%{customdata[2]}<extra></extra>"
            ),
        )
    caps = [(names[i], r["cap_pct"]) for i, r in enumerate(rows) if r["cap_pct"] is not None]
    if caps:
        fig.add_scatter(
            y=[c[0] for c in caps],
            x=[c[1] for c in caps],
            mode="markers",
            marker={
                "symbol": "line-ns",
                "size": 44 if big else 30,
                "line": {"width": 4, "color": CAP_COLOR},
            },
            name=t("chart.legal_cap", lang),
            customdata=[_fmt_pct_text(c[1], lang) for c in caps],
            hovertemplate="%{y}<br>"
            + t("chart.legal_cap", lang)
            + ": %{customdata}<extra></extra>",
        )
    # Data labels in a column right of 100 %, where no band or cap line can cover them.
    fig.add_scatter(
        y=names,
        x=[LABEL_X] * len(rows),
        mode="text",
        text=[
            f"{STATUS_ICONS[r['status'] or 'no_data']} {_fmt_pct_text(r['value_pct'], lang)}"
            for r in rows
        ],
        textposition="middle right",
        textfont={
            "size": BIG_NUMBER_PX if big else NUMBER_PX,
            "color": [_label_color(r["status"]) for r in rows],
        },
        name=t("chart.value", lang),
        showlegend=False,
        hoverinfo="skip",
        cliponaxis=False,
    )
    fig.update_layout(barmode="overlay", bargap=0.2)
    fig.update_xaxes(
        range=[0, 128],
        tickvals=[0, 20, 40, 60, 80, 100],
        title_text=t("axis.percent", lang),
        ticksuffix=_pct_suffix(lang),
    )
    fig.update_yaxes(
        autorange="reversed", categoryorder="array", categoryarray=names, title_text=""
    )
    per_row = 90 if big else 52
    return _finish(
        fig,
        title=title or t("chart.bullet.title", lang),
        lang=lang,
        big=big,
        height=max(260, 140 + per_row * len(rows)),
    )


# --------------------------------------------------------------------------------------------
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
        texts = [t("chart.points_value", lang, v=_num(r["final_points"], lang)) for r in rows]
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
    return _finish(
        fig,
        title=t("chart.ranking.title", lang),
        lang=lang,
        big=big,
        height=max(280, 150 + per_row * len(rows)),
        legend=False,
    )


def _num(v: float | None, lang: str, digits: int = 1) -> str:
    return fmt_number(v, lang, decimals=digits)


# --------------------------------------------------------------------------------------------
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
    fig = _finish(
        fig,
        title=t("chart.bump.title", lang),
        lang=lang,
        big=big,
        height=max(320, 120 + (70 if big else 42) * n),
        legend=False,
    )
    fig.update_layout(margin={"r": 320 if big else 240})
    return fig


# --------------------------------------------------------------------------------------------
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
                hovertemplate=name + "<br>%{x}: %{y:.1f}" + _pct_suffix(lang) + "<extra></extra>",
                row=r,
                col=c,
            )
    fig.update_yaxes(ticksuffix=_pct_suffix(lang), title_text="")
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
    return _finish(
        fig,
        title=title or t("chart.trend.title", lang),
        lang=lang,
        big=big,
        height=(420 if big else 260) * nrows + 120,
    )


# --------------------------------------------------------------------------------------------
def rating_distribution_chart(frame: pl.DataFrame, *, lang: str) -> go.Figure:
    """Persons by annual rating. Columns: rating, count (ratings in the frame's order)."""
    rows = frame.to_dicts()
    total = sum(r["count"] or 0 for r in rows)
    # The short codes (HTXSNV…) on the axis, as officers write them; full names on hover.
    labels = [esc(r["rating"]) for r in rows]
    names = [esc(_safe_label("rating", r["rating"], lang)) for r in rows]
    shares = [100 * (r["count"] or 0) / total if total else None for r in rows]
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=[r["count"] for r in rows],
            marker={"color": [RATING_COLORS.get(r["rating"], "#8C8C8C") for r in rows]},
            text=[
                f"{fmt_int(r['count'], lang)} ({_fmt_pct_text(s, lang)})"
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
    return _finish(
        fig, title=t("chart.ratings.title", lang), lang=lang, big=False, height=360, legend=False
    )


def awards_chart(frame: pl.DataFrame, *, lang: str) -> go.Figure:
    """Awards by type. Columns: award_code, count."""
    rows = frame.sort("count", descending=True).to_dicts()
    labels = [esc(_safe_label("award", r["award_code"], lang)) for r in rows]
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=[r["count"] for r in rows],
            orientation="h",
            marker={"color": OKABE_ITO["blue"]},
            text=[fmt_int(r["count"], lang) for r in rows],
            textposition="outside",
            cliponaxis=False,
            customdata=[r["award_code"] for r in rows],
            hovertemplate="%{y} (%{customdata})<br>%{x}<extra></extra>",
        )
    )
    xmax = max((r["count"] or 0 for r in rows), default=0)
    fig.update_xaxes(title_text=t("axis.awards_count", lang), range=[0, max(xmax * 1.2, 1)])
    fig.update_yaxes(autorange="reversed", title_text="")
    return _finish(
        fig,
        title=t("chart.awards.title", lang),
        lang=lang,
        big=False,
        height=max(260, 120 + 40 * len(rows)),
        legend=False,
    )


def monthly_progress_chart(frame: pl.DataFrame, *, lang: str) -> go.Figure:
    """Monthly evaluation progress in two panels on one month axis: the cumulative HTXSNV
    share (line, top) and the cumulative person-month ratings (bars, bottom), so the labels of
    one never sit on the other. Columns: month, rated_cum, htxsnv_cum, share_pct."""
    rows = frame.sort("month").to_dicts()
    months = [f"{r['month']:02d}" for r in rows]
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
        text=[_fmt_pct_text(r["share_pct"], lang) for r in rows],
        textposition="top center",
        cliponaxis=False,
        hovertemplate=t("axis.month", lang)
        + " %{x}<br>HTXSNV: %{y:.1f}"
        + _pct_suffix(lang)
        + "<extra></extra>",
        row=1,
        col=1,
    )
    fig.add_bar(
        x=months,
        y=[r["rated_cum"] for r in rows],
        name=t("chart.monthly.rated", lang),
        marker={"color": OKABE_ITO["sky_blue"]},
        text=[fmt_int(r["rated_cum"], lang) for r in rows],
        textposition="outside",
        cliponaxis=False,
        hovertemplate=t("axis.month", lang)
        + " %{x}<br>%{y} "
        + t("unit.person_months", lang)
        + "<extra></extra>",
        row=2,
        col=1,
    )
    share_top = max((r["share_pct"] or 0 for r in rows), default=0)
    fig.update_yaxes(
        title_text=t("axis.htxsnv_share_short", lang),
        ticksuffix=_pct_suffix(lang),
        range=[0, min(105.0, max(10.0, share_top * 1.4))],
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
    return _finish(fig, title=t("chart.monthly.title", lang), lang=lang, big=False, height=540)


def targets_met_chart(frame: pl.DataFrame, *, lang: str, big: bool = False) -> go.Figure:
    """Targets met by unit as stacked bars (met / not met), "x/y" on each bar.

    Columns: unit_code, unit_name, targets_met, targets_total.
    """
    rows = frame.sort("targets_met", "unit_name", descending=[True, False]).to_dicts()
    names = [esc(r["unit_name"]) for r in rows]
    met = [r["targets_met"] or 0 for r in rows]
    missed = [(r["targets_total"] or 0) - (r["targets_met"] or 0) for r in rows]
    fig = go.Figure()
    fig.add_bar(
        y=names,
        x=met,
        orientation="h",
        name=status_label("met", lang),
        marker={"color": STATUS_COLORS["met"]},
        text=[
            f"{STATUS_ICONS['met']} {m}/{r['targets_total']}"
            for m, r in zip(met, rows, strict=True)
        ],
        textposition="inside",
        insidetextanchor="start",
        textfont={"size": BIG_NUMBER_PX if big else NUMBER_PX, "color": "#FFFFFF"},
        hovertemplate="%{y}<br>" + t("status.met", lang) + ": %{x}<extra></extra>",
    )
    fig.add_bar(
        y=names,
        x=missed,
        orientation="h",
        name=t("chart.not_met", lang),
        marker={
            "color": "#FFFFFF",
            # no outline on an empty segment: it would draw a stray line after a full bar
            "line": {"color": STATUS_COLORS["below"], "width": [3 if m else 0 for m in missed]},
            "pattern": {"shape": "/", "fgcolor": STATUS_COLORS["below"]},
        },
        hovertemplate="%{y}<br>" + t("chart.not_met", lang) + ": %{x}<extra></extra>",
    )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title_text=t("axis.targets", lang), dtick=1)
    fig.update_yaxes(autorange="reversed", title_text="")
    fig = _finish(
        fig,
        title=t("chart.targets_met.title", lang),
        lang=lang,
        big=big,
        height=max(280, 150 + (80 if big else 40) * len(rows)),
    )
    # Legend above the bars, met first: the axis title keeps the line below to itself.
    fig.update_layout(
        legend={"traceorder": "normal", "y": 1.0, "yanchor": "bottom", "x": 1, "xanchor": "right"}
    )
    return fig


def figure_texts(fig: go.Figure) -> Sequence[str]:
    """Every piece of text a figure shows (title, axis titles, trace names, data labels):
    for tests that check labels follow the language."""
    d = fig.to_dict()
    out: list[str] = []
    lay = d.get("layout", {})
    out.append(lay.get("title", {}).get("text", ""))
    for k, v in lay.items():
        if k.startswith(("xaxis", "yaxis")) and isinstance(v, dict):
            out.append(v.get("title", {}).get("text", ""))
    out += [a.get("text", "") for a in lay.get("annotations", [])]
    for tr in d.get("data", []):
        out.append(tr.get("name") or "")
        txt = tr.get("text")
        if isinstance(txt, list | tuple):
            out += [str(x) for x in txt]
        elif txt:
            out.append(str(txt))
    return [s for s in out if s]
