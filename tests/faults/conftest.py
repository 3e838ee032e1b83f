"""Fault tests. Tests marked `pg_restart` stop the shared PostgreSQL server: they are moved to
the very end of the session (after every other test that uses the server) and run serially."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "pg_restart: stops and starts the local PostgreSQL server (runs last)"
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Stable: every other test keeps its order; the server-stopping ones go after all of them.
    items.sort(key=lambda item: item.get_closest_marker("pg_restart") is not None)
