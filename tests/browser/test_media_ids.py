"""Download URLs private to a session (issue 20): Streamlit named a file /media/<hash of its
bytes>, so the same CSV had the same URL in every session and process; a file fetched before a
role was narrowed still answered 200. Now the id is keyed by the session and a secret of the
process (dashboard/ui/media_ids.py), and a narrowed session's files are dropped."""

from __future__ import annotations

import pytest

from data_access import accounts
from tests.browser.conftest import VIEWPORT, _wait_idle
from tests.browser.test_session_security import USER, _login, _status, secured  # noqa: F401

pytestmark = pytest.mark.browser


def _csv_url(browser, base) -> tuple[object, object, str]:
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True, locale="vi-VN")
    page = context.new_page()
    page.goto(base + "/du_lieu?year=2025")
    _wait_idle(page)
    _login(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Tải CSV").first.click()
    return context, page, info.value.url


def test_the_same_file_has_another_url_in_another_session(browser, secured):  # noqa: F811
    base, _ = secured
    one, _, first = _csv_url(browser, base)
    fetched_first = _status(first)  # at once: another session's runs sweep unreferenced files
    two, _, second = _csv_url(browser, base)
    try:
        assert "/media/" in first and "/media/" in second
        assert first != second  # same bytes, same name, same type: not the same URL
        assert fetched_first == 200 and _status(second) == 200
    finally:
        one.close()
        two.close()


def test_a_narrowed_role_drops_the_files_it_fetched(browser, secured):  # noqa: F811
    base, eng = secured
    context, page, url = _csv_url(browser, base)
    try:
        assert _status(url) == 200
        accounts.change_user(eng, USER, role="viewer", scope_code="CUM4_DBSH", actor="test")
        page.locator("[data-testid='stSidebarNav'] a").nth(1).click()  # the next interaction
        _wait_idle(page)
        assert _status(url) == 404
    finally:
        accounts.change_user(eng, USER, role="cluster_secretary", scope_code="CUM4_DBSH",
                             actor="test")  # fmt: skip
        context.close()
