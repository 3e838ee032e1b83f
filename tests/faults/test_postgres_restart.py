"""PostgreSQL stopped in the middle of a session: the app shows the Vietnamese "cannot reach the
database" message, never a traceback, and recovers by itself once the server is back; a restart
while the session is idle goes unnoticed (dead pooled connections are replaced).

The server is really stopped and started (pg_ctlcluster); it is restarted in a `finally` and the
test runs last (marker `pg_restart`, ordered by tests/faults/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pg_kit import need_controllable_pg, scratch_pg, start_server, stop_server
from streamlit.testing.v1 import AppTest

from data_access.engine import make_engine, upgrade

pytestmark = [pytest.mark.pg_restart, pytest.mark.postgres]
APP = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")
MESSAGE = "Không kết nối được cơ sở dữ liệu"


def _texts(at: AppTest) -> str:
    return "\n".join(str(e.value) for e in [*at.error, *at.markdown, *at.caption])


def test_app_survives_a_server_restart(monkeypatch):
    need_controllable_pg()
    import seed

    with scratch_pg() as url:
        eng = make_engine(url)
        upgrade(eng)
        seed.populate(eng, scale="demo", years=(2019, 2025), progress=False)
        eng.dispose()
        monkeypatch.setenv("THIDUA_DB_URL", url)

        at = AppTest.from_file(APP, default_timeout=120).run()
        assert not at.exception, [e.value for e in at.exception]
        assert not at.error
        assert len(at.metric) > 0  # the overview's KPI cards: data on screen
        first = [(m.label, m.value) for m in at.metric]

        try:
            stop_server()
            at.run()
            assert not at.exception, [e.value for e in at.exception]
            assert any(MESSAGE in e.value for e in at.error), _texts(at)
            assert "Traceback" not in _texts(at)
            assert len(at.metric) == 0  # nothing stale pretending to be live
        finally:
            start_server()

        # No reload of the process, no new session: the same session's next run works again.
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        assert not any(MESSAGE in e.value for e in at.error)
        assert [(m.label, m.value) for m in at.metric] == first

        # Restarted while the session was idle: the pooled connections are dead but nobody has
        # noticed; the next run must not show the message (pool_pre_ping replaces them).
        try:
            stop_server()
        finally:
            start_server()
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        assert not any(MESSAGE in e.value for e in at.error), _texts(at)
        assert [(m.label, m.value) for m in at.metric] == first
