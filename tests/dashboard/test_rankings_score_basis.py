"""rankings(): a cluster with any final points ranks by their sum; others keep the targets basis."""

from __future__ import annotations

import polars as pl

from dashboard.rankings import rankings
from data_access.readers import Dataset


def dataset() -> Dataset:
    units = ["U1", "U2", "U3", "U4", "V1", "V2"]
    return Dataset.empty(
        units=pl.DataFrame({"unit_code": units, "cluster_code": ["C1"] * 4 + ["C2"] * 2}),
        scores=pl.DataFrame(
            [
                (2023, "U1", "k1", 60.0, 55.0, 50.0),
                (2023, "U1", "k2", 40.0, 40.0, 40.0),  # U1: 50 + 40 = 90
                (2023, "U2", "k1", 60.0, 60.0, 55.0),
                (2023, "U2", "k2", 40.0, 35.0, None),  # U2: 55 (no final on k2) = 55
                (2023, "U3", "k1", 60.0, 60.0, 60.0),
                (2023, "U3", "k2", 40.0, 30.0, 30.0),  # U3: 60 + 30 = 90, ties U1
                (2023, "U4", "k1", 60.0, 60.0, None),  # U4: self points only → no score
                (2022, "V1", "k1", 60.0, 60.0, 60.0),  # another year: C2 has no 2023 score
            ],
            schema=["year", "unit_code", "criterion", "max_points", "self_points", "final_points"],
            orient="row",
        ),
    )


def ind() -> pl.DataFrame:
    # U4 meets every target and U1 none: the targets must not matter on the score basis.
    rows = [("U1", "below", 0.5), ("U2", "met", 1.0), ("U3", "met", 1.0), ("U4", "met", 1.0)]
    rows += [("V1", "below", 0.5), ("V2", "met", 1.0)]
    return pl.DataFrame(
        [(2023, "C1" if u[0] == "U" else "C2", u, "LDTT_RATE", s, a) for u, s, a in rows],
        schema=["year", "cluster_code", "unit_code", "indicator", "status", "attainment"],
        orient="row",
    )


def test_score_basis_ranks_by_final_points_and_puts_unscored_last():
    out = rankings(ind(), dataset(), year=2023)
    assert out.select("cluster_code", "unit_code", "rank", "basis", "final_points").rows() == [
        ("C1", "U1", 1, "score", 90.0),
        ("C1", "U3", 1, "score", 90.0),
        ("C1", "U2", 3, "score", 55.0),
        ("C1", "U4", 4, "score", None),
        # C2 has no 2023 score: V2 (1 met) before V1 (0 met)
        ("C2", "V2", 1, "targets", None),
        ("C2", "V1", 2, "targets", None),
    ]
    # in row order U1, U3, U2, U4, V2, V1: only U1 and V1 miss their target
    assert out["targets_met"].to_list() == [0, 1, 1, 1, 1, 0]
