"""The Dữ liệu upload is offered to admins and cluster secretaries only; the audit log section
to admins only (under password mode)."""

import pytest
from roles_kit import run_as

from dashboard.access import Principal


@pytest.fixture(autouse=True)
def password_mode(seeded_url, monkeypatch):
    monkeypatch.setenv("THIDUA_DB_URL", seeded_url)
    monkeypatch.setenv("THIDUA_AUTH_MODE", "password")


@pytest.mark.parametrize(
    ("principal", "upload", "audit"),
    [
        (Principal("a", "admin"), True, True),
        (Principal("s", "cluster_secretary", "CUM4_DBSH"), True, False),
        (Principal("o", "unit_officer", "BN_TCT"), False, False),
        (Principal("v", "viewer", "CUM4_DBSH"), False, False),
    ],
)
def test_upload_and_audit_by_role(principal, upload, audit):
    at = run_as(principal, "data")
    assert bool(at.get("file_uploader")) is upload
    assert any(e.label == "Nhật ký truy cập" for e in at.expander) is audit
    if not upload:
        assert any("Chỉ quản trị viên và thư ký cụm" in i.value for i in at.info)
