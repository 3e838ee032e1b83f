"""Open mode behind a proxy on this computer (issue 20): Streamlit listens on 127.0.0.1, but
nginx there brings the network in. The server (uvicorn) takes the client from X-Forwarded-For
of a peer on 127.0.0.1, as it does behind nginx, so a browser sending the header nginx would
add stands for a client elsewhere: refused, no data. The same browser without it (this
computer) sees the page."""

from __future__ import annotations

import pytest

from data_access.engine import make_engine, upgrade
from tests.browser.conftest import VIEWPORT, _need_chromium, _wait_idle, serve_app

REFUSAL = "Chế độ mở (không đăng nhập) chỉ phục vụ trên máy này"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def open_app(tmp_path_factory):
    _need_chromium()
    import seed

    url = f"sqlite:///{tmp_path_factory.mktemp('open_proxy') / 'thidua.db'}"
    eng = make_engine(url)
    upgrade(eng)
    seed.populate(eng, scale="demo", years=(2024, 2025), progress=False)
    eng.dispose()
    env = {"THIDUA_AUTH_MODE": "open", "THIDUA_ALLOW_OPEN_NETWORK": ""}
    with serve_app(url, tmp_path_factory.mktemp("log"), env=env) as base:
        yield base


def _open(browser, base, headers):
    context = browser.new_context(viewport=VIEWPORT, locale="vi-VN", extra_http_headers=headers)
    page = context.new_page()
    page.goto(base + "/don_vi")
    _wait_idle(page)
    return context, page


def test_a_client_forwarded_from_elsewhere_is_refused(browser, open_app):
    context, page = _open(browser, open_app, {"X-Forwarded-For": "203.0.113.7"})
    try:
        assert page.get_by_text(REFUSAL).count() == 1
        assert page.locator("[data-testid='stDataFrame']").count() == 0
        assert page.locator("[data-testid='stSidebar']").count() == 0
        page.screenshot(path=str(_shot("open_mode_proxy_refused")))
    finally:
        context.close()


def test_this_computer_sees_the_page(browser, open_app):
    context, page = _open(browser, open_app, {})
    try:
        assert page.get_by_text(REFUSAL).count() == 0
        assert page.locator("[data-testid='stSidebar']").count() == 1
    finally:
        context.close()


def _shot(name):
    from tests.browser.conftest import SHOTS

    SHOTS.mkdir(exist_ok=True)
    return SHOTS / f"{name}.png"
