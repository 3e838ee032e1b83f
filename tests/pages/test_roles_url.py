"""A viewer who edits the query string to another cluster or unit gets their own scope and a
notice, never the other unit's data."""

import pytest
from roles_kit import rendered_text, run_as

from dashboard.access import Principal


@pytest.fixture(autouse=True)
def password_mode(seeded_url, monkeypatch):
    monkeypatch.setenv("THIDUA_DB_URL", seeded_url)
    monkeypatch.setenv("THIDUA_AUTH_MODE", "password")


def test_viewer_edits_cluster_and_unit_in_the_url():
    at = run_as(Principal("v", "viewer", "CUM4_DBSH"), "unit", cluster="KHOI_HVCT", unit="PCT_HVCT")
    f = at.session_state["filters"]
    assert f.cluster == "CUM4_DBSH"  # their own cluster, the only one they may see
    assert at.query_params["cluster"] == "CUM4_DBSH"
    assert any("ngoài phạm vi" in w.value and "KHOI\\_HVCT" in w.value for w in at.warning)
    text = rendered_text(at)
    assert "PCT_HVCT" not in text and "Phòng Chính trị" not in text


def test_unit_officer_edits_the_unit_in_the_url():
    at = run_as(
        Principal("o", "unit_officer", "BN_TCT"), "unit", cluster="CUM4_DBSH", unit="HD_TCT"
    )
    assert at.session_state["filters"].unit == "BN_TCT"
    assert any("ngoài phạm vi" in w.value for w in at.warning)
    assert "Hải Dương" not in rendered_text(at)


def test_unit_scope_offers_no_whole_cluster_choice():
    at = run_as(Principal("o", "unit_officer", "BN_TCT"), "overview")
    unit_box = at.sidebar.selectbox(key="w_unit")
    assert unit_box.options == ["Trường Chính trị tỉnh Bắc Ninh"]
    assert at.sidebar.selectbox(key="w_cluster").options == [
        n for n in at.sidebar.selectbox(key="w_cluster").options if "Cụm thi đua số 4" in n
    ]
