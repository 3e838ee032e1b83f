"""The message catalogue: every user-facing text, keyed by message id, in Vietnamese and English.

Texts live in `dashboard/locales/*.toml` (every file in that folder is read), one entry per key:
`"status.met" = { vi = "Đạt", en = "Met" }`. Names of catalogue codes (awards, indicators,
ratings, rules) come from `data_access.catalog`, so a new award needs no new message.

>>> t("status.met"), t("status.met", "en"), header("value_pct", "codes")
('Đạt', 'Met', 'value_pct')
"""

from __future__ import annotations

import difflib
import tomllib
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import polars as pl

from data_access.catalog import load_catalog
from data_access.errors import UnknownCode

LOCALES = Path(__file__).with_name("locales")
LANGS: tuple[str, ...] = ("vi", "en")
HEADER_MODES: tuple[str, ...] = ("codes", *LANGS)

# label kinds answered by common.toml: kind -> message-id prefix
_MESSAGE_KINDS = {
    "status": "status",
    "quota_status": "quota_status",
    "role": "role",
    "basis": "basis",
    "subject_kind": "subject_kind",
    "collective_kind": "collective_kind",
    "profile": "profile",
    "bool": "bool",
    "table": "table",
}
_CATALOG_KINDS = ("award", "indicator", "indicator_short", "rating", "discipline", "rule")
LABEL_KINDS: tuple[str, ...] = (*_MESSAGE_KINDS, *_CATALOG_KINDS)


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"Unknown language {lang!r}; use one of {', '.join(LANGS)}")


def _entries(data: dict[str, Any], prefix: str, source: str) -> dict[str, dict[str, str]]:
    """Flatten a TOML file: an inline table with a `vi` text is one entry; any other table is
    a section whose keys are joined with dots (so `[status]` + `met = {…}` is "status.met")."""
    out: dict[str, dict[str, str]] = {}
    for key, value in data.items():
        full = f"{prefix}{key}"
        if not isinstance(value, dict):
            raise ValueError(f"{source}: {full!r} must be {{ vi = …, en = … }}")
        if isinstance(value.get("vi"), str):
            out[full] = {
                lang: unicodedata.normalize("NFC", str(text)) for lang, text in value.items()
            }
        else:
            out.update(_entries(value, f"{full}.", source))
    return out


