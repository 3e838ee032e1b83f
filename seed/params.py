"""The knobs of the generator, in one place, with the field shares they aim at (domain.md)."""

from __future__ import annotations

from dataclasses import dataclass

RATINGS = ("HTXSNV", "HTTNV", "HTNV", "KHTNV")
RATING_RANK = {"HTXSNV": 4, "HTTNV": 3, "HTNV": 2, "KHTNV": 1}
STRENGTH = ("VMXS", "VM", "HT", "KHT")
DISCIPLINES = ("khien_trach", "canh_cao", "cach_chuc", "buoc_thoi_viec")
DISCIPLINE_SEVERITY = {
    "none": 0,
    "khien_trach": 1,
    "canh_cao": 2,
    "cach_chuc": 3,
    "buoc_thoi_viec": 4,
}


@dataclass(frozen=True)
class Params:
    turnover: float = 0.06  # share of posts that change holder each year
    move_share: float = 0.35  # share of leavers who take a post in another unit of the cluster
    # score = 0.8 ability + unit-year effect (sd 0.25) + 0.5 noise, sd ≈ 0.98; the year-to-year
    # correlation of 0.67 makes the same people excel again. Thresholds give ≈ 20 % HTXSNV,
    # ≈ 73 % HTTNV, ≈ 6 % HTNV, < 1 % KHTNV.
    ability_weight: float = 0.8
    unit_effect_sd: float = 0.25
    unit_strength_weight: float = 0.8  # share of the unit effect's sd that lasts (strength.py)
    noise_sd: float = 0.5
    htxsnv_above: float = 0.84
    httnv_above: float = -1.50
    htnv_above: float = -2.45
    discipline_rate: float = 0.004
    # eligible for LĐTT but not given it (the rule book's "eligible, not awarded")
    ldtt_miss: float = 0.002
    cstdcs_share: tuple[float, float] = (0.10, 0.15)  # of LĐTT (rounded up), under the cap
    cstdcs_cap_pct: int = 15
    military_cap_pct: int = 10
    cstd_bo_share: float = 0.25  # of those with three CSTĐCS years in a row
    cstd_bo_once: bool = False  # the demo keeps its one CSTĐ toàn quốc candidate (TVQH) alone
    initiatives_htxsnv: float = 1.5  # Poisson means
    initiatives_httnv: float = 0.12
    bk_bo_cstdcs: float = 0.30
    bk_bo_htxsnv: float = 0.08
    bk_ttg: float = 0.004
    hc_ld_3: float = 0.001
    giay_khen: float = 0.10
    ttldxs_share: tuple[float, float] = (0.15, 0.22)  # of TTLĐTT departments
    monthly_months: int = 12


DEMO = Params(ldtt_miss=0.0, cstd_bo_once=True)
SCALE = Params()
