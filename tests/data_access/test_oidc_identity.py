"""OIDC identities onto accounts (issue 20): only a verified e-mail, compared after
lower-casing only, never the subject as a username; the audit names the provider's issuer and
subject. Each refused case below signed in as the admin before."""

from __future__ import annotations

import pytest

from data_access import oidc
from data_access.accounts import add_user, read_audit

ADMIN = "admin@bo.gov.vn"
ISS = "https://idp.example.gov.vn"


@pytest.fixture
def admin(engine):
    add_user(engine, ADMIN, "mật-khẩu-đủ-dài", role="admin", scope_code=None)
    add_user(engine, "nhan.vien", "mật-khẩu-đủ-dài", role="admin", scope_code=None)
    return engine


def _claims(**kw):
    return {"iss": ISS, "sub": "8f14e45f", "email": ADMIN, "email_verified": True, **kw}


def test_a_verified_email_signs_in_and_the_audit_names_the_provider(admin):
    res = oidc.sign_in(admin, _claims())
    assert res.account is not None and res.account.username == ADMIN
    last = read_audit(admin, limit=1).row(0, named=True)
    assert (last["username"], last["action"]) == (ADMIN, "login_ok")
    assert last["detail"] == f"oidc iss={ISS} sub=8f14e45f"


def test_case_is_the_only_folding(admin):
    assert oidc.sign_in(admin, _claims(email="Admin@Bo.Gov.VN")).account.username == ADMIN


@pytest.mark.parametrize(
    ("claims", "why"),
    [
        ({"email_verified": False}, "e-mail not verified"),
        ({"email_verified": "false"}, "e-mail not verified"),
        ({"email_verified": None}, "e-mail not verified"),
        ({"email_verified": 1}, "e-mail not verified"),
        ({"email": "ａｄｍｉｎ@bo.gov.vn"}, "not a plain address"),  # full-width
        ({"email": " admin@bo.gov.vn"}, "not a plain address"),
        ({"email": "ᴀdmin@bo.gov.vn"}, "not a plain address"),
        ({"email": None, "sub": "nhan.vien"}, "no e-mail"),  # sub named like an account
        ({"email": "", "sub": ADMIN}, "no e-mail"),
        ({"email": "la.mat@bo.gov.vn"}, "no account"),
    ],
    ids=[
        "false",
        "false-text",
        "missing",
        "one",
        "full-width",
        "space",
        "small-capital",
        "sub-only",
        "sub-email",
        "unknown",
    ],
)
def test_refused_and_audited_with_the_provider_identity(admin, claims, why):
    res = oidc.sign_in(admin, _claims(**claims))
    assert res.account is None and res.reason == why
    last = read_audit(admin, limit=1).row(0, named=True)
    assert last["action"] == "login_refused"
    assert last["detail"].startswith(f"oidc: {why}; iss={ISS} sub=")
