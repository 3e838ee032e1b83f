"""A CSV downloaded from a button in the browser has a BOM and Vietnamese headers."""

import pytest


@pytest.mark.browser
def test_indicators_csv_from_the_data_page(page, goto):
    goto("/du_lieu?year=2025")
    with page.expect_download() as info:
        page.get_by_role("button", name="Tải CSV").first.click()
    download = info.value
    assert download.suggested_filename == "indicators-CUM4_DBSH-2025.csv"
    data = open(download.path(), "rb").read()  # noqa: SIM115 - a temporary file of Playwright
    assert data.startswith(b"\xef\xbb\xbf")
    header = data.decode("utf-8-sig").splitlines()[0]
    # names beside the codes, as the command line's export (issue 19)
    assert header.startswith("Năm,Mã cụm,Tên cụm,Mã đơn vị,Tên đơn vị,Chỉ số,Tên chỉ số,Tử số")
