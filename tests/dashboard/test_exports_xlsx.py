"""XLSX: Vietnamese bold headers, frozen header row, autofilter, number formats, read back."""

from __future__ import annotations

import io

import openpyxl
import polars as pl
import pytest

from dashboard.exports import to_xlsx_bytes

FRAME = pl.DataFrame(
    {
        "year": [2024, 2024],
        "unit_code": ["TCT_PT", "TCT_HN"],
        "value_pct": [90.005, None],  # stored rounded: 90.01
        "numerator": [2340000, 7],
        "eligible": [True, False],
    }
)


def _sheet(**kw):
    return openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(FRAME, **kw))).active


def test_vietnamese_headers_by_default_in_bold():
    ws = _sheet()
    heads = [c.value for c in ws[1]]
    assert heads == ["Năm", "Mã đơn vị", "Tỷ lệ (%)", "Tử số", "Đủ tiêu chuẩn"]
    assert all(c.font.b for c in ws[1])


@pytest.mark.parametrize(("mode", "first"), [("codes", "year"), ("en", "Year"), ("vi", "Năm")])
def test_header_modes(mode, first):
    assert _sheet(headers=mode)["A1"].value == first


def test_header_row_is_frozen_and_filtered():
    ws = _sheet()
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:E3"  # 5 columns, header + 2 rows


def test_number_formats():
    ws = _sheet()
    year, _, pct, num, _ = ws[2]
    assert (year.value, year.number_format) == (2024, "0")  # no "2.024"
    assert (pct.value, pct.number_format) == (90.01, "0.00")
    assert (num.value, num.number_format) == (2340000, "#,##0")
    assert ws["C3"].value is None  # no value: an empty cell


def test_booleans_by_name_or_code():
    assert [c.value for c in _sheet()["E"][1:]] == ["Có", "Không"]
    assert [c.value for c in _sheet(headers="codes")["E"][1:]] == ["true", "false"]


def test_sheet_name_is_cleaned_and_cut_to_31_characters():
    ws = _sheet(sheet_name="Chỉ số/thi đua: " + "x" * 40)
    assert ws.title == ("Chỉ số thi đua  " + "x" * 40)[:31]


def test_default_sheet_name_follows_the_language():
    assert _sheet().title == "Dữ liệu"
    assert _sheet(headers="en").title == "Data"


def test_column_widths_fit_the_header():
    ws = _sheet()
    # "Đủ tiêu chuẩn" is 13 characters: width 13 + 2
    assert ws.column_dimensions["E"].width == pytest.approx(15, abs=1)


def test_codes_workbook_reads_back_into_the_frame():
    frame = pl.DataFrame(
        {
            "year": [2024, 2024],
            "unit_code": ["TCT_PT", "=1+1"],  # formula-like text comes back as the same text
            "value_pct": [87.5, 66.666667],  # 66.666667 -> 66.67
            "amount_vnd": [710_000, None],
        }
    )
    back = pl.read_excel(to_xlsx_bytes(frame, headers="codes"), schema_overrides=frame.schema)
    expected = frame.with_columns(value_pct=pl.Series([87.5, 66.67]))
    assert back.equals(expected)


def test_total_row_sums_the_named_columns_as_numbers():
    budget = pl.DataFrame({
        "year": [2024, 2024, 2024], "award_code": ["LDTT", "CSTDCS", "BK_BO"],
        "count": [40, 6, 2], "amount_vnd": [36_504_000, 21_294_000, 4_680_000],
    })  # fmt: skip
    ws = openpyxl.load_workbook(
        io.BytesIO(to_xlsx_bytes(budget, totals=("count", "amount_vnd")))
    ).active
    last = [c.value for c in ws[5]]
    # 40 + 6 + 2 = 48 titles; 36 504 000 + 21 294 000 + 4 680 000 = 62 478 000 đồng
    assert last == ["Tổng cộng", None, 48, 62_478_000]
    assert ws["C5"].font.bold and ws.auto_filter.ref == "A1:D4"  # sorting leaves it last
    plain = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(budget))).active
    assert plain.max_row == 4  # no totals asked, none written
