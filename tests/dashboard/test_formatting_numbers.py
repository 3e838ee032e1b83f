"""`fmt_int`, `fmt_vnd`, `fmt_number`: thousands with "." (vi) or "," (en)."""

from __future__ import annotations

import pytest

from dashboard.formatting import fmt_int, fmt_number, fmt_vnd, round_half_up


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        (2340000, "2.340.000", "2,340,000"),
        (999, "999", "999"),
        (1000, "1.000", "1,000"),
        (0, "0", "0"),
        (-1234567, "-1.234.567", "-1,234,567"),
        (2.5, "3", "3"),  # half away from zero
        (None, "—", "—"),
    ],
)
def test_fmt_int(value, vi, en):
    assert (fmt_int(value), fmt_int(value, "en")) == (vi, en)


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        (2340000, "2.340.000 đ", "VND 2,340,000"),
        (710000, "710.000 đ", "VND 710,000"),
        (None, "—", "—"),
    ],
)
def test_fmt_vnd(value, vi, en):
    assert (fmt_vnd(value), fmt_vnd(value, "en")) == (vi, en)


def test_fmt_number_with_decimals():
    assert fmt_number(-1234.5, "vi", decimals=2) == "-1.234,50"
    assert fmt_number(-1234.5, "en", decimals=2) == "-1,234.50"


@pytest.mark.parametrize(
    ("value", "rounded"),
    [(90.005, 90.01), (1.005, 1.01), (-2.345, -2.35), (2.344, 2.34), (None, None)],
)
def test_round_half_up(value, rounded):
    assert round_half_up(value, 2) == rounded
