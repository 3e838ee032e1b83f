"""The audit log (issue 6): entries written for this session's user (views of person-level
data, downloads, imports, sign-ins) and the administrators' view of the latest entries."""

from __future__ import annotations

import logging
from collections.abc import Callable

import polars as pl
import streamlit as st

from dashboard import access
from dashboard.ui import session
from data_access import accounts, settings

log = logging.getLogger(__name__)


def audit(action: str, detail: str = "") -> None:
    """One audit entry for this session's user. A failure to log is logged, never shown."""
    p = session.principal()
    try:
        accounts.audit(session.get_engine(), p.username if p else None, action, detail)
    except Exception:  # the audit must not take the page down
        log.exception("audit failed")


def audit_once(action: str, detail: str) -> None:
    """Audit a view once per session (a rerun of the same page is not a new view)."""
    seen: set[tuple[str, str]] = st.session_state.setdefault("_audited", set())
    if (action, detail) not in seen:
        seen.add((action, detail))
        audit(action, detail)


def audited(build: Callable[[], bytes], file_name: str) -> Callable[[], bytes]:
    """A download's byte builder that first writes the audit entry (it runs on click)."""

    def run() -> bytes:
        audit("download", file_name)
        return build()

    return run


def audit_visible() -> bool:
    """The audit-log view is offered to administrators under password or OIDC sign-in."""
    p = session.principal()
    return settings.auth_mode() != "open" and p is not None and p.is_admin


def retention_days() -> int:
    return settings.audit_retention_days()


def audit_log(limit: int = 1000) -> pl.DataFrame:
    """The latest audit entries; admins only."""
    p = session.principal_or_anonymous()
    access.check_table(p, "audit")
    if not p.is_admin:
        raise access.AccessDenied("the audit log is for administrators")
    return accounts.read_audit(session.get_engine(), limit=limit)
