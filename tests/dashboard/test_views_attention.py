""" "Cần chú ý": unit × target misses with the gap in points, cap overruns with the head-count,
worst first (views.attention)."""

import polars as pl

from dashboard.views.attention import attention, attention_table
from dashboard.views.overview import bullet_rows

IND = pl.DataFrame(
    {
        "year": [2025] * 6 + [2024],
        "cluster_code": ["C"] * 7,
        "unit_code": ["U1", "U1", "U2", "U2", None, "U3", "U1"],
        "indicator": [
            "TTLDXS_OF_TTLDTT",
            "LDTT_RATE",
            "CSTDCS_OF_LDTT",
            "PARTY_CELL_HTXSNV_RATE",
            "TTLDXS_OF_TTLDTT",
            "LDTT_RATE",
            "LDTT_RATE",
        ],
        "value_pct": [12.2, 95.0, 25.0, 16.7, 12.2, 89.0, 10.0],
        "target_min": [15.0, 90.0, 10.0, 20.0, 15.0, 90.0, 90.0],
        "target_max": [20.0, None, 15.0, None, 20.0, None, None],
        "status": ["below", "met", "above", "below", "below", "below", "below"],
    }
)
QUOTAS = pl.DataFrame(
    {
        "year": [2025, 2025, 2024],
        "cluster_code": ["C", "C", "C"],
        "unit_code": ["U3", "U1", "U3"],
        "rule": ["CSTDCS_CAP", "CSTDCS_CAP", "CSTDCS_CAP"],
        "cap_pct": [15.0, 15.0, 15.0],
        "allowed": [7, 6, 7],
        "used": [10, 4, 9],
        "status": ["over", "ok", "over"],
    }
)
NAMES = pl.DataFrame({"unit_code": ["U1", "U2", "U3"], "short_name": ["Một", "Hai", "Ba"]})


def test_misses_worst_first_with_gaps_worked_by_hand():
    out = attention(IND, QUOTAS, year=2025, cluster="C")
    # the cap overrun first: U3 used 10 of 7 allowed → 3 people over.
    # then targets by gap: U2 CSTDCS 25 − 15 = 10 pp over; U1 TTLDXS 15 − 12.2 = 2.8 short;
    # U2 party cells 20 − 16.7 = 3.3 short; U3 LDTT 90 − 89 = 1 short. The pooled row (unit
    # null), the met row, the 2024 rows and U1's quota within its cap are left out.
    got = [(r["kind"], r["unit_code"], r["code"], round(r["gap"], 1)) for r in out.to_dicts()]
    assert got == [
        ("cap", "U3", "CSTDCS_CAP", 3.0),
        ("target", "U2", "CSTDCS_OF_LDTT", 10.0),
        ("target", "U2", "PARTY_CELL_HTXSNV_RATE", 3.3),
        ("target", "U1", "TTLDXS_OF_TTLDTT", 2.8),
        ("target", "U3", "LDTT_RATE", 1.0),
    ]


def test_the_table_says_the_gap_in_words_and_the_headcount():
    out = attention_table(attention(IND, QUOTAS, year=2025, cluster="C"), NAMES, lang="vi")
    first, second, fourth = out.row(0, named=True), out.row(1, named=True), out.row(3, named=True)
    assert (first["attention_unit"], first["attention_gap"]) == ("Ba", "vượt hạn mức 3 người")
    assert first["attention_value"] == "10/7 người"
    assert first["attention_target"] == "≤ 15,0 %"
    assert (second["attention_gap"], second["attention_target"]) == (
        "vượt 10,0 đ.p.",
        "10,0 % – 15,0 %",
    )
    assert (fourth["attention_unit"], fourth["attention_gap"]) == ("Một", "thiếu 2,8 đ.p.")
    assert out["status"].to_list() == ["above", "above", "below", "below", "below"]


def test_one_unit_scope():
    out = attention(IND, QUOTAS, year=2025, cluster="C", unit="U1")
    assert out["code"].to_list() == ["TTLDXS_OF_TTLDTT"]


