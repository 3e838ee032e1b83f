"""The entry point's safe default (issue 14): open mode (no login) on a network address is
refused with the reason, unless THIDUA_ALLOW_OPEN_NETWORK=1 — then every page carries a banner
that anyone reaching the address sees all the data. On 127.0.0.1 neither."""

import pytest
from streamlit import config

BANNER = "bất kỳ ai truy cập được địa chỉ này đều xem được toàn bộ dữ liệu"


@pytest.fixture
def listening_on(monkeypatch):
    monkeypatch.setenv("THIDUA_AUTH_MODE", "open")
    monkeypatch.delenv("THIDUA_ALLOW_OPEN_NETWORK", raising=False)
    before = config.get_option("server.address")

    def set_address(address):
        config.set_option("server.address", address)

    yield set_address
    config.set_option("server.address", before)


@pytest.mark.parametrize("address", ["0.0.0.0", "", "192.168.1.20"])
def test_open_mode_on_the_network_is_refused(app, listening_on, address):
    listening_on(address)
    at = app("unit")
    assert any("Chế độ mở (không đăng nhập) chỉ phục vụ trên máy này" in e.value for e in at.error)
    assert len(at.dataframe) == 0 and len(at.metric) == 0 and len(at.sidebar) == 0


@pytest.mark.parametrize("page", ["overview", "unit", "projector"])
def test_allowed_open_network_shows_the_banner_on_every_page(app, listening_on, monkeypatch, page):
    listening_on("0.0.0.0")
    monkeypatch.setenv("THIDUA_ALLOW_OPEN_NETWORK", "1")
    at = app(page)
    assert not at.exception
    assert any(BANNER in w.value for w in at.warning)
    assert len(at.title) == 1 and not at.error  # the page itself, not the refusal


def test_this_computer_only_has_no_banner(app, listening_on):
    listening_on("127.0.0.1")
    at = app("overview")
    assert not any(BANNER in w.value for w in at.warning) and not at.error


@pytest.mark.parametrize("client", ["192.168.1.30", "203.0.113.7"])
def test_open_mode_through_a_proxy_refuses_a_client_from_elsewhere(
    app, listening_on, monkeypatch, client
):
    # Issue 20: bound to 127.0.0.1 behind nginx, the client Streamlit sees is elsewhere.
    from dashboard.ui import security

    listening_on("127.0.0.1")
    monkeypatch.setattr(security, "client_address", lambda: client)
    at = app("unit")
    assert any("Chế độ mở (không đăng nhập) chỉ phục vụ trên máy này" in e.value for e in at.error)
    assert len(at.dataframe) == 0 and len(at.metric) == 0 and len(at.sidebar) == 0
