"""CSV cells per mode: percentages with two decimals; "." decimals and ISO dates in the data
style whatever the language (one form for programs), "," decimals and dd/mm/yyyy only in the
"CSV cho Excel tiếng Việt" style; booleans true/false in codes mode and by name otherwise; an
empty cell for no value."""

from __future__ import annotations

import csv
import datetime as dt
import io

import polars as pl
import pytest

from dashboard.exports import to_csv_bytes

FRAME = pl.DataFrame(
    {
        "value_pct": [90.5, 90.005, None],  # 90.005 rounds half up to 90.01
        "delta_pp": [-2.5, 0.0, float("nan")],  # NaN is no value, like null
        "numerator": [2340000, 0, None],
        "multiple": [0.3, 12.0, None],
        "eligible": [True, False, None],
        "status": ["met", "no_target", None],
        "award_code": ["LDTT", "CSTDCS", None],  # an identifier: a code in every mode
        "decision_date": [dt.date(2024, 7, 1), None, None],
    }
)


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))[1:]


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        (
            "codes",
            [
                ["90.50", "-2.50", "2340000", "0.3", "true", "met", "LDTT", "2024-07-01"],
                ["90.01", "0.00", "0", "12", "false", "no_target", "CSTDCS", ""],
                ["", "", "", "", "", "", "", ""],
            ],
        ),
        (
            "vi",
            [
                ["90.50", "-2.50", "2340000", "0.3", "Có", "Đạt", "LDTT", "2024-07-01"],
                ["90.01", "0.00", "0", "12", "Không", "Chưa đặt chỉ tiêu", "CSTDCS", ""],
                ["", "", "", "", "", "", "", ""],
            ],
        ),
        (
            "en",
            [
                ["90.50", "-2.50", "2340000", "0.3", "Yes", "Met", "LDTT", "2024-07-01"],
                ["90.01", "0.00", "0", "12", "No", "No target set", "CSTDCS", ""],
                ["", "", "", "", "", "", "", ""],
            ],
        ),
    ],
)
def test_cells(mode, expected):
    assert _rows(to_csv_bytes(FRAME, headers=mode)) == expected


def test_codes_headers_with_vietnamese_cells():
    data = to_csv_bytes(FRAME.select("value_pct", "eligible"), headers="codes", lang="vi")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[:2] == ["value_pct,eligible", "90.50,Có"]


def test_excel_vi_style_semicolons_and_decimal_commas():
    data = to_csv_bytes(FRAME, headers="vi", style="excel_vi").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data, newline=""), delimiter=";"))
    assert rows[0][:2] == ["Tỷ lệ (%)", "Tăng, giảm (điểm %)"]  # the comma needs no quoting
    assert rows[1] == ["90,50", "-2,50", "2340000", "0,3", "Có", "Đạt", "LDTT", "01/07/2024"]
    assert rows[2] == ["90,01", "0,00", "0", "12", "Không", "Chưa đặt chỉ tiêu", "CSTDCS", ""]
    assert ";" not in "".join(rows[1])  # nothing inside a cell collides with the separator


def test_unknown_style_is_refused():
    with pytest.raises(ValueError, match="excel_vi"):
        to_csv_bytes(FRAME, style="excel")


def test_quota_status_is_named_too():
    frame = pl.DataFrame({"status": ["ok", "over"]})
    assert _rows(to_csv_bytes(frame, headers="vi")) == [["Trong hạn mức"], ["Vượt hạn mức"]]


def test_caller_frame_is_untouched():
    before = FRAME.clone()
    to_csv_bytes(FRAME, headers="vi")
    assert FRAME.equals(before)
