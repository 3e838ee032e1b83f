"""CSV bytes: UTF-8 with a byte-order mark (Excel shows mojibake without it), CRLF lines."""

from __future__ import annotations

import polars as pl

from dashboard.exports import to_csv_bytes

FRAME = pl.DataFrame({"unit_code": ["TCT_PT"], "subject_name": ["Trần Thị Bình"]})


def test_starts_with_the_utf8_bom():
    assert to_csv_bytes(FRAME).startswith(b"\xef\xbb\xbf")


def test_vietnamese_survives_in_utf8():
    text = to_csv_bytes(FRAME, headers="codes").decode("utf-8-sig")
    assert text == "unit_code,subject_name\r\nTCT_PT,Trần Thị Bình\r\n"


def test_semicolon_separator_on_request():
    text = to_csv_bytes(FRAME, headers="codes", sep=";").decode("utf-8-sig")
    assert text == "unit_code;subject_name\r\nTCT_PT;Trần Thị Bình\r\n"
