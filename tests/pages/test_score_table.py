"""Xếp hạng's score table on a hand-made cluster (issue 10, tables answer first): the unit's
name, then the total headed with the sum of the maxima, then the role, then each criterion headed
with its maximum. The figures are worked out below."""

from __future__ import annotations

import polars as pl
import pytest

YEAR = 2024


@pytest.fixture
def small_url(make_db):
    # criteria "Chuyên môn" out of 60 and "Phong trào" out of 40 → a total out of 100.
    # U1: 50 + 30 = 80. U2: 57 + (no final score: self 39) = 96, the cluster leader.
    marks = [
        ("U1", "Chuyên môn", 60.0, 55.0, 50.0),
        ("U1", "Phong trào", 40.0, 35.0, 30.0),
        ("U2", "Chuyên môn", 60.0, 58.0, 57.0),
        ("U2", "Phong trào", 40.0, 39.0, None),
    ]
    return make_db(
        {
            "clusters": pl.DataFrame({"cluster_code": ["C1"], "cluster_name": ["Cụm thử"]}),
            "units": pl.DataFrame(
                {
                    "unit_code": ["U1", "U2"],
                    "unit_name": ["Trường Một", "Trường Hai"],
                    "cluster_code": ["C1"] * 2,
                    "profile": ["civil"] * 2,
                }
            ),
            # the year is offered once it has staff
            "people": pl.DataFrame({"person_code": ["P1", "P2"], "full_name": ["A", "B"]}),
            "roster": pl.DataFrame(
                {"year": [YEAR] * 2, "person_code": ["P1", "P2"], "unit_code": ["U1", "U2"]}
            ),
            "scores": pl.DataFrame(
                {
                    "year": [YEAR] * 4,
                    "unit_code": [m[0] for m in marks],
                    "criterion": [m[1] for m in marks],
                    "max_points": [m[2] for m in marks],
                    "self_points": [m[3] for m in marks],
                    "final_points": [m[4] for m in marks],
                },
                schema_overrides={"final_points": pl.Float64},
            ),
            "cluster_roles": pl.DataFrame(
                {"year": [YEAR], "cluster_code": ["C1"], "unit_code": ["U2"], "role": ["leader"]}
            ),
        }
    )


def _scores(at, total_header: str):
    hits = [d.value for d in at.dataframe if total_header in list(d.value.columns)]
    assert hits, [list(d.value.columns) for d in at.dataframe]
    return hits[0]


@pytest.mark.parametrize(
    ("lang", "heads"),
    [
        (
            "vi",
            [
                "Tên đơn vị",
                "Tổng điểm (tối đa 100)",
                "Vai trò trong cụm",
                "Chuyên môn (tối đa 60)",
                "Phong trào (tối đa 40)",
            ],
        ),
        (
            "en",
            [
                "Unit",
                "Total (max 100)",
                "Cluster role",
                "Chuyên môn (max 60)",
                "Phong trào (max 40)",
            ],
        ),
    ],
)
def test_name_then_total_with_the_sum_of_maxima_then_criteria(app_on, small_url, lang, heads):
    at = app_on(small_url)("ranking", year=str(YEAR), cluster="C1", lang=lang)
    assert not at.exception, at.exception
    table = _scores(at, heads[1])
    assert list(table.columns) == heads
    rows = [tuple(r) for r in table.itertuples(index=False)]
    # the short names: both units of the cluster begin with "Trường"
    assert [r[0] for r in rows] == ["Hai", "Một"]
    assert [(r[1], r[3], r[4]) for r in rows] == [(96.0, 57.0, 39.0), (80.0, 50.0, 30.0)]


@pytest.fixture
def long_url(make_db):
    # two criteria with long names, 60 + 40 → a total out of 100; U1 50 + 30 = 80
    names = ["Thực hiện nhiệm vụ chuyên môn được giao", "Tham gia hoạt động của cụm thi đua"]
    return make_db(
        {
            "clusters": pl.DataFrame({"cluster_code": ["C1"], "cluster_name": ["Cụm thử"]}),
            "units": pl.DataFrame(
                {
                    "unit_code": ["U1"],
                    "unit_name": ["Trường Một"],
                    "cluster_code": ["C1"],
                    "profile": ["civil"],
                }
            ),
            "people": pl.DataFrame({"person_code": ["P1"], "full_name": ["A"]}),
            "roster": pl.DataFrame({"year": [YEAR], "person_code": ["P1"], "unit_code": ["U1"]}),
            "scores": pl.DataFrame(
                {
                    "year": [YEAR] * 2,
                    "unit_code": ["U1"] * 2,
                    "criterion": names,
                    "max_points": [60.0, 40.0],
                    "self_points": [55.0, 35.0],
                    "final_points": [50.0, 30.0],
                }
            ),
        }
    )


def test_long_criterion_names_are_numbered_with_their_key_under_the_table(app_on, long_url):
    at = app_on(long_url)("ranking", year=str(YEAR), cluster="C1", lang="vi")
    assert not at.exception, at.exception
    assert not at.warning, [w.value for w in at.warning]  # no section failed
    table = _scores(at, "Tổng điểm (tối đa 100)")
    # a one-unit cluster keeps its full name; no role in the cluster → no role column
    assert list(table.columns) == [
        "Tên đơn vị",
        "Tổng điểm (tối đa 100)",
        "TC1 (tối đa 40)",
        "TC2 (tối đa 60)",
    ]
    # the criteria come back from the database in the order of their names ("Tham" < "Thực")
    assert [tuple(r) for r in table.itertuples(index=False)] == [("Trường Một", 80.0, 30.0, 50.0)]
    captions = [c.value.replace("\\", "") for c in at.caption]  # Markdown escapes dropped
    assert any(
        "TC1: Tham gia hoạt động của cụm thi đua" in c
        and "TC2: Thực hiện nhiệm vụ chuyên môn được giao" in c
        for c in captions
    ), captions