def _load_all() -> tuple[dict[str, dict[str, str]], list[str]]:
    merged: dict[str, dict[str, str]] = {}
    origin: dict[str, str] = {}
    duplicates: list[str] = []
    for path in sorted(LOCALES.glob("*.toml")):
        with path.open("rb") as fh:
            entries = _entries(tomllib.load(fh), "", path.name)
        for key, entry in entries.items():
            if key in merged:
                duplicates.append(f"{key!r} in {origin[key]} and {path.name}")
                continue  # the first file wins (common.toml sorts before page files)
            merged[key], origin[key] = entry, path.name
    return merged, duplicates


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Every message from every `locales/*.toml` (a key defined twice: the first file wins,
    and `duplicate_keys()` lists it for the test suite)."""
    return _load_all()[0]


def duplicate_keys() -> list[str]:
    return _load_all()[1]


def _unknown(what: str, key: str, known: list[str]) -> KeyError:
    close = difflib.get_close_matches(key, known, n=3, cutoff=0.6)
    if close:
        return KeyError(f"unknown {what} {key!r}; did you mean {', '.join(map(repr, close))}?")
    shown = ", ".join(sorted(known)[:30])
    return KeyError(f"unknown {what} {key!r}; known: {shown}")


def t(key: str, lang: str = "vi", **kwargs: object) -> str:
    """The text of message `key` in `lang`, with `str.format` placeholders filled from kwargs.
    A text missing in English falls back to Vietnamese (the test suite forbids it anyway)."""
    _check_lang(lang)
    entries = catalogue()
    try:
        entry = entries[key]
    except KeyError:
        raise _unknown("message id", key, list(entries)) from None
    text = entry.get(lang) or entry["vi"]
    return text.format(**kwargs) if kwargs else text


def has(key: str) -> bool:
    return key in catalogue()


def header(col: str, lang: str = "vi") -> str:
    """The human header of an export column (`col.<name>` in the catalogue); the code itself for
    `lang="codes"` and for a column the catalogue does not name (degrade, don't fail)."""
    if lang == "codes":
        return col
    _check_lang(lang)
    key = f"col.{col}"
    return t(key, lang) if has(key) else col


def _code_text(code: object) -> str:
    if isinstance(code, bool):
        return "true" if code else "false"
    return str(code)


def _catalog_label(kind: str, code: str, lang: str) -> str:
    cat = load_catalog()
    if kind == "award":
        return getattr(cat.award(code), f"name_{lang}")
    if kind in ("indicator", "indicator_short"):
        field = "name" if kind == "indicator" else "short"
        return getattr(cat.indicator(code), f"{field}_{lang}")
    if kind == "rating":
        for scale in cat.scales.values():
            level = scale["levels"].get(code)
            if level is not None:
                return level[f"name_{lang}"]
        raise _unknown("rating", code, list(cat.all_ratings()))
    if kind == "discipline":
        if code not in cat.disciplines:
            raise _unknown("discipline", code, list(cat.disciplines))
        return cat.disciplines[code][f"name_{lang}"]
    # rule: a short name from the messages when there is one, else the rule's own text
    key = f"rule.{code}"
    if has(key):
        return t(key, lang)
    return getattr(cat.rule(code), f"text_{lang}")


def label(kind: str, code: object, lang: str = "vi") -> str:
    """The name of a code: `label("status", "met")` → "Đạt", `label("award", "LDTT", "en")` →
    "Advanced Worker", `label("bool", True)` → "Có". Unknown kind or code → KeyError."""
    _check_lang(lang)
    text = _code_text(code)
    if kind in _MESSAGE_KINDS:
        key = f"{_MESSAGE_KINDS[kind]}.{text}"
        if not has(key):
            prefix = f"{_MESSAGE_KINDS[kind]}."
            known = [k.removeprefix(prefix) for k in catalogue() if k.startswith(prefix)]
            raise _unknown(kind, text, known)
        return t(key, lang)
    if kind in _CATALOG_KINDS:
        try:
            return _catalog_label(kind, text, lang)
        except UnknownCode as exc:  # its message names what exists and a close match
            raise KeyError(str(exc)) from None
    raise _unknown("label kind", kind, list(LABEL_KINDS))


def labels(kind: str, lang: str = "vi") -> dict[str, str]:
    """Every code of a kind with its label (for select boxes and for `label_expr`)."""
    _check_lang(lang)
    if kind in _MESSAGE_KINDS:
        prefix = f"{_MESSAGE_KINDS[kind]}."
        return {k.removeprefix(prefix): t(k, lang) for k in catalogue() if k.startswith(prefix)}
    cat = load_catalog()
    codes: dict[str, Any] = {
        "award": cat.awards,
        "indicator": cat.indicators,
        "indicator_short": cat.indicators,
        "rating": dict.fromkeys(cat.all_ratings()),
        "discipline": cat.disciplines,
        "rule": {r.code: r for r in cat.rules},
    }
    if kind not in codes:
        raise _unknown("label kind", kind, list(LABEL_KINDS))
    return {code: label(kind, code, lang) for code in codes[kind]}


def label_expr(expr: pl.Expr, kind: str, lang: str = "vi") -> pl.Expr:
    """Replace codes in a column by their labels; a code without a label is kept as it is.
    Booleans become "Có"/"Không" ("Yes"/"No")."""
    mapping = labels(kind, lang)
    if kind == "bool":
        # Through "true"/"false" text, so the column keeps its name and nulls stay null.
        expr = expr.cast(pl.Boolean).cast(pl.String).str.to_lowercase()
    as_text = expr.cast(pl.String)
    return as_text.replace_strict(mapping, default=as_text, return_dtype=pl.String)
