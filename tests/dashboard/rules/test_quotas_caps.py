"""quotas(): which cap rules apply to which unit-years, and what each one counts."""

from __future__ import annotations

import polars as pl

from dashboard.rules.quotas import quotas
from data_access.catalog import MEASURES


def counts_frame(*rows: dict) -> pl.DataFrame:
    """A hand-made `counts()` frame: every measure null unless given."""
    full = [
        {"year": 2025, "cluster_code": "C1", "profile": "civil", "source": "records"}
        | {m: None for m in MEASURES}
        | {"unit_itself": 1}
        | row
        for row in rows
    ]
    schema = {
        "year": pl.Int16,
        "cluster_code": pl.String,
        "unit_code": pl.String,
        "profile": pl.String,
        "source": pl.String,
    }
    schema |= {m: pl.Int64 for m in MEASURES} | {"unit_itself": pl.Int64}
    return pl.DataFrame(full, schema=schema)


def pick(frame: pl.DataFrame, rule: str) -> dict:
    rows = frame.filter(pl.col("rule") == rule).to_dicts()
    assert len(rows) == 1, rows
    return rows[0]


def test_civil_cap_counts_cstdcs_against_ldtt():
    out = quotas(
        counts_frame(
            {"unit_code": "U1", "staff": 60, "persons_ldtt_plus": 40, "persons_cstdcs_plus": 4}
        )
    )
    row = pick(out, "CSTDCS_CAP")
    # floor(15 % × 40) = floor(6.0) = 6 allowed; 4 used; 6 − 4 = 2 remaining
    assert (row["base_count"], row["cap_pct"], row["allowed"]) == (40, 15.0, 6)
    assert (row["used"], row["remaining"], row["status"]) == (4, 2, "ok")
    assert row["rule_text_vi"].startswith("Số cá nhân đạt CSTĐCS")
    assert "91/2017" in row["source"]
    assert out["rule"].to_list() == ["CSTDCS_CAP"]  # no military cap, no HTXSNV cap before 2026


def test_military_cap_is_ten_percent_of_strength():
    out = quotas(
        counts_frame(
            {
                "unit_code": "M1",
                "profile": "military",
                "staff": 57,
                "persons_ldtt_plus": 40,
                "persons_cstdcs_plus": 5,
            }
        )
    )
    assert out["rule"].to_list() == ["CSTDCS_CAP_MILITARY"]  # the civil cap does not apply
    row = pick(out, "CSTDCS_CAP_MILITARY")
    # base = strength 57; floor(10 % × 57) = floor(5.7) = 5 allowed; 5 used; 0 remaining
    assert (row["base_count"], row["cap_pct"], row["allowed"]) == (57, 10.0, 5)
    assert (row["used"], row["remaining"], row["status"]) == (5, 0, "ok")


def test_htxsnv_cap_applies_only_from_2026():
    out = quotas(
        counts_frame(
            {"year": 2025, "unit_code": "U1", "persons_httnv": 30, "persons_htxsnv": 7},
            {"year": 2026, "unit_code": "U1", "persons_httnv": 30, "persons_htxsnv": 7},
        )
    )
    htxsnv = out.filter(pl.col("rule") == "HTXSNV_CAP")
    assert htxsnv["year"].to_list() == [2026]
    row = htxsnv.row(0, named=True)
    # floor(20 % × 30) = 6 allowed; 7 used; 6 − 7 = −1 remaining: over the cap
    assert (row["base_count"], row["allowed"], row["used"]) == (30, 6, 7)
    assert (row["remaining"], row["status"]) == (-1, "over")


def test_htxsnv_cap_applies_to_military_units_too():
    out = quotas(
        counts_frame(
            {
                "year": 2026,
                "unit_code": "M1",
                "profile": "military",
                "persons_httnv": 10,
                "persons_htxsnv": 1,
            },
        )
    )
    assert sorted(out["rule"].to_list()) == ["CSTDCS_CAP_MILITARY", "HTXSNV_CAP"]
    # floor(20 % × 10) = 2 allowed; 1 used; 1 remaining
    assert pick(out, "HTXSNV_CAP")["remaining"] == 1


def test_rows_sorted_by_cluster_then_unit_with_string_codes():
    out = quotas(
        counts_frame(
            {"unit_code": "U2", "cluster_code": "C2", "persons_ldtt_plus": 10},
            {"unit_code": "U9", "cluster_code": "C1", "persons_ldtt_plus": 10},
            {"unit_code": "U1", "cluster_code": "C2", "persons_ldtt_plus": 10},
        )
    )
    assert out.select("cluster_code", "unit_code").rows() == [
        ("C1", "U9"),
        ("C2", "U1"),
        ("C2", "U2"),
    ]
    assert out.schema["cluster_code"] == pl.String and out.schema["unit_code"] == pl.String
    assert out.columns[:10] == [
        "year",
        "cluster_code",
        "unit_code",
        "rule",
        "base_count",
        "cap_pct",
        "allowed",
        "used",
        "remaining",
        "status",
    ]


def test_no_counts_gives_typed_empty_frame():
    out = quotas(counts_frame().clear())
    assert out.height == 0
    assert out.schema["allowed"] == pl.Int64
