"""targets_met_chart: met and not-met stacked, most targets met first."""

import polars as pl

from dashboard.charts.targets_met import targets_met_chart

FRAME = pl.DataFrame(
    {
        "unit_code": ["A", "B"],
        "unit_name": ["Trường A", "Trường B"],
        "targets_met": [5, 8],
        "targets_total": [9, 9],
    }
)


def test_met_and_missed_add_up_to_the_total():
    met, missed = targets_met_chart(FRAME, lang="vi").to_dict()["data"]
    assert list(met["y"]) == ["Trường B", "Trường A"]  # 8 met before 5 met
    assert list(met["x"]) == [8, 5]
    assert list(missed["x"]) == [1, 4]  # 9 - 8, 9 - 5
    assert list(met["text"]) == ["✓ 8/9", "✓ 5/9"]
