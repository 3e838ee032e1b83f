"""The pandas reference on the tiny dataset: hand-worked indicators, targets and ranking."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from bench import pandas_reference as pdref


@pytest.fixture
def ref(tiny_ds):
    return pdref.pipeline(pdref.frames(tiny_ds), year=2025)


def pick(frame: pd.DataFrame, indicator: str, unit: str | None, cluster: str | None = None):
    f = frame[(frame["indicator"] == indicator) & (frame["year"] == 2025)]
    f = f[f["unit_code"].isna()] if unit is None else f[f["unit_code"] == unit]
    if cluster is not None:
        f = f[f["cluster_code"] == cluster]
    assert len(f) == 1, f
    return f.iloc[0]


def test_indicators_pool_only_members_that_know_both_sides(ref):
    ind = ref["indicators"]
    # U1 2 of 4 staff LĐTT-or-higher; U2 unknown (no person award); C1 = U1 alone = 2/4.
    assert pick(ind, "LDTT_RATE", "U1")[["numerator", "denominator", "value_pct"]].tolist() == [
        2,
        4,
        50.0,
    ]
    assert math.isnan(pick(ind, "LDTT_RATE", "U2")["value_pct"])
    assert pick(ind, "LDTT_RATE", None, "C1")["value_pct"] == 50.0
    # HIGHER_AWARD_RATE pooled over C1: (2 + 1) / (7 + 4) = 3/11.
    assert pick(ind, "HIGHER_AWARD_RATE", None, "C1")["value_pct"] == pytest.approx(300 / 11)


def test_status_and_attainment_against_the_cluster_target(ref):
    ind = ref["indicators"]
    # C1 target LDTT_RATE ≥ 90: U1 50 % → below, attainment 50/90; U2 no value → no_data, 0;
    # the pooled row 50 % → below.
    u1 = pick(ind, "LDTT_RATE", "U1")
    assert (u1["status"], u1["attainment"]) == ("below", pytest.approx(50 / 90))
    u2 = pick(ind, "LDTT_RATE", "U2")
    assert (u2["status"], u2["attainment"]) == ("no_data", 0.0)
    assert pick(ind, "LDTT_RATE", None, "C1")["status"] == "below"


def test_ranking_by_mean_attainment_when_no_target_is_met(ref):
    # Both members meet 0 targets; U1's mean attainment 50/90 beats U2's 0 → U1 first.
    r = ref["rankings"]
    c1 = r[r["cluster_code"] == "C1"].set_index("unit_code")
    assert c1.loc["U1", "rank"] == 1 and c1.loc["U2", "rank"] == 2
    assert (c1["basis"] == "targets").all()
