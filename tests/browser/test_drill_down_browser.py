"""Click to drill down in the browser (issue 21): a click on a bar of Xếp hạng's ranking chart and
a click on a row of "Cần chú ý" on Tổng quan open that unit on Đơn vị (the selection events the
AppTests in tests/pages/test_drill_down.py write by hand)."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

SHOTS = Path(__file__).parent / "screenshots" / "drill"


def _wait_idle(pg, timeout_s: float = 180) -> None:
    idle = "[data-testid='stApp'][data-test-script-state='notRunning']"
    pg.wait_for_selector(idle, timeout=timeout_s * 1000)
    calm, deadline = 0, time.monotonic() + timeout_s
    while calm < 4 and time.monotonic() < deadline:
        skeletons = pg.locator("[data-testid='stSkeleton']").count()
        calm = calm + 1 if pg.locator(idle).count() == 1 and skeletons == 0 else 0
        time.sleep(0.25)
    time.sleep(1.0)


def _query(pg) -> dict[str, list[str]]:
    return parse_qs(urlsplit(pg.url).query)


@pytest.mark.browser
def test_a_click_on_a_ranking_bar_opens_the_unit(page):
    page.goto(page.base_url + "/xep_hang?year=2025&cluster=CUM4_DBSH&lang=vi")
    _wait_idle(page)
    bar = page.locator("[data-testid='stPlotlyChart'] .barlayer .point path").first
    bar.wait_for(timeout=60_000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "xep_hang_before.png"))
    bar.click(force=True)
    page.wait_for_url("**/don_vi?**", timeout=60_000)
    _wait_idle(page)
    page.screenshot(path=str(SHOTS / "don_vi_from_bar.png"))
    query = _query(page)
    assert query.get("cluster") == ["CUM4_DBSH"] and query.get("year") == ["2025"], page.url
    assert query.get("unit"), page.url
    assert page.locator("[data-testid='stException']").count() == 0


@pytest.mark.browser
def test_a_click_on_an_attention_row_opens_the_unit(page):
    page.goto(page.base_url + "/?year=2025&cluster=CUM4_DBSH&lang=vi")
    _wait_idle(page)
    grid = page.locator("[data-testid='stDataFrame']").first  # Cần chú ý, before any chart
    box = grid.bounding_box()
    # the row marker (selection) column of the first data row, below the 35 px header
    page.mouse.click(box["x"] + 16, box["y"] + 35 + 17)
    page.wait_for_url("**/don_vi?**", timeout=60_000)
    _wait_idle(page)
    page.screenshot(path=str(SHOTS / "don_vi_from_attention.png"))
    query = _query(page)
    assert query.get("cluster") == ["CUM4_DBSH"] and query.get("unit"), page.url
