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


def _upload(at, name: str, text: str):
    at.file_uploader(key="upload").upload(name, text.encode("utf-8")).run()
    return at


def test_preview_then_import_adds_the_unit_to_the_sidebar(app_on, small_url):
    at = app_on(small_url)("data")
    _upload(at, "units.csv", "unit_code,unit_name,cluster_code\nU2,Trường Chính trị B,C1\n")
    assert not at.exception
    # the preview names the file (Markdown-escaped) and the table it goes to
    assert at.expander[0].label == "units\\.csv → bảng units (1 dòng)"
    at.button(key="run_import").click().run()
    assert not at.exception
    assert at.success, "the import should succeed"
    at.run()
    assert "Trường Chính trị B" in at.selectbox(key="w_unit").options


def test_row_errors_are_listed_and_nothing_is_written(app_on, small_url):
    at = app_on(small_url)("data", lang="en")
    _upload(at, "units.csv", "unit_code,unit_name,cluster_code\nU3,Trường C,NOPE\n")
    at.button(key="run_import").click().run()
    assert not at.exception
    assert at.error and "Nothing was imported" in at.error[0].value
    errors = at.dataframe[-1].value
    assert len(errors) == 1  # one bad row: the unknown cluster NOPE on row 2
    assert "NOPE" in errors.to_string()
    assert all("Trường C" not in o for o in at.selectbox(key="w_unit").options)
