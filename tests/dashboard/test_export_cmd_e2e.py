"""`python -m dashboard export` end to end on a tiny SQLite database: CSV to a file and to
stdout, XLSX to a file, each header mode; figures worked out by hand."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import openpyxl
import polars as pl
import pytest

from dashboard.cli import main
from dashboard.i18n import label
from data_access.writer import upsert


@pytest.fixture
def db(sqlite_engine) -> str:
    """Cluster C4 with units PT and HN; LĐTT-or-higher and CSTĐCS-or-higher reported."""
    staff = [(2024, "PT", 40, 36, 6), (2024, "HN", 20, 20, 2), (2023, "PT", 40, 30, 3)]
    long = [
        (y, u, m, v)
        for y, u, *vals in staff
        for m, v in zip(("staff", "persons_ldtt_plus", "persons_cstdcs_plus"), vals, strict=True)
    ]
    with sqlite_engine.begin() as conn:
        upsert(conn, "clusters", pl.DataFrame({"cluster_code": ["C4"], "cluster_name": ["Cụm 4"]}))
        upsert(conn, "units", pl.DataFrame(
            {"unit_code": ["PT", "HN"], "unit_name": ["Phú Thọ", "Hà Nam"],
             "cluster_code": ["C4", "C4"]}
        ))  # fmt: skip
        upsert(conn, "unit_counts", pl.DataFrame(
            long, schema=["year", "unit_code", "measure", "value"], orient="row"
        ))  # fmt: skip
    return sqlite_engine.url.render_as_string(hide_password=False)


def _csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_quotas_csv_codes_to_a_file(db, tmp_path):
    out = tmp_path / "q.csv"
    args = ["export", "quotas", "--year", "2024", "--headers", "codes", "--out", str(out)]
    assert main([*args, "--db", db]) == 0
    # The contract's columns in their order, each name right after its code (contract.md).
    assert _csv(out.read_bytes()) == [
        ["year", "cluster_code", "cluster_name", "unit_code", "unit_name", "rule", "rule_name",
         "base_count", "cap_pct", "allowed", "used", "remaining", "status"],
        # HN: floor(15 % × 20) = 3 allowed, 2 used; PT: floor(15 % × 36) = floor(5.4) = 5, 6 used
        ["2024", "C4", "Cụm 4", "HN", "Hà Nam", "CSTDCS_CAP", "Hạn mức CSTĐCS", "20", "15.00",
         "3", "2", "1", "ok"],
        ["2024", "C4", "Cụm 4", "PT", "Phú Thọ", "CSTDCS_CAP", "Hạn mức CSTĐCS", "36", "15.00",
         "5", "6", "-1", "over"],
    ]  # fmt: skip


def test_indicators_vietnamese_csv_on_stdout(db, capsysbinary):
    args = ["export", "indicators", "--year", "2024", "--unit", "PT", "--db", db]
    assert main(args) == 0
    rows = _csv(capsysbinary.readouterr().out)
    assert rows[0] == ["Năm", "Mã cụm", "Tên cụm", "Mã đơn vị", "Tên đơn vị", "Chỉ số",
                       "Tên chỉ số", "Tử số", "Mẫu số", "Tỷ lệ (%)", "Chỉ tiêu tối thiểu (%)",
                       "Chỉ tiêu tối đa (%)", "Tình trạng"]  # fmt: skip
    ldtt = [r for r in rows[1:] if r[5] == "LDTT_RATE"]
    # 36 / 40 = 90 %, no target set: a point decimal (the data CSV, in every language)
    name = label("indicator", "LDTT_RATE", "vi")
    assert ldtt == [["2024", "C4", "Cụm 4", "PT", "Phú Thọ", "LDTT_RATE", name, "36", "40",
                     "90.00", "", "", "Chưa đặt chỉ tiêu"]]  # fmt: skip


def test_trends_xlsx_in_english(db, tmp_path):
    out = tmp_path / "trends.xlsx"  # the suffix chooses the format
    args = ["export", "trends", "--year", "2024", "--unit", "PT", "--headers", "en"]
    assert main([*args, "--out", str(out), "--db", db]) == 0
    ws = openpyxl.load_workbook(out).active
    assert ws.title == "Trends"
    assert [c.value for c in ws[1]] == [
        "Cluster code", "Cluster", "Unit code", "Unit", "Indicator", "Indicator name", "Year",
        "Value (%)", "Change (pp)", "Pooled from",
    ]  # fmt: skip
    ldtt = [[c.value for c in r] for r in ws.iter_rows(min_row=2) if r[4].value == "LDTT_RATE"]
    name = label("indicator", "LDTT_RATE", "en")
    # 2023: 30/40 = 75 %; 2024: 36/40 = 90 %, +15 points
    row = ["C4", "Cụm 4", "PT", "Phú Thọ", "LDTT_RATE", name]
    assert ldtt == [[*row, 2023, 75, None, None], [*row, 2024, 90, 15, None]]  # no pooled_from
    assert ws.freeze_panes == "A2"
    # printed: A4 landscape, one page wide, header row on every page, title and page x/y
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth in (None, 1)  # absent means 1 in OOXML
    assert ws.page_setup.fitToHeight == 0  # as many pages tall as needed
    assert ws.print_title_rows == "$1:$1"
    assert "Trends — Unit Phú Thọ — 2024" in ws.oddHeader.center.text
    assert ws.oddFooter.right.text == "Page &P/&N"  # Excel's codes for page x of y


def test_real_process_writes_csv_to_stdout(db):
    proc = subprocess.run(
        [sys.executable, "-m", "dashboard", "export", "budget", "--year", "2024",
         "--headers", "codes", "--db", db],
        capture_output=True, check=False, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr.decode()
    # no awards recorded: the header row only
    assert _csv(proc.stdout) == [
        [
            "year",
            "cluster_code",
            "cluster_name",
            "unit_code",
            "unit_name",
            "award_code",
            "award_name",
            "count",
            "multiple",
            "amount_vnd",
        ]
    ]


def test_csv_for_vietnamese_excel(db, tmp_path):
    out = tmp_path / "i.csv"
    args = ["export", "indicators", "--year", "2024", "--unit", "PT", "--format", "csv-excel-vi"]
    assert main([*args, "--out", str(out), "--db", db]) == 0
    text = out.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    ldtt = [r for r in rows[1:] if r[5] == "LDTT_RATE"]
    assert [r[7:10] for r in ldtt] == [["36", "40", "90,00"]]  # 36 / 40, decimal comma
