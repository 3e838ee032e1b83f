"""Hypothesis strategies for the engine's property tests: small random Datasets of records.

No tests here: the property files (`test_properties_*.py`) import `datasets` from this module.
Codes are drawn from small pools so that awards and ratings often hit roster persons and the
unit's collectives, and sometimes miss them (persons not on the roster, other units' collectives).
"""

from __future__ import annotations

import polars as pl
from hypothesis import strategies as st

from data_access.readers import Dataset

YEARS = (2022, 2023)
UNITS = ("U1", "U2", "U3", "U4")
PERSONS = tuple(f"P{i}" for i in range(10))
COLLECTIVES = tuple(f"K{i}" for i in range(8))
KINDS = ("department", "party_cell", "mass_org")
AWARDS = (
    "LDTT", "CSTT", "CSTDCS", "CSTD_BO", "CSTD_TQ", "TTLDTT", "TTLDXS", "CO_TD_BO", "CO_TD_CP",
    "GIAY_KHEN", "BK_BO", "BK_TTG", "HC_LD_3",
)  # fmt: skip
RATINGS = ("HTXSNV", "HTTNV", "HTNV", "KHTNV", "VMXS", "VM", "HT", "KHT")
PERIODS = ("2022", "2023", "2022-01", "2022-02", "2023-01", "2023-06")
INDICATORS = ("LDTT_RATE", "CSTDCS_OF_LDTT", "TTLDXS_OF_TTLDTT", "HIGHER_AWARD_RATE")


@st.composite
def datasets(draw: st.DrawFn, *, with_extras: bool = False) -> Dataset:
    """A random Dataset of records; `with_extras` adds unit_counts, targets, scores and roles."""
    units = pl.DataFrame(
        {
            "unit_code": list(UNITS),
            "cluster_code": [draw(st.sampled_from(["C1", "C2"])) for _ in UNITS],
            "profile": [draw(st.sampled_from(["civil", "military"])) for _ in UNITS],
        }
    )
    collectives = pl.DataFrame(
        {
            "collective_code": list(COLLECTIVES),
            "unit_code": [draw(st.sampled_from(UNITS)) for _ in COLLECTIVES],
            "kind": [draw(st.sampled_from(KINDS)) for _ in COLLECTIVES],
        }
    )
    roster_keys = draw(
        st.sets(st.tuples(st.sampled_from(YEARS), st.sampled_from(PERSONS)), min_size=4)
    )
    roster = pl.DataFrame(
        [(y, p, draw(st.sampled_from(UNITS))) for y, p in sorted(roster_keys)],
        schema=["year", "person_code", "unit_code"],
        orient="row",
    )
    recipients = st.one_of(
        st.tuples(st.just("person"), st.sampled_from(PERSONS)),
        st.tuples(st.just("collective"), st.sampled_from(COLLECTIVES)),
        st.tuples(st.just("unit"), st.sampled_from(UNITS)),
    )
    award_keys = draw(
        st.sets(
            st.tuples(st.sampled_from(YEARS), recipients, st.sampled_from(AWARDS)),
            min_size=5,
            max_size=40,
        )
    )
    awards = pl.DataFrame(
        [(y, k, c, a) for y, (k, c), a in sorted(award_keys)],
        schema=["year", "recipient_kind", "recipient_code", "award_code"],
        orient="row",
    )
    subjects = st.one_of(
        st.tuples(st.just("person"), st.sampled_from(PERSONS)),
        st.tuples(st.just("collective"), st.sampled_from(COLLECTIVES)),
    )
    rated = draw(
        st.dictionaries(
            st.tuples(st.sampled_from(PERIODS), subjects),
            st.sampled_from(RATINGS),
            min_size=5,
            max_size=40,
        )
    )
    ratings = pl.DataFrame(
        [(p, k, c, r) for (p, (k, c)), r in sorted(rated.items())],
        schema=dict.fromkeys(["period", "subject_kind", "subject_code", "rating"], pl.String),
        orient="row",
    ).with_columns(
        year=pl.col("period").str.slice(0, 4).cast(pl.Int16),
        month=pl.col("period").str.slice(5, 2).cast(pl.Int8, strict=False),
    )
    frames = {
        "units": units,
        "collectives": collectives,
        "roster": roster,
        "awards": awards,
        "ratings": ratings,
    }
    if with_extras:
        frames |= _extras(draw)
    return Dataset.empty(**frames)


def _extras(draw: st.DrawFn) -> dict[str, pl.DataFrame]:
    from data_access.catalog import MEASURES

    counted = draw(
        st.dictionaries(
            st.tuples(st.sampled_from(YEARS), st.sampled_from(UNITS), st.sampled_from(MEASURES)),
            st.integers(0, 30),
        )
    )
    unit_counts = pl.DataFrame(
        [(y, u, m, v) for (y, u, m), v in sorted(counted.items())],
        schema=["year", "unit_code", "measure", "value"],
        orient="row",
    )
    bounds = st.tuples(
        st.one_of(st.none(), st.sampled_from([0.0, 10.0, 50.0, 90.0])),
        st.one_of(st.none(), st.sampled_from([15.0, 50.0, 100.0])),
    ).filter(lambda b: b != (None, None))
    scopes = st.one_of(
        st.tuples(st.just("cluster"), st.sampled_from(["C1", "C2"])),
        st.tuples(st.just("unit"), st.sampled_from(UNITS)),
    )
    target_map = draw(
        st.dictionaries(
            st.tuples(st.sampled_from(YEARS), scopes, st.sampled_from(INDICATORS)), bounds
        )
    )
    targets = pl.DataFrame(
        [(y, k, c, i, lo, hi) for (y, (k, c), i), (lo, hi) in sorted(target_map.items(), key=str)],
        schema=["year", "scope_kind", "scope_code", "indicator", "min_pct", "max_pct"],
        orient="row",
    )
    score_map = draw(
        st.dictionaries(
            st.tuples(
                st.sampled_from(YEARS), st.sampled_from(UNITS), st.sampled_from(["k1", "k2"])
            ),
            st.one_of(st.none(), st.sampled_from([0.0, 5.0, 10.0])),
            max_size=4,
        )
    )
    scores = pl.DataFrame(
        [(y, u, k, 10.0, v, v) for (y, u, k), v in sorted(score_map.items(), key=str)],
        schema=["year", "unit_code", "criterion", "max_points", "self_points", "final_points"],
        orient="row",
    )
    role_map = draw(
        st.dictionaries(
            st.tuples(st.sampled_from(YEARS), st.sampled_from(UNITS)),
            st.sampled_from(["leader", "deputy"]),
        )
    )
    roles = pl.DataFrame(
        [(y, "C1", u, r) for (y, u), r in sorted(role_map.items())],
        schema=["year", "cluster_code", "unit_code", "role"],
        orient="row",
    )
    return {
        "unit_counts": unit_counts,
        "targets": targets,
        "scores": scores,
        "cluster_roles": roles,
    }
