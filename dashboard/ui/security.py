"""The entry point's safe defaults (issues 14 and 20): open mode, which has no login, serves
this computer only — refused when Streamlit listens on a network address or when the client it
sees (through nginx, the address the proxy forwarded) is not this computer — unless
THIDUA_ALLOW_OPEN_NETWORK says so, and then every page carries a banner that anyone reaching the
address sees all the data."""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import t
from data_access import settings


def client_address() -> str | None:
    """The client's address as `settings.client_from` resolves it from what Streamlit sees
    (the connection's peer, X-Forwarded-For of a trusted proxy); None for this computer."""
    peer = st.context.ip_address
    if not isinstance(peer, str):  # None for loopback; AppTest's stand-in client is no address
        peer = None
    forwarded = st.context.headers.get("X-Forwarded-For") if st.context.headers else None
    return settings.client_from(peer, forwarded)


def open_network_gate(lang: str) -> None:
    """Stop (open mode reached from elsewhere, not allowed) or show the banner (allowed)."""
    if settings.auth_mode() != "open":
        return
    verdict = settings.open_network(
        "open", st.get_option("server.address"), client=client_address()
    )
    if verdict == "refuse":
        st.error(t("security.open_refused", lang), icon=":material/gpp_bad:")
        st.stop()
    elif verdict == "warn":
        st.warning(t("security.open_banner", lang), icon=":material/public:")
