"""The organiser's view on Tổng quan (issue 21): a user who sees several clusters gets them side
by side on their pooled indicators, most targets met first; the chosen cluster's row agrees with
its own "targets met" card (a separate computation from the same pooled rows)."""

from __future__ import annotations


def _clusters_table(at):
    return next(d for d in at.dataframe if "Cụm" in d.value.columns)


def test_clusters_side_by_side_agree_with_the_cards(app):
    at = app("overview", year="2025", cluster="CUM4_DBSH")
    assert not at.exception, at.exception
    table = _clusters_table(at).value
    assert table.shape[0] == 4  # the demo's four clusters, all visible to this user
    met = [int(x.split("/")[0]) for x in table["Số chỉ tiêu đạt"]]
    assert met == sorted(met, reverse=True)  # most targets met first
    cards = {m.label: m.value for m in at.metric}
    ours = table[table["Cụm"].str.startswith("Cụm thi đua số 4")].iloc[0]
    assert ours["Số chỉ tiêu đạt"] == cards["Chỉ tiêu đạt"]
    # each headline rate as its card shows it, after the status icon
    for column, card in [("LĐTT", "Tỷ lệ LĐTT"), ("CSTĐCS/LĐTT", "CSTĐCS trên LĐTT")]:
        assert ours[column].endswith(cards[card]), (ours[column], cards[card])


def test_not_shown_for_one_unit(app):
    at = app("overview", year="2025", cluster="CUM4_DBSH", unit="HP_TCT")
    assert not at.exception, at.exception
    assert not any("Số chỉ tiêu đạt" in d.value.columns for d in at.dataframe)
