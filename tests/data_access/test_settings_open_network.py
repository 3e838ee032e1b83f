"""Open mode is served to this computer only unless a setting says otherwise (issue 14):
`.streamlit/config.toml` binds 127.0.0.1 and `settings.open_network` is the entry point's check
(refuse, or serve with a banner when THIDUA_ALLOW_OPEN_NETWORK=1)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from data_access import settings

CONFIG = Path(__file__).parents[2] / ".streamlit" / "config.toml"


def test_the_shipped_config_listens_on_this_computer_only(monkeypatch):
    monkeypatch.delenv("THIDUA_AUTH_MODE", raising=False)
    address = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["server"]["address"]
    assert address == "127.0.0.1"
    assert settings.open_network(settings.auth_mode(), address) == "ok"


@pytest.mark.parametrize(
    ("mode", "address", "allow", "expected"),
    [
        ("open", "127.0.0.1", False, "ok"),
        ("open", "127.0.0.2", False, "ok"),
        ("open", "::1", False, "ok"),
        ("open", "[::1]", False, "ok"),
        ("open", "localhost", False, "ok"),
        ("open", "", False, "refuse"),  # empty: every interface
        ("open", None, False, "refuse"),
        ("open", "0.0.0.0", False, "refuse"),
        ("open", "192.168.1.20", False, "refuse"),
        ("open", "thidua.local", False, "refuse"),
        ("open", "0.0.0.0", True, "warn"),
        ("password", "0.0.0.0", False, "ok"),
        ("oidc", "", False, "ok"),
    ],
)
def test_open_network(mode, address, allow, expected):
    assert settings.open_network(mode, address, allow) == expected


@pytest.mark.parametrize(("value", "expected"), [("1", "warn"), ("yes", "warn"), ("", "refuse"),
                                                 ("0", "refuse")])  # fmt: skip
def test_the_setting_is_read_from_the_environment(monkeypatch, value, expected):
    monkeypatch.setenv("THIDUA_ALLOW_OPEN_NETWORK", value)
    assert settings.open_network("open", "0.0.0.0") == expected
