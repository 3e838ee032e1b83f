"""The meeting pack PDF on a small cluster: pdftotext finds the cluster's name with its
diacritics and every unit, the expected pages; pdffonts shows every font embedded; the
ranking's rank change reads as worked out by hand."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import polars as pl
import pytest

from dashboard.cli import main
from dashboard.report.data import report_data
from dashboard.report.pdf import meeting_pack
from data_access.readers import Dataset
from data_access.writer import upsert

CLUSTER = "Cụm thi đua số 4 – Đồng bằng sông Hồng"
UNITS = {"HD": "Trường Chính trị tỉnh Hải Dương", "NB": "Trường Chính trị tỉnh Ninh Bình",
         "QN": "Trường Chính trị tỉnh Quảng Ninh"}  # fmt: skip
# staff, LĐTT-or-higher per year: 2023 and 2024
STAFF = {("HD", 2023): (40, 30), ("NB", 2023): (20, 19), ("QN", 2023): (50, 40),
         ("HD", 2024): (40, 38), ("NB", 2024): (20, 15), ("QN", 2024): (50, 45)}  # fmt: skip


def _frames() -> dict[str, pl.DataFrame]:
    counts = [(y, u, m, v) for (u, y), vals in STAFF.items()
              for m, v in zip(("staff", "persons_ldtt_plus"), vals, strict=True)]  # fmt: skip
    return {
        "clusters": pl.DataFrame({"cluster_code": ["C4"], "cluster_name": [CLUSTER]}),
        "units": pl.DataFrame(
            {
                "unit_code": list(UNITS),
                "unit_name": list(UNITS.values()),
                "cluster_code": ["C4"] * 3,
            }
        ),
        "unit_counts": pl.DataFrame(
            counts, schema=["year", "unit_code", "measure", "value"], orient="row"
        ),
        "targets": pl.DataFrame(
            {
                "year": [2023, 2024],
                "scope_kind": ["cluster"] * 2,
                "scope_code": ["C4"] * 2,
                "indicator": ["LDTT_RATE"] * 2,
                "min_pct": [80.0, 80.0],
            }
        ),
    }


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return Dataset.empty(**_frames())


def _text(pdf: bytes) -> str:
    assert shutil.which("pdftotext"), "poppler-utils (pdftotext) is required"
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()  # fmt: skip


def test_ranking_and_rank_change_by_hand(ds):
    d = report_data(ds, year=2024, cluster="C4", today=dt.date(2024, 12, 10))
    # LĐTT rate 2024: HD 38/40 = 95 % (met), NB 15/20 = 75 % (below), QN 45/50 = 90 % (met);
    # 2023: HD 75 % (below), NB 95 % (met), QN 80 % (met). By targets met (one target each):
    # 2024 HD and QN 1/1, NB 0/1; 2023 NB and QN 1/1, HD 0/1.
    rows = {r["unit"]: r for r in d["ranking"]}
    assert rows[UNITS["NB"]]["targets"] == "0/1"
    assert rows[UNITS["HD"]]["targets"] == "1/1" and rows[UNITS["QN"]]["targets"] == "1/1"
    assert rows[UNITS["NB"]]["rank"] > rows[UNITS["HD"]]["rank"]
    assert rows[UNITS["NB"]]["down"] and rows[UNITS["HD"]]["up"]
    cells = {r["unit"]: r["cells"][0] for r in d["targets"]["rows"]}
    assert cells[UNITS["NB"]] == {"text": "75,0 %", "status": "below"}
    assert cells[UNITS["HD"]] == {"text": "95,0 %", "status": "met"}
    ldtt = next(s for s in d["trends"] if s["points"][0][0] == 2023)
    # pooled: 2023 (30+19+40)/110 = 80.909… %, 2024 (38+15+45)/110 = 89.0909… %
    assert [round(v, 2) for _, v in ldtt["points"]] == [80.91, 89.09]


@pytest.mark.parametrize(("lang", "title"), [("vi", "Tài liệu họp cụm thi đua"),
                                             ("en", "Cluster meeting pack")])  # fmt: skip
def test_pdf_text_pages_and_fonts(ds, lang, title, tmp_path):
    pdf = meeting_pack(ds, year=2024, cluster="C4", lang=lang, today=dt.date(2024, 12, 10))
    text = _text(pdf)
    assert CLUSTER in text  # with its diacritics, as one string
    assert title in text
    for name in UNITS.values():
        assert name in text
    # three parts, each from a new page: title + highlights + ranking; targets + trends;
    # review lists; the footer numbers them
    assert text.count("\f") == 3
    assert ("Trang 3/3" if lang == "vi" else "Page 3/3") in text
    path = tmp_path / "pack.pdf"
    path.write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True,
                           text=True).stdout.splitlines()[2:]  # fmt: skip
    assert fonts and all(" yes yes " in f for f in fonts), fonts  # embedded and subset
    assert any("NotoSans" in f for f in fonts)


def test_command_writes_the_pack(sqlite_engine, tmp_path, monkeypatch):
    monkeypatch.setenv("THIDUA_AUTH_MODE", "open")
    with sqlite_engine.begin() as conn:
        for table, frame in _frames().items():
            upsert(conn, table, frame)
    url = sqlite_engine.url.render_as_string(hide_password=False)
    out = tmp_path / "hop_cum.pdf"
    args = ["report", "--year", "2024", "--cluster", "C4", "--out", str(out), "--db", url]
    assert main(args) == 0
    assert CLUSTER in _text(out.read_bytes())
    assert main(["report", "--year", "2024", "--cluster", "NOPE", "--out", str(out),
                 "--db", url]) == 2  # fmt: skip


def test_a_military_blocks_pack_speaks_its_words():
    frames = _frames()
    frames["units"] = frames["units"].with_columns(profile=pl.lit("military"))
    d = report_data(Dataset.empty(**frames), year=2024, cluster="C4", today=dt.date(2024, 12, 10))
    assert d["targets"]["heads"] == ["CSTT"]
    assert [s["name"] for s in d["trends"]] == ["CSTT"]
    # staff 40 + 20 + 50 = 110 service members; pooled CSTT (38+15+45)/110 = 89,1 %
    cards = {c["label"]: c["value"] for c in d["highlights"]}
    assert cards["Quân nhân"] == "110"
    assert cards["Tỷ lệ Chiến sĩ tiên tiến (toàn khối)"] == "89,1 %"


@pytest.mark.parametrize(("staff", "ldtt", "printed"), [(510, 65, "12,7 %"), (66, 3, "4,5 %")])
def test_percentages_are_rounded_once_from_the_unrounded_value(staff, ldtt, printed):
    # 65/510 = 12,745…% and 3/66 = 4,545…%: the files' two decimals (12,75; 4,55) rounded
    # again would print 12,8 % and 4,6 %
    counts = pl.DataFrame(
        [(2024, "HD", "staff", staff), (2024, "HD", "persons_ldtt_plus", ldtt)],
        schema=["year", "unit_code", "measure", "value"], orient="row",
    )  # fmt: skip
    frames = {**_frames(), "unit_counts": counts}
    frames["units"] = frames["units"].head(1)
    d = report_data(Dataset.empty(**frames), year=2024, cluster="C4", today=dt.date(2024, 12, 10))
    assert d["targets"]["rows"][0]["cells"][0]["text"] == printed  # the unit's LĐTT rate
    assert d["trends"][0]["last"] == printed  # the cluster's pooled rate (one unit)
    assert any(h["value"] == printed for h in d["highlights"])  # the LĐTT card
