"""The layout every chart shares, and the labels it is built from.

`finish` is the one base builder: title, fonts, the language's number separators (vi: 90,5;
en: 90.5, through Plotly's `separators`), margins, legend and axes; every public builder draws
its traces and ends with it. Labels come from one vocabulary, `dashboard.i18n` (locales/ui.toml,
common.toml and the catalogue), numbers from the locale object `dashboard.l10n.locale`. Text
from the data is escaped, because Plotly reads a few HTML tags in labels: a unit named
"<b>x</b>" shows as typed.

`big=True` draws for the projector: body text ≥ 28 px, numbers ≥ 48 px on a 1920×1080 screen
(the projector page scales the drawn chart with the viewport, `app_pages/trinh_chieu.py`).
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence

import plotly.graph_objects as go
import polars as pl

from dashboard import vocabulary
from dashboard.charts.palette import INK, STATUS_ICONS, STATUSES
from dashboard.i18n import label, t
from dashboard.l10n import locale

FONT = '"Source Sans 3", "Source Sans Pro", "Noto Sans", sans-serif'  # the app's own font
BODY_PX, NUMBER_PX = 16, 18
BIG_BODY_PX, BIG_NUMBER_PX = 30, 48


def esc(text: object) -> str:
    """Data text for Plotly labels: shown as typed, never read as markup."""
    return html.escape("" if text is None else str(text), quote=False)


def status_label(status: str | None, lang: str) -> str:
    s = status or "no_data"
    return f"{STATUS_ICONS.get(s, '')} {t(f'status.{s}', lang)}"


def status_label_expr(expr: pl.Expr, lang: str) -> pl.Expr:
    """Expression twin of `status_label` (icon and name; null counts as no_data)."""
    texts = {s: status_label(s, lang) for s in STATUSES}
    return expr.cast(pl.String).fill_null("no_data").replace_strict(texts, default=None)


def indicator_label(code: str, lang: str, *, short: bool = True, profile: str = "civil") -> str:
    """An indicator's name in the words of the scope's profile (military: CSTT, ĐVQT/ĐVTT)."""
    return vocabulary.label("indicator_short" if short else "indicator", code, lang, profile)


def safe_label(kind: str, code: str, lang: str) -> str:
    """A catalogue name, or the code itself for a code the catalogue does not know."""
    try:
        return label(kind, code, lang)
    except KeyError:
        return code


def pct_suffix(lang: str) -> str:
    """The percent sign as the locale writes it: "90,5 %" (vi), "90.5%" (en)."""
    return locale(lang).pct_suffix


def pct_text(v: float | None, lang: str) -> str:
    return locale(lang).pct(v)


def int_text(v: float | int | None, lang: str) -> str:
    return locale(lang).integer(v)


def num_text(v: float | None, lang: str, digits: int = 1) -> str:
    return locale(lang).num(v, digits)


def target_text(lo: float | None, hi: float | None, lang: str) -> str:
    if lo is None and hi is None:
        return t("chart.no_target", lang)
    if hi is None:
        return f"≥ {pct_text(lo, lang)}"
    if lo is None:
        return f"≤ {pct_text(hi, lang)}"
    if lo == hi:
        return f"= {pct_text(lo, lang)}"
    return f"{pct_text(lo, lang)} – {pct_text(hi, lang)}"


# The longest subtitle line: what a chart 500 px wide holds at the subtitle's size.
SUBTITLE_CHARS = 56


def _wrap(text: str, width: int) -> list[str]:
    """`text` on lines of at most `width` characters, broken between words."""
    return textwrap.wrap(text, width=width, break_long_words=False) or [text]


def finish(
    fig: go.Figure,
    *,
    title: str,
    lang: str,
    big: bool,
    height: int | None = None,
    legend: bool = True,
    subtitle: str | None = None,
) -> go.Figure:
    """The shared layout: every builder's last step. `subtitle`: a second, smaller title line
    (a long scope name there instead of cut off at the right of the title)."""
    body = BIG_BODY_PX if big else BODY_PX
    head: dict = {"text": esc(title), "x": 0, "xanchor": "left", "font": {"size": body + 4}}
    lines = _wrap(subtitle, SUBTITLE_CHARS) if subtitle else []
    if lines:
        # a long scope name on lines of its own: a narrow column (1024 px, sidebar open) cut it
        head["subtitle"] = {"text": "<br>".join(map(esc, lines)), "font": {"size": body - 2}}
    fig.update_layout(
        title=head,
        separators=locale(lang).plotly_separators,
        font={"size": body, "color": INK, "family": FONT},
        hoverlabel={"font": {"size": max(body - 2, 14)}},
        margin={"l": 10, "r": 10, "t": (70 if big else 60) + 22 * len(lines), "b": 10},
        plot_bgcolor="#FFFFFF",
        paper_bgcolor="#FFFFFF",
        showlegend=legend,
        # The legend at the foot of the whole figure ("container"), the plot pushed up to make
        # room: a legend placed in plot fractions sat on the axis title, or was cut at the
        # bottom, once its items wrapped onto several rows in a narrow column.
        # One entry a row, so its height is known whatever the width (a horizontal legend
        # wraps as the column narrows, and then scrolled inside itself).
        legend={"orientation": "v", "yref": "container", "yanchor": "bottom", "y": 0, "x": 0},
        uniformtext={"minsize": body - 4, "mode": "show"},
    )
    # The legend's rows below the plot: a bottom margin that holds them under the ticks (a
    # legend's own room is not given by Plotly's automargin at the figure's foot), and as much
    # more height, so the plot keeps its own.
    # (The projector's charts fill their slide and keep their legends short.)
    shown = legend and not big
    entries = sum(1 for tr in fig.data if tr.showlegend is not False and tr.name) if shown else 0
    extra = entries * round(body * 1.5) + 10 if entries else 0
    if extra:
        fig.update_layout(margin={"b": extra + 3 * body})
    if height is not None:
        fig.update_layout(height=height + extra)
    fig.update_xaxes(automargin=True, gridcolor="#E5E5E5", zerolinecolor="#BDBDBD")
    fig.update_yaxes(automargin=True, gridcolor="#E5E5E5", zerolinecolor="#BDBDBD")
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
