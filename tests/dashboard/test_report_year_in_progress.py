"""The meeting pack of a year in progress (issue 21): no ranking, rank change, leader nor
targets met from empty figures; it says they come with the year-end review and prints what is
known, the monthly ratings so far and the early warnings. Figures from tests/dashboard/
progress_kit.py, worked out there by hand."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from dashboard.report.data import report_data
from dashboard.report.pdf import meeting_pack
from data_access.readers import Dataset
from tests.dashboard.progress_kit import frames


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return Dataset.empty(**frames())


def test_pack_data_of_the_year_in_progress(ds):
    d = report_data(ds, year=2026, cluster="C1", lang="vi")
    assert d["ranking"] == []
    assert d["pending"].startswith("Năm 2026 đang diễn ra: chưa có kết quả cả năm")
    # 5 staff; 9 + 2 = 11 person-months, 4 HTXSNV → 36,4 %; U2 behind, U1 over the cap
    assert [(c["label"], c["value"]) for c in d["highlights"]] == [
        ("Cán bộ, công chức, viên chức", "5"),
        ("Lượt bình xét hằng tháng đến nay", "11"),
        ("Lượt HTXSNV / tổng lượt bình xét đến nay", "36,4 %"),
        ("Đơn vị chậm bình xét tháng", "1"),
        ("Đơn vị có nguy cơ vượt trần HTXSNV", "1"),
        ("Xếp hạng năm 2026", "Có sau tổng kết năm"),
    ]
    assert d["warnings"] == [
        {
            "unit": "Hai",
            "what": "Chậm bình xét 2 tháng",
            "detail": "đã bình xét 1/3 tháng (cụm đã đến tháng 3)",
        },
        {
            "unit": "Một",
            "what": "Có nguy cơ vượt trần HTXSNV (3 lượt)",
            "detail": "4 lượt HTXSNV / 5 lượt HTTNV = 80,0 % > trần 20,0 % (được 1 lượt)",
        },
    ]


def test_pack_data_of_the_closed_year_keeps_its_ranking(ds):
    d = report_data(ds, year=2025, cluster="C1", lang="vi")
    assert d["pending"] is None and d["warnings"] == []
    # U1 3 of 3 LĐTT, U2 2 of 2: both meet LĐTT ≥ 90 %, tied 1st
    assert [(r["rank"], r["unit"], r["targets"]) for r in d["ranking"]] == [
        ("1", "Trường Hai", "1/1"),
        ("1", "Trường Một", "1/1"),
    ]


def test_pack_pdf_of_the_year_in_progress_in_both_languages(ds):
    assert shutil.which("pdftotext"), "poppler-utils (pdftotext) is required"

    def text(lang: str) -> str:
        pdf = meeting_pack(ds, year=2026, cluster="C1", lang=lang)
        out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
        return " ".join(out.stdout.decode().split())

    vi = text("vi")
    assert "chưa có thứ hạng, thay đổi thứ hạng, đơn vị dẫn đầu" in vi
    assert "Có nguy cơ vượt trần HTXSNV (3 lượt)" in vi
    assert "Dẫn đầu" not in vi and "Tăng hạng" not in vi and "Hạng năm trước" not in vi
    en = text("en")
    assert "no rank, rank change, leader or targets met yet" in en
    assert "HTXSNV cap at risk (3 over)" in en
    assert "First in" not in en and "Rose the most" not in en
