"""Forms 0602 / 0603 (Circular 02/2023/TT-BNV) on a small dataset: every cell and total
worked out by hand below; the workbook and the PDF carry them."""

from __future__ import annotations

import io
import shutil
import subprocess

import openpyxl
import polars as pl
import pytest

from dashboard.forms.compute import BLANK, NO_DATA, NOT_LISTED, form_table
from dashboard.forms.layout import layout
from dashboard.forms.xlsx import to_xlsx
from data_access.readers import Dataset

# Cluster C1: units U1 (collective K1, person P1) and U2 (person P2); cluster C2: U3 (P3).
AWARDS = [
    # year, kind, code, award, method
    (2024, "person", "P1", "BK_BO", "regular"),
    (2024, "person", "P2", "BK_BO", "thematic"),
    (2024, "collective", "K1", "BK_BO", "regular"),
    (2024, "unit", "U2", "CO_TD_BO", "ad_hoc"),
    (2024, "person", "P1", "CSTD_BO", "regular"),
    (2024, "person", "P3", "BK_BO", None),  # no method recorded
    (2024, "person", "P1", "HC_LD_3", "regular"),
    (2024, "unit", "U1", "HC_LD_3", "regular"),
    (2024, "person", "P2", "BK_TTG", "thematic"),
    (2024, "unit", "U3", "CO_TD_CP", "regular"),
    (2024, "person", "P3", "CSTD_TQ", "regular"),
    (2024, "person", "P1", "LDTT", "regular"),  # grassroots: on neither form
    (2023, "person", "P1", "BK_BO", "regular"),  # another year
]


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return Dataset.empty(
        clusters=pl.DataFrame({"cluster_code": ["C1", "C2"], "cluster_name": ["Cụm 1", "Cụm 2"]}),
        units=pl.DataFrame(
            {"unit_code": ["U1", "U2", "U3"], "unit_name": ["Một", "Hai", "Ba"],
             "cluster_code": ["C1", "C1", "C2"]}
        ),
        collectives=pl.DataFrame(
            {"collective_code": ["K1"], "unit_code": ["U1"], "collective_name": ["Khoa"],
             "kind": ["department"]}
        ),
        people=pl.DataFrame({"person_code": ["P1", "P2", "P3"], "full_name": ["A", "B", "C"]}),
        roster=pl.DataFrame(
            {"year": [2024] * 3, "person_code": ["P1", "P2", "P3"],
             "unit_code": ["U1", "U2", "U3"]}
        ),
        awards=pl.DataFrame(
            AWARDS, schema=["year", "recipient_kind", "recipient_code", "award_code", "method"],
            orient="row",
        ),
    )  # fmt: skip


def _row(table, code):
    r = next(i for i, row in enumerate(table.form.rows) if row.code == code)
    return list(table.grid[r])


# 0603 columns: total, 2 Bằng khen (BK_BO, any), 3 CSTĐ cấp bộ (person), 4 Cờ thi đua cấp bộ
# (collective), 5 Huy hiệu (not in the catalogue).
def test_0603_cluster(ds):
    f = form_table("0603", ds, year=2024, cluster="C1")
    # C1: BK_BO P1, P2, K1 = 3; CSTD_BO P1 = 1; CO_TD_BO U2 = 1 → 5
    assert _row(f, "01") == [5, 3, 1, 1, NOT_LISTED]
    # collectives: BK_BO K1 = 1, CO_TD_BO U2 = 1; a person column is left blank
    assert _row(f, "02") == [2, 1, BLANK, 1, NOT_LISTED]
    assert _row(f, "05") == [3, 2, 1, BLANK, NOT_LISTED]  # BK_BO P1, P2; CSTD_BO P1
    for code in ("03", "04", "06", "07", "08", "09", "10"):  # no field in the import tables
        assert _row(f, code) == [NO_DATA, NO_DATA, NO_DATA, NO_DATA, NOT_LISTED]
    assert _row(f, "11") == [3, 2, 1, 0, NOT_LISTED]  # regular: P1, K1 (BK); P1 (CSTĐ)
    assert _row(f, "12") == [1, 1, 0, 0, NOT_LISTED]  # thematic: P2
    assert _row(f, "13") == [1, 0, 0, 1, NOT_LISTED]  # ad hoc: U2's flag
    for code in ("14", "15", "16", "17"):
        assert _row(f, code) == [0, 0, 0, 0, NOT_LISTED]
    assert (f.records, f.without_method) == (5, 0)


def test_0603_everything_with_a_missing_method(ds):
    f = form_table("0603", ds, year=2024)
    assert _row(f, "01") == [6, 4, 1, 1, NOT_LISTED]  # + P3's BK_BO
    assert _row(f, "05") == [4, 3, 1, BLANK, NOT_LISTED]
    # P3's Bằng khen has no method: that column cannot be split by method, nor the total
    assert _row(f, "11") == [NO_DATA, NO_DATA, 1, 0, NOT_LISTED]
    assert _row(f, "13") == [NO_DATA, NO_DATA, 0, 1, NOT_LISTED]
    assert (f.records, f.without_method) == (6, 1)


