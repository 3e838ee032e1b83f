"""Xếp hạng and Trình chiếu of a year in progress (issue 21): no rank, rank change or leader
from empty figures; each says the ranking comes with the year-end review and shows what is
known (the monthly ratings so far, the early warnings). The hand-made cluster of
tests/dashboard/progress_kit.py (figures worked out there), then the demo's 2026."""

from __future__ import annotations

import json

import pytest

from tests.dashboard.progress_kit import frames
from tests.pages.roles_kit import rendered_text


@pytest.fixture
def progress_url(make_db):
    return make_db(frames())


def _warning_units(at) -> list[str]:
    rows = next(d.value for d in at.dataframe if "Cảnh báo" in d.value.columns)
    return rows["Đơn vị"].tolist()


def test_ranking_page_of_the_year_in_progress(app_on, progress_url):
    at = app_on(progress_url)("ranking", year="2026", cluster="C1")
    assert not at.exception, at.exception
    infos = [i.value for i in at.info]
    assert any(i.startswith("Chưa có kết quả cả năm") for i in infos), infos
    assert any(i.startswith("Xếp hạng năm 2026 có sau tổng kết năm") for i in infos), infos
    # what is known: 5 staff, 11 person-months, 4 HTXSNV → 36,4 %; cap ratio 4 / 7 = 57,1 %
    cards = {m.label: m.value for m in at.metric}
    assert cards["Lượt bình xét hằng tháng đến nay"] == "11"
    assert cards["Lượt HTXSNV / tổng lượt bình xét đến nay"] == "36,4 %"
    assert cards["Lượt HTXSNV / lượt HTTNV đến nay"] == "57,1 %"
    assert _warning_units(at) == ["Hai", "Một"]  # U2 behind, U1 over the cap
    # no ranking chart, no rank table: the only charts would be the ranks of past years
    assert not any("Thứ hạng" in d.value.columns for d in at.dataframe)
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert not any("2026" in json.dumps(s.get("data", [])) for s in specs)


def test_ranking_page_of_the_closed_year_still_ranks(app_on, progress_url):
    at = app_on(progress_url)("ranking", year="2025", cluster="C1")
    assert not at.exception, at.exception
    assert not any("có sau tổng kết năm" in i.value for i in at.info)
    table = next(d.value for d in at.dataframe if "Thứ hạng" in d.value.columns)
    assert table["Thứ hạng"].tolist() == [1, 1]  # both units meet their one target: tied


def test_ranking_page_in_english(app_on, progress_url):
    at = app_on(progress_url)("ranking", year="2026", cluster="C1", lang="en")
    assert not at.exception, at.exception
    assert any(
        i.value.startswith("The 2026 ranking comes with the year-end review") for i in at.info
    )


@pytest.mark.parametrize("slide", ["ranking", "targets"])
def test_projector_ranking_and_targets_slides_say_when(app_on, progress_url, slide):
    at = app_on(progress_url)("projector", year="2026", cluster="C1", slides=slide)
    assert not at.exception, at.exception
    text = rendered_text(at)
    assert "có sau tổng kết năm" in text
    heads = [s.value for s in at.subheader]
    assert "1 đơn vị chậm bình xét tháng · 1 đơn vị có nguy cơ vượt trần HTXSNV" in heads
    assert not at.get("plotly_chart")  # no chart of ranks or targets met


def test_projector_highlights_of_the_year_in_progress(app_on, progress_url):
    at = app_on(progress_url)("projector", year="2026", cluster="C1", slides="highlights")
    assert not at.exception, at.exception
    assert {m.label: m.value for m in at.metric} == {
        "Cán bộ, công chức, viên chức": "5",
        "Lượt bình xét hằng tháng đến nay": "11",
        "Lượt HTXSNV / tổng lượt bình xét đến nay": "36,4 %",
        "Đơn vị chậm bình xét tháng": "1",
        "Đơn vị có nguy cơ vượt trần HTXSNV": "1",
        "Xếp hạng năm 2026": "Có sau tổng kết năm",
    }


# --- the demo's 2026, as the issue saw it -------------------------------------------------------
def test_demo_2026_has_no_made_up_leader_or_rise(app):
    for slide in ("ranking", "highlights"):
        at = app("projector", year="2026", cluster="CUM4_DBSH", slides=slide)
        assert not at.exception, at.exception
        text = rendered_text(at)
        assert "Dẫn đầu" not in text and "Tăng hạng" not in text and "▲" not in text, slide
    at = app("ranking", year="2026", cluster="CUM4_DBSH")
    assert not at.exception, at.exception
    assert not any("Thứ hạng" in d.value.columns for d in at.dataframe)
    assert any("có sau tổng kết năm" in i.value for i in at.info)
