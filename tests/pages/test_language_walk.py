"""The language walk (issue 21): every page of the demo, in Vietnamese, shows no English word
and no internal code (tests/pages/language_kit.py: codes that are names, such as LĐTT, are
allowed), and every table it offers for download has Vietnamese headers; in English, no
Vietnamese interface text is left and every header is English."""

from __future__ import annotations

import csv
import io

import polars as pl
import pytest

from dashboard.exports import to_csv_bytes
from dashboard.i18n import has
from dashboard.ui import widgets
from tests.pages.language_kit import foreign_words, vietnamese_texts, visible_text

# Each page with the filters a user would open it on: the closed year, the year in progress,
# a unit, the military block's words, and each projector slide.
VIEWS = [
    ("overview", {"year": "2025", "cluster": "CUM4_DBSH"}),
    ("overview", {"year": "2026", "cluster": "KHOI_HVCT"}),
    ("unit", {"year": "2025", "cluster": "CUM4_DBSH"}),
    ("unit", {"year": "2025", "cluster": "CUM4_DBSH", "unit": "BN_TCT"}),
    ("unit", {"year": "2026", "cluster": "KHOI_HVCT", "unit": "PKHQS_HVCT"}),
    ("ranking", {"year": "2025", "cluster": "KHOI3_VPQH"}),
    ("ranking", {"year": "2026", "cluster": "CUM4_DBSH"}),
    ("trends", {"year": "2025", "cluster": "CUM4_DBSH"}),
    ("review", {"year": "2025", "cluster": "KHOI_HVCT"}),
    ("review", {"year": "2025", "cluster": "CUM4_DBSH", "unit": "BN_TCT"}),
    ("data", {"year": "2025", "cluster": "CUM4_DBSH"}),
    ("projector", {"year": "2025", "cluster": "CUM4_DBSH", "slides": "ranking,targets"}),
    ("projector", {"year": "2025", "cluster": "CUM4_DBSH", "slides": "trends,highlights"}),
    ("projector", {"year": "2026", "cluster": "CUM4_DBSH", "slides": "highlights,warnings"}),
]
IDS = [f"{p}-{'-'.join(v.values())}" for p, v in VIEWS]


@pytest.fixture
def offered(monkeypatch):
    """The tables a page offers for download, as (file name, frame)."""
    seen: list[tuple[str, pl.DataFrame]] = []
    real = widgets.download_files

    def spy(frame: pl.DataFrame, *, name: str, lang: str):
        seen.append((name, frame))
        return real(frame, name=name, lang=lang)

    monkeypatch.setattr(widgets, "download_files", spy)
    return seen


def _headers(frame: pl.DataFrame, lang: str) -> list[str]:
    text = to_csv_bytes(frame.head(0), headers=lang, lang=lang).decode("utf-8-sig")
    return next(csv.reader(io.StringIO(text)), [])


def _page_text(at) -> str:
    return visible_text(at)


@pytest.mark.parametrize(("page", "params"), VIEWS, ids=IDS)
def test_vietnamese_page_and_its_files(app, offered, page, params):
    at = app(page, **params)
    assert not at.exception, at.exception
    text = _page_text(at)
    found = foreign_words(text)
    lines = [line for line in text.splitlines() if any(w in line for w in found)]
    assert found == set(), lines[:10]
    for name, frame in offered:
        heads = _headers(frame, "vi")
        assert foreign_words(" ".join(heads)) == set(), (name, heads)


@pytest.mark.parametrize(("page", "params"), VIEWS, ids=IDS)
def test_english_page_and_its_files(app, offered, page, params):
    at = app(page, lang="en", **params)
    assert not at.exception, at.exception
    text = _page_text(at)
    assert sorted(v for v in vietnamese_texts() if v in text) == []
    for name, frame in offered:
        # a column the catalogue names has an English header of its own; one it does not name
        # (a criterion of the score table) is data, and the Vietnamese walk checks the codes
        en = dict(zip(frame.columns, _headers(frame, "en"), strict=True))
        vi = dict(zip(frame.columns, _headers(frame, "vi"), strict=True))
        same = [c for c in frame.columns if has(f"col.{c}") and en[c] == vi[c]]
        assert [(c, en[c]) for c in same if any(ch.islower() for ch in en[c])] == [], name


def test_vietnamese_import_summary_and_audit_view(seeded_url, monkeypatch, tmp_path):
    """An administrator imports a file (Vietnamese headers, as the template writes them): the
    summary table, the audit view and the page around them are Vietnamese."""
    import shutil

    from dashboard.access import Principal
    from tests.pages.roles_kit import run_as

    url = f"sqlite:///{tmp_path / 'copy.db'}"
    shutil.copy(seeded_url.removeprefix("sqlite:///"), url.removeprefix("sqlite:///"))
    monkeypatch.setenv("THIDUA_DB_URL", url)
    monkeypatch.setenv("THIDUA_AUTH_MODE", "password")
    at = run_as(Principal("quantri", "admin", None), "data", year="2025")
    at.file_uploader(key="upload").upload(
        "units.csv",
        "Mã đơn vị,Tên đơn vị,Mã cụm\nBN_TCT,Trường Chính trị tỉnh Bắc Ninh,CUM4_DBSH\n".encode(),
    ).run()
    at.button(key="run_import").click().run()  # the import reruns the page with its summary
    assert not at.exception, at.exception
    summary = next(d.value for d in at.dataframe if "Thêm mới" in d.value.columns)
    assert summary["Bảng"].tolist() == ["Đơn vị"]  # not "units"
    log = next(d.value for d in at.dataframe if "Thao tác" in d.value.columns)
    assert "Nhập dữ liệu" in log["Thao tác"].tolist()
    # the audit entries' details are records in a fixed form ("people year=2025 unit=…"), left
    # as written: the walk reads the rest of the page
    details = {str(v) for v in log["Chi tiết"].tolist()}
    # and the preview shows the file's cells as written (its codes are the officer's data)
    preview = next(d.value for d in at.dataframe if "Mã đơn vị" in d.value.columns)
    details |= {str(v) for col in preview.columns for v in preview[col].tolist()}
    text = "\n".join(line for line in visible_text(at).splitlines() if line not in details)
    text = text.replace("units\\.csv", "")  # the file's name, as the officer gave it
    found = foreign_words(text)
    assert found == set(), [line for line in text.splitlines() if any(w in line for w in found)]
