"""Tied units appear in one order everywhere (ranking table, score table, chart): the
Vietnamese order of their names, not their codes. "Hà Nam" comes before "Hải Dương": word by
word, "Ha" is a prefix of "Hai" (the codes, HD_TCT < HNA_TCT, would put Hải Dương first)."""

import polars as pl

from dashboard.charts.ranking import ranking_chart
from dashboard.views.ranking import named_ranking, score_table
from data_access.readers import Dataset

UNITS = pl.DataFrame(
    {
        "unit_code": ["HD_TCT", "HNA_TCT", "QN_TCT"],
        "unit_name": [
            "Trường Chính trị tỉnh Hải Dương",
            "Trường Chính trị tỉnh Hà Nam",
            "Trường Chính trị tỉnh Quảng Ninh",
        ],
        "cluster_code": ["C"] * 3,
        "profile": ["civil"] * 3,
        "short_name": [None, None, None],
    }
)
RANKING = pl.DataFrame(
    {
        "year": [2025] * 3,
        "cluster_code": ["C"] * 3,
        "unit_code": ["QN_TCT", "HD_TCT", "HNA_TCT"],
        "rank": [3, 1, 1],
        "final_points": [94.5, 96.5, 96.5],
        "basis": ["score"] * 3,
        "targets_met": [6, 6, 5],
        "targets_total": [7] * 3,
        "rank_prev": [2, 1, 4],
        "rank_change": [-1, 0, 3],
    }
)
SCORES = pl.DataFrame(
    {
        "year": [2025] * 3,
        "unit_code": ["HD_TCT", "HNA_TCT", "QN_TCT"],
        "criterion": ["Chuyên môn"] * 3,
        "max_points": [100.0] * 3,
        "self_points": [96.5, 96.5, 94.5],
        "final_points": [96.5, 96.5, 94.5],
    }
)


def _ds() -> Dataset:
    return Dataset.empty(units=UNITS, scores=SCORES)


def test_ties_in_vietnamese_name_order_in_the_table_and_the_score_table():
    ranked = named_ranking(RANKING, _ds(), cluster="C")
    assert ranked["unit_code"].to_list() == ["HNA_TCT", "HD_TCT", "QN_TCT"]
    scores = score_table(_ds(), year=2025, cluster="C", lang="vi")
    assert scores["unit_code"].to_list() == ["HNA_TCT", "HD_TCT", "QN_TCT"]


def test_the_chart_draws_the_ties_in_the_same_order():
    ranked = named_ranking(RANKING, _ds(), cluster="C")
    fig = ranking_chart(ranked, lang="vi")
    axis = fig.layout.yaxis.categoryarray
    assert [a.split(". ", 1)[1] for a in axis][:2] == ["Hà Nam", "Hải Dương"]
