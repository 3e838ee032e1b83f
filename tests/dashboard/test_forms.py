"""Forms 0602 / 0603 on a small dataset: every cell and total worked out by hand below, for a
unit, a cluster and the whole database, with awards on both sides of the statistics period's
edges (report year 2025: 1/12/2024 to 30/11/2025, Circular 18/2025/TT-BNV, layout of 02/2023);
the workbook and the PDF carry them."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess

import openpyxl
import polars as pl
import pytest

from dashboard.forms.compute import BLANK, NO_DATA, NOT_LISTED, form_table
from dashboard.forms.files import form_layout
from dashboard.forms.xlsx import to_xlsx
from data_access.catalog.forms import circular_for
from data_access.readers import Dataset

D = dt.date
# 2025: cluster C1 = U1 (collective K1, person P1; C1's lead unit) and U2 (P2); C2 = U3 (P3).
# units.cluster_code still puts U2 in C2: the forms must follow 2025's membership, not it.
# P4 is on 2024's roster only (U2); P9 is on no roster.
AWARDS = [
    # year, kind, code, award, method, decision date
    (2025, "person", "P1", "BK_BO", "regular", D(2025, 3, 1)),  # in
    (2025, "person", "P2", "BK_BO", "thematic", D(2025, 11, 30)),  # in: the last day
    (2025, "person", "P2", "CSTD_BO", "regular", D(2025, 12, 1)),  # out: 2026's period
    (2024, "person", "P4", "BK_BO", None, D(2024, 12, 1)),  # in: the first day; U2 by 2024
    (2024, "person", "P1", "CSTD_BO", "regular", D(2024, 11, 30)),  # out: the day before
    (2025, "collective", "K1", "BK_BO", "regular", None),  # in: no date, by its year
    (2024, "unit", "U2", "CO_TD_BO", "ad_hoc", None),  # out: no date, 2024
    (2025, "unit", "U3", "CO_TD_BO", "ad_hoc", D(2025, 6, 1)),  # in
    (2025, "person", "P3", "KNC", None, D(2025, 5, 5)),  # in, no method
    (2025, "person", "P9", "BK_BO", "regular", D(2025, 4, 4)),  # on no roster: warned
    (2025, "person", "P1", "HC_CC_3", "regular", D(2025, 9, 2)),  # 0602, in
    (2025, "unit", "U3", "HC_BVTQ_2", None, D(2025, 1, 15)),  # 0602, in, no method
    (2025, "person", "P3", "HCH_QKQT", "seniority", D(2025, 2, 2)),  # 0602, in
    (2025, "person", "P2", "BK_TTG", "thematic", D(2026, 1, 10)),  # 0602, out
    (2025, "person", "P1", "LDTT", "regular", D(2025, 5, 1)),  # grassroots: on neither form
]


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return Dataset.empty(
        clusters=pl.DataFrame({"cluster_code": ["C1", "C2"], "cluster_name": ["Cụm 1", "Cụm 2"],
                               "organizer": ["Ban Thi đua Học viện", None]}),
        units=pl.DataFrame(
            {"unit_code": ["U1", "U2", "U3"],
             "unit_name": ["Trường Chính trị tỉnh Hà Nam", "Hai", "Ba"],
             "cluster_code": ["C1", "C2", "C2"]}
        ),
        cluster_members=pl.DataFrame(
            {"year": [2025] * 3, "unit_code": ["U1", "U2", "U3"],
             "cluster_code": ["C1", "C1", "C2"]}
        ),
        cluster_roles=pl.DataFrame(
            {"year": [2025, 2025], "cluster_code": ["C1", "C2"], "unit_code": ["U1", "U3"],
             "role": ["leader", "leader"]}
        ),
        collectives=pl.DataFrame(
            {"collective_code": ["K1"], "unit_code": ["U1"], "collective_name": ["Khoa"],
             "kind": ["department"]}
        ),
        people=pl.DataFrame({"person_code": ["P1", "P2", "P3", "P4", "P9"],
                             "full_name": ["An", "Bình", "Chi", "Dũng", "Chín"]}),
        roster=pl.DataFrame(
            {"year": [2025, 2025, 2025, 2024], "person_code": ["P1", "P2", "P3", "P4"],
             "unit_code": ["U1", "U2", "U3", "U2"]}
        ),
        awards=pl.DataFrame(
            AWARDS,
            schema=["year", "recipient_kind", "recipient_code", "award_code", "method",
                    "decision_date"],
            orient="row",
        ),
    )  # fmt: skip


def _row(table, key):
    r = next(i for i, row in enumerate(table.form.rows) if row.key == key)
    return list(table.grid[r])


def test_the_report_year_picks_the_circular_and_its_period():
    assert circular_for(2024).code == "02/2023/TT-BNV"
    assert circular_for(2025).code == "18/2025/TT-BNV"
    assert circular_for(2025).period_of(2025) == (D(2024, 12, 1), D(2025, 11, 30))


# 0603 columns: total, 2 Bằng khen (BK_BO, any), 3 CSTĐ cấp bộ (person), 4 Cờ thi đua cấp bộ
# (collective), 5 Huy hiệu, kỷ niệm chương (KNC, any).
def test_0603_whole_database(ds):
    f = form_table("0603", ds, year=2025)
    # in the period, on a roster: BK_BO P1, P2, P4, K1; CO_TD_BO U3; KNC P3 → 6
    assert _row(f, "01") == [6, 4, 0, 1, 1]
    assert _row(f, "02") == [2, 1, BLANK, 1, 0]  # collectives: K1's Bằng khen, U3's flag
    assert _row(f, "03") == [0, 0, 0, 0, 0]  # businesses: the data model holds none
    assert _row(f, "04") == [0, 0, 0, 0, 0]  # households
    assert _row(f, "05") == [4, 3, 0, BLANK, 1]  # BK_BO P1, P2, P4; KNC P3
    for code in ("06", "07", "08", "09", "10"):  # no field in the import tables
        assert _row(f, code) == [NO_DATA] * 5
    assert _row(f, "11") == [2, 2, 0, 0, 0]  # regular: P1, K1
    assert _row(f, "12") == [1, 1, 0, 0, 0]  # thematic: P2
    assert _row(f, "13") == [1, 0, 0, 1, 0]  # ad hoc: U3's flag
    for code in ("14", "15", "16", "17"):
        assert _row(f, code) == [0, 0, 0, 0, 0]
    assert _row(f, "method:none") == [2, 1, 0, 0, 1]  # P4's Bằng khen, P3's KNC
    assert (f.records, f.without_method) == (6, 2)
    assert f.unlocated.rows() == [("person", "P9", "BK_BO", 2025)]


def test_0603_a_cluster_by_that_years_members(ds):
    c1 = form_table("0603", ds, year=2025, cluster="C1")  # U1, U2 (2025's membership)
    assert _row(c1, "01") == [4, 4, 0, 0, 0]  # BK_BO P1, P2, P4 (U2 by 2024's roster), K1
    assert _row(c1, "02") == [1, 1, BLANK, 0, 0]
    assert _row(c1, "05") == [3, 3, 0, BLANK, 0]
    assert _row(c1, "11") == [2, 2, 0, 0, 0]
    assert _row(c1, "12") == [1, 1, 0, 0, 0]
    assert _row(c1, "13") == [0, 0, 0, 0, 0]
    assert _row(c1, "method:none") == [1, 1, 0, 0, 0]
    c2 = form_table("0603", ds, year=2025, cluster="C2")  # U3 only
    assert _row(c2, "01") == [2, 0, 0, 1, 1]
    assert _row(c2, "02") == [1, 0, BLANK, 1, 0]
    assert _row(c2, "05") == [1, 0, 0, BLANK, 1]
    assert _row(c2, "13") == [1, 0, 0, 1, 0]
    assert _row(c2, "method:none") == [1, 0, 0, 0, 1]


def test_0603_one_unit(ds):
    f = form_table("0603", ds, year=2025, unit="U2")
    assert _row(f, "01") == [2, 2, 0, 0, 0]  # P2's (30/11) and P4's (1/12/2024) Bằng khen
    assert _row(f, "02") == [0, 0, BLANK, 0, 0]
    assert _row(f, "05") == [2, 2, 0, BLANK, 0]
    assert _row(f, "12") == [1, 1, 0, 0, 0]
    assert _row(f, "method:none") == [1, 1, 0, 0, 0]
    assert (f.records, f.without_method) == (2, 1)


# 0602 columns: total; 2 orders and medals, Tập thể and Cá nhân for each of HC Lao động,
# HC Bảo vệ Tổ quốc, HC Chiến công, HC Chiến sĩ vẻ vang, Huy chương; 3 Giải HCM; 4 Giải NN;
# 5 vinh dự TT, CN; 6 Cờ CP; 7 BK TTg TT, CN; 8 CSTĐ toàn quốc; 9 khác TT, CN.
L, B = NOT_LISTED, BLANK


def test_0602_whole_and_clusters(ds):
    f = form_table("0602", ds, year=2025)
    # HC Chiến công P1 (person), HC BVTQ U3 (unit), Huy chương QKQT P3; BK TTg P2 is 2026's
    assert _row(f, "1") == [3, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, L, L, L, L, 0, 0, 0, 0, L, L]
    assert _row(f, "6") == [1, 0, B, 1, B, 0, B, 0, B, 0, B, B, B, L, B, 0, 0, B, B, L, B]
    assert _row(f, "7") == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, L, L, L, L, 0, 0, 0, 0, L, L]
    assert _row(f, "9") == [2, B, 0, B, 0, B, 1, B, 0, B, 1, L, L, B, L, B, B, 0, 0, B, L]
    assert _row(f, "15")[0] == 1  # regular: P1's HC Chiến công
    assert _row(f, "20")[0] == 1  # seniority: P3's medal
    assert _row(f, "method:none")[0] == 1  # U3's order
    assert _row(f, "2")[0] == NO_DATA and _row(f, "3")[0] == NO_DATA  # submitting body
    assert form_table("0602", ds, year=2025, cluster="C1").cell("1", 1) == 1
    assert form_table("0602", ds, year=2025, cluster="C2").cell("1", 1) == 2


@pytest.mark.parametrize("form", ["0602", "0603"])
def test_the_whole_form_is_the_sum_of_its_clusters(ds, form):
    whole = form_table(form, ds, year=2025)
    parts = [form_table(form, ds, year=2025, cluster=c) for c in ("C1", "C2")]
    for r, row in enumerate(whole.grid):
        for j, cell in enumerate(row):
            if isinstance(cell, int):
                assert cell == sum(p.grid[r][j] for p in parts), (whole.form.rows[r].key, j)
            else:
                assert all(p.grid[r][j] == cell for p in parts)


def _top(lay) -> str:
    return " | ".join((*lay.top_left, *lay.top_right, lay.period, *lay.notes))


def test_header_names_the_scope_and_its_receiver(ds, monkeypatch):
    monkeypatch.setenv("THIDUA_ORG_NAME", "Học viện Chính trị quốc gia Hồ Chí Minh")
    unit = _top(form_layout("0603", ds, year=2025, unit="U2"))
    assert "Đơn vị báo cáo: Hai |" in unit
    assert "Đơn vị nhận báo cáo: Ban Thi đua Học viện |" in unit  # C1's organiser
    lead = _top(form_layout("0603", ds, year=2025, unit="U1"))
    assert "Đơn vị báo cáo: Trường Chính trị tỉnh Hà Nam |" in lead  # no "Đơn vị Trường…"
    c2 = _top(form_layout("0603", ds, year=2025, cluster="C2"))
    assert "Đơn vị báo cáo: Ba (đơn vị trưởng Cụm 2)" in c2  # C2's lead unit
    assert "Đơn vị nhận báo cáo: Học viện Chính trị quốc gia Hồ Chí Minh |" in c2  # no organiser
    cluster = _top(form_layout("0603", ds, year=2025, cluster="C1"))
    assert "Đơn vị báo cáo: Trường Chính trị tỉnh Hà Nam (đơn vị trưởng Cụm 1)" in cluster
    assert "Đơn vị nhận báo cáo: Ban Thi đua Học viện |" in cluster
    whole = _top(form_layout("0603", ds, year=2025))
    assert "Đơn vị báo cáo: Học viện Chính trị quốc gia Hồ Chí Minh" in whole
    assert "Đơn vị nhận báo cáo: Bộ Nội vụ (Ban Thi đua – Khen thưởng Trung ương)" in whole
    assert "Năm báo cáo 2025: số liệu từ ngày 01/12/2024 đến ngày 30/11/2025" in whole
    assert "Thông tư số 18/2025/TT-BNV" in whole
    assert "mẫu biểu theo Thông tư 02/2023/TT-BNV" in whole  # 18/2025's layout not checked
    assert "Chưa ghi phương thức: 2 lượt" in whole
    assert "1 lượt khen thưởng trong kỳ của người không có trong danh sách" in whole
    assert "Chín (BK_BO)" in whole
    assert "Doanh nghiệp, hộ gia đình: 0" in whole
    old = _top(form_layout("0603", ds, year=2024))
    assert "Thông tư số 02/2023/TT-BNV" in old and "mẫu biểu theo" not in old


def test_workbook_holds_the_numbers_as_numbers(ds):
    data = to_xlsx(form_layout("0603", ds, year=2025, cluster="C2"), sheet="Biểu 0603")
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = {r[1]: r for r in ws.iter_rows(values_only=True) if r[1]}
    assert rows["01"][3:8] == (2, 0, 0, 1, 1)
    assert rows["03"][3:8] == (0, 0, 0, 0, 0)
    assert rows["13"][3:8] == (1, 0, 0, 1, 0)
    none = next(r for r in ws.iter_rows(values_only=True) if r[0] == "- Chưa ghi phương thức")
    assert none[3:8] == (1, 0, 0, 0, 1)
    assert "không có dữ liệu" in rows["06"][3]  # one cell says so across the row
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert not any(isinstance(v, str) and v.startswith("=") for r in ws.iter_rows(
        values_only=True) for v in r)  # fmt: skip


@pytest.mark.parametrize("form", ["0602", "0603"])
def test_pdf_is_one_page_with_a_method_missing(ds, form, tmp_path):
    from dashboard.forms.pdf import to_pdf

    assert shutil.which("pdftotext") and shutil.which("pdfinfo"), "poppler-utils is required"
    pdf = to_pdf(form_layout(form, ds, year=2025))
    (tmp_path / "f.pdf").write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(tmp_path / "f.pdf")], capture_output=True, check=True)
    assert re.search(r"^Pages:\s+1$", info.stdout.decode(), re.M)
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()  # fmt: skip
    assert "từ ngày 01/12/2024 đến ngày 30/11/2025" in text
    if form == "0603":
        line = next(x for x in text.splitlines() if x.strip().startswith("- Thường xuyên"))
        assert line.split() == ["-", "Thường", "xuyên", "11", "2", "2", "0", "0", "0"]
        line = next(x for x in text.splitlines() if "- Chưa ghi phương thức" in x)
        assert line.split()[-5:] == ["2", "1", "0", "0", "1"]


def test_command_writes_xlsx_and_pdf(ds, sqlite_engine, tmp_path, monkeypatch):
    from dashboard.cli import main
    from data_access.writer import upsert

    monkeypatch.setenv("THIDUA_AUTH_MODE", "open")
    with sqlite_engine.begin() as conn:
        for name in ("clusters", "units", "cluster_members", "cluster_roles", "collectives",
                     "people", "roster", "awards"):  # fmt: skip
            frame = getattr(ds, name)  # only the columns given (the others take defaults)
            upsert(
                conn,
                name,
                frame.select(c for c in frame.columns if frame[c].null_count() < frame.height),
            )
    url = sqlite_engine.url.render_as_string(hide_password=False)
    out = tmp_path / "b0603.xlsx"
    assert main(["form", "0603", "--year", "2025", "--cluster", "C1", "--out", str(out),
                 "--db", url]) == 0  # fmt: skip
    ws = openpyxl.load_workbook(out).active
    rows = {r[1]: r for r in ws.iter_rows(values_only=True) if r[1]}
    assert rows["01"][3:8] == (4, 4, 0, 0, 0)  # as in the cluster test, through the database
    pdf = tmp_path / "b0602.pdf"
    assert main(["form", "0602", "--year", "2025", "--out", str(pdf), "--db", url]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    assert main(["form", "0603", "--year", "2025", "--unit", "NOPE", "--out", str(out),
                 "--db", url]) == 2  # fmt: skip


def test_0602_one_unit(ds):
    f = form_table("0602", ds, year=2025, unit="U3")
    # U3's own HC Bảo vệ Tổ quốc (no method) and P3's Huy chương Quân kỳ quyết thắng
    assert _row(f, "1") == [2, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, L, L, L, L, 0, 0, 0, 0, L, L]
    assert _row(f, "6") == [1, 0, B, 1, B, 0, B, 0, B, 0, B, B, B, L, B, 0, 0, B, B, L, B]
    assert _row(f, "9") == [1, B, 0, B, 0, B, 0, B, 0, B, 1, L, L, B, L, B, B, 0, 0, B, L]
    assert _row(f, "20") == [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, L, L, L, L, 0, 0, 0, 0, L, L]
    assert _row(f, "method:none") == [1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, L, L, L, L, 0, 0, 0,
                                      0, L, L]  # fmt: skip
    assert (f.records, f.without_method) == (2, 1)
