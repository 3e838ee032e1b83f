"""`t(key, lang, **kw)`: the text in a language, placeholders filled, unknown keys explained."""

from __future__ import annotations

import pytest

from dashboard.i18n import t


def test_vietnamese_is_the_default():
    assert t("status.no_target") == "Chưa đặt chỉ tiêu"


def test_english_on_request():
    assert t("status.no_target", "en") == "No target set"


def test_placeholders_are_filled():
    assert t("export.written", "vi", rows=3, path="a.csv") == "Đã ghi 3 dòng vào a.csv."
    assert t("export.written", "en", rows=3, path="a.csv") == "Wrote 3 rows to a.csv."


def test_unknown_key_names_close_matches():
    with pytest.raises(KeyError, match=r"did you mean .status\.met."):
        t("status.mett")


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="vi, en"):
        t("status.met", "fr")
