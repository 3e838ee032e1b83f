"""budget(): multiple × base salary on the decision date, rounded up to 10 000 VND, and only
the highest amount for a recipient with several titles (Decree 91/2017 art. 66.2.c)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import polars as pl

from dashboard.budget import budget
from data_access.catalog import load_catalog
from data_access.readers import Dataset

D = dt.date


def dataset(awards: list[tuple], *, year: int = 2024) -> Dataset:
    """Unit U1 (cluster C1) with persons P1, P2, department K1; awards as
    (recipient_kind, recipient_code, award_code, decision_date or None)."""
    return Dataset.empty(
        units=pl.DataFrame(
            {
                "unit_code": ["U1", "U2"],
                "unit_name": ["Trường", "Thư viện"],
                "cluster_code": ["C1", "C1"],
                "profile": ["civil", "civil"],
            }
        ),
        collectives=pl.DataFrame(
            {
                "collective_code": ["K1"],
                "unit_code": ["U2"],
                "collective_name": ["Khoa"],
                "kind": ["department"],
            }
        ),
        roster=pl.DataFrame(
            {"year": [year, year], "person_code": ["P1", "P2"], "unit_code": ["U1", "U1"]}
        ),
        awards=pl.DataFrame(
            awards,
            schema={
                "recipient_kind": pl.String,
                "recipient_code": pl.String,
                "award_code": pl.String,
                "decision_date": pl.Date,
            },
            orient="row",
        ).with_columns(year=pl.lit(year)),
    )


def rows(frame: pl.DataFrame) -> list[tuple]:
    return frame.select("unit_code", "award_code", "count", "multiple", "amount_vnd").rows()


def test_ldtt_after_the_july_2024_raise_is_rounded_up():
    # 0.3 × 2 340 000 = 702 000 → next 10 000: 710 000
    out = budget(dataset([("person", "P1", "LDTT", D(2024, 7, 1))]), year=2024)
    assert rows(out) == [("U1", "LDTT", 1, 0.3, 710_000)]
    assert out.columns == [
        "year",
        "cluster_code",
        "unit_code",
        "award_code",
        "count",
        "multiple",
        "amount_vnd",
    ]
    assert out.row(0, named=True)["cluster_code"] == "C1"


def test_the_day_before_the_raise_uses_the_old_base_salary():
    # 30/06/2024: 0.3 × 1 800 000 = 540 000 exactly (no rounding)
    out = budget(dataset([("person", "P1", "LDTT", D(2024, 6, 30))]), year=2024)
    assert rows(out) == [("U1", "LDTT", 1, 0.3, 540_000)]


def test_no_decision_date_means_31_december():
    # 2023 without a date → 31/12/2023, in force since 01/07/2023: 1 800 000
    # TTLĐTT 0.8 × 1 800 000 = 1 440 000; LĐTT 0.3 × 1 800 000 = 540 000
    out = budget(
        dataset([("collective", "K1", "TTLDTT", None), ("person", "P2", "LDTT", None)], year=2023),
        year=2023,
    )
    assert rows(out) == [("U1", "LDTT", 1, 0.3, 540_000), ("U2", "TTLDTT", 1, 0.8, 1_440_000)]


def test_several_titles_are_paid_only_the_highest():
    # P1: LĐTT (0.3) and CSTĐCS (1.0) → only CSTĐCS: 1.0 × 2 340 000 = 2 340 000
    # P2: LĐTT only: 710 000 (0.3 × 2 340 000 = 702 000 rounded up)
    out = budget(
        dataset(
            [
                ("person", "P1", "LDTT", D(2024, 9, 1)),
                ("person", "P1", "CSTDCS", D(2024, 9, 1)),
                ("person", "P2", "LDTT", D(2024, 9, 1)),
            ]
        ),
        year=2024,
    )
    assert rows(out) == [("U1", "LDTT", 1, 0.3, 710_000), ("U1", "CSTDCS", 1, 1.0, 2_340_000)]


def test_highest_is_by_amount_on_each_decision_date():
    # LĐTT on 01/07/2024: 0.3 × 2 340 000 → 710 000; CSTĐCS on 01/01/2024:
    # 1.0 × 1 800 000 = 1 800 000, still the higher amount → only CSTĐCS, 1 800 000
    out = budget(
        dataset(
            [
                ("person", "P1", "LDTT", D(2024, 7, 1)),
                ("person", "P1", "CSTDCS", D(2024, 1, 1)),
            ]
        ),
        year=2024,
    )
    assert rows(out) == [("U1", "CSTDCS", 1, 1.0, 1_800_000)]


def test_counts_and_amounts_add_up_per_unit_and_award():
    # two LĐTT on different dates: 540 000 (30/06/2024) + 710 000 (01/07/2024) = 1 250 000
    out = budget(
        dataset(
            [("person", "P1", "LDTT", D(2024, 6, 30)), ("person", "P2", "LDTT", D(2024, 7, 1))]
        ),
        year=2024,
    )
    assert rows(out) == [("U1", "LDTT", 2, 0.3, 1_250_000)]


def test_awards_without_a_multiple_are_left_out():
    # Bằng khen and Giấy khen have no multiple in money.toml
    out = budget(
        dataset([("person", "P1", "BK_BO", None), ("person", "P2", "GIAY_KHEN", None)]), year=2024
    )
    assert out.height == 0


def test_unit_flag_goes_to_the_unit_itself():
    # Cờ thi đua của Chính phủ for unit U2, no date → 31/12/2024: 12 × 2 340 000 = 28 080 000
    out = budget(dataset([("unit", "U2", "CO_TD_CP", None)]), year=2024)
    assert rows(out) == [("U2", "CO_TD_CP", 1, 12.0, 28_080_000)]


def test_other_years_are_not_counted():
    ds = dataset([("person", "P1", "LDTT", None)], year=2023)
    assert budget(ds, year=2024).height == 0


def test_rounding_up_under_the_2019_base_salary():
    # 2022 → 1 490 000: TTLĐXS 1.5 × 1 490 000 = 2 235 000 → 2 240 000;
    # CSTĐ toàn quốc 4.5 × 1 490 000 = 6 705 000 → 6 710 000
    out = budget(
        dataset(
            [("collective", "K1", "TTLDXS", None), ("person", "P1", "CSTD_TQ", D(2022, 12, 1))],
            year=2022,
        ),
        year=2022,
    )
    assert rows(out) == [("U1", "CSTD_TQ", 1, 4.5, 6_710_000), ("U2", "TTLDXS", 1, 1.5, 2_240_000)]


def test_highest_only_is_a_rule_of_the_rule_book():
    # The same titles, with SEVERAL_TITLES_HIGHEST_PAID edited to military units only:
    # a civil recipient is then paid both: 710 000 + 2 340 000
    cat = load_catalog()
    rule = cat.rule("SEVERAL_TITLES_HIGHEST_PAID")
    edited = dataclasses.replace(rule, profiles=("military",))
    cat2 = dataclasses.replace(cat, rules=tuple(edited if r is rule else r for r in cat.rules))
    ds = dataset(
        [("person", "P1", "LDTT", D(2024, 9, 1)), ("person", "P1", "CSTDCS", D(2024, 9, 1))]
    )
    out = budget(ds, year=2024, catalog=cat2)
    assert rows(out) == [("U1", "LDTT", 1, 0.3, 710_000), ("U1", "CSTDCS", 1, 1.0, 2_340_000)]
