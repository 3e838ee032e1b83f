"""In Chromium, on the demo as the app's first start loads it: Đơn vị 2026 (in progress) of a
civil and of a military unit answers with the months so far — the cards with the HTXSNV share
of all ratings named apart from the cap's own ratio, the early warnings, the monthly chart
with the cap line — and no annual section of dashes; Tổng quan 2026 shows the two figures
side by side. The awards chart's names stand clear of the bars. Screenshots are saved."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

SHARE = "Lượt HTXSNV / tổng lượt bình xét đến nay"
CAP = "Lượt HTXSNV / lượt HTTNV đến nay"


def _unit_2026(page, goto, shoot, cluster: str, unit: str, name: str, shown: str = "2026") -> None:
    goto(f"/don_vi?year=2026&cluster={cluster}&unit={unit}")
    body = page.locator("[data-testid='stMain']")
    assert body.get_by_text(f"Năm {shown} đang diễn ra").is_visible()
    assert body.get_by_text(SHARE).first.is_visible()
    assert body.get_by_text(CAP).first.is_visible()
    shoot(f"{name}-top-1920")
    later = body.get_by_text("có sau tổng kết năm")
    chart = page.locator(".js-plotly-plot").first
    chart.scroll_into_view_if_needed()
    shoot(f"{name}-monthly-1920")
    later.scroll_into_view_if_needed()
    assert later.is_visible()
    shoot(f"{name}-end-1920")
    text = body.inner_text()
    assert "Khen thưởng theo loại" not in text and "Hạn mức" not in text
    legend = " ".join(
        page.locator(".js-plotly-plot .legendtext").evaluate_all(
            "els => els.map(e => e.textContent || '')"
        )
    )
    assert "tỷ lệ tính trần" in legend


def test_civil_unit_2026(page, goto, shoot):
    # Vĩnh Phúc's school merged into Phú Thọ's in 2025: Hải Phòng's rates monthly in 2026
    _unit_2026(page, goto, shoot, "CUM4_DBSH", "HP_TCT", "unit-2026-civil")


def test_military_unit_2026(page, goto, shoot):
    # the academy's block runs on the school year: its 2026 is "2025–2026"
    _unit_2026(page, goto, shoot, "KHOI_HVCT", "PKHQS_HVCT", "unit-2026-military", "2025–2026")


def test_overview_2026_names_the_two_figures_apart(page, goto, shoot):
    goto("/?year=2026&cluster=CUM4_DBSH")
    body = page.locator("[data-testid='stMain']")
    assert body.get_by_text(SHARE).is_visible() and body.get_by_text(CAP).is_visible()
    assert body.get_by_text("tính cho từng đơn vị").is_visible()
    shoot("overview-2026-two-ratios-1920")


def test_awards_chart_names_clear_of_the_bars(page, goto, shoot):
    goto("/don_vi?year=2025&cluster=KHOI_HVCT&unit=PKHQS_HVCT")
    page.get_by_text("Khen thưởng theo loại").first.scroll_into_view_if_needed()
    shoot("unit-awards-standoff-2025-1920")
    chart = page.locator(".js-plotly-plot").filter(has_text="Khen thưởng theo loại").first
    label = chart.locator(".ytick text").first.bounding_box()
    bar = chart.locator(".bars path").first.bounding_box()
    assert label is not None and bar is not None
    assert bar["x"] - (label["x"] + label["width"]) >= 8  # px between the name and its bar
