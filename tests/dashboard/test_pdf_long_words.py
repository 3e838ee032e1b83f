"""A word longer than its cell wraps in every PDF (issue 20: a 255-character unbreakable name,
the import's maximum, ran off the forms' header and over the meeting pack's award column).
Every cluster, unit, collective and person name of the demo becomes such a word; pdftotext's
word boxes then say that no text leaves the page and no two words print over each other."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from sqlalchemy import text

from dashboard.forms.files import form_file
from dashboard.report.pdf import meeting_pack
from dashboard.typst import BREAK_EVERY, ZWSP, breakable
from data_access.engine import make_engine, upgrade
from data_access.readers import load_dataset, read_years


@pytest.fixture(scope="module")
def long_names(tmp_path_factory):
    import seed

    eng = make_engine(f"sqlite:///{tmp_path_factory.mktemp('long') / 'thidua.db'}")
    upgrade(eng)
    seed.populate(eng, scale="demo", years=(2023, 2024), progress=False)
    word = "Ư" + "W" * 250  # 255 characters with the suffix, no space, wide letters
    with eng.begin() as conn:
        conn.execute(text("UPDATE units SET unit_name = :w || substr(unit_code, 1, 4), "
                          "short_name = NULL"), {"w": word})  # fmt: skip
        conn.execute(text("UPDATE people SET full_name = :w || substr(person_code, -4)"),
                     {"w": word})  # fmt: skip
        conn.execute(text("UPDATE collectives SET collective_name = :w || 'TT'"), {"w": word})
        conn.execute(text("UPDATE clusters SET cluster_name = :w || 'CC'"), {"w": word})
    with eng.connect() as conn:
        ds = load_dataset(conn, years=read_years(conn))
    eng.dispose()
    return ds


Box = tuple[int, float, float, float, float, float, str]  # page, width, x0, y0, x1, y1, word
_WORD = re.compile(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>')


def _words(pdf: bytes) -> list[Box]:
    """Every word pdftotext finds, with its page, the page's width and its box."""
    assert shutil.which("pdftotext"), "poppler-utils (pdftotext) is required"
    html = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()  # fmt: skip
    out: list[Box] = []
    page, width = 0, 0.0
    for line in html.splitlines():
        if m := re.search(r'<page width="([\d.]+)"', line):
            page, width = page + 1, float(m.group(1))
        elif m := _WORD.search(line):
            x0, y0, x1, y1 = (float(g) for g in m.groups()[:4])
            out.append((page, width, x0, y0, x1, y1, m.group(5)))
    return out


def _assert_contained(pdf: bytes) -> None:
    """No word off the page, and no two words printed over each other."""
    words = _words(pdf)
    assert any("WWWWWWWWWW" in w[-1] for w in words)  # the long names are there
    for _, width, _, _, x1, _, word in words:
        assert x1 <= width + 0.5, f"{word[:40]}… runs off the page ({x1:.0f} > {width:.0f})"
    for page in {w[0] for w in words}:
        boxes = sorted((w for w in words if w[0] == page), key=lambda w: w[2])
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                if b[2] >= a[4] - 1:  # sorted by x0: nothing further overlaps a in x
                    break
                overlap_y = min(a[5], b[5]) - max(a[3], b[3])
                smaller = min(a[5] - a[3], b[5] - b[3])
                assert overlap_y <= smaller / 2, (
                    f"{a[-1][:30]}… and {b[-1][:30]}… overprint ({a}, {b})"
                )


@pytest.mark.slow
def test_the_meeting_pack_wraps_long_names(long_names):
    _assert_contained(meeting_pack(long_names, year=2024, cluster="CUM4_DBSH", lang="vi"))


@pytest.mark.slow
@pytest.mark.parametrize("form", ["0602", "0603"])
@pytest.mark.parametrize(
    "scope", [{"unit": "BN_TCT"}, {"cluster": "CUM4_DBSH"}], ids=["unit", "cluster"]
)
def test_the_forms_wrap_long_names(long_names, form, scope):
    pdf = form_file(form, long_names, year=2024, fmt="pdf", lang="vi",
                    cluster=scope.get("cluster"), unit=scope.get("unit"))  # fmt: skip
    _assert_contained(pdf)


def test_breakable_marks_only_long_words():
    data = {"a": "Nguyễn Văn An", "b": ["x" * 25], "c": {"d": 7, "e": "ok"}}
    out = breakable(data)
    assert out["a"] == "Nguyễn Văn An" and out["c"] == {"d": 7, "e": "ok"}
    assert out["b"][0] == ZWSP.join(["x" * BREAK_EVERY] * 2 + ["x" * 5])
    # never between a letter and its combining mark (text not in NFC)
    decomposed = "a\u0301" * 15
    assert all(not part.startswith("\u0301") for part in breakable(decomposed).split(ZWSP))
