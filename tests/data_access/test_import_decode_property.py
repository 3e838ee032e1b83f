"""For any Vietnamese text, every accepted encoding decodes back to the same NFC text."""

from __future__ import annotations

import codecs
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from import_kit import to_cp1258

from data_access.importer.decode import decode_text

LETTERS = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)
ALPHABET = LETTERS + LETTERS.upper() + "0123456789 ,;.-/()"
TEXT = st.text(alphabet=ALPHABET, min_size=1, max_size=60)

ENCODERS = {
    "utf8": lambda s: s.encode("utf-8"),
    "utf8-bom": lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
    "utf16-le-bom": lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"),
    "utf16-be-bom": lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
    "cp1258": to_cp1258,
}


@pytest.mark.slow
@pytest.mark.parametrize("encoding", list(ENCODERS))
@given(text=TEXT)
def test_decode_round_trip(encoding, text):
    decoded = decode_text(ENCODERS[encoding](text))
    assert decoded is not None
    assert unicodedata.normalize("NFC", decoded) == unicodedata.normalize("NFC", text)
