"""Every Excel download of Xếp hạng, clicked in the browser, is a workbook titled in its page
header (table or section, the cluster, the year) and set up to print (issue 19)."""

import io

import openpyxl
import pytest


@pytest.mark.browser
def test_every_excel_download_of_the_ranking_page_is_titled_and_set_up_to_print(page, goto):
    goto("/xep_hang?year=2025&cluster=CUM4_DBSH")
    buttons = page.get_by_role("button", name="Tải Excel", exact=True)
    # the ranking, the score table and the rank history
    assert buttons.count() == 3
    books = {}
    for i in range(buttons.count()):
        with page.expect_download() as info:
            buttons.nth(i).click()
        download = info.value
        data = open(download.path(), "rb").read()  # noqa: SIM115 - Playwright's temporary file
        ws = books[download.suggested_filename] = openpyxl.load_workbook(io.BytesIO(data)).active
        title = ws.oddHeader.center.text or ""
        assert "Cụm thi đua số 4" in title and title.endswith("— năm 2025"), title
        assert ws.print_title_rows == "$1:$1"  # the header row on every page
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
        assert "Trang &P/&N" in (ws.oddFooter.right.text or "")
    assert list(books) == ["xep-hang-CUM4_DBSH-2025.xlsx", "bang-diem-CUM4_DBSH-2025.xlsx",
                           "dien-bien-thu-hang-CUM4_DBSH.xlsx"]  # fmt: skip
    # the ranking names its units beside their codes, as the command line's export does
    heads = [c.value for c in books["xep-hang-CUM4_DBSH-2025.xlsx"][1]]
    assert heads[heads.index("Mã đơn vị") + 1] == "Tên đơn vị"
