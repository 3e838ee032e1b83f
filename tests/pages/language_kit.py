"""The language walk's tools (issue 21): the words of a Vietnamese screen or file that are
English or internal codes, and the Vietnamese interface texts left on an English one.

A Vietnamese screen may hold codes that are names people use (LĐTT, HTXSNV, CSV, …: ALLOWED);
any other token with an underscore (`rule_name`, `import_ok`, `LDTT_RATE`) is an internal code,
and a word of ENGLISH (common English words that are not also Vietnamese words, such as "to"
or "in") is English."""

from __future__ import annotations

import re

from dashboard.i18n import catalogue

# Codes that are names: the titles, ratings and forms as Vietnamese officers write them, file
# formats, and the time zone's name.
ALLOWED = frozenset(
    [
        "LĐTT",
        "CSTĐCS",
        "CSTĐ",
        "HTXSNV",
        "HTTNV",
        "KHTNV",
        "HTT",
        "TTLĐTT",
        "TTLĐXS",
        "CSTT",
        "ĐVQT",
        "ĐVTT",
        "UTC",
        "PDF",
        "CSV",
        "XLSX",
        "Excel",
        "NĐ-CP",
        "TT-BNV",
        "TT-BLĐTBXH",
        "TT-BQP",
        "QH15",
        "HD",
        "BTCTW",
        "Asia/Ho_Chi_Minh",
        "Ho_Chi_Minh",
    ]
)
# Common English words of an interface, minus those that are also Vietnamese words.
ENGLISH = frozenset(
    [
        "the",
        "and",
        "or",
        "of",
        "for",
        "with",
        "from",
        "by",
        "empty",
        "rows",
        "row",
        "table",
        "tables",
        "name",
        "names",
        "rule",
        "rules",
        "mean",
        "attainment",
        "decree",
        "circular",
        "circulars",
        "sector",
        "source",
        "total",
        "value",
        "values",
        "unit",
        "units",
        "year",
        "years",
        "rank",
        "ranking",
        "score",
        "scores",
        "points",
        "status",
        "target",
        "targets",
        "met",
        "below",
        "above",
        "data",
        "none",
        "null",
        "true",
        "false",
        "nan",
        "inserted",
        "updated",
        "unchanged",
        "download",
        "downloads",
        "upload",
        "import",
        "imported",
        "export",
        "file",
        "files",
        "error",
        "errors",
        "warning",
        "warnings",
        "page",
        "chart",
        "click",
        "select",
        "show",
        "hide",
        "previous",
        "next",
        "change",
        "people",
        "person",
        "staff",
        "award",
        "awards",
        "rating",
        "ratings",
        "cluster",
        "clusters",
        "leader",
        "deputy",
        "basis",
        "count",
        "allowed",
        "used",
        "remaining",
        "over",
        "eligible",
        "awarded",
        "reason",
        "detail",
        "action",
        "time",
        "user",
        "username",
        "per",
        "e.g.",
        "kept",
        "editable",
        "unconfirmed",
        "text",
        "same",
        "criteria",
        "carried",
        "into",
        "from",
        "party",
        "members",
        "advanced",
        "worker",
        "workers",
        "fighter",
        "fighters",
        "emulation",
        "grassroots",
        "higher",
        "indicator",
        "indicators",
        "cap",
        "caps",
        "monthly",
        "month",
        "months",
        "so",
        "far",
        "progress",
        "review",
        "trend",
        "trends",
        "budget",
    ]
) - {"so", "over"}
_CODE = re.compile(r"\b[\w]*[A-Za-z]_[\w]+\b")
_WORD = re.compile(r"[A-Za-zÀ-ỹĐđ][\w.\-]*", re.UNICODE)


