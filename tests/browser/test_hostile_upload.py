"""Hostile files uploaded on Dữ liệu in a real browser (issue 13): each preview ends in an error
report (a table and its CSV, in Vietnamese), the Streamlit server keeps serving, and the next
request (another page) renders.

The files are the ones the importer's own tests write (tests/data_access/hostile_kit.py): the
1.6 KB sparse workbook that once aborted the server during the preview, the same without its
declared dimension, a ratio bomb, a CSV header of 1 000 000 columns, and a TCVN3 (ABC) file mixed
with UTF-8 lines.
"""

from __future__ import annotations

import csv
import io
import time
import urllib.request

import pytest

from tests.browser.conftest import _wait_idle
from tests.data_access.hostile_kit import ratio_bomb, sparse_workbook, wide_header

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# "Nguyễn Văn Thư" in TCVN3 (ABC) bytes after a UTF-8 line: a file that mixes encodings.
MIXED = (
    "person_code,full_name,gender\nP1,Trần Thị An,F\n".encode() + b"P2,Nguy\xd6n V\xa7n Th\xf7,M\n"
)

CASES = [
    ("sparse", "people.xlsx", XLSX, sparse_workbook),
    ("sparse-undeclared", "people.xlsx", XLSX, lambda: sparse_workbook(declare=False)),
    ("ratio-bomb", "people.xlsx", XLSX, ratio_bomb),
    ("wide-header", "people.csv", "text/csv", wide_header),
    ("mixed-encoding", "people.csv", "text/csv", lambda: MIXED),
]


def _healthy(base: str) -> bool:
    return urllib.request.urlopen(f"{base}/_stcore/health", timeout=5).read() == b"ok"


@pytest.mark.browser
@pytest.mark.parametrize(("case", "name", "mime", "make"), CASES, ids=[c[0] for c in CASES])
def test_a_hostile_upload_ends_in_a_report_and_the_app_answers_the_next_request(
    page, app_url, shoot, case, name, mime, make
):
    page.goto(f"{app_url}/du_lieu")
    _wait_idle(page)
    started = time.monotonic()
    page.locator(".st-key-upload input[type=file]").set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": make()}]
    )
    # The preview's error table and its CSV button appear; no exception box, no dead socket.
    page.wait_for_selector(".st-key-preview_err_csv button", timeout=120_000)
    _wait_idle(page)
    took = time.monotonic() - started
    page.locator(".st-key-preview_err_csv").scroll_into_view_if_needed()
    shoot(f"hostile_upload_{case}")
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator(".st-key-run_import").count() == 1  # the page is whole, not an error page
    with page.expect_download() as dl:
        page.locator(".st-key-preview_err_csv button").click()
    text = dl.value.path().read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "Tệp", rows[0]  # the report's headers in Vietnamese
    assert len(rows) >= 2 and all(r[0] == name for r in rows[1:]), rows
    reason = rows[1][-1]
    assert reason and not any(w in reason for w in ("Error", "Traceback", "exception")), reason
    print(f"{case}: report after {took:.1f} s: {reason}")  # for the note (-s)

    assert _healthy(app_url)
    page.goto(f"{app_url}/xep_hang?year=2025")
    _wait_idle(page)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_role("heading", name="Xếp hạng", exact=True).count() == 1
