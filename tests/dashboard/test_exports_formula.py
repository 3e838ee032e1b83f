"""Formula injection: text beginning with = + - @ (or tab/CR) never reaches a spreadsheet as a
formula, while real numbers (a negative delta_pp) stay numbers."""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.exports import DANGEROUS_START, to_csv_bytes, to_xlsx_bytes

NASTY = ["=1+1", "+84 912", "-2.5", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x")']


def _cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("text", NASTY)
def test_csv_text_gets_an_apostrophe(text):
    frame = pl.DataFrame({"subject_name": [text]})
    assert _cells(to_csv_bytes(frame, headers="codes"))[1] == ["'" + text]


def test_csv_numbers_stay_numbers():
    frame = pl.DataFrame({"delta_pp": [-2.5], "rank_change": [-1]})
    assert _cells(to_csv_bytes(frame, headers="codes"))[1] == ["-2.50", "-1"]


def test_csv_harmless_text_is_unchanged():
    frame = pl.DataFrame({"subject_name": ["Nguyễn Văn An", "a=b", "'quoted"]})
    assert [r[0] for r in _cells(to_csv_bytes(frame, headers="codes"))[1:]] == [
        "Nguyễn Văn An", "a=b", "'quoted",
    ]  # fmt: skip


def test_xlsx_formula_text_is_a_string_cell():
    frame = pl.DataFrame({"unit_name": ["=1+1"], "delta_pp": [-2.5]})
    data = to_xlsx_bytes(frame, headers="codes")
    cell, number = openpyxl.load_workbook(io.BytesIO(data)).active["A2":"B2"][0]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=1+1", "s", True)
    assert (number.value, number.data_type) == (-2.5, "n")
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet  # no formula anywhere in the sheet


@pytest.mark.slow
@given(st.lists(st.text(max_size=12), min_size=1, max_size=8))
def test_csv_cell_never_starts_a_formula(texts):
    frame = pl.DataFrame({"subject_name": texts}, schema={"subject_name": pl.String})
    rows = _cells(to_csv_bytes(frame, headers="codes"))[1:]
    for original, (cell,) in zip(texts, rows, strict=True):
        assert not cell[:1] or cell[0] not in DANGEROUS_START
        # the apostrophe is the only change, and only for dangerous text
        assert cell == (
            ("'" + original) if original[:1] and original[0] in DANGEROUS_START else original
        )


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
        min_size=1,
        max_size=5,
    )
)
def test_xlsx_text_cells_are_never_formulas(texts):
    frame = pl.DataFrame({"subject_name": texts}, schema={"subject_name": pl.String})
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(frame, headers="codes"))).active
    for original, (cell,) in zip(texts, ws.iter_rows(min_row=2), strict=True):
        assert cell.data_type != "f"
        assert (cell.value or "") == original
        if original[:1] and original[0] in DANGEROUS_START:
            assert cell.quotePrefix