def foreign_words(text: str) -> set[str]:
    """The English words and internal codes of a Vietnamese `text`."""
    found: set[str] = set()
    for code in _CODE.findall(text):
        if code not in ALLOWED:
            found.add(code)
    for word in _WORD.findall(text):
        w = word.strip(".-")
        if w in ALLOWED:
            continue
        if w.lower() in ENGLISH and not w.isupper():
            found.add(w)
    return found


def vietnamese_texts(min_len: int = 12) -> set[str]:
    """The interface's own Vietnamese texts (their parts between placeholders, at least
    `min_len` characters), which an English screen must not show."""
    parts: set[str] = set()
    for key, entry in catalogue().items():
        vi, en = entry.get("vi", ""), entry.get("en", "")
        if not vi or vi == en or key.startswith("format."):
            continue
        for piece in re.split(r"\{[^}]*\}", vi):
            piece = piece.strip(" :·,.()–-")
            if len(piece) >= min_len and piece not in en:
                parts.add(piece)
    return parts


_DIRECTIVE = re.compile(r":material/\w+:|:(?:red|orange|green|blue|violet|gray|grey|rainbow)\[")
_HOVER_FIELD = re.compile(r"%\{[^}]*\}|<extra>.*?</extra>|<[^>]+>")


def _figure_texts(spec: dict) -> list[str]:
    """What a Plotly figure writes on screen: titles, axis titles and tick texts, trace names,
    texts and hover texts (without their %{…} fields), annotations, legend title."""
    out: list[str] = []
    layout = spec.get("layout", {})

    def title(obj: object) -> None:
        if isinstance(obj, dict):
            out.append(str(obj.get("text", "")))
        elif isinstance(obj, str):
            out.append(obj)

    title(layout.get("title"))
    title(layout.get("legend", {}).get("title"))
    for key, axis in layout.items():
        if key.startswith(("xaxis", "yaxis")) and isinstance(axis, dict):
            title(axis.get("title"))
            out += [str(v) for v in axis.get("ticktext", []) or []]
    out += [str(a.get("text", "")) for a in layout.get("annotations", []) or []]
    for trace in spec.get("data", []):
        out.append(str(trace.get("name", "") or ""))
        for field in ("text", "hovertext", "hovertemplate", "texttemplate"):
            value = trace.get(field)
            values = value if isinstance(value, list) else [value]
            out += [_HOVER_FIELD.sub(" ", str(v)) for v in values if v is not None]
        for field in ("x", "y"):
            values = trace.get(field)
            if isinstance(values, list):  # category axes: the labels are the values
                out += [str(v) for v in values if isinstance(v, str)]
    return out


def visible_text(at) -> str:
    """Everything an AppTest page shows a reader, as text: headings, captions, notices, cards,
    tables (headers and cells), widgets' labels and options, and the charts' own texts."""
    import json

    parts: list[str] = []
    for kind in ("markdown", "caption", "title", "header", "subheader", "info", "warning"):
        parts += [str(e.value) for e in at.get(kind)]
    parts += [str(e.value) for e in at.get("error")] + [str(e.value) for e in at.get("success")]
    for m in at.metric:
        parts += [m.label, str(m.value), str(m.proto.delta or ""), str(m.proto.help or "")]
    for d in at.dataframe:
        frame = d.value
        parts += [str(c) for c in frame.columns]
        # a missing value shows the table's dash, not "nan"
        # and a picture cell (a sparkline) is a picture
        cells = [v for col in frame.columns for v in frame[col].tolist() if v == v]
        parts += [str(v) for v in cells if not str(v).startswith("data:image/")]
    for kind in ("selectbox", "multiselect", "radio"):
        for w in at.get(kind):
            parts += [str(w.label), *[str(o) for o in w.options]]
    for kind in ("button", "download_button", "expander", "tab", "toggle", "checkbox"):
        parts += [str(getattr(w, "label", "")) for w in at.get(kind)]
    for c in at.get("plotly_chart"):
        parts += _figure_texts(json.loads(c.proto.spec))
    return _DIRECTIVE.sub(" ", "\n".join(parts))
