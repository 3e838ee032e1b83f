"""views.projector.highlights of a year in progress (issue 21): what is known so far, never a
leader, a riser or "units meeting every target" from empty figures."""

from __future__ import annotations

from dashboard import pipeline
from dashboard.views.projector import highlights
from dashboard.views.warnings import warnings
from data_access.readers import Dataset
from tests.dashboard.progress_kit import frames

DS = Dataset.empty(**frames())


def _cards(lang: str, *, with_warnings: bool = True) -> dict[str, str]:
    counts = pipeline.counts_for(DS, [2026])
    ind = pipeline.indicators_with_targets(DS, [2026])
    early = warnings(DS, year=2026) if with_warnings else None
    # the engine's ranking of the year: no rows (tests/dashboard/test_rankings_year_in_progress)
    rank = pipeline.rankings_for(ind, DS, 2026)
    assert rank.height == 0
    out = highlights(counts, ind, rank, year=2026, cluster="C1", lang=lang, warnings=early)
    return {c["key"]: c["value"] for c in out}


def test_cards_of_the_year_in_progress():
    # 5 staff; 11 person-months rated, 4 HTXSNV → 36,4 %; U2 behind, U1 over the cap
    assert _cards("vi") == {
        "staff": "5",
        "months": "11",
        "share": "36,4 %",
        "behind": "1",
        "at_risk": "1",
        "later": "Có sau tổng kết năm",
    }


def test_in_english_and_without_the_warnings():
    assert _cards("en", with_warnings=False) == {
        "staff": "5",
        "months": "11",
        "share": "36.4%",
        "later": "Comes with the year-end review",
    }
