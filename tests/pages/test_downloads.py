"""Every table has its CSV and Excel buttons, and the bytes behind them (built by
widgets.download_files, not read from the widget) are a UTF-8 CSV with a BOM and an XLSX, both with
human headers in the interface language."""

import io

import polars as pl
import pytest

from dashboard.ui.widgets import download_files

FRAME = pl.DataFrame(
    {
        "year": [2024],
        "unit_code": ["U1"],
        "indicator": ["LDTT_RATE"],
        "value_pct": [90.5],
        "status": ["met"],
    }
)


@pytest.mark.parametrize("page", ["overview", "unit", "ranking", "trends", "review", "data"])
def test_every_table_has_csv_and_excel_buttons(app, page):
    at = app(page, unit="BN_TCT")
    labels = [b.proto.label for b in at.get("download_button")]
    tables = len(at.dataframe)
    assert labels.count("Tải CSV") == labels.count("Tải Excel") >= max(tables, 1)
    assert labels.count("Tải CSV (Excel tiếng Việt)") == labels.count("Tải Excel")


def test_data_page_offers_every_analytics_table(app):
    labels = [b.proto.label for b in app("data").get("download_button")]
    # indicators, quotas, eligibility, rankings, trends, budget; plus the import template
    assert labels.count("Tải CSV") == 6 and "Tải mẫu nhập liệu (XLSX)" in labels


def test_csv_has_a_bom_and_vietnamese_headers_and_cells():
    _, csv, _ = download_files(FRAME, name="chi-so-2024", lang="vi", title="Chỉ số")
    data = csv.build()
    assert csv.file_name == "chi-so-2024.csv" and csv.mime == "text/csv"
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark: Excel reads Vietnamese
    head, row = data.decode("utf-8-sig").splitlines()
    assert head == "Năm,Mã đơn vị,Chỉ số,Tỷ lệ (%),Tình trạng"
    # the data CSV: two decimals with a point, in every language (sums in any locale)
    assert row == "2024,U1,LDTT_RATE,90.50,Đạt"


def test_csv_for_vietnamese_excel_has_semicolons_and_decimal_commas():
    files = {f.fmt: f for f in download_files(FRAME, name="chi-so-2024", lang="vi", title="Chỉ số")}
    csv = files["csv_excel_vi"]
    head, row = csv.build().decode("utf-8-sig").splitlines()
    assert csv.file_name == "chi-so-2024-excel-vi.csv"
    assert head == "Năm;Mã đơn vị;Chỉ số;Tỷ lệ (%);Tình trạng"
    assert row == "2024;U1;LDTT_RATE;90,50;Đạt"


def test_xlsx_reads_back_with_english_headers():
    xlsx, _, _ = download_files(FRAME, name="indicators-2024", lang="en", title="Indicators")
    back = pl.read_excel(io.BytesIO(xlsx.build()))
    assert back.columns == ["Year", "Unit code", "Indicator", "Value (%)", "Status"]
    assert back.row(0) == (2024, "U1", "LDTT_RATE", 90.5, "Met")