def test_bullet_rows_misses_first_and_silent_rows_dropped():
    ind = pl.DataFrame(
        {
            "year": [2025] * 5,
            "cluster_code": ["C"] * 5,
            "unit_code": [None] * 5,
            "indicator": [
                "LDTT_RATE",
                "PERSON_HTXSNV_RATE",
                "TTLDXS_OF_TTLDTT",
                "MONTHLY_PERSON_HTXSNV_SHARE",
                "CSTDCS_OF_LDTT",
            ],
            "value_pct": [93.0, 20.0, 12.2, None, 16.0],
            "target_min": [90.0, None, 15.0, None, 10.0],
            "target_max": [None, None, 20.0, None, 15.0],
            "status": ["met", "no_target", "below", "no_target", "above"],
        }
    )
    caps = pl.DataFrame(schema={"indicator": pl.String, "cap_pct": pl.Float64})
    out = bullet_rows(ind, caps, year=2025, cluster="C", unit=None)
    # below, above, met, no_target; the monthly share with no value and no target is left out
    assert out["indicator"].to_list() == [
        "TTLDXS_OF_TTLDTT",
        "CSTDCS_OF_LDTT",
        "LDTT_RATE",
        "PERSON_HTXSNV_RATE",
    ]


def test_warnings_on_a_tiny_dataset_worked_by_hand():
    from dashboard.views.warnings import summary_text, warnings
    from data_access.readers import Dataset

    # U1 rated months 1–3, U2 months 1 and 3 (month 2 missing), U3 nothing (rates yearly).
    # U1 in 2026: 3 HTXSNV and 9 HTTNV person-months → allowed floor(20 % × 9) = 1, 2 over.
    roster = pl.DataFrame(
        {
            "year": [2026] * 5,
            "person_code": ["A", "B", "C", "D", "E"],
            "unit_code": ["U1", "U1", "U1", "U1", "U2"],
        }
    )
    months = [(p, m, "HTXSNV" if p == "A" else "HTTNV") for p in "ABCD" for m in (1, 2, 3)]
    months += [("E", 1, "HTTNV"), ("E", 3, "HTTNV")]
    ratings = pl.DataFrame(
        {
            "year": [2026] * len(months),
            "month": [m for _, m, _ in months],
            "subject_kind": ["person"] * len(months),
            "subject_code": [p for p, _, _ in months],
            "rating": [r for _, _, r in months],
        }
    )
    units = pl.DataFrame(
        {
            "unit_code": ["U1", "U2", "U3"],
            "cluster_code": ["C"] * 3,
            "profile": ["civil"] * 3,
            "unit_name": ["a", "b", "c"],
        }
    )
    ds = Dataset.empty(roster=roster, ratings=ratings, units=units)
    out = warnings(ds, year=2026)
    got = [(r["kind"], r["unit_code"], r["gap"], r["used"], r["base"]) for r in out.to_dicts()]
    assert got == [("months_behind", "U2", 1, 2, 3), ("cap_at_risk", "U1", 2, 3, 9)]
    assert out.filter(pl.col("kind") == "cap_at_risk")["allowed"].to_list() == [1]
    assert summary_text(out, lang="en") == (
        "1 unit(s) behind on monthly ratings · 1 unit(s) at risk of breaking the HTXSNV cap"
    )
    # before 2026 the cap is not in force: no cap warning, the months still count
    ds25 = Dataset.empty(
        roster=roster.with_columns(year=pl.lit(2025)),
        ratings=ratings.with_columns(year=pl.lit(2025)),
        units=units,
    )
    assert warnings(ds25, year=2025)["kind"].to_list() == ["months_behind"]


def test_the_file_holds_the_gaps_as_numbers_with_a_status_column():
    from dashboard.views.attention import attention_file

    out = attention_file(attention(IND, QUOTAS, year=2025, cluster="C"), NAMES, lang="vi")
    rows = [
        (r["attention_unit"], r["attention_status"], round(r["attention_gap_num"], 1),
         r["attention_gap_unit"], r["attention_value_num"], r["target_min"], r["target_max"])
        for r in out.to_dicts()
    ]  # fmt: skip
    assert rows == [
        ("Ba", "Vượt trần", 3.0, "người", 10.0, None, 15.0),  # 10 used of 7 allowed
        ("Hai", "Vượt trần", 10.0, "đ.p.", 25.0, 10.0, 15.0),
        ("Hai", "Dưới chỉ tiêu", 3.3, "đ.p.", 16.7, 20.0, None),
        ("Một", "Dưới chỉ tiêu", 2.8, "đ.p.", 12.2, 15.0, 20.0),
        ("Ba", "Dưới chỉ tiêu", 1.0, "đ.p.", 89.0, 90.0, None),
    ]
    assert out["attention_allowed"].to_list()[0] == 7
    assert out.schema["attention_gap_num"] == pl.Float64  # a number: it sorts and sums
