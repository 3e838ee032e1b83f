"""ranking_chart: every bar in one colour, the chosen unit in the highlight colour and bold; the
figure and the rank change in columns of their own, headed inside the figure."""

import polars as pl

from dashboard.charts.ranking import BAR, HIGHLIGHT, ranking_chart

FRAME = pl.DataFrame(
    {
        "unit_code": ["C", "A", "B"],
        "unit_name": ["Trường C", "Trường A", "Trường B"],
        "short_name": ["C", "A", "B"],
        "rank": [2, 1, 3],
        "basis": ["score"] * 3,
        "final_points": [90.0, 96.5, 88.25],
        "targets_met": [6, 7, 6],
        "targets_total": [9, 9, 9],
        "rank_prev": [1, 3, 3],
        "rank_change": [-1, 2, 0],
    }
)


def test_one_colour_and_the_chosen_unit_highlighted():
    plain = ranking_chart(FRAME, lang="vi").to_dict()["data"][0]
    assert list(plain["marker"]["color"]) == [BAR, BAR, BAR]
    chosen = ranking_chart(FRAME, lang="vi", highlight="C").to_dict()["data"][0]
    # rank order A (1), C (2), B (3): the chosen C is the second bar, bold, by its short name
    assert list(chosen["marker"]["color"]) == [BAR, HIGHLIGHT, BAR]
    assert list(chosen["y"]) == ["1. A", "<b>2. C</b>", "3. B"]
    assert BAR != HIGHLIGHT


def test_score_and_change_in_their_own_columns():
    d = ranking_chart(FRAME, lang="vi", big=True).to_dict()
    bars, figures, marks = d["data"]
    assert (bars["xaxis"], figures["xaxis"], marks["xaxis"]) == ("x", "x2", "x3")
    # 88.25 → 88,3 (half away from zero); no "điểm" after each: the column's header says it
    assert list(figures["text"]) == ["96,5", "90,0", "88,3"]
    assert list(marks["text"]) == ["+2", "−1", "0"]
    heads = {a["xref"]: a for a in d["layout"]["annotations"]}
    assert heads["x2 domain"]["text"] == "Điểm"
    # the last header is right-aligned on the figure's edge, so it is never cut
    assert heads["x3 domain"]["x"] == 1 and heads["x3 domain"]["xanchor"] == "right"
    lay = d["layout"]
    # the columns do not share space: bars end before the figures start, those before the marks
    assert lay["xaxis"]["domain"][1] < lay["xaxis2"]["domain"][0]
    assert lay["xaxis2"]["domain"][1] < lay["xaxis3"]["domain"][0]


def test_hover_keeps_the_full_name():
    bars = ranking_chart(FRAME, lang="vi").to_dict()["data"][0]
    assert [c[0] for c in bars["customdata"]] == ["Trường A", "Trường C", "Trường B"]
