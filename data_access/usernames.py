"""Usernames: one spelling per account and no look-alikes (issue 14).

`normalise` trims, applies NFKC (which maps full-width and other compatibility forms onto
plain letters: "ａｄｍｉｎ" is "admin") and case folding, then allows only plain a–z, 0–9 and
`.`, `_`, `-`, `@` (issue 20). The Latin-script rule of issue 14 let letters through that only
look plain — "ᴀdmin" (U+1D00, a small capital with no compatibility mapping) beside "admin",
"ᴡuong.cos" beside "vuong.cos" — and no confusables table lists them all; a closed set of
characters needs none. `@` is there for OIDC accounts named by e-mail. Vietnamese letters are
refused too: "vương" and "vuong" would be two accounts a reader cannot tell apart at a glance,
and an account name is a key, not a display name.
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


class InvalidUsername(ValueError):
    """Not a usable username; `reason` is a short code (empty, long, chars, script)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


ALLOWED = frozenset(string.ascii_lowercase + string.digits + "._-@")


def normalise(raw: object) -> str:
    """The one stored spelling of a username, or InvalidUsername (never another exception)."""
    if not isinstance(raw, str):
        raise InvalidUsername("chars")
    if len(raw) > 4 * MAX_LENGTH:  # before any Unicode work on a huge string
        raise InvalidUsername("long")
    text = unicodedata.normalize("NFKC", raw.strip())
    text = unicodedata.normalize("NFKC", text.casefold())  # folding may undo the first NFKC
    if not text:
        raise InvalidUsername("empty")
    if len(text) > MAX_LENGTH:
        raise InvalidUsername("long")
    for ch in text:
        if ch in ALLOWED:
            continue
        letter = unicodedata.category(ch).startswith("L")
        other_script = letter and categories.alias(ch) not in _SCRIPTS
        raise InvalidUsername("script" if other_script else "chars")
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
