"""Text safe to store and show."""

from __future__ import annotations

import unicodedata


def printable(text: str, limit: int) -> str:
    """`text` safe to store and show: control, format and surrogate characters escaped (a NUL
    byte is refused by PostgreSQL), cut to `limit` characters."""
    out = []
    for ch in text[: limit * 2]:
        out.append(f"\\x{ord(ch):02x}" if unicodedata.category(ch)[0] == "C" else ch)
    return "".join(out)[:limit]
