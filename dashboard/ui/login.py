"""Sign-in (THIDUA_AUTH_MODE=password|oidc): the login form alone until the session has an
account, and the account box with the sign-out button. Open mode needs neither."""

from __future__ import annotations

import streamlit as st

from dashboard import access
from dashboard.i18n import t
from dashboard.ui import audit, session
from dashboard.ui.widgets import md_escape
from data_access import accounts, settings


def _signed_in(acc: accounts.Account) -> None:
    st.session_state[session.PRINCIPAL_KEY] = access.Principal(
        acc.username, acc.role, acc.scope_code
    )
    session.forget_user_state()


def _password_login(lang: str) -> None:
    with st.form("login", enter_to_submit=True):
        username = st.text_input(t("auth.username", lang), key="login_user")
        password = st.text_input(t("auth.password", lang), type="password", key="login_pw")
        sent = st.form_submit_button(t("auth.submit", lang), type="primary")
    if not sent:
        return
    eng = session.get_engine()
    acc = accounts.authenticate(eng, username.strip(), password)
    if acc is None:
        accounts.audit(eng, username.strip()[:100] or None, "login_failed", "password")
        st.error(t("auth.failed", lang), icon=":material/lock:")
        return
    _signed_in(acc)
    audit.audit("login_ok", "password")
    st.rerun()


def _oidc_login(lang: str) -> None:
    if not st.user.is_logged_in:
        st.button(t("auth.oidc", lang), on_click=st.login, type="primary", icon=":material/login:")
        return
    who = str(st.user.get("email") or st.user.get("sub") or "")
    eng = session.get_engine()
    acc = accounts.account(eng, who) if who else None
    if acc is None:
        accounts.audit(eng, who[:100] or None, "login_refused", "oidc: no account")
        st.error(t("auth.refused", lang, who=md_escape(who)), icon=":material/block:")
        st.button(t("auth.logout", lang), on_click=st.logout, icon=":material/logout:")
        return
    _signed_in(acc)
    audit.audit("login_ok", "oidc")
    st.rerun()


def require_login(lang: str) -> access.Principal:
    """The principal, or the login form alone and a stop (no navigation, no data)."""
    p = session.principal()
    if p is not None:
        return p
    st.title(t("auth.title", lang), anchor=False)
    st.caption(t("auth.caption", lang))
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
