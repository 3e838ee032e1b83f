"""The session's database and identity: the engine (made and migrated once per process), its
URL, the data version every cache is keyed on, who this session is, and `start()`."""

from __future__ import annotations

import logging

import streamlit as st
from sqlalchemy import Engine

from dashboard import access
from data_access import accounts, settings
from data_access.engine import data_version, make_engine, resolve_url, upgrade

log = logging.getLogger(__name__)

PRINCIPAL_KEY = "_principal"
ENDED_KEY = "_session_ended"  # the account was disabled since the last run: say so at the form
# What belongs to the signed-in user: the filters (and their URL copy) and the views audited.
USER_STATE = ("filters", "_qp_written", "_audited")


@st.cache_resource(show_spinner=False)
def engine_for(url: str) -> Engine:
    """The engine of `url`, its schema upgraded; one per process and URL."""
    eng = make_engine(url)
    upgrade(eng)
    return eng


def db_url() -> str:
    return resolve_url()


def get_engine() -> Engine:
    return engine_for(db_url())


def version() -> str:
    """The data version (bumped by every import): the key that invalidates the caches."""
    return data_version(get_engine())


def principal() -> access.Principal | None:
    """Who this session is: OPEN_ACCESS in open mode, else the signed-in account (or None)."""
    if settings.auth_mode() == "open":
        return access.OPEN_ACCESS
    return st.session_state.get(PRINCIPAL_KEY)


def as_principal(acc: accounts.Account | None) -> access.Principal | None:
    return None if acc is None else access.Principal(acc.username, acc.role, acc.scope_code)


def account_now(username: str) -> access.Principal | None:
    """The account as the database holds it now (None: disabled or removed)."""
    return as_principal(accounts.current_account(get_engine(), username))


def recheck() -> None:
    """Re-read the signed-in account (every run, issue 14): a disabled or removed account ends
    the session, a changed role or scope replaces the principal (narrowed at once)."""
    if settings.auth_mode() == "open":
        return
    p = st.session_state.get(PRINCIPAL_KEY)
    if p is None:
        return
    now = access.refreshed(p, account_now(p.username) if p.username else None)
    if now is None:
        st.session_state.pop(PRINCIPAL_KEY, None)
        forget_user_state()
        forget_downloads()
        st.session_state[ENDED_KEY] = True
    elif now != p:
        st.session_state[PRINCIPAL_KEY] = now
        forget_user_state()  # filters chosen under the wider scope are re-cut from the new one
        forget_downloads()  # a file built under the wider role must not stay fetchable


def recheck_fragment() -> None:
    """`recheck()` for a fragment's own runs (the projector's timer does not run the entry
    point): an ended session reruns the whole app, which shows the login form."""
    had = st.session_state.get(PRINCIPAL_KEY)
    recheck()
    if had is not None and st.session_state.get(PRINCIPAL_KEY) is None:
        st.rerun(scope="app")


def forget_downloads() -> None:
    """Drop the download files no open page shows any more (Streamlit 1.67 serves /media/<id>
    to any request, no session asked: the id is the only key). Streamlit marks such a file at
    the end of one run and deletes it at the next; two sweeps now delete the files this session
    built or showed, so a copied URL stops working at sign-out. A file another session shows is
    still referenced by it and stays."""
    from streamlit import runtime

    if not runtime.exists():  # AppTest and bare mode have no media server
        return
    mgr = runtime.get_instance().media_file_mgr
    mgr.clear_session_refs()
    mgr.remove_orphaned_files()
    mgr.remove_orphaned_files()


def principal_or_anonymous() -> access.Principal:
    return principal() or access.Principal(None, "anonymous")


def forget_user_state() -> None:
    """A new user starts from its own scope: drop the last user's filters and audited views."""
    for key in USER_STATE:
        st.session_state.pop(key, None)


@st.cache_resource(show_spinner=False)
def _purged(url: str) -> int:
    """Drop audit entries older than THIDUA_AUDIT_RETENTION_DAYS, once per process."""
    return accounts.purge_audit(engine_for(url), older_than_days=settings.audit_retention_days())


def start() -> None:
    """Engine, schema and the audit purge; raises when the database is unreachable."""
    get_engine()
    version()  # a live query: a server stopped since the engine was made shows up here
    try:
        _purged(db_url())
    except Exception:  # a read-only app role may not delete: the owner's job purges then
        log.warning("audit purge skipped", exc_info=True)
