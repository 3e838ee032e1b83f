"""OIDC sign-in (`st.login`) end to end (issue 14): a small OpenID Connect provider
(`oidc-provider-mock`) started by the test on 127.0.0.1, the app in THIDUA_AUTH_MODE=oidc with
its [auth] secrets pointing at it. An account holder signs in through the provider's form and
lands in the app (audited `login_ok oidc`); an e-mail without an account is refused; a disabled
account's session ends at its next interaction."""

from __future__ import annotations

import secrets

import polars as pl
import pytest
import requests

from data_access import accounts
from data_access.engine import make_engine, upgrade
from tests.browser.conftest import VIEWPORT, _free_port, _need_chromium, _wait_idle, serve_app

EMAIL = "thu.ky@example.gov.vn"


@pytest.fixture(scope="module")
def oidc_app(tmp_path_factory):
    _need_chromium()
    pytest.importorskip("authlib")  # st.login needs Authlib (requirements.txt)
    from oidc_provider_mock import run_server_in_thread

    import seed

    url = f"sqlite:///{tmp_path_factory.mktemp('oidc') / 'thidua.db'}"
    eng = make_engine(url)
    upgrade(eng)
    seed.populate(eng, scale="demo", years=(2024, 2025), progress=False)
    accounts.add_user(eng, EMAIL, "không-dùng-mật-khẩu", role="cluster_secretary",
                      scope_code="CUM4_DBSH")  # fmt: skip
    accounts.add_user(eng, EMAIL.split("@")[0], "không-dùng-mật-khẩu", role="admin",
                      scope_code=None)  # fmt: skip
    with run_server_in_thread(port=0) as idp:
        issuer = f"http://127.0.0.1:{idp.server_port}"
        # Issue 20: only a verified e-mail names an account. The account holder's provider
        # says so; another identity claims the same address unverified; a third has no e-mail
        # and a subject named like an account.
        for sub, claims in [
            (EMAIL, {"email": EMAIL, "email_verified": True}),
            ("ke-gia-mao", {"email": EMAIL, "email_verified": False}),
            (EMAIL.split("@")[0], {}),
        ]:
            requests.put(f"{issuer}/users/{sub}", json=claims, timeout=10).raise_for_status()
        port = _free_port()
        conf = tmp_path_factory.mktemp("secrets") / "secrets.toml"
        conf.write_text(
            "[auth]\n"
            f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
            f'cookie_secret = "{secrets.token_hex(32)}"\n'
            'client_id = "thidua-test"\n'
            'client_secret = "test-secret-ascii"\n'  # Basic auth: latin-1 only
            f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n'
        )
        with serve_app(
            url,
            tmp_path_factory.mktemp("oidc_log"),
            port=port,
            extra_args=(f"--secrets.files={conf}",),
            env={"THIDUA_AUTH_MODE": "oidc"},
        ) as base:
            yield base, eng
    eng.dispose()


@pytest.fixture
def pg(browser, oidc_app):
    context = browser.new_context(viewport=VIEWPORT, locale="vi-VN")
    page = context.new_page()
    yield page
    context.close()


def _sign_in(page, base: str, sub: str) -> None:
    page.goto(base + "/")
    _wait_idle(page)
    page.get_by_role("button", name="Đăng nhập bằng tài khoản cơ quan").click()
    page.wait_for_selector("input[name='sub']", timeout=60_000)  # the provider's form
    page.fill("input[name='sub']", sub)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(base + "/**", timeout=60_000)
    _wait_idle(page)


@pytest.mark.browser
def test_account_holder_signs_in_through_the_provider(pg, oidc_app):
    base, eng = oidc_app
    _sign_in(pg, base, EMAIL)
    assert pg.get_by_role("button", name="Đăng xuất").count() == 1, pg.inner_text("body")[:800]
    assert pg.locator("[data-testid='stSidebar']").count() == 1
    log = accounts.read_audit(eng, limit=20)
    ok = log.filter((pl.col("username") == EMAIL) & (pl.col("action") == "login_ok"))
    # the provider's issuer and subject, not only the account it was mapped to
    assert ok["detail"][0] == f"oidc iss={base_issuer(eng)} sub={EMAIL}"


@pytest.mark.browser
def test_an_email_without_account_is_refused(pg, oidc_app):
    base, eng = oidc_app
    _sign_in(pg, base, "la.mat@example.gov.vn")
    assert "chưa được cấp quyền" in pg.inner_text("body")
    assert pg.locator("[data-testid='stSidebar']").count() == 0
    log = accounts.read_audit(eng, limit=20).filter(pl.col("action") == "login_refused")
    assert "la.mat@example.gov.vn" in log["username"].to_list()


@pytest.mark.browser
def test_a_disabled_oidc_account_loses_its_session(pg, oidc_app):
    base, eng = oidc_app
    _sign_in(pg, base, EMAIL)
    assert pg.get_by_role("button", name="Đăng xuất").count() == 1
    accounts.set_disabled(eng, EMAIL)
    try:
        # The next interaction of the same session (a click in the navigation, no reload).
        pg.locator("[data-testid='stSidebarNav'] a").nth(1).click()
        _wait_idle(pg)
        body = pg.inner_text("body")
        assert "phiên làm việc đã kết thúc" in body
        assert pg.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").count() == 0
        assert pg.get_by_role("button", name="Đăng xuất").count() == 1  # the provider's sign-out
    finally:
        accounts.set_disabled(eng, EMAIL, False)


def base_issuer(eng) -> str:
    """The issuer the refused/ok rows recorded (the mock's address, a free port)."""
    log = accounts.read_audit(eng, limit=200)
    detail = log.filter(pl.col("detail").str.starts_with("oidc iss="))["detail"][0]
    return detail.removeprefix("oidc iss=").split(" sub=")[0]


@pytest.mark.browser
@pytest.mark.parametrize(
    ("sub", "why"),
    [("ke-gia-mao", "e-mail not verified"), (EMAIL.split("@")[0], "no e-mail")],
    ids=["unverified-email", "sub-named-like-an-account"],
)
def test_only_a_verified_email_names_an_account(pg, oidc_app, sub, why):
    base, eng = oidc_app
    _sign_in(pg, base, sub)
    assert "chưa được cấp quyền" in pg.inner_text("body")
    assert pg.locator("[data-testid='stSidebar']").count() == 0
    last = accounts.read_audit(eng, limit=20).filter(pl.col("action") == "login_refused")
    assert last["detail"][0].startswith(f"oidc: {why}; iss=http://127.0.0.1:")
    assert last["detail"][0].endswith(f"sub={sub}")
