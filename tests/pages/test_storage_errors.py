"""A folder the app cannot write is not a database it cannot reach (issue 20: a full disk or a
read-only snapshot folder said "cannot connect to the database"): the page names the fault and
the folder."""

import pytest
import streamlit as st

from dashboard import pipeline
from data_access.errors import StorageError


@pytest.mark.parametrize(
    ("kind", "words"),
    [("disk_full", "Ổ đĩa đã đầy"), ("read_only", "Không có quyền ghi"), ("other", "Xem nhật ký")],
)
def test_the_page_says_what_failed_and_where(app_on, make_db, monkeypatch, kind, words):
    url = make_db({})  # a database of its own: no aggregates cached for it

    def broken(*_a, **_k):
        raise StorageError(kind, "/var/cache/thidua/x.parts", "boom")

    monkeypatch.setattr(pipeline, "build_aggregates", broken)
    monkeypatch.setenv("THIDUA_AUTH_MODE", "open")
    st.cache_resource.clear()
    st.cache_data.clear()
    at = app_on(url)("overview")
    errors = [e.value.replace("\\", "") for e in at.error]  # Markdown escapes in the path
    assert any(words in e and "/var/cache/thidua/x.parts" in e for e in errors), errors
    assert not any("Không kết nối được cơ sở dữ liệu" in e for e in errors)
    assert not at.exception
