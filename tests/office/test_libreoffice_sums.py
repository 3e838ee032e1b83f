"""Every export opened in a real office suite (LibreOffice headless) in a vi-VN and an en-US
profile and saved back: each number column is numbers (not text) and sums to the engine's
figure; no cell turned into a formula. The template, re-saved, keeps its drop-downs to row
10 001.

How each file is opened is what README "Files for people and for programs" tells a person:
XLSX by double-click in any locale; the data CSV with the import language English (USA) when
the office suite runs in Vietnamese (its profile's own locale reads "89.83" as text and
"1.234" as 1234 — shown below); "CSV cho Excel tiếng Việt" in a Vietnamese profile.
"""

from __future__ import annotations

import math
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from dashboard.exports import to_csv_bytes, to_xlsx_bytes
from dashboard.tables import TABLES, analytics_table
from data_access.engine import make_engine, upgrade
from data_access.importer.template import LAST_ROW, build_template
from data_access.readers import load_dataset
from seed import populate
from tests.office.lo import CSV_DATA, CSV_EXCEL_VI, EN_US, convert, soffice

pytestmark = [pytest.mark.office, pytest.mark.slow]
YEAR = 2024
LANGS = ("vi", "en")
INJECTED = pl.DataFrame({"unit_code": ["=1+1", "@SUM(A1)", "+7"], "count": [1, 2, 3]})


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> tuple[Path, dict[tuple[str, str], pl.DataFrame], Path]:
    """The demo data's first cluster: every table in every language, as data CSV, CSV for
    Vietnamese Excel and XLSX; the frames behind them; a scratch root for profiles."""
    soffice()
    root = tmp_path_factory.mktemp("office")
    eng = make_engine(f"sqlite:///{root / 'demo.db'}")
    upgrade(eng)
    populate(eng, scale="demo", years=(2021, YEAR), progress=False)
    with eng.connect() as conn:
        ds = load_dataset(conn)
    eng.dispose()
    cluster = sorted(ds.clusters["cluster_code"].cast(pl.String).to_list())[0]
    src = root / "src"
    src.mkdir()
    frames = {}
    for name in TABLES:
        for lang in LANGS:
            frame = analytics_table(name, ds, year=YEAR, cluster=cluster, lang=lang)
            frames[(name, lang)] = frame
            (src / f"{name}_{lang}.csv").write_bytes(to_csv_bytes(frame, headers=lang))
            (src / f"{name}_{lang}.xlsx").write_bytes(to_xlsx_bytes(frame, headers=lang))
            (src / f"{name}_{lang}_excelvi.csv").write_bytes(
                to_csv_bytes(frame, headers=lang, style="excel_vi")
            )
    for lang in LANGS:
        (src / f"injected_{lang}.csv").write_bytes(to_csv_bytes(INJECTED, headers=lang))
        (src / f"injected_{lang}.xlsx").write_bytes(to_xlsx_bytes(INJECTED, headers=lang))
    return src, frames, root


def _numeric(frame: pl.DataFrame) -> list[int]:
    return [j for j, d in enumerate(frame.dtypes) if d.is_numeric()]


def _check_sums(saved: Path, frame: pl.DataFrame) -> dict[str, float]:
    """Numbers stay numbers and sum to the frame's; no cell is a formula. Returns the sums."""
    ws = openpyxl.load_workbook(saved).active
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == frame.height, saved.name
    sums = {}
    for j in _numeric(frame):
        col = frame.columns[j]
        cells = [r[j] for r in rows if r[j] is not None and r[j] != ""]
        text = [c for c in cells if isinstance(c, str)]
        assert not text, f"{saved.name}: {col} has text cells {text[:3]}"
        expected = frame[col].drop_nans().sum() if frame[col].dtype.is_float() else frame[col].sum()
        got = sum(cells)
        assert math.isclose(got, expected, rel_tol=1e-9, abs_tol=1e-6), (saved.name, col, got,
                                                                         expected)  # fmt: skip
        sums[col] = got
    formulas = [c for r in ws.iter_rows(values_only=True) for c in r
                if isinstance(c, str) and c.startswith("=")]  # fmt: skip
    assert not formulas, f"{saved.name}: formulas {formulas[:3]}"
    return sums


def _inputs(src: Path, suffix: str) -> list[Path]:
    return [src / f"{n}_{lang}{suffix}" for n in TABLES for lang in LANGS]


@pytest.mark.parametrize("locale", ["vi-VN", "en-US"])
def test_xlsx_sums_in_both_profiles(files, locale, tmp_path):
    src, frames, root = files
    saved = convert(_inputs(src, ".xlsx"), tmp_path, locale=locale, root=root)
    for path in saved:
        name, lang = path.stem.rsplit("_", 1)
        _check_sums(path, frames[(name, lang)])


