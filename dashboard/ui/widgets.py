"""What a page is drawn with: a guarded section, charts, tables in the language's number
format, the CSV/XLSX downloads of a table, and Markdown escaping of data text."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# Imported here, once, under this module's import lock: plotly imports pandas lazily inside its
# validators, and sessions building their first figures at the same time got a partially
# initialised pandas ("no attribute 'Series'"; bench/load.py, 20 sessions).
import pandas  # noqa: F401
import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard import access
from dashboard.charts.palette import STATUS_COLORS
from dashboard.exports.files import table_file
from dashboard.i18n import header, t
from dashboard.l10n import locale
from dashboard.rounding import DASH
from dashboard.ui import audit

log = logging.getLogger(__name__)

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=])")


# GFM turns bare URLs, www. names and e-mail addresses into links after parsing, escapes or
# not (remark-gfm finds them in the text nodes): an invisible WORD JOINER (U+2060) inside each
# breaks the pattern and shows nothing (issue 14: names from data never become links).
_AUTOLINK = re.compile(r"(?i)(https?|ftp|mailto|www)(?=[:.])|(?=@)")


def md_escape(text: object) -> str:
    """Data text for a Markdown element (caption, label): every Markdown and Streamlit directive
    character backslash-escaped, so "**x**" or ":red[x]" in a name shows as typed, and no URL,
    www. name or e-mail address in it becomes a link."""
    plain = _AUTOLINK.sub("\\g<0>\u2060", "" if text is None else str(text))
    return _MD_SPECIAL.sub(r"\\\1", plain)


@contextlib.contextmanager
def guard(lang: str) -> Iterator[None]:
    """One section of a page: a refusal or a failure shows a notice, not a traceback, and the
    rest of the page still renders."""
    try:
        yield
    except access.AccessDenied:
        st.info(t("auth.no_persons", lang), icon=":material/lock:")
    except Exception as exc:
        # Streamlit's rerun/stop signals derive from BaseException and pass through.
        log.exception("section failed")
        st.warning(
            t("error.load", lang, error=type(exc).__name__ + ": " + str(exc)),
            icon=":material/error:",
        )


# --- charts --------------------------------------------------------------------------------------
def figure_key(*inputs: object) -> str:
    """A digest of everything a figure is drawn from: frames by their contents (Arrow IPC:
    values, column names and types), anything else by its repr."""
    h = hashlib.blake2b(digest_size=16)
    for x in inputs:
        if isinstance(x, pl.DataFrame):
            h.update(x.write_ipc(None).getvalue())
        else:
            h.update(repr(x).encode())
        h.update(b"\x1f")  # keeps ("ab", "c") apart from ("a", "bc")
    return h.hexdigest()


@st.cache_resource(show_spinner=False, max_entries=64)
def _figure(key: str, _build: Callable[[], go.Figure]) -> go.Figure:
    return _build()


def cached_figure(build: Callable[[], go.Figure], *inputs: object) -> go.Figure:
    """`build()`, kept per process for the same `inputs` (every frame and value the figure is
    drawn from: rows, language, titles, profile). Building a Plotly figure costs more than the
    views behind it, and a year or page changed back, or another session of the same scope,
    asks for the same figure again. Keyed on the contents, not on the filters, so a figure is
    never shared between scopes that see different rows. Shared between sessions: nothing may
    change the figure after it is built (st.plotly_chart only reads it)."""
    return _figure(figure_key(*inputs), build)


def chart(
    fig: go.Figure,
    *,
    name: str,
    alt: str,
    key: str | None = None,
    height: int | None = None,
    on_select: Callable[[Mapping[str, Any]], None] | None = None,
) -> None:
    """A Plotly figure with a PNG download in its toolbar, named after the chart. `on_select`
    makes its points clickable: it gets the selection (Streamlit's `{"points": [...]}`) of a
    click, e.g. to open the unit of a bar."""
    extra: dict[str, Any] = (
        {"on_select": "rerun", "selection_mode": "points"} if on_select is not None else {}
    )
    event = st.plotly_chart(
        fig,
        theme=None,
        key=key,
        alt=alt,
        height=height if height is not None else "content",
        config={
            "displaylogo": False,
            "toImageButtonOptions": {"format": "png", "filename": name, "scale": 2},
            "modeBarButtonsToRemove": ["select2d", "lasso2d"],
        },
        **extra,
    )
    if on_select is not None and event is not None:
        selection = event.get("selection") if isinstance(event, Mapping) else None
        if selection and selection.get("points"):
            on_select(selection)


def chart_with_downloads(
    frame: pl.DataFrame,
    build: Callable[[pl.DataFrame], go.Figure],
    *,
    name: str,
    alt: str,
    empty: str,
    lang: str,
    key: str,
    title: str,
) -> None:
    """The page pattern for one chart: a caption when `frame` is empty, else the chart and the
    CSV/XLSX downloads of the frame it was drawn from (`title` printed on the workbook)."""
    if frame.height == 0:
        st.caption(empty)
        return
    chart(build(frame), name=name, alt=alt)
    downloads(frame, name=name, lang=lang, key=key, title=title)


# --- tables --------------------------------------------------------------------------------------
FormatKind = str  # "pct" | "int" | "num1" | "num2" | "vnd" | "date" | "pp"
ROW_PX = 35  # st.dataframe's row height, the header row's too
# A table shows every row up to this many; a longer one (a staff list) scrolls inside a box of
# this many rows, and its count says so (the downloads hold every row).
ROWS_IN_VIEW = 60
# The widest a name column grows to show its longest name (px); past it the name wraps to the
# tooltip, which happens only for names longer than any short name.
NAME_MAX_PX = 420


def rows_height(rows: int) -> int:
    """The pixel height that shows a table's header and `rows` rows without scrolling (two
    pixels of border), at most ROWS_IN_VIEW rows."""
    return ROW_PX * (min(rows, ROWS_IN_VIEW) + 1) + 3


def text_width(values: Sequence[object], head: str) -> int:
    """A column width in pixels that shows `head` and the longest of `values` in full."""
    longest = max((len(str(v)) for v in values if v is not None), default=0)
    return min(NAME_MAX_PX, max(header_width(head), header_width("x" * longest)))


def _formatter(kind: FormatKind, lang: str) -> Callable[[Any], str]:
    def none_safe(fn: Callable[[Any], str]) -> Callable[[Any], str]:
        def inner(v: Any) -> str:
            try:
                if v is None or (isinstance(v, float) and math.isnan(v)):
                    return DASH
            except TypeError:
                pass
            return fn(v)

        return inner

    loc = locale(lang)
    table = {
        "pct": lambda v: loc.pct(float(v)),
        "pp": lambda v: loc.pp(float(v)),
        "int": loc.integer,
        "num1": lambda v: loc.num(float(v), 1),
        "num2": lambda v: loc.num(float(v), 2),
        "vnd": loc.vnd,
        "date": loc.date,
    }
    return none_safe(table[kind])


def column_label(col: str, lang: str) -> str:
    return header(col, lang)


def table(
    frame: pl.DataFrame,
    *,
    lang: str,
    alt: str,
    formats: Mapping[str, FormatKind] | None = None,
    status_cols: Mapping[str, str] | None = None,
    column_config: Mapping[str, Any] | None = None,
    key: str | None = None,
    height: int | str | None = None,
    pinned: Sequence[str] = (),
    helps: Mapping[str, str] | None = None,
    on_select: str = "ignore",
    hidden: Sequence[str] = (),
    headers: Mapping[str, str] | None = None,
    count: bool = True,
) -> Any:
    """A table with human headers and numbers in the language's format (display only: the
    values stay numbers, so sorting works). `status_cols` maps a text column to the status
    code column that colours it (colour and the icon in the text: never colour alone).

    Tables answer first: `pinned` columns (the name, then the figure asked for) stay in view
    when the table scrolls sideways; `helps` puts a column's long explanation in its header
    tooltip instead of repeating it on every row. `on_select="rerun"` returns the selection
    (one row); `hidden` columns are not shown (e.g. the code a selection maps back to);
    `headers` gives a column a header of its own (e.g. with the maximum of its points).

    Every row is in view (no scroll bar hidden inside the grid) up to ROWS_IN_VIEW rows, and a
    caption under the table says how many rows it has (`count`); pinned text columns (names)
    are as wide as their longest value, so no name is cut."""
    if frame.height == 0:  # the grid's own empty state says "empty", in English
        st.caption(t("table.empty", lang))
        return None
    formats = dict(formats or {})
    status_cols = dict(status_cols or {})
    shown = [c for c in frame.columns if c not in {*status_cols.values(), *hidden}]
    labels: dict[str, str] = {}
    headers = dict(headers or {})
    for c in shown:  # human headers, kept unique (two codes may share a name)
        head = headers.get(c) or column_label(c, lang)
        labels[c] = head if head not in labels.values() else f"{head} ({c})"
    pdf = frame.select(shown).rename(labels).to_pandas()
    styler = pdf.style.format(na_rep=DASH)
    for col, kind in formats.items():
        if col in labels:
            styler = styler.format(_formatter(kind, lang), subset=[labels[col]], na_rep=DASH)
    for col, code_col in status_cols.items():
        if col in labels:
            css = [
                f"background-color: {_tint(STATUS_COLORS.get(c or 'no_data', '#BDBDBD'))}"
                for c in frame[code_col].to_list()
            ]
            styler = styler.apply(lambda _s, css=css: css, subset=[labels[col]], axis=0)
    config = {labels.get(k, k): v for k, v in (column_config or {}).items()}
    helps = dict(helps or {})
    for col in status_cols:  # status columns: header and cells readable in full ("Đoàn thể …")
        if col in labels and labels[col] not in config:
            longest = max((len(str(v)) for v in frame[col].to_list() if v is not None), default=0)
            width = max(header_width(labels[col]), header_width("x" * longest))
            config[labels[col]] = st.column_config.Column(width=width)
    for col in [*pinned, *helps]:
        if col in labels and labels[col] not in config:
            # A grid sizes a column on the rows it has drawn: a long name further down was cut.
            text = col in pinned and frame.schema[col] in (pl.String, pl.Categorical)
            config[labels[col]] = st.column_config.Column(
                pinned=True if col in pinned else None,
                help=helps.get(col),
                width=text_width(frame[col].to_list(), labels[col]) if text else None,
            )
    extra: dict[str, Any] = (
        {"on_select": on_select, "selection_mode": "single-row"} if on_select != "ignore" else {}
    )
    out = st.dataframe(
        styler,
        hide_index=True,
        alt=alt,
        column_config=config or None,
        key=key,
        height=rows_height(frame.height) if height is None else height,
        placeholder=DASH,
        **extra,
    )
    if count:
        st.caption(row_count(frame.height, lang))
    return out


def row_count(rows: int, lang: str) -> str:
    """The size of a table under it: "18 dòng"; past ROWS_IN_VIEW, that it scrolls."""
    n = locale(lang).integer(rows)
    return t("table.rows.scroll" if rows > ROWS_IN_VIEW else "table.rows", lang, n=n)


def text_table(frame: pl.DataFrame, *, lang: str, alt: str) -> None:
    """A short table of text as HTML (st.table), human headers, every cell shown as typed: for
    the projector, where HTML type follows the viewport and a data grid's canvas type stays at
    its fixed pixel size (tiny on a 4K screen)."""
    labels = {c: md_escape(column_label(c, lang)) for c in frame.columns}
    cells = frame.select(
        pl.col(c).cast(pl.String).map_elements(md_escape, return_dtype=pl.String).alias(labels[c])
        for c in frame.columns
    )
    st.table(cells.to_pandas(), hide_index=True, alt=alt)


def header_width(text: str) -> int:
    """A column width in pixels that shows `text` in full in a table header (Source Sans at
    the table's size averages under 7.5 px a character; the rest is the cell padding and the
    sort arrow)."""
    return max(80, round(7.5 * len(text)) + 32)


def sparkline_column(label: str) -> Any:
    """A small line of a row's values over the years, in a table cell: the cells hold the SVG
    pictures of `dashboard.charts.sparkline.sparkline_svg` (straight segments, a constant
    series drawn flat), which a table's own line-chart cell cannot draw."""
    return st.column_config.ImageColumn(label, width="medium")


