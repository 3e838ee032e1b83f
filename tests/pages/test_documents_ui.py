"""Issue 19's documents in the app: Bình xét warns when a unit's candidates outnumber what its
quota has left, in the one wording ("vượt hạn mức n người"), and offers the nomination list
(Word, Excel); Tổng quan and Xếp hạng offer the summary report (Word, PDF). The demo's Ninh
Bình school in 2024: CSTĐCS allowed 6, used 7 (remaining -1 → 0 places), 10 candidates."""

import pytest
from roles_kit import run_as

from dashboard.access import Principal

ADMIN = Principal("doc_ad", "admin")
SUMMARY = {"Báo cáo tổng kết năm (Word (.docx))", "Báo cáo tổng kết năm (PDF)"}


@pytest.fixture
def password_mode(seeded_url, monkeypatch):
    monkeypatch.setenv("THIDUA_DB_URL", seeded_url)
    monkeypatch.setenv("THIDUA_AUTH_MODE", "password")


def _labels(at):
    return {b.proto.label for b in at.get("download_button")}


def test_review_warns_and_offers_the_nomination_list(password_mode):
    at = run_as(ADMIN, "review", cluster="CUM4_DBSH", unit="NB_TCT", year="2024")
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert any("10 trường hợp đủ tiêu chuẩn" in w and "vượt hạn mức 10 người" in w
               for w in warnings), warnings  # fmt: skip
    assert {"Word (.docx)", "Excel (.xlsx)"} <= _labels(at)
    assert not any("Còn -" in w or "-1" in w for w in warnings)


@pytest.mark.parametrize(("page", "params"), [
    ("overview", {"unit": "NB_TCT"}), ("ranking", {}),
])  # fmt: skip
def test_summary_report_buttons(password_mode, page, params):
    at = run_as(ADMIN, page, cluster="CUM4_DBSH", year="2024", **params)
    assert not at.exception
    assert _labels(at) >= SUMMARY
