"""Names beside codes in the people's files: every code column named, in the chosen language,
right after its code; the contract's columns keep their names and order; reasons in English."""

from __future__ import annotations

import io

import openpyxl
import polars as pl
import pytest

from dashboard.exports import to_xlsx_bytes
from dashboard.naming import with_names
from dashboard.tables import COLUMNS, analytics_table
from data_access.readers import Dataset

UNITS = pl.DataFrame(
    {"unit_code": ["PT", "HN"], "unit_name": ["Phú Thọ", "Hà Nam"], "cluster_code": ["C4"] * 2}
)
CLUSTERS = pl.DataFrame({"cluster_code": ["C4"], "cluster_name": ["Cụm 4"]})


@pytest.mark.parametrize(
    ("lang", "award", "rule"),
    [("vi", "Lao động tiên tiến", "Hạn mức CSTĐCS"), ("en", "Advanced Worker", "CSTĐCS cap")],
)
def test_each_code_gets_its_name_after_it(lang, award, rule):
    frame = pl.DataFrame(
        {"unit_code": ["HN", None, "XX"], "award_code": ["LDTT"] * 3, "rule": ["CSTDCS_CAP"] * 3}
    )
    out = with_names(frame, units=UNITS, lang=lang)
    assert out.columns == ["unit_code", "unit_name", "award_code", "award_name", "rule",
                           "rule_name"]  # fmt: skip
    # a unit not in the dataset and the cluster's pooled row (no unit) get no name, not a guess
    assert out["unit_name"].to_list() == ["Hà Nam", None, None]
    assert out["award_name"].to_list() == [award] * 3
    assert out["rule_name"].to_list() == [rule] * 3


def _eligibility_dataset() -> Dataset:
    people = pl.DataFrame({"person_code": ["P1"], "full_name": ["Nguyễn Văn A"]})
    roster = pl.DataFrame({"year": [2024], "person_code": ["P1"], "unit_code": ["PT"]})
    return Dataset.empty(clusters=CLUSTERS, units=UNITS, people=people, roster=roster)


def test_eligibility_reasons_follow_the_language():
    ds = _eligibility_dataset()
    vi = analytics_table("eligibility", ds, year=2024, lang="vi")
    en = analytics_table("eligibility", ds, year=2024, lang="en")
    plain = analytics_table("eligibility", ds, year=2024)
    assert plain.columns == list(COLUMNS["eligibility"])  # the contract alone without a lang
    contract = [c for c in en.columns if c in COLUMNS["eligibility"]]
    assert contract == list(COLUMNS["eligibility"])  # order kept among the contract's columns
    assert vi["reason"].to_list() == plain["reason"].to_list()
    # P1 has no yearly rating on record: neither LĐTT nor CSTĐCS, said in each language
    assert vi["reason"].to_list() == [
        "Chưa có xếp loại", "Chưa có xếp loại; Chưa đạt LĐTT; Không có sáng kiến"
    ]  # fmt: skip
    assert en["reason"].to_list() == [
        "No rating yet", "No rating yet; Not LĐTT this year; No initiative"
    ]  # fmt: skip
    assert en["unit_name"].unique().to_list() == ["Phú Thọ"]
    assert set(en["award_name"].to_list()) <= {"Advanced Worker", "Grassroots Emulation Fighter",
                                               "Advanced Soldier"}  # fmt: skip


def test_xlsx_prints_one_page_wide_with_named_fonts_and_wrapped_reasons():
    frame = pl.DataFrame({"unit_code": ["PT"], "reason": ["x" * 200], "count": [3]})
    data = to_xlsx_bytes(frame, title="Eligibility — Cluster 4 — 2024", headers="en")
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.print_title_rows == "$1:$1"
    assert ws.oddHeader.center.text == "Eligibility — Cluster 4 — 2024"
    assert ws.oddFooter.left.text.startswith("Exported ")
    # 200 characters wrap within a 40-character column (38 of text): ceil(200 / 38) = 6 lines,
    # and the row is made that tall (13 points a line), not left for the reader to grow
    assert ws["B2"].alignment.wrap_text and ws.column_dimensions["B"].width <= 41
    assert ws.row_dimensions[2].height == 13 * 6
    assert {ws["A1"].font.name, ws["A2"].font.name, ws["C2"].font.name} == {"Arial"}
