"""Which encoding a CSV is in, including the legacy Vietnamese ones, and whether it decodes cleanly.

UTF-8 (with or without BOM) and UTF-16 are read as they are. Anything else is tried as
Windows-1258, TCVN3 (ABC) and VNI-Windows (tables in encodings/*.toml, with their sources): each
candidate's distinct words are checked against the shape of a Vietnamese syllable (onset, vowel
nucleus, final consonant, at most one tone), and the candidate with the fewest misfits wins. A
file is refused, naming the encoding, when the winner still leaves words that are not Vietnamese,
and when it mixes encodings (UTF-8 lines beside legacy ones, or lines only another legacy table
reads), naming the first line that differs. Nothing that did not decode cleanly is stored.
"""

from __future__ import annotations

import codecs
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from data_access.importer.decode import decode_text

UTF8, CP1258, TCVN3, VNI = "UTF-8", "Windows-1258", "TCVN3 (ABC)", "VNI-Windows"
LEGACY = (CP1258, TCVN3, VNI)  # the order breaks ties
MAX_WORDS = 50_000  # distinct words scored (a roster has far fewer)
DIRTY_SHARE = 0.02  # misfit words tolerated (foreign or minority names) before refusing
_DIR = Path(__file__).with_name("encodings")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_ONSET = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
_NUCLEUS_LIST = (  # vowel nuclei of Vietnamese syllables, tones removed
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi oo ôi ơi ua uâ uê ui "
    "uô uơ uy ưa ưi ưu ươ yê iêu yêu oai oay oao oeo uây uôi ươi ươu uya uyê uyu"
)
_NUCLEI = _NUCLEUS_LIST.split(" ")
_SYLLABLE = re.compile(
    f"(?:{_ONSET})?(?:{'|'.join(sorted(_NUCLEI, key=len, reverse=True))})(?:ch|nh|ng|c|m|n|p|t)?"
)
_RAW_WORD = re.compile(rb"[A-Za-z\x80-\xff]*[\x80-\xff][A-Za-z\x80-\xff]*")
_LETTERS = re.compile(r"[^\W\d_]+")
_UTF8_SEQ = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_PUNCT_OK = set("\u00a0–—‘’“”…•°«»·")


@dataclass(frozen=True)
class Decoded:
    """The text (None when refused), the encoding found, and why it was refused if so."""

    text: str | None
    encoding: str
    problem: tuple[str, dict[str, object]] | None = None

    @property
    def legacy(self) -> bool:
        return self.encoding in (TCVN3, VNI)


@cache
def _tcvn3_table() -> str:
    spec = tomllib.loads((_DIR / "tcvn3.toml").read_text(encoding="utf-8"))["bytes"]
    table = [chr(i) if i < 0x80 else "\ufffe" for i in range(256)]  # U+FFFE: undefined
    for hex_byte, char in spec.items():
        table[int(hex_byte, 16)] = char
    return "".join(table)


@cache
def _vni() -> tuple[re.Pattern[str], dict[str, str]]:
    spec = tomllib.loads((_DIR / "vni.toml").read_text(encoding="utf-8"))["sequences"]
    seqs = {bytes.fromhex(k).decode("latin-1"): v for k, v in spec.items()}
    keys = sorted(seqs, key=len, reverse=True)
    # A sequence of the table, or any other high byte (undecodable unless punctuation).
    return re.compile("(" + "|".join(map(re.escape, keys)) + ")|([\x80-\xff])"), seqs


def _decode_vni(data: bytes) -> str | None:
    pattern, seqs = _vni()
    bad = False

    def one(m: re.Match[str]) -> str:
        nonlocal bad
        if m.group(1):
            return seqs[m.group(1)]
        ch = m.group(2)
        byte = ch.encode("latin-1")
        if 0x80 <= byte[0] < 0xA0:  # Windows-1252 punctuation, as in the other legacy files
            try:
                return byte.decode("cp1252")
            except UnicodeDecodeError:
                pass
        elif byte[0] < 0xC0:  # symbols; letters live at 0xC0-0xFF
            return ch
        bad = True
        return "\ufffd"

    text = pattern.sub(one, data.decode("latin-1"))
    return None if bad else text


def _decode_as(data: bytes, encoding: str) -> str | None:
    try:
        if encoding == CP1258:
            return unicodedata.normalize("NFC", data.decode("cp1258"))
        if encoding == TCVN3:
            return unicodedata.normalize(
                "NFC", codecs.charmap_decode(data, "strict", _tcvn3_table())[0]
            )
        return _decode_vni(data)
    except UnicodeDecodeError:
        return None


