"""Dữ liệu: an upload is previewed, imported with progress, and its row errors are listed."""

import polars as pl
import pytest


@pytest.fixture
def small_url(make_db):
    return make_db(
        {
            "clusters": pl.DataFrame(
                {"cluster_code": ["C1"], "cluster_name": ["Cụm thi đua số 1"]}
            ),
            "units": pl.DataFrame(
                {
                    "unit_code": ["U1"],
                    "unit_name": ["Trường A"],
                    "cluster_code": ["C1"],
                    "profile": ["civil"],
                }
            ),
        }
    )


def _report_tables(at, kind: str = "reason", lang: str = "vi") -> list:
    """The page's problem tables (errors, or warnings with kind="warning"): those headed with the
    importer's localized report headers."""
    from data_access.importer.messages import REPORT_HEADERS

    head = REPORT_HEADERS[kind][lang]
    return [d.value for d in at.dataframe if head in d.value.columns]


def _confirm_new(at) -> None:
    """Tick "Tôi xác nhận tạo mới …": new units or clusters are confirmed before importing."""
    assert at.button(key="run_import").disabled
    (box,) = [c for c in at.checkbox if c.label.startswith("Tôi xác nhận tạo mới")]
    box.check().run()
    assert not at.button(key="run_import").disabled


def _upload(at, name: str, text: str):
    at.file_uploader(key="upload").upload(name, text.encode("utf-8")).run()
    return at


def test_preview_then_import_adds_the_unit_to_the_sidebar(app_on, small_url):
    at = app_on(small_url)("data")
    _upload(at, "units.csv", "unit_code,unit_name,cluster_code\nU2,Trường Chính trị B,C1\n")
    assert not at.exception
    # the preview names the file (Markdown-escaped) and the table it goes to
    assert at.expander[0].label == "units\\.csv → bảng Đơn vị (1 dòng)"  # its name, not its code
    _confirm_new(at)
    at.button(key="run_import").click().run()
    assert not at.exception
    assert at.success, "the import should succeed"
    at.run()
    assert "Trường Chính trị B" in at.selectbox(key="w_unit").options


def test_row_errors_are_listed_in_the_preview_and_import_stays_off(app_on, small_url):
    """The unknown cluster is a check against the database: the preview, which runs the whole
    import rolled back, lists it, and the Import button stays disabled (issue 21)."""
    at = app_on(small_url)("data", lang="en")
    _upload(at, "units.csv", "unit_code,unit_name,cluster_code\nU3,Trường C,NOPE\n")
    assert not at.exception
    assert at.error and at.error[0].value.startswith("Checked in full, as the import would")
    (errors,) = _report_tables(at, lang="en")
    assert len(errors) == 1  # one bad row: the unknown cluster NOPE on row 2
    assert "NOPE" in errors.to_string()
    assert at.button(key="run_import").disabled
    assert all("Trường C" not in o for o in at.selectbox(key="w_unit").options)


def test_a_sparse_workbook_is_refused_in_the_preview_and_the_app_still_answers(app_on, small_url):
    """The 1.6 KB workbook that once aborted the server (A1 + XFD1048576) is refused by the
    preview's byte checks with a Vietnamese message; the next run of the page works."""
    from tests.data_access.hostile_kit import sparse_workbook

    at = app_on(small_url)("data")
    at.file_uploader(key="upload").upload("people.xlsx", sparse_workbook()).run()
    assert not at.exception
    (errors,) = _report_tables(at)
    assert len(errors) == 1 and "people.xlsx" in errors.to_string()
    assert not at.expander  # nothing was read, so nothing to preview
    # a refused file has no row, column or value: only file and reason are shown
    assert list(errors.columns) == ["Tệp", "Lỗi"]
    assert at.button(key="run_import").disabled  # importing it would fail the same way
    at.run()  # the server process is alive and the page answers again
    assert not at.exception and at.selectbox(key="w_unit").options


def test_many_errors_show_the_first_ones_with_the_total_and_a_full_csv(
    app_on, small_url, monkeypatch
):
    """30 bad rows with 10 on screen: the table holds 10, the caption says 30, the CSV holds
    all 30 (plus its header line)."""
    monkeypatch.setenv("THIDUA_IMPORT_ERRORS_ON_SCREEN", "10")
    rows = "".join(f"U{i},Trường {i},NOPE\n" for i in range(100, 130))
    at = app_on(small_url)("data")
    _upload(at, "units.csv", "unit_code,unit_name,cluster_code\n" + rows)
    assert not at.exception
    assert "30" in at.error[0].value  # found by the preview: no import needed to see them
    (errors,) = _report_tables(at)
    assert len(errors) == 10
    assert any("30" in c.value for c in at.caption)


def test_a_leading_apostrophe_is_dropped_and_a_lost_letter_is_a_warning(app_on, small_url):
    at = app_on(small_url)("data")
    _upload(at, "units.csv", "unit_code,unit_name,cluster_code\n'U7,Ngo? Thị,C1\n")
    assert not at.exception
    assert at.warning
    (warnings,) = _report_tables(at, "warning")
    assert len(warnings) == 1 and "Ngo?" in warnings.to_string()
    _confirm_new(at)
    at.button(key="run_import").click().run()
    assert at.success
    at.run()
    assert "Ngo? Thị" in at.selectbox(key="w_unit").options  # stored as U7, without the '
