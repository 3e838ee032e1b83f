"""Every chart's title, axis titles and number format follow the interface language."""

import polars as pl
import pytest

from dashboard.charts.layout import figure_texts
from dashboard.charts.ranking import ranking_chart

RANKING = pl.DataFrame(
    {
        "unit_code": ["A", "B"],
        "unit_name": ["Trường A", "Trường B"],
        "rank": [1, 2],
        "basis": ["score", "score"],
        "final_points": [1234.5, 98.25],
        "targets_met": [7, 6],
        "targets_total": [9, 9],
        "rank_prev": [2, 1],
        "rank_change": [1, -1],
    }
)


def test_ranking_points_use_the_language_separators():
    vi = figure_texts(ranking_chart(RANKING, lang="vi"))
    en = figure_texts(ranking_chart(RANKING, lang="en"))
    # 98.25 rounds half away from zero to one decimal: 98.3; the unit is the column's header
    assert {"1.234,5", "98,3", "Điểm"} <= set(vi)
    assert {"1,234.5", "98.3", "Points"} <= set(en)


@pytest.mark.parametrize(
    ("lang", "title", "axis"),
    [("vi", "Xếp hạng thi đua", "Điểm"), ("en", "Emulation ranking", "Points")],
    ids=["vi", "en"],
)
def test_ranking_title_and_axis(lang, title, axis):
    layout = ranking_chart(RANKING, lang=lang).to_dict()["layout"]
    assert layout["title"]["text"] == title
    assert layout["xaxis"]["title"]["text"] == axis


def test_plotly_separators_follow_language():
    # Hover text and ticks are formatted by Plotly: decimal comma and thousands dot in vi.
    assert ranking_chart(RANKING, lang="vi").layout.separators == ",."
    assert ranking_chart(RANKING, lang="en").layout.separators == ".,"
