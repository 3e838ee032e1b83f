"""Issue 11's files in the app, by role: the forms 0602/0603 (XLSX and PDF) on Dữ liệu for the
unit or the whole cluster a session sees; the meeting pack (it names people) on Xếp hạng and
Trình chiếu for an admin and the cluster's secretary only. The bytes are built on click (see
tests/browser/test_session_security.py, which downloads them)."""

import pytest
from roles_kit import run_as

from dashboard.access import Principal

PACK = "Tải tài liệu họp cụm (PDF)"
# On the projector the button sits among the slide controls: a short label, the full as help.
PACK_BY_PAGE = {"ranking": PACK, "projector": "PDF"}
FORMS = {
    "Tải biểu mẫu 0602 (.xlsx)",
    "Tải biểu mẫu 0602 (.pdf)",
    "Tải biểu mẫu 0603 (.xlsx)",
    "Tải biểu mẫu 0603 (.pdf)",
}


@pytest.fixture
def password_mode(seeded_url, monkeypatch):
    monkeypatch.setenv("THIDUA_DB_URL", seeded_url)
    monkeypatch.setenv("THIDUA_AUTH_MODE", "password")


def _labels(at):
    return {b.proto.label for b in at.get("download_button")}


@pytest.mark.parametrize(
    ("who", "pack"),
    [
        (Principal("tep_ad", "admin"), True),
        (Principal("tep_tk", "cluster_secretary", "CUM4_DBSH"), True),
        (Principal("tep_v", "viewer", "CUM4_DBSH"), False),
        (Principal("tep_o", "unit_officer", "BN_TCT"), False),
    ],
)
@pytest.mark.parametrize("page", ["ranking", "projector"])
def test_meeting_pack_button_by_role(password_mode, who, pack, page):
    at = run_as(who, page, cluster="CUM4_DBSH", year="2025")
    assert not at.exception
    assert (PACK_BY_PAGE[page] in _labels(at)) is pack


def test_forms_for_the_cluster_a_secretary_sees(password_mode):
    at = run_as(Principal("tep_tk", "cluster_secretary", "CUM4_DBSH"), "data", year="2025")
    assert _labels(at) >= FORMS


def test_forms_for_a_unit_officer_s_own_unit(password_mode):
    at = run_as(Principal("tep_o", "unit_officer", "BN_TCT"), "data", unit="BN_TCT", year="2025")
    assert _labels(at) >= FORMS