def _tint(hex_color: str, strength: float = 0.30) -> str:
    """A light tint of a status colour, so black text on it keeps high contrast."""
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(255 - (255 - c) * strength) for c in (r, g, b)]
    return "#{:02X}{:02X}{:02X}".format(*mix)


# --- cards ---------------------------------------------------------------------------------------
def wrap_card_text(key_prefix: str) -> None:
    """The texts of the containers keyed `key_prefix…` (e.g. KPI cards) wrap onto a second line
    instead of being cut with an ellipsis: st.metric keeps its label, delta and delta
    description on one line each, so in a narrow column "so với năm 2024" showed as
    "so với n…". The delta's description goes under the delta when both do not fit."""
    card = f"[class*='st-key-{key_prefix}']"
    st.html(
        "<style>"
        f"{card} .stMarkdownEllipsis,{card} .stMarkdownBadge"
        "{white-space:normal;overflow:visible;text-overflow:clip;overflow-wrap:anywhere}"
        f"{card} div:has(> [data-testid='stMetricDeltaDescription'])"
        "{flex-wrap:wrap;row-gap:0.25rem}"
        f"{card} [data-testid='stMetricLabel'],{card} [data-testid='stMetricLabel'] *"
        "{overflow:visible;white-space:normal}"
        "</style>"
    )


