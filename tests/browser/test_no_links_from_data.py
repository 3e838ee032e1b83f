"""Names from data never become links (issue 14): a unit named `https://evil.example/don-vi`
and a cluster named `www.evil-cum.example` (written straight into the database the app is
started on) show on every page as plain text; no <a href> anywhere points at them."""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl
import pytest
from sqlalchemy import text

from data_access.engine import make_engine, upgrade
from tests.browser.conftest import VIEWPORT, _wait_idle

UNIT_NAME = "https://evil.example/don-vi"
CLUSTER_NAME = "www.evil-cum.example"
SLUGS = ["tong_quan", "don_vi", "xep_hang", "xu_huong", "binh_xet", "du_lieu", "trinh_chieu"]


def _linky_db(url: str) -> tuple[str, str]:
    import seed
    from data_access.writer import bump_data_version, upsert

    eng = make_engine(url)
    upgrade(eng)
    seed.populate(eng, scale="demo", years=(2019, 2025), progress=False)
    with eng.begin() as conn:
        unit, cluster = conn.execute(
            text("SELECT unit_code, cluster_code FROM units ORDER BY cluster_code, unit_code")
        ).first()
        upsert(
            conn,
            "units",
            pl.DataFrame(
                {"unit_code": [unit], "unit_name": [UNIT_NAME], "cluster_code": [cluster]}
            ),
        )
        conn.execute(
            text("UPDATE clusters SET cluster_name = :n WHERE cluster_code = :c"),
            {"n": CLUSTER_NAME, "c": cluster},
        )
        bump_data_version(conn)
    eng.dispose()
    return unit, cluster


@pytest.fixture(scope="module")
def linky_app(browser, app_server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    url = f"sqlite:///{tmp_path_factory.mktemp('links') / 'thidua.db'}"
    unit, cluster = _linky_db(url)
    with app_server(url, tmp_path_factory.mktemp("links_log")) as base:
        yield {"base": base, "unit": unit, "cluster": cluster}


@pytest.mark.browser
@pytest.mark.parametrize("slug", SLUGS)
def test_names_from_data_are_never_links(browser, linky_app, slug):
    context = browser.new_context(viewport=VIEWPORT, locale="vi-VN")
    try:
        page = context.new_page()
        query = f"year=2025&cluster={linky_app['cluster']}&unit={linky_app['unit']}"
        page.goto(f"{linky_app['base']}/{slug}?{query}")
        _wait_idle(page)
        body = page.inner_text("body").replace("\u2060", "")  # the invisible word joiner
        assert UNIT_NAME in body or CLUSTER_NAME in body, "the names are on screen as typed"
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        assert not [h for h in hrefs if "evil" in h], hrefs
    finally:
        context.close()
