"""views.ranking: the score table and the ranking table fit one screen: short unit names on
screen (the full names in the download) and, where the criteria's names are long, numbered
criterion headers with the full names in the tooltips and the key below the table."""

import polars as pl

from dashboard.views.ranking import (
    criteria_key,
    criterion_labels,
    score_headers,
    score_helps,
    score_table,
    with_short_names,
)
from tests.dashboard.test_views_ranking import DS

LONG = {
    "Thực hiện nhiệm vụ đào tạo, bồi dưỡng cán bộ": 30.0,
    "Nghiên cứu khoa học": 20.0,
    "Tham gia hoạt động của cụm thi đua": 15.0,
}


def test_short_criterion_names_stay_long_ones_are_numbered_in_order():
    # "Phong trào" (10 letters), "Công tác chuyên môn" (19, short enough), "Công tác chuyên
    # môn nghiệp vụ" (29): one long name numbers them all
    assert criterion_labels(["Phong trào", "Công tác chuyên môn"], "vi") == {
        "Phong trào": "Phong trào",
        "Công tác chuyên môn": "Công tác chuyên môn",
    }
    assert criterion_labels(["Phong trào", "Công tác chuyên môn nghiệp vụ"], "vi") == {
        "Phong trào": "TC1",
        "Công tác chuyên môn nghiệp vụ": "TC2",
    }
    assert list(criterion_labels(list(LONG), "en").values()) == ["C1", "C2", "C3"]


def test_numbered_headers_keep_the_maxima_and_the_full_names_go_in_the_tooltips():
    # 30 + 20 + 15 = 65
    assert score_headers(LONG, "vi") == {
        "final_points": "Tổng điểm (tối đa 65)",
        "Thực hiện nhiệm vụ đào tạo, bồi dưỡng cán bộ": "TC1 (tối đa 30)",
        "Nghiên cứu khoa học": "TC2 (tối đa 20)",
        "Tham gia hoạt động của cụm thi đua": "TC3 (tối đa 15)",
    }
    helps = score_helps(LONG, "vi")
    assert helps["Nghiên cứu khoa học"] == "Nghiên cứu khoa học (tối đa 20)"
    assert helps["unit_name"].startswith("Tên ngắn")
    assert criteria_key(LONG, "vi") == (
        "TC1: Thực hiện nhiệm vụ đào tạo, bồi dưỡng cán bộ · TC2: Nghiên cứu khoa học"
        " · TC3: Tham gia hoạt động của cụm thi đua"
    )
    assert criteria_key({"Phong trào": 40.0}, "vi") == ""  # names shown: no key


def test_short_names_on_screen_the_codes_and_full_names_kept_for_the_download():
    scores = score_table(DS, year=2024, cluster="C", lang="vi")
    shown = with_short_names(scores, DS)
    # cluster C's names share "Trường": on screen "B" and "A", the rows in the same order
    assert shown.select("unit_code", "unit_name").rows() == [("U2", "B"), ("U1", "A")]
    assert shown.columns == scores.columns
    assert scores["unit_name"].to_list() == ["Trường B", "Trường A"]  # the download's frame


def test_a_ranking_with_its_short_names_and_a_unit_without_one():
    ranked = pl.DataFrame(
        {
            "unit_code": ["U1", "Z"],
            "unit_name": ["Trường A", "Trường Z"],
            "short_name": ["A", None],
        }
    )
    assert with_short_names(ranked, DS)["unit_name"].to_list() == ["A", "Trường Z"]
