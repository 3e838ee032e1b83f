"""Tổng quan and Đơn vị on a hand-made cluster (issue 10): KPI status, "Cần chú ý" (target
misses with the gap in points, a cap overrun's head-count) and the early warnings (a unit behind
on monthly ratings, an HTXSNV share over the cap). Every figure is worked out below."""

from __future__ import annotations

import polars as pl
import pytest

YEAR = 2026  # HTXSNV_CAP (rules.toml) is in force from 2026


@pytest.fixture
def small_url(make_db):
    people = [f"P{i}" for i in range(1, 12)]
    units = ["U1"] * 4 + ["U2"] * 5 + ["U3"] * 2
    # U1: P1, P2 LĐTT (2/4 = 50 %). U2: all five LĐTT, P5–P7 also CSTĐCS. U3: P10 LĐTT (1/2).
    awards = [(p, "LDTT") for p in ("P1", "P2", "P5", "P6", "P7", "P8", "P9", "P10")]
    awards += [(p, "CSTDCS") for p in ("P5", "P6", "P7")]
    # Monthly person ratings: U1 months 1–4 for P1–P4 (16), HTXSNV for P1 every month and P2
    # in month 1 (5), HTTNV otherwise (11). U3: P10 in months 1–2 (HTTNV). U2: none.
    monthly = []
    for m in range(1, 5):
        for p in ("P1", "P2", "P3", "P4"):
            good = p == "P1" or (p == "P2" and m == 1)
            monthly.append((p, m, "HTXSNV" if good else "HTTNV"))
    monthly += [("P10", 1, "HTTNV"), ("P10", 2, "HTTNV")]
    return make_db(
        {
            "clusters": pl.DataFrame({"cluster_code": ["C1"], "cluster_name": ["Cụm thử"]}),
            "units": pl.DataFrame(
                {
                    "unit_code": ["U1", "U2", "U3"],
                    "unit_name": ["Trường Một", "Trường Hai", "Trường Ba"],
                    "cluster_code": ["C1"] * 3,
                    "profile": ["civil"] * 3,
                }
            ),
            "people": pl.DataFrame({"person_code": people, "full_name": people}),
            "roster": pl.DataFrame(
                {"year": [YEAR] * 11, "person_code": people, "unit_code": units}
            ),
            "awards": pl.DataFrame(
                {
                    "year": [YEAR] * len(awards),
                    "recipient_kind": ["person"] * len(awards),
                    "recipient_code": [a[0] for a in awards],
                    "award_code": [a[1] for a in awards],
                }
            ),
            "ratings": pl.DataFrame(
                {
                    "period": [f"{YEAR}-{m:02d}" for _, m, _ in monthly],
                    "subject_kind": ["person"] * len(monthly),
                    "subject_code": [p for p, _, _ in monthly],
                    "rating": [r for _, _, r in monthly],
                    "year": [YEAR] * len(monthly),
                    "month": [m for _, m, _ in monthly],
                }
            ),
            "targets": pl.DataFrame(
                {
                    "year": [YEAR],
                    "scope_kind": ["cluster"],
                    "scope_code": ["C1"],
                    "indicator": ["LDTT_RATE"],
                    "min_pct": [90.0],
                    "max_pct": [None],
                },
                schema_overrides={"max_pct": pl.Float64},
            ),
        }
    )


def _plain(md: str) -> str:
    """The text of the warning summary line (icon, colour and bold markup taken off)."""
    prefix = ":material/notification_important: :orange[**"
    return md.removeprefix(prefix).removesuffix("**]").replace("\\", "")


def _table(at, first_header: str):
    hits = [d.value for d in at.dataframe if first_header in list(d.value.columns)]
    assert hits, [list(d.value.columns) for d in at.dataframe]
    return hits[0]


def test_kpi_card_carries_the_target_and_below_status(app_on, small_url):
    at = app_on(small_url)("overview", year=str(YEAR), cluster="C1")
    assert not at.exception, at.exception
    # the cluster pools 8 LĐTT over 11 staff = 72,7 %, under its minimum of 90 %
    ldtt = next(m for m in at.metric if m.label == "Tỷ lệ LĐTT")
    assert ldtt.value == "72,7 %"
    # st.badge is Markdown ":red-badge[…]": the colour and the icon together
    assert any(m.value == ":red-badge[▼ Dưới chỉ tiêu]" for m in at.markdown), [
        m.value for m in at.markdown
    ]
    assert any(c.value == "Chỉ tiêu ≥ 90,0 %" for c in at.caption)


def test_attention_lists_the_cap_overrun_headcount_then_the_misses(app_on, small_url):
    at = app_on(small_url)("overview", year=str(YEAR), cluster="C1")
    table = _table(at, "Chỉ tiêu / quy định")
    rows = table.to_dict("records")
    # U2: 3 CSTĐCS against floor(15 % × 5 LĐTT) = 0 allowed → 3 people over, listed first.
    assert rows[0]["Đơn vị"] == "Hai" and rows[0]["Chênh lệch"] == "▲ vượt hạn mức 3 người"
    assert rows[0]["Kết quả"] == "3/0 người"
    # U1 2/4 = 50 % and U3 1/2 = 50 % against ≥ 90 %: 40,0 points short each (by unit code).
    assert [(r["Đơn vị"], r["Chênh lệch"]) for r in rows[1:]] == [
        ("Một", "▼ thiếu 40,0 đ.p."),
        ("Ba", "▼ thiếu 40,0 đ.p."),
    ]


def test_early_warnings_behind_on_months_and_htxsnv_over_the_cap(app_on, small_url):
    at = app_on(small_url)("overview", year=str(YEAR), cluster="C1")
    summary = "1 đơn vị chậm bình xét tháng · 1 đơn vị có nguy cơ vượt trần HTXSNV"
    assert any(_plain(m.value) == summary for m in at.markdown), [m.value for m in at.markdown]
    rows = _table(at, "Cảnh báo").to_dict("records")
    # U3 rated months 1–2 while the cluster is at month 4: 2 months behind.
    # U1: 5 HTXSNV / 11 HTTNV person-months = 45,5 % > 20 %; allowed floor(20 % × 11) = 2 → 3 over.
    assert rows == [
        {
            "Đơn vị": "Ba",
            "Cảnh báo": "Chậm bình xét 2 tháng",
            "Chi tiết": "đã bình xét 2/4 tháng (cụm đã đến tháng 4)",
        },
        {
            "Đơn vị": "Một",
            "Cảnh báo": "Có nguy cơ vượt trần HTXSNV (3 lượt)",
            "Chi tiết": "5 lượt HTXSNV / 11 lượt HTTNV = 45,5 % > trần 20,0 % (được 2 lượt)",
        },
    ]


def test_unit_page_without_a_unit_shows_the_units_side_by_side(app_on, small_url):
    at = app_on(small_url)("unit", year=str(YEAR), cluster="C1")
    assert not at.exception, at.exception
    table = _table(at, "Tên đơn vị")
    # the short names (the shared "Trường" dropped), each with its LĐTT status and value
    assert table["Tên đơn vị"].tolist() == ["Một", "Hai", "Ba"]
    assert table["LĐTT"].tolist() == ["▼ 50,0 %", "✓ 100,0 %", "▼ 50,0 %"]


def test_unit_page_shows_the_units_own_warning(app_on, small_url):
    at = app_on(small_url)("unit", year=str(YEAR), cluster="C1", unit="U3")
    assert not at.exception, at.exception
    assert any(_plain(m.value) == "1 đơn vị chậm bình xét tháng" for m in at.markdown)
