"""bump_chart with no unit chosen: the last year's podium (ranks 1 to 3) in colour, each its
own, the others grey; a chosen unit still takes the only colour. Worked by hand below."""

import polars as pl

from dashboard.charts.bump import HIGHLIGHT, OTHER, OTHER_TEXT, PODIUM, bump_chart, podium_colors

# Five units over 2023–2025. 2025 ranks: D 1, B 2, A 3, C 4, E 5.
# 2024 ranks: A 1, B 2, C 3, D 4, E 5 (what the podium is when 2024 is chosen).
FRAME = pl.DataFrame(
    {
        "year": [2023, 2024, 2025] * 5,
        "unit_code": [u for u in "ABCDE" for _ in range(3)],
        "unit_name": [f"Trường {u}" for u in "ABCDE" for _ in range(3)],
        "rank": [1, 1, 3, 2, 2, 2, 3, 3, 4, 4, 4, 1, 5, 5, 5],
    }
)


def _colours(d: dict) -> dict[str, str]:
    return {tr["name"]: tr["line"]["color"] for tr in d["data"]}


def test_the_last_years_podium_in_its_own_colours_the_rest_grey():
    d = bump_chart(FRAME, lang="vi").to_dict()
    blue, vermillion, green = (PODIUM[i][0] for i in range(3))
    assert _colours(d) == {
        "Trường D": blue,  # rank 1 in 2025
        "Trường B": vermillion,  # rank 2
        "Trường A": green,  # rank 3
        "Trường C": OTHER,
        "Trường E": OTHER,
    }
    # the grey lines drawn first, the coloured ones over them
    assert [tr["name"] for tr in d["data"]][:2] == ["Trường C", "Trường E"]
    labels = {a["text"]: a["font"]["color"] for a in d["layout"]["annotations"]}
    assert labels["Trường D"] == PODIUM[0][1] and labels["Trường B"] == PODIUM[1][1]
    assert labels["Trường C"] == OTHER_TEXT


def test_the_podium_is_that_of_the_chosen_year():
    d = bump_chart(FRAME, lang="vi", up_to=2024).to_dict()
    coloured = {n for n, c in _colours(d).items() if c != OTHER}
    assert coloured == {"Trường A", "Trường B", "Trường C"}  # 2024: A 1, B 2, C 3


def test_a_tie_on_the_podium_colours_every_tied_unit():
    # 2024: A and B tie on 1, C 3, D 3 (tied), E 5 → four units on the podium, by rank then code
    frame = pl.DataFrame(
        {
            "year": [2024] * 5,
            "unit_code": list("ABCDE"),
            "unit_name": list("ABCDE"),
            "rank": [1, 1, 3, 3, 5],
        }
    )
    assert podium_colors(frame) == {"A": PODIUM[0], "B": PODIUM[1], "C": PODIUM[2], "D": PODIUM[3]}


def test_a_chosen_unit_is_the_only_colour():
    d = bump_chart(FRAME, lang="vi", highlight="C").to_dict()
    assert {n for n, c in _colours(d).items() if c != OTHER} == {"Trường C"}
    assert _colours(d)["Trường C"] == HIGHLIGHT
    assert d["data"][-1]["name"] == "Trường C"
