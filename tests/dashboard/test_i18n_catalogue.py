"""The message catalogue: every message in every language, NFC, no code left untranslated."""

from __future__ import annotations

import string
import unicodedata

import pytest

from dashboard import i18n


def test_every_message_has_every_language():
    missing = [
        (key, lang)
        for key, entry in i18n.catalogue().items()
        for lang in i18n.LANGS
        if not entry.get(lang, "").strip()
    ]
    assert missing == []


def test_no_language_beyond_vi_and_en():
    extra = {lang for entry in i18n.catalogue().values() for lang in entry} - set(i18n.LANGS)
    assert extra == set()


def test_no_message_is_defined_twice():
    assert i18n.duplicate_keys() == []


def test_locale_files_are_nfc():
    # Decomposed Vietnamese looks identical on screen but does not compare equal.
    for path in i18n.LOCALES.glob("*.toml"):
        text = path.read_text(encoding="utf-8")
        assert unicodedata.normalize("NFC", text) == text, path.name


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_vi_and_en_have_the_same_placeholders():
    differ = {
        key: (_fields(e["vi"]), _fields(e["en"]))
        for key, e in i18n.catalogue().items()
        if _fields(e["vi"]) != _fields(e["en"])
    }
    assert differ == {}


def test_vietnamese_text_is_not_the_bare_code():
    # "status.no_data" must not read "no_data" in Vietnamese.
    untranslated = [
        key for key, e in i18n.catalogue().items() if e["vi"].strip() == key.rsplit(".", 1)[-1]
    ]
    assert untranslated == []


@pytest.mark.parametrize("kind", i18n.LABEL_KINDS)
def test_labels_of_every_kind_are_not_codes(kind):
    for lang in i18n.LANGS:
        named = i18n.labels(kind, lang)
        assert named, kind
        assert [code for code, text in named.items() if text == code] == [], (kind, lang)
