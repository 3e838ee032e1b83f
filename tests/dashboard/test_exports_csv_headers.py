"""CSV header row in each mode: codes, Vietnamese (default) and English."""

from __future__ import annotations

import csv
import io

import polars as pl
import pytest

from dashboard.exports import to_csv_bytes

FRAME = pl.DataFrame({"year": [2024], "unit_code": ["U1"], "value_pct": [90.5]})


def _header(data: bytes) -> list[str]:
    return next(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("codes", ["year", "unit_code", "value_pct"]),
        ("vi", ["Năm", "Mã đơn vị", "Tỷ lệ (%)"]),
        ("en", ["Year", "Unit code", "Value (%)"]),
    ],
)
def test_header_row(mode, expected):
    assert _header(to_csv_bytes(FRAME, headers=mode)) == expected


def test_vietnamese_headers_by_default():
    assert _header(to_csv_bytes(FRAME)) == ["Năm", "Mã đơn vị", "Tỷ lệ (%)"]


def test_header_with_a_comma_is_quoted():
    data = to_csv_bytes(pl.DataFrame({"delta_pp": [1.0]}), headers="vi")
    assert data.decode("utf-8-sig").startswith('"Tăng, giảm (điểm %)"\r\n')


@pytest.mark.parametrize(("arg", "value"), [("headers", "fr"), ("lang", "xx")])
def test_unknown_mode_is_refused(arg, value):
    with pytest.raises(ValueError, match="codes, vi, en"):
        to_csv_bytes(FRAME, **{arg: value})
