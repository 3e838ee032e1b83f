"""Issue 14 in a real browser, the app in password mode: a deep link lands on its page after
login, a download is audited with its user, and its /media URL is dead after sign-out (Streamlit
serves /media/<id> to any request; the app deletes the session's files when it signs out)."""

from __future__ import annotations

import os
import time
import urllib.error
import urllib.request

import polars as pl
import pytest

from data_access import accounts
from data_access.engine import make_engine, upgrade
from tests.browser.conftest import VIEWPORT, _need_chromium, _wait_idle, serve_app

USER, PASSWORD = "thu_ky_trinh_duyet", "mật-khẩu-trình-duyệt"


@pytest.fixture(scope="module")
def secured(tmp_path_factory):
    _need_chromium()
    import seed

    url = f"sqlite:///{tmp_path_factory.mktemp('secure') / 'thidua.db'}"
    eng = make_engine(url)
    upgrade(eng)
    seed.populate(eng, scale="demo", years=(2019, 2025), progress=False)
    accounts.add_user(eng, USER, PASSWORD, role="cluster_secretary", scope_code="CUM4_DBSH")
    old = os.environ.get("THIDUA_AUTH_MODE")
    os.environ["THIDUA_AUTH_MODE"] = "password"  # serve_app passes os.environ to the app
    try:
        with serve_app(url, tmp_path_factory.mktemp("log")) as base:
            yield base, eng
    finally:
        if old is None:
            os.environ.pop("THIDUA_AUTH_MODE", None)
        else:
            os.environ["THIDUA_AUTH_MODE"] = old
        eng.dispose()


@pytest.fixture
def pg(browser, secured):
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True, locale="vi-VN")
    page = context.new_page()
    yield page
    context.close()


def _login(page) -> None:
    page.get_by_label("Tên đăng nhập").fill(USER)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    _wait_idle(page)


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:  # no cookie: another client
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/don_vi?unit=BN_TCT&year=2024", "/trinh_chieu?year=2024"])
def test_deep_link_lands_on_its_page_after_login(pg, secured, path):
    base, _ = secured
    pg.goto(base + path)
    _wait_idle(pg)
    assert pg.get_by_role("heading", name="Đăng nhập").count() == 1
    _login(pg)
    slug = path.split("?")[0]
    assert pg.url.split("?")[0].endswith(slug), pg.url
    assert "year=2024" in pg.url
    if "unit=" in path:
        assert "unit=BN_TCT" in pg.url


@pytest.mark.browser
def test_download_is_audited_and_its_url_dies_at_sign_out(pg, secured):
    base, eng = secured
    pg.goto(base + "/du_lieu?year=2025")
    _wait_idle(pg)
    _login(pg)
    with pg.expect_download() as info:
        pg.get_by_role("button", name="Tải CSV").first.click()
    media = info.value.url
    assert "/media/" in media
    log = accounts.read_audit(eng, limit=5)
    mine = log.filter((pl.col("action") == "download") & (pl.col("username") == USER))
    assert mine.height >= 1
    # While signed in, the URL is a bearer link: any client holding it gets the file.
    assert _status(media) == 200
    pg.get_by_role("button", name="Đăng xuất").click()
    _wait_idle(pg)
    assert pg.get_by_role("heading", name="Đăng nhập").count() == 1
    assert _status(media) == 404
    time.sleep(2)
    assert _status(media) == 404


@pytest.mark.browser
@pytest.mark.parametrize(
    ("path", "label", "name", "magic"),
    [
        ("/du_lieu?year=2025", "Tải biểu mẫu 0602 (.xlsx)", "Bieu0602_2025.xlsx", b"PK"),
        ("/du_lieu?year=2025", "Tải biểu mẫu 0603 (.pdf)", "Bieu0603_2025.pdf", b"%PDF"),
        ("/xep_hang?year=2025", "Tải tài liệu họp cụm (PDF)", None, b"%PDF"),
        ("/trinh_chieu?year=2025", ".st-key-pack_projector button", None, b"%PDF"),
    ],
)
def test_forms_and_meeting_pack_are_built_on_click_and_audited(
    pg, secured, path, label, name, magic
):
    base, eng = secured
    pg.goto(base + path)
    _wait_idle(pg)
    _login(pg)
    before = accounts.read_audit(eng, limit=100000).height
    with pg.expect_download(timeout=120_000) as info:
        by_key = label.startswith(".")
        button = pg.locator(label).first if by_key else pg.get_by_role("button", name=label)
        button.click()
    got = info.value
    data = open(got.path(), "rb").read()  # noqa: SIM115 - a temporary file of Playwright
    assert data.startswith(magic)
    wanted = name or "tai-lieu-hop-cum-CUM4_DBSH-2025.pdf"
    assert got.suggested_filename == wanted
    log = accounts.read_audit(eng, limit=100000)
    new = log.head(log.height - before)
    assert (USER, "download", wanted) in new.select("username", "action", "detail").rows()
