"""The nomination list and the annual summary report on the small case of documents_kit (its
figures worked out by hand there): the quota, the candidates beyond it flagged, the figures
in their places in the Word document read back by python-docx, the workbook's numbers."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from docx import Document

from dashboard.documents.files import nominations_file, summary_file
from dashboard.documents.nominations import Quota, nominations
from dashboard.documents.summary import summary_data
from tests.dashboard.documents_kit import CANDIDATES, U1, YEAR, dataset

TODAY = dt.date(2024, 12, 10)


@pytest.fixture(scope="module")
def ds():
    return dataset()


def _text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    return "\n".join(parts)


def _rows(data: bytes, first: str) -> list[list[str]]:
    """The rows of the Word table whose head row starts with `first`."""
    doc = Document(io.BytesIO(data))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == first)
    return [[c.text for c in row.cells] for row in table.rows[1:]]


def test_the_quota_and_the_candidates_beyond_it(ds):
    n = nominations(ds, year=YEAR, unit="U1", award="CSTDCS")
    assert n.quota == Quota("Hạn mức CSTĐCS", allowed=3, used=1, remaining=2)
    assert sorted(c.name for c in n.candidates) == sorted(CANDIDATES)
    assert [c.beyond for c in n.candidates] == [False, False, True, True]  # flagged, kept
    assert [c.no for c in n.candidates] == [1, 2, 3, 4]
    assert n.over == 2
    assert all(c.reason.startswith("Đạt LĐTT, có ít nhất 1 sáng kiến") for c in n.candidates)
    assert nominations(ds, year=YEAR, unit="U2", award="CSTDCS").candidates == ()


def test_the_nomination_document_reads_back(ds):
    data = nominations_file(ds, year=YEAR, unit="U1", award="CSTDCS", today=TODAY)
    text = _text(data)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "TRƯỜNG CHÍNH TRỊ TỈNH HÀ NAM" in text  # the issuing body
    assert "ngày 10 tháng 12 năm 2024" in text
    assert "TỜ TRÌNH" in text and "“Chiến sĩ thi đua cơ sở” năm 2024" in text
    assert f"{U1} có 4 trường hợp đủ tiêu chuẩn" in text
    assert "được đề nghị 3, đã đạt 1, còn lại 2" in text
    assert "vượt hạn mức 2 người" in text
    rows = _rows(data, "STT")
    assert [r[0] for r in rows] == ["1", "2", "3", "4"]
    assert sorted(r[1] for r in rows) == sorted(CANDIDATES)
    assert [r[4] for r in rows] == ["", "", "Ngoài hạn mức", "Ngoài hạn mức"]
    doc = Document(io.BytesIO(data))
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert doc.styles["Normal"].font.name == "Times New Roman"


def test_the_nomination_workbook_holds_numbers(ds):
    data = nominations_file(ds, year=YEAR, unit="U1", award="CSTDCS", fmt="xlsx", today=TODAY)
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    values = {r[1]: r[2] for r in ws.iter_rows(values_only=True) if r[1] and r[2] is not None}
    assert values["Được đề nghị"] == 3 and values["Đã đạt"] == 1 and values["Còn lại"] == 2
    assert values["Vượt hạn mức (người)"] == 2
    rows = [r for r in ws.iter_rows(values_only=True) if isinstance(r[0], int)]
    assert [r[0] for r in rows] == [1, 2, 3, 4]
    assert [r[4] for r in rows] == [None, None, "Ngoài hạn mức", "Ngoài hạn mức"]
    assert ws.page_setup.paperSize == 9


def test_the_summary_of_a_unit(ds):
    d = summary_data(ds, year=YEAR, unit="U1", today=TODAY)
    assert [(r["count"], r["share"]) for r in d["ratings"]] == [
        ("5", "25,0 %"), ("15", "75,0 %"), ("0", "0,0 %"), ("0", "0,0 %")]  # fmt: skip
    assert [(r["count"], r["share"]) for r in d["titles"][:2]] == [
        ("20", "100,0 %"), ("1", "5,0 %")]  # fmt: skip
    assert "20 người" in d["staff_sentence"]
    data = summary_file(ds, year=YEAR, unit="U1", today=TODAY)
    text = _text(data)
    assert "BÁO CÁO" in text and "Tổng kết công tác thi đua, khen thưởng năm 2024" in text
    assert "TRƯỜNG CHÍNH TRỊ TỈNH HÀ NAM" in text
    rows = _rows(data, "Nội dung")  # the ratings table comes first
    assert rows[0] == ["Hoàn thành xuất sắc nhiệm vụ", "5", "25,0 %"]
    assert "Hạn mức CSTĐCS | 3 | 1 | 2" in text
    for placeholder in ("ưu điểm, hạn chế", "bài học kinh nghiệm", "phương hướng, nhiệm vụ"):
        assert f"[PHẦN ĐƠN VỊ VIẾT: {placeholder}" in text


def test_the_summary_of_a_cluster(ds):
    d = summary_data(ds, year=YEAR, cluster="C1", today=TODAY)
    assert [r["count"] for r in d["ratings"]] == ["5", "23", "2", "0"]
    assert [(r["count"], r["share"]) for r in d["titles"][:2]] == [
        ("28", "93,3 %"), ("1", "3,6 %")]  # fmt: skip
    assert "30 người" in d["staff_sentence"]
    caps = {r["rule"]: r["remaining"] for r in d["caps"]}
    assert caps[f"Hạn mức CSTĐCS – {U1}"] == "2"
    text = _text(summary_file(ds, year=YEAR, cluster="C1", today=TODAY, lang="en"))
    assert "REPORT" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
