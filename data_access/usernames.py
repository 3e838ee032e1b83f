"""Usernames: one spelling per account and no look-alikes (issue 14).

`normalise` trims, applies NFC and case folding, then the PRECIS UsernameCaseMapped profile
(RFC 8265: width mapping, no spaces, controls or symbols), and allows Latin script only (with
digits and punctuation), which is how Vietnamese is written: a Cyrillic "а" in "аdmin" is refused.
`skeleton` maps characters that look alike ("1" and "l", "0" and "o", "rn" and "m") to one
representative, using the Unicode confusables data of `confusable_homoglyphs`; the users table
keeps it unique, so a second account that merely looks like the first cannot be created.
"""

from __future__ import annotations

import string
import unicodedata
from functools import cache

from confusable_homoglyphs import categories, confusables

MAX_LENGTH = 64  # users.username
_SCRIPTS = frozenset({"LATIN", "COMMON"})
# The characters a look-alike is reduced to: what people type on a Vietnamese keyboard.
_BASE = string.ascii_lowercase + string.digits + "._-@"


@cache
def _profile():
    # Imported on the first username, not with this module: precis_i18n builds its Unicode
    # tables on import, and the app imports this module on every start, in open mode too.
    from precis_i18n import get_profile

    return get_profile("UsernameCaseMapped")


class InvalidUsername(ValueError):
    """Not a usable username; `reason` is a short code (empty, long, chars, script)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def normalise(raw: object) -> str:
    """The one stored spelling of a username, or InvalidUsername (never another exception)."""
    if not isinstance(raw, str):
        raise InvalidUsername("chars")
    if len(raw) > 4 * MAX_LENGTH:  # before any Unicode work on a huge string
        raise InvalidUsername("long")
    text = unicodedata.normalize("NFC", raw.strip()).casefold()
    if not text:
        raise InvalidUsername("empty")
    try:
        text = _profile().enforce(text)
    except UnicodeError as exc:
        raise InvalidUsername("chars") from exc
    if len(text) > MAX_LENGTH:
        raise InvalidUsername("long")
    if any(unicodedata.combining(ch) for ch in text):  # an accent no letter absorbed: "i̇"
        raise InvalidUsername("chars")
    if any(categories.alias(ch) not in _SCRIPTS for ch in text):
        raise InvalidUsername("script")
    return text


@cache
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """(single character -> representative, sequence of several -> representative)."""
    groups: dict[str, set[str]] = {}
    sequences: dict[str, str] = {}
    for base in _BASE:
        # The capital's look-alikes too: "0" is listed beside "O", "l" beside "I".
        glyphs: set[str] = set()
        for form in {base, base.upper()}:
            found = confusables.is_confusable(form, greedy=True, preferred_aliases=[])
            glyphs |= {h["c"] for f in found or [] for h in f["homoglyphs"]}
        group = {base} | {g for g in glyphs if len(g) == 1}
        for g in glyphs:
            if len(g) > 1 and all(c in _BASE for c in g):
                sequences[g] = base
        groups[base] = group
    # Merge groups that share a character, so the representative is the same for all of them.
    rep: dict[str, str] = {}
    for base in _BASE:
        members = set(groups[base])
        for other in _BASE:
            if groups[other] & members:
                members |= groups[other]
        smallest = min(c for c in members if c in _BASE)
        for c in members:
            rep[c] = min(rep.get(c, smallest), smallest)
    return rep, sequences


def skeleton(name: str) -> str:
    """The look-alike key of a normalised name: equal keys look the same to a reader."""
    rep, sequences = _tables()
    text = unicodedata.normalize("NFD", name)
    for seq in sorted(sequences, key=len, reverse=True):
        text = text.replace(seq, sequences[seq])
    return unicodedata.normalize("NFC", "".join(rep.get(c, c) for c in text))
