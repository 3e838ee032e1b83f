"""Every table says its size and shows every row (issue 21): "Cần chú ý" on Tổng quan lists all
18 misses of the demo's Cụm 4 in 2023 with "18 dòng" under it, its name column as wide as the
longest name (a grid sizes columns on the rows it has drawn, so a name further down was cut).
The height that shows every row is checked in the browser (tests/browser/
test_chart_text_fit.py); here the count, the rows and the widths."""

from __future__ import annotations

import json

from dashboard.ui.widgets import ROWS_IN_VIEW, header_width, row_count, rows_height


def test_rows_height_shows_every_row_up_to_the_limit():
    # header + 18 rows of 35 px, 3 px of border
    assert rows_height(18) == 35 * 19 + 3 == 668
    assert rows_height(ROWS_IN_VIEW + 500) == rows_height(ROWS_IN_VIEW)


def test_row_count_words():
    assert row_count(18, "vi") == "18 dòng"
    assert row_count(1, "en") == "1 row(s)"
    assert row_count(1234, "vi").startswith("1.234 dòng: cuộn trong bảng")


def _widths(frame_el) -> dict[str, int]:
    cols = json.loads(frame_el.proto.columns)
    return {k: v["width"] for k, v in cols.items() if "width" in v}


def test_attention_list_shows_its_18_rows_and_their_count(app):
    # 2023: Cụm 4 still has its nine schools (the 2025 merger left five, and ten misses)
    at = app("overview", year="2023", cluster="CUM4_DBSH")
    assert not at.exception, at.exception
    table = next(d for d in at.dataframe if "Chỉ tiêu / quy định" in d.value.columns)
    assert table.value.shape[0] == 18  # seed/demo_features.py: Cụm 4's misses and overruns
    captions = [c.value for c in at.caption]
    assert "18 dòng" in captions
    # the unit column fits its longest (short) name: nothing cut
    longest = max(len(str(v)) for v in table.value["Đơn vị"])
    assert _widths(table)["Đơn vị"] >= header_width("x" * longest)


def test_national_assembly_names_are_not_cut(app):
    at = app("overview", year="2025", cluster="KHOI3_VPQH")
    assert not at.exception, at.exception
    table = next(d for d in at.dataframe if "Chỉ tiêu / quy định" in d.value.columns)
    names = [str(v) for v in table.value["Đơn vị"]]
    # "Văn phòng Đảng – Đoàn thể": 25 characters, shown in full (≥ 7,5 px a character)
    assert any(len(n) >= 20 for n in names), names
    assert _widths(table)["Đơn vị"] >= 7.5 * max(len(n) for n in names)
    assert f"{table.value.shape[0]} dòng" in [c.value for c in at.caption]