def plausible(word: str) -> bool:
    """Whether a decoded word reads as Vietnamese: every letter run with a non-ASCII letter has a
    syllable's shape and at most one tone, and no stray symbol or combining mark is left."""
    for ch in word:
        if ord(ch) > 127 and not unicodedata.category(ch).startswith("L") and ch not in _PUNCT_OK:
            return False
    for run in _LETTERS.findall(word):
        if run.isascii():
            continue
        parts = unicodedata.normalize("NFD", run.lower())
        if sum(c in _TONES for c in parts) > 1:
            return False
        bare = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        if not _SYLLABLE.fullmatch(bare):
            return False
    return True


def _line_of(data: bytes, pos: int) -> int:
    return data.count(b"\n", 0, pos) + 1


def _line_at(data: bytes, pos: int) -> bytes:
    start = data.rfind(b"\n", 0, pos) + 1
    end = data.find(b"\n", pos)
    return data[start : end if end >= 0 else len(data)]


def _clean_in(line: bytes) -> list[str]:
    """The legacy encodings in which every word of this line reads as Vietnamese."""
    words = _RAW_WORD.findall(line)
    out = []
    for enc in LEGACY:
        texts = [_decode_as(w, enc) for w in words]
        if words and all(t is not None and plausible(t) for t in texts):
            out.append(enc)
    return out


def _mixed_legacy(data: bytes) -> Decoded | None:
    """The first line that reads cleanly only in another legacy encoding than the lines before."""
    first: str | None = None
    for m in re.finditer(rb"[^\n]*[\x80-\xff][^\n]*", data):
        clean = _clean_in(m.group(0))
        if not clean:
            continue
        if first is None:
            first = clean[0]
        elif first not in clean:
            fmt = {"line": _line_of(data, m.start()), "first": first, "other": clean[0]}
            return Decoded(None, first, ("encoding_mixed", fmt))
    return None


def _mixed_utf8(data: bytes) -> Decoded | None:
    """UTF-8 lines beside lines that are not: refused, naming the first line that differs."""
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError as exc:
        bad = exc.start
    for m in _UTF8_SEQ.finditer(data):
        start = data.rfind(b"\n", 0, m.start()) + 1
        end = data.find(b"\n", m.start())
        line = data[start : end if end >= 0 else len(data)]
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            continue  # an accidental byte pair inside a legacy line
        legacy = _clean_in(_line_at(data, bad)) or [CP1258]
        first, other, pos = (
            (UTF8, legacy[0], bad) if m.start() < bad else (legacy[0], UTF8, m.start())
        )
        return Decoded(
            None,
            UTF8,
            ("encoding_mixed", {"line": _line_of(data, pos), "first": first, "other": other}),
        )
    return None


def decode_file(data: bytes) -> Decoded:
    """The text of a CSV's bytes, or the reason it cannot be stored."""
    # The UTF check first: it runs at C speed, while the word search crawls through a large
    # ASCII file (the pattern backtracks over every run of letters).
    if _is_utf(data) or not _RAW_WORD.search(data):
        text = decode_text(data)
        return Decoded(text, UTF8, None if text is not None else ("unknown_encoding", {}))
    bom = data.startswith(codecs.BOM_UTF8)
    if mixed := _mixed_utf8(data):
        return mixed
    if bom:
        return Decoded(None, UTF8, ("unknown_encoding", {}))
    words = list(dict.fromkeys(_RAW_WORD.findall(data)))[:MAX_WORDS]
    decoded = {enc: [_decode_as(w, enc) for w in words] for enc in LEGACY}
    misfits = {
        enc: [i for i, t in enumerate(ts) if t is None or not plausible(t)]
        for enc, ts in decoded.items()
    }
    best = min(LEGACY, key=lambda e: len(misfits[e]))
    bad = misfits[best]
    # Some words do not read in the best table: does the file mix encodings?
    if bad and (mixed := _mixed_legacy(data)):
        return mixed
    if any(decoded[best][i] is None for i in bad):  # bytes no accepted table defines
        return Decoded(None, best, ("unknown_encoding", {}))
    if bad and len(bad) > DIRTY_SHARE * len(words):
        i = bad[0]
        shown = decoded[best][i] or words[i].decode("latin-1")
        line = _line_of(data, data.find(words[i]))
        fmt = {"encoding": best, "count": len(bad), "line": line, "word": shown}
        return Decoded(None, best, ("encoding_dirty", fmt))
    text = _decode_as(data, best)
    if text is None or "\x00" in text:
        return Decoded(None, best, ("unknown_encoding", {}))
    return Decoded(text, best)


def _is_utf(data: bytes) -> bool:
    """UTF-16 (BOM or not) or valid UTF-8: the decoder of decode.py reads it as it is."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        from data_access.importer.decode import _utf16_without_bom

        return _utf16_without_bom(data) is not None
