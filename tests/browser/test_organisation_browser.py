"""In Chromium at 1440×900, on the demo as the app's first start loads it: the merged Ninh Bình
school (NB_TCT, 2025) on Xu hướng — its line drawn through the merger of 1 July 2025, a dotted
mark before 2025, named with the predecessors in the legend — and on Tổng quan — its
predecessors and the decision named —, and the projector's ranking of 2025 with the rank change
of the units merged that year left out and said so. Screenshots are saved
(tests/browser/screenshots/)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

SIZE = {"width": 1440, "height": 900}


def test_trends_of_the_merged_unit(page, goto, shoot):
    page.set_viewport_size(SIZE)
    goto("/xu_huong?year=2025&cluster=CUM4_DBSH&unit=NB_TCT")
    chart = page.locator(".js-plotly-plot").first
    chart.scroll_into_view_if_needed()
    legend = " ".join(
        chart.locator(".legendtext").evaluate_all("els => els.map(e => e.textContent || '')")
    )
    assert "Sáp nhập 01/07/2025: Hà Nam, Nam Định" in legend
    shoot("org-trends-NB_TCT-2025-1440")
    note = page.get_by_text("Trước năm 2025, đường của Trường Chính trị tỉnh Ninh Bình")
    note.scroll_into_view_if_needed()
    assert note.is_visible()
    shoot("org-trends-NB_TCT-2025-note-1440")


def test_overview_of_the_merged_unit(page, goto, shoot):
    page.set_viewport_size(SIZE)
    goto("/?year=2025&cluster=CUM4_DBSH&unit=NB_TCT")
    body = page.locator("[data-testid='stMain']")
    note = body.get_by_text("sáp nhập vào đơn vị này")
    assert note.is_visible()
    text = body.inner_text()
    assert "Trường Chính trị tỉnh Hà Nam, Trường Chính trị tỉnh Nam Định" in text
    assert "202/2025/QH15" in text
    shoot("org-overview-NB_TCT-2025-1440")


def test_projector_ranking_2025(page, goto, shoot):
    page.set_viewport_size(SIZE)
    goto("/trinh_chieu?year=2025&cluster=CUM4_DBSH&slides=ranking")
    # the note in the chart's top margin (a line below the chart would be cut on a 4K screen)
    notes = page.locator(".js-plotly-plot .annotation-text").evaluate_all(
        "els => els.map(e => e.textContent || '')"
    )
    assert "★ Đơn vị mới sáp nhập năm 2025: không so thứ hạng" in notes
    # five schools in 2025: the merged ones and Bắc Ninh, Quảng Ninh
    ticks = " ".join(
        page.locator(".js-plotly-plot .ytick text").evaluate_all(
            "els => els.map(e => e.textContent || '')"
        )
    )
    for name in ("Ninh Bình", "Hưng Yên", "Hải Phòng", "Bắc Ninh", "Quảng Ninh"):
        assert name in ticks
    assert "Hà Nam" not in ticks and "Vĩnh Phúc" not in ticks
    shoot("org-projector-ranking-2025-1440")
