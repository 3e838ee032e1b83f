"""The Word documents printed by LibreOffice Writer: pdftotext finds the unit's name with its
diacritics and each figure; pdffonts shows every font embedded. The nomination workbook opened
in LibreOffice vi-VN and en-US and saved back keeps its numbers as numbers."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import openpyxl
import pytest

from dashboard.documents.files import nominations_file, summary_file
from dashboard.documents.render import docx_to_pdf
from tests.dashboard.documents_kit import CANDIDATES, U1, YEAR, dataset
from tests.office.lo import convert, soffice

pytestmark = [pytest.mark.office, pytest.mark.slow]
TODAY = dt.date(2024, 12, 10)


@pytest.fixture(scope="module")
def ds():
    soffice()
    return dataset()


def _pdf_text_and_fonts(pdf: bytes, tmp: Path) -> tuple[str, str]:
    """The text twice, spaces collapsed: in reading order (a name over two lines of the header
    reads whole) and laid out (a table row reads across); then pdffonts' table."""
    path = tmp / "doc.pdf"
    path.write_bytes(pdf)
    texts = [
        subprocess.run(["pdftotext", *mode, str(path), "-"], capture_output=True, check=True,
                       text=True).stdout
        for mode in ([], ["-layout"])
    ]  # fmt: skip
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True,
                           text=True).stdout  # fmt: skip
    return re.sub(r"\s+", " ", " ¶ ".join(texts)), fonts


def _all_embedded(fonts: str) -> bool:
    rows = fonts.splitlines()[2:]
    # name, type…, emb, sub, uni, object, id: "emb" is the fourth field from the end
    return bool(rows) and all(r.split()[-5] == "yes" for r in rows)


def test_the_summary_prints_with_its_figures(ds, tmp_path):
    pdf = summary_file(ds, year=YEAR, unit="U1", fmt="pdf", today=TODAY)
    flat, fonts = _pdf_text_and_fonts(pdf, tmp_path)
    assert U1 in flat and "TRƯỜNG CHÍNH TRỊ TỈNH HÀ NAM" in flat
    assert "Hoàn thành xuất sắc nhiệm vụ 5 25,0 %" in flat
    assert "100,0 %" in flat and "5,0 %" in flat
    assert _all_embedded(fonts), fonts
    assert "LiberationSerif" in fonts or "TimesNewRoman" in fonts  # Times or its metric twin


def test_the_nomination_list_prints_with_its_candidates(ds, tmp_path):
    pdf = docx_to_pdf(nominations_file(ds, year=YEAR, unit="U1", award="CSTDCS", today=TODAY))
    flat, fonts = _pdf_text_and_fonts(pdf, tmp_path)
    assert U1 in flat
    for name in CANDIDATES:
        assert name in flat
    assert "được đề nghị 3, đã đạt 1, còn lại 2" in flat
    assert flat.count("Ngoài hạn mức") >= 2
    assert _all_embedded(fonts), fonts


@pytest.mark.parametrize("locale", ["vi-VN", "en-US"])
def test_the_nomination_workbook_keeps_numbers_in_libreoffice(ds, tmp_path, locale):
    src = tmp_path / "src"
    src.mkdir()
    f = src / "nominations.xlsx"
    f.write_bytes(nominations_file(ds, year=YEAR, unit="U1", award="CSTDCS", fmt="xlsx"))
    out = tmp_path / "out"
    out.mkdir()
    (saved,) = convert([f], out, locale=locale, root=tmp_path)
    ws = openpyxl.load_workbook(saved).active
    values = {r[1]: r[2] for r in ws.iter_rows(values_only=True) if r[1] and r[2] is not None}
    assert (values["Được đề nghị"], values["Đã đạt"], values["Còn lại"]) == (3, 1, 2)
    numbers = [r[0] for r in ws.iter_rows(values_only=True) if isinstance(r[0], (int, float))]
    assert numbers == [1, 2, 3, 4]
    assert sum(numbers) == 10  # they add up: numbers, not text
