"""awards_chart: awards by type as horizontal bars, most frequent on top, names clear of the
bars."""

import polars as pl

from dashboard.charts.awards import awards_chart

FRAME = pl.DataFrame({"award_code": ["LDTT", "CSTDCS", "GIAY_KHEN"], "count": [3, 12, 7]})


def test_bars_most_frequent_first_with_the_names_standing_off():
    fig = awards_chart(FRAME, lang="vi").to_dict()
    (bars,) = fig["data"]
    assert list(bars["x"]) == [12, 7, 3]
    assert list(bars["y"]) == ["Chiến sĩ thi đua cơ sở", "Giấy khen", "Lao động tiên tiến"]
    assert fig["layout"]["yaxis"]["ticklabelstandoff"] == 10  # px between a name and its bar
