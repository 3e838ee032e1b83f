"""The entry point's safe defaults (issue 14): open mode, which has no login, is refused on a
network address unless THIDUA_ALLOW_OPEN_NETWORK says so, and then every page carries a banner
that anyone reaching the address sees all the data."""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import t
from data_access import settings


def open_network_gate(lang: str) -> None:
    """Stop (open mode on another address, not allowed) or show the banner (allowed)."""
    verdict = settings.open_network(settings.auth_mode(), st.get_option("server.address"))
    if verdict == "refuse":
        st.error(t("security.open_refused", lang), icon=":material/gpp_bad:")
        st.stop()
    elif verdict == "warn":
        st.warning(t("security.open_banner", lang), icon=":material/public:")
