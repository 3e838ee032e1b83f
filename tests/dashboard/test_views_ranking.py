"""views.ranking: the score table by criterion with roles, and the rank history."""

import polars as pl

from dashboard.views.ranking import rank_history, score_table
from data_access.readers import Dataset

DS = Dataset.empty(
    units=pl.DataFrame(
        {
            "unit_code": ["U1", "U2", "X"],
            "unit_name": ["Trường A", "Trường B", "X"],
            "cluster_code": ["C", "C", "D"],
        }
    ),
    scores=pl.DataFrame(
        {
            "year": [2024] * 5,
            "unit_code": ["U1", "U1", "U2", "U2", "X"],
            "criterion": [
                "Công tác chuyên môn",
                "Phong trào",
                "Công tác chuyên môn",
                "Phong trào",
                "Công tác chuyên môn",
            ],
            "max_points": [60.0, 40.0, 60.0, 40.0, 60.0],
            "self_points": [55.0, 35.0, 58.0, 39.0, 60.0],
            "final_points": [50.0, 30.0, 57.0, None, 60.0],
        }
    ),
    cluster_roles=pl.DataFrame(
        {"year": [2024], "cluster_code": ["C"], "unit_code": ["U2"], "role": ["leader"]}
    ),
)


def test_final_points_by_criterion_with_total_and_role():
    out = score_table(DS, year=2024, cluster="C", lang="vi")
    assert out.columns == [
        "unit_code",
        "unit_name",
        "role",
        "Công tác chuyên môn",
        "Phong trào",
        "final_points",
    ]
    # U2: 57 + 39 (no final score for "Phong trào": its self score) = 96; U1: 50 + 30 = 80
    assert out.rows() == [
        ("U2", "Trường B", "Cụm trưởng", 57.0, 39.0, 96.0),
        ("U1", "Trường A", None, 50.0, 30.0, 80.0),
    ]


def test_no_scores_give_no_rows():
    assert score_table(DS, year=2023, cluster="C", lang="vi").height == 0


def test_rank_history_keeps_ranked_years_of_the_cluster():
    ranks = pl.DataFrame(
        {
            "year": [2023, 2024, 2024, 2024],
            "cluster_code": ["C", "C", "C", "D"],
            "unit_code": ["U1", "U1", "U2", "X"],
            "rank": [2, 1, None, 1],
        }
    )
    # the short name drops "Trường", the first word both names of cluster C share
    assert rank_history(ranks, DS, cluster="C").rows() == [
        (2023, "U1", "Trường A", "A", 2),
        (2024, "U1", "Trường A", "A", 1),
    ]
    # with 2023 chosen, 2024 is not drawn
    assert rank_history(ranks, DS, cluster="C", up_to=2023).rows() == [
        (2023, "U1", "Trường A", "A", 2)
    ]
