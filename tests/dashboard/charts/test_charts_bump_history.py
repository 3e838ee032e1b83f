"""bump_chart: the years up to the chosen one, the chosen unit highlighted and the others grey,
units tied on a rank drawn apart."""

import polars as pl

from dashboard.charts.bump import HIGHLIGHT, OTHER, TIE_STEP, bump_chart

FRAME = pl.DataFrame(
    {
        "year": [2023, 2024, 2025] * 3,
        "unit_code": ["A"] * 3 + ["B"] * 3 + ["C"] * 3,
        "unit_name": ["Trường A"] * 3 + ["Trường B"] * 3 + ["Trường C"] * 3,
        "rank": [1, 2, 1, 2, 2, 3, 3, 1, 2],
    }
)


def test_years_stop_at_the_chosen_year():
    d = bump_chart(FRAME, lang="vi", up_to=2024).to_dict()
    xs = [x for tr in d["data"] for x in tr["x"]]
    assert max(xs) < 2024.5 and min(xs) > 2022.5
    assert list(d["layout"]["xaxis"]["tickvals"]) == [2023, 2024]
    assert d["layout"]["xaxis"]["tickangle"] == 0
    assert list(d["layout"]["xaxis"]["range"]) == [2022.6, 2024.4]


def test_chosen_unit_in_colour_last_the_others_grey():
    d = bump_chart(FRAME, lang="vi", highlight="B").to_dict()
    colours = {tr["name"]: tr["line"]["color"] for tr in d["data"]}
    assert colours == {"Trường A": OTHER, "Trường C": OTHER, "Trường B": HIGHLIGHT}
    assert d["data"][-1]["name"] == "Trường B"  # drawn on top
    assert list(d["data"][-1]["text"]) == ["2", "2", "3"]  # its ranks in its markers


def test_ties_are_drawn_apart():
    d = bump_chart(FRAME, lang="vi").to_dict()
    at = {tr["name"]: dict(zip(tr["customdata"], tr["x"], strict=True)) for tr in d["data"]}
    # 2024: A and B tie on rank 2 → one step apart, centred on the year (A first by code)
    assert at["Trường A"][2024] == 2024 - TIE_STEP / 2
    assert at["Trường B"][2024] == 2024 + TIE_STEP / 2
    # no tie in 2023 or 2025: on the year itself
    assert at["Trường A"][2023] == 2023 and at["Trường C"][2025] == 2025