def test_0603_one_unit(ds):
    f = form_table("0603", ds, year=2024, unit="U2")
    assert _row(f, "01") == [2, 1, 0, 1, NOT_LISTED]  # P2's Bằng khen, U2's flag
    assert _row(f, "02") == [1, 0, BLANK, 1, NOT_LISTED]
    assert _row(f, "05") == [1, 1, 0, BLANK, NOT_LISTED]


# 0602 columns: total; 2 orders: HC_LD_1 TT, CN, HC_LD_2 TT, CN, HC_LD_3 TT, CN; 3 Giải HCM;
# 4 Giải NN; 5 vinh dự TT, CN; 6 Cờ CP; 7 BK TTg TT, CN; 8 CSTĐ toàn quốc; 9 khác TT, CN.
L = NOT_LISTED


def test_0602_everything(ds):
    f = form_table("0602", ds, year=2024)
    # HC_LD_3: U1 and P1; BK_TTG: P2; Cờ CP: U3; CSTĐ toàn quốc: P3 → 5
    assert _row(f, "1") == [5, 0, 0, 0, 0, 1, 1, L, L, L, L, 1, 0, 1, 1, L, L]
    assert _row(f, "6") == [2, 0, BLANK, 0, BLANK, 1, BLANK, BLANK, BLANK, L, BLANK, 1, 0,
                            BLANK, BLANK, L, BLANK]  # fmt: skip
    assert _row(f, "9") == [3, BLANK, 0, BLANK, 0, BLANK, 1, L, L, BLANK, L, BLANK, BLANK, 1,
                            1, BLANK, L]  # fmt: skip
    assert _row(f, "15") == [4, 0, 0, 0, 0, 1, 1, L, L, L, L, 1, 0, 0, 1, L, L]  # regular
    assert _row(f, "16") == [1, 0, 0, 0, 0, 0, 0, L, L, L, L, 0, 0, 1, 0, L, L]  # thematic
    assert _row(f, "2")[0] == NO_DATA and _row(f, "3")[0] == NO_DATA  # submitting body


def test_0602_cluster_two(ds):
    f = form_table("0602", ds, year=2024, cluster="C2")
    assert _row(f, "1")[0] == 2  # U3's flag, P3's CSTĐ toàn quốc
    assert f.cell("1", 6) == 1 and f.cell("1", 8) == 1 and f.cell("1", 7, 1) == 0


def test_workbook_holds_the_numbers_as_numbers(ds):
    f = form_table("0603", ds, year=2024, cluster="C1")
    data = to_xlsx(layout(f, reporting_unit="Cụm 1"), sheet="Biểu 0603")
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = {r[1]: r for r in ws.iter_rows(values_only=True) if r[1]}
    assert rows["01"][3:8] == (5, 3, 1, 1, "—")
    assert rows["11"][3:8] == (3, 2, 1, 0, "—")
    assert "không có dữ liệu" in rows["03"][3]  # one cell says so across the row
    text = " ".join(str(v) for r in ws.iter_rows(max_row=6, values_only=True) for v in r if v)
    assert "0603.N/BNV-TĐKT" in text and "Đơn vị báo cáo: Cụm 1" in text
    assert "Năm báo cáo: 2024" in text
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert not any(isinstance(v, str) and v.startswith("=") for r in ws.iter_rows(
        values_only=True) for v in r)  # fmt: skip


def test_pdf_says_it_in_vietnamese(ds):
    from dashboard.forms.pdf import to_pdf

    assert shutil.which("pdftotext"), "poppler-utils (pdftotext) is required"
    f = form_table("0603", ds, year=2024, cluster="C1")
    pdf = to_pdf(layout(f, reporting_unit="Cụm 1"))
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()  # fmt: skip
    assert "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ" in text
    assert "Đơn vị báo cáo: Cụm 1" in text
    line = next(x for x in text.splitlines() if x.strip().startswith("- Thường xuyên"))
    assert line.split() == ["-", "Thường", "xuyên", "11", "3", "2", "1", "0", "—"]


def test_command_writes_xlsx_and_pdf(ds, sqlite_engine, tmp_path, monkeypatch):
    from dashboard.cli import main
    from data_access.writer import upsert

    monkeypatch.setenv("THIDUA_AUTH_MODE", "open")
    with sqlite_engine.begin() as conn:
        for name in ("clusters", "units", "collectives", "people", "roster", "awards"):
            frame = getattr(ds, name)  # only the columns given (the others take defaults)
            upsert(
                conn,
                name,
                frame.select(c for c in frame.columns if frame[c].null_count() < frame.height),
            )
    url = sqlite_engine.url.render_as_string(hide_password=False)
    out = tmp_path / "b0603.xlsx"
    assert main(["form", "0603", "--year", "2024", "--cluster", "C1", "--out", str(out),
                 "--db", url]) == 0  # fmt: skip
    ws = openpyxl.load_workbook(out).active
    rows = {r[1]: r for r in ws.iter_rows(values_only=True) if r[1]}
    assert rows["01"][3:7] == (5, 3, 1, 1)  # as in test_0603_cluster, through the database
    pdf = tmp_path / "b0602.pdf"
    assert main(["form", "0602", "--year", "2024", "--out", str(pdf), "--db", url]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    assert main(["form", "0603", "--year", "2024", "--unit", "NOPE", "--out", str(out),
                 "--db", url]) == 2  # fmt: skip
