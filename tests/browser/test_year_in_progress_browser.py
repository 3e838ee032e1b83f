"""In Chromium, on the demo as the app's first start loads it: 2026 in progress shows its early
warnings (the HTXSNV cap from 2026) on Tổng quan and on the projector's warnings slide, and a
military block's Đơn vị page names its awards in military words. Screenshots are saved."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_overview_2026_shows_the_htxsnv_early_warning(page, goto, shoot):
    goto("/?year=2026&cluster=KHOI_HVCT")
    body = page.locator("[data-testid='stMain']")
    # the academy's block runs on the school year: its 2026 is shown "2025–2026"
    assert body.get_by_text("Năm 2025–2026 đang diễn ra").is_visible()
    summary = "1 đơn vị chậm bình xét tháng · 1 đơn vị có nguy cơ vượt trần HTXSNV"
    assert body.get_by_text(summary).is_visible()
    shoot("year-in-progress-overview-2026-1920")


def test_projector_warnings_slide_2026(page, goto, shoot):
    page.set_viewport_size({"width": 1366, "height": 768})
    goto("/trinh_chieu?year=2026&cluster=CUM4_DBSH&slides=warnings")
    summary = "1 đơn vị chậm bình xét tháng · 1 đơn vị có nguy cơ vượt trần HTXSNV"
    assert page.get_by_text(summary).is_visible()
    shoot("year-in-progress-projector-warnings-1366")


def test_military_unit_awards_in_military_words(page, goto, shoot):
    goto("/don_vi?year=2025&cluster=KHOI_HVCT&unit=PKHQS_HVCT")
    page.get_by_text("Khen thưởng theo loại").first.scroll_into_view_if_needed()
    shoot("military-unit-awards-2025-1920")
    ticks = page.locator(".js-plotly-plot .ytick text")
    svg = " ".join(ticks.evaluate_all("els => els.map(e => e.textContent || '')"))
    assert "Chiến sĩ tiên tiến" in svg
    assert "Lao động tiên tiến" not in svg and "Tập thể lao động" not in svg


def test_unit_page_2026_says_in_progress_and_warns(page, goto, shoot):
    goto("/don_vi?year=2026&cluster=KHOI_HVCT&unit=PKHQS_HVCT")
    body = page.locator("[data-testid='stMain']")
    assert body.get_by_text("Năm 2025–2026 đang diễn ra").is_visible()  # the school year
    shoot("year-in-progress-unit-2026-1920")
    cap = body.get_by_text("1 đơn vị có nguy cơ vượt trần HTXSNV")
    cap.scroll_into_view_if_needed()
    assert cap.is_visible()
    shoot("year-in-progress-unit-2026-warning-1920")