# --- the upload box ------------------------------------------------------------------------------
def _css_text(text: str) -> str:
    """Text for a CSS `content:` string: backslash-escaped, one line."""
    return '"' + "".join(f"\\{ord(c):06x}" if not c.isalnum() else c for c in text) + '"'


def upload_box_texts(lang: str, *, max_mb: int) -> None:
    """Streamlit 1.67 writes the upload box's own texts in English in its frontend ("Upload",
    "200MB per file • CSV, XLSX", "Drag and drop files here") with no option or locale for them;
    the label and help are ours. So the box's texts are replaced with CSS (text hidden, ours
    drawn in its place); screen readers still read Streamlit's English text there."""
    button = _css_text(t("upload.button", lang))
    limit = _css_text(t("upload.limit", lang, mb=locale(lang).integer(max_mb)))
    box = "[data-testid='stFileUploaderDropzone']"
    st.html(
        "<style>"
        f"{box} [data-testid='stBaseButton-secondary'] [data-testid='stMarkdownContainer'] p"
        "{font-size:0}"
        f"{box} [data-testid='stBaseButton-secondary'] [data-testid='stMarkdownContainer'] p::after"
        f"{{content:{button};font-size:1rem}}"
        f"{box} [data-testid='stFileUploaderDropzoneInstructions'] span{{font-size:0}}"
        f"{box} [data-testid='stFileUploaderDropzoneInstructions'] span::after"
        f"{{content:{limit};font-size:0.875rem}}"
        "</style>"
    )


