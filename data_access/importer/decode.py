"""Bytes of a CSV to text: detect the encoding and the delimiter.

Accepted (contract.md): UTF-8 with or without BOM, UTF-16 (Excel's "Unicode text": UTF-16LE with
BOM, TAB-separated) and Windows-1258. cp1258 writes Vietnamese tones as combining marks, so the
text is decomposed; cells are normalised to NFC later, cell by cell.
"""

from __future__ import annotations

import codecs

DELIMITERS = (",", ";", "\t")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: mostly-ASCII text has a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.3 and even == 0:
        return "utf-16-le"
    if even > half * 0.3 and odd == 0:
        return "utf-16-be"
    return None


def decode_text(data: bytes) -> str | None:
    """The text of a CSV file, or None when no accepted encoding reads it."""
    try:
        if data.startswith(codecs.BOM_UTF8):
            text = data[len(codecs.BOM_UTF8) :].decode("utf-8")
        elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = data.decode("utf-16")  # reads and drops the BOM
        elif enc := _utf16_without_bom(data):
            text = data.decode(enc)
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                # Vietnamese in cp1258 is never valid UTF-8, so trying UTF-8 first is safe.
                text = data.decode("cp1258")
    except UnicodeDecodeError:
        return None
    # A NUL means a binary file (an .xlsx renamed to .csv), not text in some other encoding.
    if "\x00" in text:
        return None
    return text


def detect_delimiter(text: str) -> str:
    """The delimiter that splits the header line into the most fields (comma when none)."""
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","
