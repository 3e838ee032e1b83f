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


# Issue 20: nginx on this computer forwards to 127.0.0.1, so the bind address alone let the
# whole network into open mode. The client Streamlit sees decides too.
@pytest.mark.parametrize(
    ("address", "client", "allow", "expected"),
    [
        ("127.0.0.1", None, False, "ok"),  # this computer (Streamlit says None for loopback)
        ("127.0.0.1", "127.0.0.1", False, "ok"),
        ("127.0.0.1", "::1", False, "ok"),
        ("127.0.0.1", "192.168.1.30", False, "refuse"),  # through nginx on this computer
        ("127.0.0.1", "203.0.113.7", False, "refuse"),
        ("127.0.0.1", "2001:db8::7", False, "refuse"),
        ("127.0.0.1", "not-an-address", False, "refuse"),  # unknown is not local
        ("localhost", "10.0.0.5", False, "refuse"),
        ("127.0.0.1", "192.168.1.30", True, "warn"),
        ("0.0.0.0", None, False, "refuse"),  # the bind address still counts
    ],
)
def test_open_mode_refuses_a_client_from_elsewhere(address, client, allow, expected):
    assert settings.open_network("open", address, allow, client=client) == expected


@pytest.mark.parametrize("mode", ["password", "oidc"])
def test_a_login_mode_serves_any_client(mode):
    assert settings.open_network(mode, "127.0.0.1", False, client="203.0.113.7") == "ok"


NGINX_ELSEWHERE = settings.trusted_proxies("10.1.2.3, 10.9.0.0/16")


@pytest.mark.parametrize(
    ("peer", "forwarded", "expected"),
    [
        (None, None, None),  # this computer, no proxy
        ("203.0.113.7", None, "203.0.113.7"),  # a direct client
        ("203.0.113.7", "10.0.0.1", "203.0.113.7"),  # an untrusted peer's header is ignored
        # nginx on this computer: Streamlit sees 127.0.0.1 (None), the client in the header
        (None, "198.51.100.4", "198.51.100.4"),
        (None, "6.6.6.6, 198.51.100.4", "198.51.100.4"),  # the client's own entry ignored
        (None, "127.0.0.1", None),  # a browser on this computer through the local nginx
        # nginx on another host, listed as trusted: never its own address
        ("10.1.2.3", "198.51.100.4", "198.51.100.4"),
        ("10.1.2.3", "1.1.1.1, 198.51.100.4", "198.51.100.4"),
        ("10.9.4.4", "198.51.100.4, 10.1.2.3", "198.51.100.4"),  # two trusted proxies
        ("10.1.2.3", None, "10.1.2.3"),  # nothing forwarded: the peer is all there is
        ("10.1.2.4", "198.51.100.4", "10.1.2.4"),  # a host not listed is the client
    ],
)
def test_client_from_trusted_proxies(peer, forwarded, expected):
    assert settings.client_from(peer, forwarded, NGINX_ELSEWHERE) == expected


def test_trusted_proxies_from_the_environment(monkeypatch):
    monkeypatch.setenv("THIDUA_TRUSTED_PROXIES", "10.1.2.3")
    assert settings.client_from("10.1.2.3", "198.51.100.4") == "198.51.100.4"
    monkeypatch.setenv("THIDUA_TRUSTED_PROXIES", "")
    assert settings.client_from("10.1.2.3", "198.51.100.4") == "10.1.2.3"
    monkeypatch.setenv("THIDUA_TRUSTED_PROXIES", "10.1.2.x")
    with pytest.raises(ValueError, match="THIDUA_TRUSTED_PROXIES"):
        settings.client_from("10.1.2.3", "198.51.100.4")
