"""views.ranking: the score table by criterion with roles, and the rank history."""

import polars as pl

from dashboard.views.ranking import rank_history, score_headers, score_maxima, score_table
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


def test_total_first_then_role_then_criteria():
    out = score_table(DS, year=2024, cluster="C", lang="vi")
    assert out.columns == [
        "unit_code",
        "unit_name",
        "final_points",
        "role",
        "Công tác chuyên môn",
        "Phong trào",
    ]
    # U2: 57 + 39 (no final score for "Phong trào": its self score) = 96; U1: 50 + 30 = 80
    assert out.rows() == [
        ("U2", "Trường B", 96.0, "Cụm trưởng", 57.0, 39.0),
        ("U1", "Trường A", 80.0, None, 50.0, 30.0),
    ]


def test_each_criterion_header_carries_its_maximum_and_the_total_their_sum():
    maxima = score_maxima(DS, year=2024, cluster="C")
    # cluster C only: unit X of cluster D is not counted
    assert maxima == {"Công tác chuyên môn": 60.0, "Phong trào": 40.0}
    # 60 + 40 = 100
    assert score_headers(maxima, "vi") == {
        "final_points": "Tổng điểm (tối đa 100)",
        "Công tác chuyên môn": "Công tác chuyên môn (tối đa 60)",
        "Phong trào": "Phong trào (tối đa 40)",
    }
    assert score_headers(maxima, "en")["final_points"] == "Total (max 100)"


def test_a_half_point_maximum_keeps_its_decimal_in_the_language_format():
    # 12.5 + 7.5 = 20; Vietnamese writes the decimal with a comma
    heads = score_headers({"A": 12.5, "B": 7.5}, "vi")
    assert heads == {
        "final_points": "Tổng điểm (tối đa 20)",
        "A": "A (tối đa 12,5)",
        "B": "B (tối đa 7,5)",
    }
    assert score_headers({"A": 12.5}, "en")["A"] == "A (max 12.5)"


def test_the_largest_maximum_when_units_were_marked_out_of_different_maxima():
    ds = Dataset.empty(
        units=DS.units,
        scores=pl.DataFrame(
            {
                "year": [2024, 2024],
                "unit_code": ["U1", "U2"],
                "criterion": ["K", "K"],
                "max_points": [10.0, 15.0],
                "self_points": [9.0, 14.0],
                "final_points": [None, None],
            }
        ),
    )
    assert score_maxima(ds, year=2024, cluster="C") == {"K": 15.0}


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
