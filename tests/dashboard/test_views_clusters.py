"""cluster_comparison: the organiser's clusters side by side on their pooled rows (issue 21),
figures worked by hand from a small frame."""

from __future__ import annotations

import polars as pl

from dashboard.views.clusters import cluster_comparison, comparison_table


def _row(cluster, unit, ind, value, status, year=2025):
    return {
        "year": year,
        "cluster_code": cluster,
        "unit_code": unit,
        "indicator": ind,
        "value_pct": value,
        "status": status,
    }


IND = pl.DataFrame(
    [
        # Cụm A: 1 of 3 targets met (LDTT met, CSTDCS below, X below)
        _row("A", None, "LDTT_RATE", 90.0, "met"),
        _row("A", None, "CSTDCS_OF_LDTT", 12.5, "below"),
        _row("A", None, "X", 1.0, "below"),
        _row("A", "A1", "LDTT_RATE", 10.0, "below"),  # a unit's row: not the cluster's
        # Cụm B: 2 of 2 targets met; CSTDCS without a target does not count
        _row("B", None, "LDTT_RATE", 95.0, "met"),
        _row("B", None, "TTLDXS_OF_TTLDTT", 40.0, "met"),
        _row("B", None, "CSTDCS_OF_LDTT", 20.0, "no_target"),
        # Cụm C: not the user's; Cụm A in another year: not this year's
        _row("C", None, "LDTT_RATE", 99.0, "met"),
        _row("A", None, "TTLDXS_OF_TTLDTT", 50.0, "met", year=2024),
    ]
)
NAMES = pl.DataFrame({"cluster_code": ["A", "B", "C"], "cluster_name": ["Cụm A", "Cụm B", "Cụm C"]})


def test_clusters_side_by_side_most_targets_met_first():
    out = cluster_comparison(IND, NAMES, year=2025, visible=["A", "B"])
    assert out["cluster_name"].to_list() == ["Cụm B", "Cụm A"]  # 2 met before 1
    assert out["targets_met"].to_list() == [2, 1]
    assert out["targets_total"].to_list() == [2, 3]
    assert out["LDTT_RATE"].to_list() == [95.0, 90.0]  # pooled, not A1's 10.0
    assert out["LDTT_RATE__status"].to_list() == ["met", "met"]
    assert out["CSTDCS_OF_LDTT"].to_list() == [20.0, 12.5]
    assert out["CSTDCS_OF_LDTT__status"].to_list() == ["no_target", "below"]
    # Cụm A has no pooled TTLDXS row in 2025 (only 2024's)
    assert out["TTLDXS_OF_TTLDTT"].to_list() == [40.0, None]


def test_ties_by_name_and_only_visible_clusters():
    out = cluster_comparison(IND, NAMES, year=2025, visible=["C", "A"])
    assert out["cluster_code"].to_list() == ["A", "C"]  # 1 met each: by name
    assert cluster_comparison(IND, NAMES, year=2023, visible=["A"]).height == 0


def test_the_table_as_shown():
    out = cluster_comparison(IND, NAMES, year=2025, visible=["A", "B"])
    shown = comparison_table(out, lang="vi")
    assert shown["cluster_name"].to_list() == ["Cụm B", "Cụm A"]
    assert shown["targets_met"].to_list() == ["2/2", "1/3"]
    assert shown.columns[0] == "cluster_name" and shown.columns[-1] == "targets_met"
    status = [c for c in shown.columns if c.endswith("__status")]
    assert len(status) == 3  # one a headline indicator
    ldtt = next(c for c in status if shown[c].to_list() == ["met", "met"])
    # the value in the language's format, after the status icon: 95,0 % and 90,0 %
    texts = shown[ldtt.removesuffix("__status")].to_list()
    assert "95,0" in texts[0] and "90,0" in texts[1], texts
