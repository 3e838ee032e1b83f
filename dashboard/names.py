"""Short unit names for narrow places (the projector, chart axes, sidebar lists).

A unit's short name is the `short_name` it was imported with, when there is one; otherwise its
name without the words every unit name of its cluster begins with: in a cluster of "Trường
Chính trị tỉnh Sơn La", "Trường Chính trị tỉnh Phú Thọ", … the short names are "Sơn La", "Phú
Thọ", …. The derived name is always a whole-word ending of the (NFC, trimmed) name and keeps at
least its last word; a cluster of one unit, or one whose names share no first word, keeps the
full names; and if dropping the prefix would make two of a cluster's names alike (they differed
only in spacing), that cluster keeps its full names too. A unit imported with a short name that
is its name's own ending ("Trường Chính trị thành phố Hải Phòng" / "Hải Phòng") is left out of
its cluster's shared prefix, so the provinces' schools beside it stay "Hà Nam", "Ninh Bình".

>>> import polars as pl
>>> units = pl.DataFrame({
...     "unit_code": ["SL", "PT"],
...     "unit_name": ["Trường Chính trị tỉnh Sơn La", "Trường Chính trị tỉnh Phú Thọ"],
...     "cluster_code": ["C", "C"],
... })
>>> short_names(units)["short_name"].to_list()
['Sơn La', 'Phú Thọ']
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

import polars as pl

__all__ = ["SCHEMA", "derive", "short_names"]

SCHEMA = {"unit_code": pl.String, "short_name": pl.String, "derived": pl.Boolean}
_WORD = re.compile(r"\S+")


def _clean(text: str | None) -> str:
    return unicodedata.normalize("NFC", text or "").strip()


def derive(names: list[str]) -> list[str]:
    """Each name without the first words all of `names` share (compared case-insensitively),
    keeping at least one word of each; the names themselves when that would leave two alike.

    >>> derive(["Phòng Chính trị", "Phòng Đào tạo"])
    ['Chính trị', 'Đào tạo']
    >>> derive(["Trường A", "Trường A B"])
    ['A', 'A B']
    >>> derive(["Thư viện Quốc hội"])
    ['Thư viện Quốc hội']
    """
    clean = [_clean(n) for n in names]
    words = [list(_WORD.finditer(n)) for n in clean]
    if len(clean) < 2 or any(not w for w in words):
        return clean
    folded = [[m.group().casefold() for m in w] for w in words]
    shared = 0
    for column in zip(*folded, strict=False):
        if any(word != column[0] for word in column):
            break
        shared += 1
    shared = min(shared, min(len(w) for w in words) - 1)
    if shared == 0:
        return clean
    out = [n[w[shared].start() :] for n, w in zip(clean, words, strict=True)]
    if len(set(out)) < len(set(clean)):
        return clean
    return out


def short_names(units: pl.DataFrame) -> pl.DataFrame:
    """unit_code, short_name, derived (False where the imported `short_name` was used), one row
    per unit in the input order. `units` needs unit_code, unit_name and cluster_code; its
    `short_name` column is optional. A unit whose name is blank is shown by its code."""
    codes = units["unit_code"].cast(pl.String).to_list()
    names = units["unit_name"].cast(pl.String).to_list()
    clusters = units["cluster_code"].cast(pl.String).to_list()
    given = (
        units["short_name"].cast(pl.String).to_list()
        if "short_name" in units.columns
        else [None] * units.height
    )
    members: dict[str | None, list[int]] = defaultdict(list)
    for i, cluster in enumerate(clusters):
        # A unit whose imported short name is already its name's ending (a city's school
        # among provinces' ones) says how it shortens: it does not stop the others' prefix.
        own = _clean(given[i])
        if own and own != _clean(names[i]) and _clean(names[i]).endswith(" " + own):
            continue
        members[cluster].append(i)
    derived = [""] * units.height
    for rows in members.values():
        for i, short in zip(rows, derive([names[i] for i in rows]), strict=True):
            derived[i] = short
    out_names, out_derived = [], []
    for code, own, fallback in zip(codes, given, derived, strict=True):
        own = _clean(own)
        out_names.append(own or fallback or _clean(code) or str(code))
        out_derived.append(not own)
    return pl.DataFrame(
        {"unit_code": codes, "short_name": out_names, "derived": out_derived}, schema=SCHEMA
    )
