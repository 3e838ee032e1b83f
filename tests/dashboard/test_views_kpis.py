"""views.overview.kpis and kpi_cards: figures for the year and last year, changes in words."""

import polars as pl

from dashboard.views.overview import kpi_cards, kpis

COUNTS = pl.DataFrame(
    {
        "year": [2024, 2024, 2023, 2024],
        "cluster_code": ["C", "C", "C", "D"],
        "unit_code": ["U1", "U2", "U1", "X"],
        "staff": [40, 60, 38, 999],
    }
)
IND = pl.DataFrame(
    {
        "year": [2024, 2024, 2024, 2023, 2023, 2024],
        "cluster_code": ["C"] * 6,
        "unit_code": [None, None, None, None, None, "U1"],
        "indicator": [
            "LDTT_RATE",
            "CSTDCS_OF_LDTT",
            "PARTY_CELL_HTXSNV_RATE",
            "LDTT_RATE",
            "CSTDCS_OF_LDTT",
            "LDTT_RATE",
        ],
        "value_pct": [92.0, 16.0, None, 88.5, 12.0, 95.0],
        "status": ["met", "above", "no_data", "below", "met", "met"],
    }
)


def test_cluster_figures_and_last_year():
    out = kpis(COUNTS, IND, year=2024, cluster="C", unit=None).rows_by_key("kpi", named=True)
    # staff: 40 + 60 = 100 in 2024 (cluster D left out); 38 in 2023 (only U1 reported)
    assert (out["staff"][0]["value"], out["staff"][0]["prev"]) == (100.0, 38.0)
    assert (out["LDTT_RATE"][0]["value"], out["LDTT_RATE"][0]["prev"]) == (92.0, 88.5)
    # targets set in 2024: met, above, no_data → 1 of 3; in 2023: below, met → 1 of 2
    tm = out["targets_met"][0]
    assert (tm["value"], tm["total"], tm["prev"], tm["prev_total"]) == (1.0, 3, 1.0, 2)


def test_a_year_without_data_gives_no_value():
    out = kpis(COUNTS, IND, year=2024, cluster="C", unit=None).rows_by_key("kpi", named=True)
    assert out["TTLDXS_OF_TTLDTT"][0]["value"] is None


def test_unit_scope_reads_the_unit_row():
    out = kpis(COUNTS, IND, year=2024, cluster="C", unit="U1").rows_by_key("kpi", named=True)
    assert out["staff"][0]["value"] == 40.0
    assert out["LDTT_RATE"][0]["value"] == 95.0


def test_cards_show_changes_in_points_and_counts():
    cards = {
        c["kpi"]: c
        for c in kpi_cards(kpis(COUNTS, IND, year=2024, cluster="C", unit=None), lang="vi")
    }
    assert cards["staff"]["value"] == "100" and cards["staff"]["delta"] == "+62"  # 100 - 38
    assert cards["LDTT_RATE"]["value"] == "92,0 %"
    assert cards["LDTT_RATE"]["delta"] == "+3,5 đ.p."  # 92.0 - 88.5
    assert cards["targets_met"]["value"] == "1/3"
    assert cards["targets_met"]["delta"] == 0  # 1 - 1: the number zero (grey, no arrow)
    assert cards["TTLDXS_OF_TTLDTT"]["delta"] is None


IND_T = pl.DataFrame(
    {
        "year": [2025, 2025, 2025, 2025],
        "cluster_code": ["C"] * 4,
        "unit_code": [None, None, None, "U9"],
        "indicator": ["LDTT_RATE", "TTLDXS_OF_TTLDTT", "CSTDCS_OF_LDTT", "CSTDCS_OF_LDTT"],
        "value_pct": [93.6, 12.2, 12.7, 25.0],
        "target_min": [90.0, 15.0, 10.0, 10.0],
        "target_max": [None, 20.0, 15.0, 15.0],
        "status": ["met", "below", "met", "above"],
    }
)
COUNTS_T = pl.DataFrame({"year": [2025], "cluster_code": ["C"], "unit_code": ["U9"], "staff": [10]})


def test_cards_carry_target_and_status_below_for_ttldxs_under_its_range():
    cards = {
        c["kpi"]: c
        for c in kpi_cards(kpis(COUNTS_T, IND_T, year=2025, cluster="C", unit=None), lang="vi")
    }
    # TTLĐXS 12,2 % against 15–20 is below: red badge with the ▼ icon, the target in words
    assert cards["TTLDXS_OF_TTLDTT"]["status"] == "below"
    assert cards["TTLDXS_OF_TTLDTT"]["badge"] == "▼ Dưới chỉ tiêu"
    assert cards["TTLDXS_OF_TTLDTT"]["badge_color"] == "red"
    assert cards["TTLDXS_OF_TTLDTT"]["target"] == "Chỉ tiêu 15,0 % – 20,0 %"
    assert cards["LDTT_RATE"]["badge"] == "✓ Đạt"
    assert cards["LDTT_RATE"]["target"] == "Chỉ tiêu ≥ 90,0 %"
    assert cards["staff"]["badge"] is None and cards["staff"]["target"] is None


def test_a_unit_over_its_ceiling_is_above_in_orange_not_success():
    cards = {
        c["kpi"]: c
        for c in kpi_cards(kpis(COUNTS_T, IND_T, year=2025, cluster="C", unit="U9"), lang="en")
    }
    card = cards["CSTDCS_OF_LDTT"]
    assert card["value"] == "25.0%"
    assert (card["status"], card["badge"], card["badge_color"]) == (
        "above",
        "▲ Above ceiling",
        "orange",
    )
