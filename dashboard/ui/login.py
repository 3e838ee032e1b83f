"""Sign-in (THIDUA_AUTH_MODE=password|oidc): the login form alone until the session has an
account, and the account box with the sign-out button. Open mode needs neither.

The password check, its throttle and its audit rows are `accounts.check_login`'s; this module
only says what came back, and brings the user to the page the link asked for."""

from __future__ import annotations

import streamlit as st

from dashboard import access
from dashboard.i18n import t
from dashboard.ui import audit, security, session
from dashboard.ui.widgets import md_escape
from data_access import accounts, oidc, settings

WANTED_KEY = "_wanted_page"  # (page slug, query params) asked for before signing in


def client_address() -> str | None:
    """The client's address for the login throttle (`security.client_address`: the peer, or
    behind a trusted proxy the address it forwarded — never the proxy's own)."""
    return security.client_address()


def _remember_wanted() -> None:
    """The page and filters a deep link asked for (/don_vi?unit=…), kept for after sign-in."""
    if WANTED_KEY in st.session_state:
        return
    params = {k: st.query_params.get(k) for k in st.query_params}
    slug = params.pop("page", None) or _slug_of_url()
    st.session_state[WANTED_KEY] = (slug, params)


def _slug_of_url() -> str | None:
    url = st.context.url or ""
    last = url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    return last if last.replace("_", "").isalpha() and last.islower() else None


def _restore_wanted() -> None:
    """Put the asked-for page back in the URL: the entry point's ?page= switch opens it."""
    slug, params = st.session_state.pop(WANTED_KEY, (None, {}))
    for key, value in params.items():
        if value is not None:
            st.query_params[key] = value
    if slug:
        st.query_params["page"] = slug


def _signed_in(acc: accounts.Account) -> None:
    st.session_state[session.PRINCIPAL_KEY] = access.Principal(
        acc.username, acc.role, acc.scope_code
    )
    session.forget_user_state()
    _restore_wanted()


def _refusal(result: accounts.LoginResult, lang: str) -> str:
    if result.status == "wait":
        return t("security.login_wait", lang, seconds=result.retry_after)
    if result.status == "locked":
        return t("security.login_locked", lang, minutes=max(1, -(-result.retry_after // 60)))
    return t("security.login_refused", lang)


def _password_login(lang: str) -> None:
    with st.form("login", enter_to_submit=True):
        username = st.text_input(t("auth.username", lang), key="login_user")
        password = st.text_input(t("auth.password", lang), type="password", key="login_pw")
        sent = st.form_submit_button(t("auth.submit", lang), type="primary")
    if not sent:
        return
    # check_login never raises for any input and writes every audit row (ok or failed) itself.
    result = accounts.check_login(
        session.get_engine(), username, password, client=client_address(), via="password"
    )
    if not result.ok or result.account is None:
        st.error(_refusal(result, lang), icon=":material/lock:")
        return
    _signed_in(result.account)
    st.rerun()


def _oidc_login(lang: str) -> None:
    if not st.user.is_logged_in:
        st.button(t("auth.oidc", lang), on_click=st.login, type="primary", icon=":material/login:")
        return
    # data_access.oidc: a verified e-mail, compared after lower-casing only, no `sub` fallback;
    # the audit rows (ok or refused) carry the provider's issuer and subject.
    result = oidc.sign_in(session.get_engine(), st.user.to_dict())
    if result.account is None:
        st.error(t("auth.refused", lang, who=md_escape(result.who)), icon=":material/block:")
        st.button(t("auth.logout", lang), on_click=st.logout, icon=":material/logout:")
        return
    _signed_in(result.account)
    st.rerun()


def require_login(lang: str) -> access.Principal:
    """The principal, or the login form alone and a stop (no navigation, no data)."""
    p = session.principal()
    if p is not None:
        return p
    _remember_wanted()
    st.title(t("auth.title", lang), anchor=False)
    st.caption(t("auth.caption", lang))
    if st.session_state.pop(session.ENDED_KEY, False):
        st.warning(t("security.session_ended", lang), icon=":material/logout:")
    if settings.auth_mode() == "password":
        _password_login(lang)
    else:
        _oidc_login(lang)
    st.stop()
    raise AssertionError("unreachable")  # st.stop() raises


def _logout() -> None:
    audit.audit("logout")
    st.session_state.pop(session.PRINCIPAL_KEY, None)
    session.forget_user_state()
    session.forget_downloads()
    if settings.auth_mode() == "oidc":
        st.logout()


def account_box(lang: str) -> None:
    """Who is signed in and the sign-out button (password and oidc modes)."""
    p = session.principal()
    if p is None or settings.auth_mode() == "open":
        return
    st.divider()
    role = t(f"account_role.{p.role}", lang)
    st.caption(md_escape(t("auth.who", lang, user=p.username, role=role)))
    st.button(t("auth.logout", lang), on_click=_logout, icon=":material/logout:", key="logout")