# --- downloads -----------------------------------------------------------------------------------
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class DownloadFile:
    """One download of a table: what the button offers and how its bytes are built."""

    fmt: str  # "xlsx" | "csv" | "csv_excel_vi"
    file_name: str
    mime: str
    build: Callable[[], bytes]


# button -> (format of dashboard.exports.files, file name ending, MIME type); people's format
# first (README, "Files for people and for programs"): the print-ready XLSX, the data CSV ("."
# decimals, sums in any locale), the CSV for a Vietnamese Excel (";" and "," decimals).
BUTTONS: dict[str, tuple[str, str, str]] = {
    "xlsx": ("xlsx", ".xlsx", XLSX_MIME),
    "csv": ("csv", ".csv", "text/csv"),
    "csv_excel_vi": ("csv-excel-vi", "-excel-vi.csv", "text/csv"),
}


def files_of(name: str, build: Callable[[str], bytes]) -> tuple[DownloadFile, ...]:
    """The downloads named `name`, each built (on click) by `build(format)`."""
    return tuple(
        DownloadFile(key, f"{name}{ending}", mime, functools.partial(build, fmt))
        for key, (fmt, ending, mime) in BUTTONS.items()
    )


def download_files(
    frame: pl.DataFrame, *, name: str, lang: str, title: str, totals: tuple[str, ...] = ()
) -> tuple[DownloadFile, ...]:
    """The downloads of a page's own table, through the command line's writer
    (dashboard.exports.files): human headers in the interface language, `title` printed in the
    workbook's page header. A contract table's downloads: dashboard.ui.files."""
    return files_of(
        name,
        lambda fmt: table_file(frame, fmt=fmt, headers=lang, title=title, totals=totals),
    )


def download_buttons(files: Sequence[DownloadFile], *, lang: str, key: str) -> None:
    """The download buttons of a table. The bytes are built on click (deferred), so a page
    with many tables stays fast."""
    icons = {
        "csv": ":material/csv:",
        "csv_excel_vi": ":material/csv:",
        "xlsx": ":material/table_view:",
    }
    with st.container(horizontal=True, key=f"{key}_box"):
        for f in files:
            st.download_button(
                t(f"export.{f.fmt}", lang),
                data=audit.audited(f.build, f.file_name),
                file_name=f.file_name,
                mime=f.mime,
                key=f"{key}_{f.fmt}",
                icon=icons[f.fmt],
                help=t("files.download_help", lang),
                on_click="ignore",
            )


def downloads(
    frame: pl.DataFrame,
    *,
    name: str,
    lang: str,
    key: str,
    title: str,
    totals: tuple[str, ...] = (),
) -> None:
    """The download buttons of a page's own table, titled `title` in print. `totals`: columns
    summed in the workbook's last row."""
    download_buttons(
        download_files(frame, name=name, lang=lang, title=title, totals=totals), lang=lang, key=key
    )
