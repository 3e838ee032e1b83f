"""The audit log (issue 6): entries written for this session's user (views of person-level
data, downloads, imports, sign-ins) and the administrators' view of the latest entries."""

from __future__ import annotations

import logging
from collections.abc import Callable

import polars as pl
import streamlit as st

from dashboard import access, clock
from dashboard.i18n import catalogue, t
from dashboard.ui import session
from data_access import accounts, settings

log = logging.getLogger(__name__)


def _write(username: str | None, action: str, detail: str) -> None:
    try:
        accounts.audit(session.get_engine(), username, action, detail)
    except Exception:  # the audit must not take the page down
        log.exception("audit failed")


def actor() -> str | None:
    """Who acts: the signed-in account; in open mode (one person on their own computer, no
    account) the operating-system user running the app, as the command line records it."""
    p = session.principal()
    if settings.auth_mode() == "open":
        return accounts.os_actor()
    return p.username if p else None


def audit(action: str, detail: str = "") -> None:
    """One audit entry for this session's user. A failure to log is logged, never shown."""
    _write(actor(), action, detail)


def view_persons(table: str, **detail: object) -> None:
    """Audit a person-level list each time what it shows changes (table, year, cluster, unit):
    moving through three units writes three entries; a rerun of the same list writes none."""
    f = st.session_state.get("filters")
    if "unit" not in detail and "cluster" not in detail and f is not None:
        detail |= {"cluster": f.cluster, "unit": f.unit}  # the page cuts the list to these
    text = f"{table} " + " ".join(f"{k}={v}" for k, v in detail.items())
    last: dict[str, str] = st.session_state.setdefault("_audited", {})
    if last.get(table) != text:
        last[table] = text
        audit("view_persons", text)


def audited(build: Callable[[], bytes], file_name: str) -> Callable[[], bytes]:
    """A download's byte builder that first writes the audit entry. It runs on click, in a
    thread of Streamlit's server without the session (st.session_state is not there), so the
    user is taken now, and their account is read again at the click: a session whose account
    was disabled since the page was drawn gets no bytes."""
    username = actor()
    checked = settings.auth_mode() != "open"

    def run() -> bytes:
        if checked and (username is None or session.account_now(username) is None):
            _write(username, "download_refused", file_name)
            raise access.AccessDenied(f"account {username!r} is no longer active")
        _write(username, "download", file_name)
        return build()

    return run


def audit_visible() -> bool:
    """The audit-log view is offered to administrators under password or OIDC sign-in."""
    p = session.principal()
    return settings.auth_mode() != "open" and p is not None and p.is_admin


def retention_days() -> int:
    return settings.audit_retention_days()


def audit_log(limit: int = 1000, *, lang: str = "vi") -> pl.DataFrame:
    """The latest audit entries, their times in local time (stored in UTC) and their actions in
    words; admins only."""
    p = session.principal_or_anonymous()
    access.check_table(p, "audit")
    if not p.is_admin:
        raise access.AccessDenied("the audit log is for administrators")
    log = accounts.read_audit(session.get_engine(), limit=limit)
    return log.with_columns(at=clock.local_expr(pl.col("at")), action=action_expr(lang))


def action_expr(lang: str) -> pl.Expr:
    """The audit entry's action in words (`audit_action.<code>` in the locale files); an action
    the catalogue does not name yet shows its code."""
    words = {
        k.removeprefix("audit_action."): t(k, lang)
        for k in catalogue()
        if k.startswith("audit_action.")
    }
    return pl.col("action").replace(words)
