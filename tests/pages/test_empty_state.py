"""A database with units but no year of data: every page shows a friendly message pointing to
the Data page, never a traceback."""

import polars as pl
import pytest

PAGES = ("overview", "unit", "ranking", "trends", "review", "projector")


@pytest.fixture
def no_years_url(make_db):
    return make_db(
        {
            "clusters": pl.DataFrame(
                {"cluster_code": ["C1"], "cluster_name": ["Cụm thi đua số 1"]}
            ),
            "units": pl.DataFrame(
                {
                    "unit_code": ["U1"],
                    "unit_name": ["Trường Chính trị A"],
                    "cluster_code": ["C1"],
                    "profile": ["civil"],
                }
            ),
        }
    )


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_page_without_data_points_to_the_data_page(app_on, no_years_url, page, lang):
    at = app_on(no_years_url)(page, lang=lang)
    assert not at.exception
    expected = {"vi": "Cơ sở dữ liệu chưa có số liệu", "en": "The database holds no data yet"}[lang]
    assert any(expected in i.value for i in at.info)
    assert [link.value for link in at.page_link] == [
        {"vi": "Mở trang Dữ liệu", "en": "Open the Data page"}[lang]
    ]