@pytest.mark.parametrize(("locale", "language"), [("en-US", ""), ("vi-VN", EN_US)])
def test_data_csv_sums(files, locale, language, tmp_path):
    src, frames, root = files
    saved = convert(_inputs(src, ".csv"), tmp_path, locale=locale, root=root,
                    infilter=CSV_DATA + language)  # fmt: skip
    for path in saved:
        name, lang = path.stem.rsplit("_", 1)
        _check_sums(path, frames[(name, lang)])


def test_csv_for_vietnamese_excel_sums_in_a_vietnamese_profile(files, tmp_path):
    src, frames, root = files
    saved = convert(_inputs(src, "_excelvi.csv"), tmp_path, locale="vi-VN", root=root,
                    infilter=CSV_EXCEL_VI)  # fmt: skip
    for path in saved:
        name, lang, _ = path.stem.rsplit("_", 2)
        _check_sums(path, frames[(name, lang)])


def test_why_the_data_csv_names_its_language(files, tmp_path):
    """Opened with a Vietnamese profile's own number reading, "." decimals are not numbers:
    the reason the README says to pick English (USA) in the import dialog, or take the XLSX."""
    src, frames, root = files
    (path,) = convert([src / "rankings_vi.csv"], tmp_path, locale="vi-VN", root=root,
                      infilter=CSV_DATA)  # fmt: skip
    frame = frames[("rankings", "vi")]
    j = frame.columns.index("final_points")
    cells = [r[j] for r in openpyxl.load_workbook(path).active.iter_rows(min_row=2,
             values_only=True)]  # fmt: skip
    fractional = [v for v in frame["final_points"].to_list() if v is not None and v % 1]
    assert fractional, "the demo's final points should hold decimals"
    assert any(isinstance(c, str) for c in cells)


@pytest.mark.parametrize("locale", ["vi-VN", "en-US"])
def test_no_formula_is_evaluated(files, locale, tmp_path):
    src, _, root = files
    for suffix, infilter in ((".xlsx", None), (".csv", CSV_DATA + EN_US)):
        out = tmp_path / suffix.strip(".")
        out.mkdir()
        paths = [src / f"injected_{lang}{suffix}" for lang in LANGS]
        for path in convert(paths, out, locale=locale, root=root, infilter=infilter):
            ws = openpyxl.load_workbook(path).active
            values = [r[0] for r in ws.iter_rows(min_row=2, values_only=True)]
            # text stays text: never 2, never a formula (CSV keeps its guard apostrophe)
            assert all(isinstance(v, str) for v in values), (path.name, values)
            assert [v.lstrip("'") for v in values] == INJECTED["unit_code"].to_list()


def _dropdowns(path: Path) -> dict[str, list[tuple[int, int]]]:
    wb = openpyxl.load_workbook(path)
    return {
        ws.title: sorted((r.min_row, r.max_row) for dv in ws.data_validations.dataValidation
                         for r in dv.sqref.ranges)
        for ws in wb.worksheets if ws.data_validations.dataValidation
    }  # fmt: skip


@pytest.mark.parametrize("locale", ["vi-VN", "en-US"])
def test_template_resaved_keeps_dropdowns_to_the_last_row(files, locale, tmp_path):
    """LibreOffice 7.4 saves a drop-down only to 1 000 rows past the last row in use, so a
    blank template comes back with rows 2–1 002 (a whole-column list too), and a sheet filled
    down to row 9 001 keeps the declared rows 2–10 001."""
    _, _, root = files
    src = tmp_path / "src"
    src.mkdir()
    blank = src / "mau_trong.xlsx"
    blank.write_bytes(build_template())
    declared = _dropdowns(blank)
    assert declared and all(r == (2, LAST_ROW) for rs in declared.values() for r in rs)
    wb = openpyxl.load_workbook(blank)
    for title in declared:
        wb[title].cell(row=LAST_ROW - 1000, column=1, value="x")  # a clerk's last row
    filled = src / "mau_day.xlsx"
    wb.save(filled)
    saved_blank, saved_filled = convert([blank, filled], tmp_path, locale=locale, root=root)
    after = _dropdowns(saved_filled)
    assert after.keys() == declared.keys()
    for title, ranges in after.items():
        assert len(ranges) == len(declared[title]), title
        assert all(r == (2, LAST_ROW) for r in ranges), (title, ranges)
    for title, ranges in _dropdowns(saved_blank).items():
        assert all(lo == 2 and hi >= 1_001 for lo, hi in ranges), (title, ranges)
