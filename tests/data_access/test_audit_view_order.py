"""The admin's audit view lists entries in the order they were written (issue 20: rows dated
2099 sorted first by date, so 1 000 of them left no genuine entry in the 1 000-row view)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert

from data_access.accounts import audit, read_audit
from data_access.models import AuditLog


def test_future_dated_rows_do_not_hold_the_top_of_the_view(engine):
    with engine.begin() as conn:
        conn.execute(
            insert(AuditLog),
            [{"at": dt.datetime(2099, 1, 1), "username": "admin", "action": "year_unlock",
              "detail": f"giả {i}"} for i in range(5)],
        )  # fmt: skip
    audit(engine, "os:thật", "year_lock", "year=2024")
    view = read_audit(engine, limit=3)
    assert view["detail"].to_list() == ["year=2024", "giả 4", "giả 3"]
