"""Vietnamese collation: the Unicode Collation Algorithm (pyuca) tailored the way CLDR's "vi"
collation does it, so that lists of people sort as Vietnamese readers expect.

The default UCA table treats ă, â, đ, ê, ô, ơ, ư as a, d, e, o, u with a diacritic, and orders
tones acute < grave < tilde < hook < dot. Vietnamese has them as letters of their own
(a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y) and orders tones
none < huyền < hỏi < ngã < sắc < nặng. Both are fixed here by editing the collator's table.

Keys are strings of 4-digit hex weights, so they compare in Python and sort in Polars alike.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

import polars as pl
import pyuca

# Primary weights for the letter modifiers: above every weight in the table (0xFB20 in UCA 9)
# and below the implicit weights of CJK ideographs (0xFB40), so "az…" < "ă…" < "â…" < "b…".
_BREVE, _CIRCUMFLEX, _HORN, _STROKE = 0xFB21, 0xFB22, 0xFB23, 0xFB24
_TONES_VI_ORDER = (0x0300, 0x0309, 0x0303, 0x0301, 0x0323)  # huyền, hỏi, ngã, sắc, nặng
_LEVELS = 3


@cache
def _collator() -> pyuca.Collator:
    c = pyuca.Collator()
    # Modifiers become primary (letter-level) differences, ignorable at the lower levels.
    for mark, weight in ((0x0306, _BREVE), (0x0302, _CIRCUMFLEX), (0x031B, _HORN)):
        c.table.add([mark], [[weight, 0, 0]])
    d_primary = c.table.find_prefix([ord("d")])[1][0][0]
    c.table.add([0x0111], [[d_primary, 0x20, 0x02], [_STROKE, 0, 0]])  # đ
    c.table.add([0x0110], [[d_primary, 0x20, 0x08], [_STROKE, 0, 0]])  # Đ
    # Tones: reuse the table's own secondary weights, handed out in Vietnamese order.
    weights = sorted(c.table.find_prefix([t])[1][0][1] for t in _TONES_VI_ORDER)
    for tone, weight in zip(_TONES_VI_ORDER, weights, strict=True):
        c.table.add([tone], [[0, weight, 0x02]])
    return c


@lru_cache(maxsize=200_000)
def _levels(word: str) -> tuple[str, str, str]:
    """Hex-encoded primary, secondary and tertiary weights of one word (cached: names reuse a
    few thousand words)."""
    elements = _collator().collation_elements(unicodedata.normalize("NFD", word))
    return tuple(  # type: ignore[return-value]
        "".join(f"{e[level]:04x}" for e in elements if e[level]) for level in range(_LEVELS)
    )


_LEVEL_SEP = "0000"  # below every weight: a shorter key sorts first, as in the UCA


def _words(text: str) -> list[str]:
    return unicodedata.normalize("NFC", text).split()


def vn_sort_key(text: str | None) -> str | None:
    """The Vietnamese collation key of `text` (None for None), for `sorted(..., key=...)`.

    >>> sorted(["Trịnh", "Trần", "Đào", "Dũng", "Ăn", "Anh"], key=vn_sort_key)
    ['Anh', 'Ăn', 'Dũng', 'Đào', 'Trần', 'Trịnh']
    """
    if text is None:
        return None
    per_word = [_levels(w) for w in _words(text)]
    # The space's weights are looked up here (cached), not at import: building the collator
    # reads pyuca's whole table, and the aggregate pages never sort names.
    space = _levels(" ")
    return _LEVEL_SEP.join(
        space[level].join(w[level] for w in per_word) for level in range(_LEVELS)
    )


def _key_series(names: pl.Series) -> pl.Series:
    # A key per distinct name (pyuca is Python; names repeat), put back with one replace.
    distinct = names.unique().drop_nulls()
    keys = pl.Series([vn_sort_key(n) for n in distinct.to_list()], dtype=pl.String)
    return names.replace_strict(distinct, keys, default=None, return_dtype=pl.String)


def vn_key(expr: pl.Expr) -> pl.Expr:
    """Expression twin of `vn_sort_key`: `frame.sort(vn_key(pl.col("full_name")))`."""
    return expr.cast(pl.String).map_batches(_key_series, return_dtype=pl.String)


def given_name(expr: pl.Expr) -> pl.Expr:
    """The last word of a full name ("Nguyễn Văn An" → "An"): Vietnamese lists sort by it."""
    return expr.cast(pl.String).str.extract(r"(\S+)\s*$")


def people_order(name: pl.Expr) -> list[pl.Expr]:
    """Sort keys for people: given name, then the full name, both the Vietnamese way."""
    return [vn_key(given_name(name)), vn_key(name)]
