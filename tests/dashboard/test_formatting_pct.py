"""`fmt_pct`: Vietnamese "90,5 %" and English "90.5%", rounding half away from zero."""

from __future__ import annotations

import pytest

from dashboard.formatting import fmt_pct


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "text"),
    [
        (90.5, "vi", 1, "90,5 %"),
        (90.5, "en", 1, "90.5%"),
        (90.5, "vi", 2, "90,50 %"),
        (100, "vi", 0, "100 %"),
        (12.345, "en", 1, "12.3%"),  # .345 -> .3 (the next digit is 4)
        (90.005, "vi", 2, "90,01 %"),  # half rounds away from zero on the written number
        (90.005, "en", 2, "90.01%"),
        (0.05, "vi", 1, "0,1 %"),
        (-0.04, "vi", 1, "0,0 %"),  # no "-0,0"
        (-12.25, "en", 1, "-12.3%"),  # half away from zero, also for negatives
        (1234.5, "vi", 1, "1.234,5 %"),
    ],
)
def test_fmt_pct(value, lang, decimals, text):
    assert fmt_pct(value, lang, decimals=decimals) == text


@pytest.mark.parametrize("value", [None, float("nan"), float("inf")])
def test_no_value_is_a_dash(value):
    assert fmt_pct(value) == "—"
    assert fmt_pct(value, "en") == "—"


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="vi, en"):
        fmt_pct(1.0, "fr")
