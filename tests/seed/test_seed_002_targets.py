"""Seed 002's registered targets: Phú Thọ's own for 2022, and every cluster's every year."""

from __future__ import annotations

# Trường Chính trị tỉnh Phú Thọ, 2022: "từ 90% trở lên … LĐTT; từ 10 - 15% … CSTĐCS trong tổng
# số … LĐTT; từ 15 - 20% … TTLĐXS trong tổng số … TTLĐTT; từ 5% trở lên … khen thưởng của cấp
# trên; 100% chi bộ … HTTNV, trong đó có 20% … HTXSNV; 100% đoàn thể … vững mạnh"
SEED_002 = [
    ("CSTDCS_OF_LDTT", 10.0, 15.0),
    ("HIGHER_AWARD_RATE", 5.0, None),
    ("LDTT_RATE", 90.0, None),
    ("MASS_ORG_STRONG_RATE", 100.0, None),
    ("PARTY_CELL_HTTNV_PLUS_RATE", 100.0, None),
    ("PARTY_CELL_HTXSNV_RATE", 20.0, None),
    ("TTLDXS_OF_TTLDTT", 15.0, 20.0),
]


def test_phu_tho_2022_unit_targets(db):
    got = db.all(
        "SELECT indicator, min_pct, max_pct FROM targets WHERE scope_kind = 'unit' "
        "AND scope_code = 'PT_TCT' AND year = 2022 ORDER BY indicator"
    )
    assert got == SEED_002


def test_every_cluster_year_has_the_seed_002_set(db):
    clusters = [c for (c,) in db.all("SELECT cluster_code FROM clusters ORDER BY cluster_code")]
    for code in clusters:
        for year in range(2019, 2026):
            got = db.all(
                "SELECT indicator, min_pct, max_pct FROM targets WHERE scope_kind = 'cluster' "
                "AND scope_code = :c AND year = :y ORDER BY indicator",
                c=code,
                y=year,
            )
            assert got == SEED_002, (code, year)


def test_another_unit_overrides_its_cluster(db):
    # Hà Nam, leader in 2021, registered a higher LĐTT target than the cluster's 90 %.
    assert (
        db.one(
            "SELECT min_pct FROM targets WHERE scope_kind = 'unit' AND scope_code = 'HN_TCT' "
            "AND year = 2021 AND indicator = 'LDTT_RATE'"
        )
        == 95.0
    )
