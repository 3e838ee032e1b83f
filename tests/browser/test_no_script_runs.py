"""No user text runs as script in the browser: units named `<script>window.__xss=1</script>` and
`<img src=x onerror="window.__xss=2">` (written with writer.upsert into the database the test
starts the app on) show as visible text on the overview and the unit page, and `window.__xss`
is still undefined afterwards (rendered as HTML, the <img> would have set it and shown no text)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from sqlalchemy import text

from data_access.engine import make_engine, upgrade

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = "<script>window.__xss=1</script>"
IMG = '<img src=x onerror="window.__xss=2">'
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def _hostile_db(url: str) -> list[tuple[str, str]]:
    """Demo data with the first two units renamed; returns their (unit_code, cluster_code)."""
    import seed
    from data_access.writer import bump_data_version, upsert

    eng = make_engine(url)
    upgrade(eng)
    seed.populate(eng, scale="demo", years=(2019, 2025), progress=False)
    with eng.begin() as conn:
        rows = conn.execute(
            text("SELECT unit_code, cluster_code FROM units ORDER BY cluster_code, unit_code")
        ).all()[:2]
        renamed = pl.DataFrame(
            {
                "unit_code": [r[0] for r in rows],
                "unit_name": [SCRIPT, IMG],
                "cluster_code": [r[1] for r in rows],
            }
        )
        assert upsert(conn, "units", renamed).updated == 2
        bump_data_version(conn)
    eng.dispose()
    return [(r[0], r[1]) for r in rows]


@pytest.fixture(scope="module")
def hostile_app(browser, app_server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """The app (`streamlit run`) on that database; stopped at the end of the module."""
    url = f"sqlite:///{tmp_path_factory.mktemp('xss') / 'thidua.db'}"
    units = _hostile_db(url)
    with app_server(url, tmp_path_factory.mktemp("xss_log")) as base:
        yield {"base": base, "units": dict(zip((SCRIPT, IMG), units, strict=True))}


@pytest.mark.browser
@pytest.mark.parametrize("name", [SCRIPT, IMG], ids=["script", "img"])
@pytest.mark.parametrize("slug", ["tong_quan", "don_vi"])
def test_hostile_unit_name_is_text_and_never_runs(browser, hostile_app, slug, name):
    unit, cluster = hostile_app["units"][name]
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="vi-VN")
    try:
        page = context.new_page()
        page.goto(f"{hostile_app['base']}/{slug}?year=2025&cluster={cluster}&unit={unit}")
        page.wait_for_selector(IDLE, timeout=180_000)
        shown = page.get_by_text(name, exact=False).first
        shown.wait_for(state="visible", timeout=60_000)  # the name as characters on screen
        page.wait_for_timeout(1500)  # an onerror handler would have fired by now
        assert page.evaluate("typeof window.__xss") == "undefined"
        assert page.locator("img[src='x']").count() == 0
    finally:
        context.close()
