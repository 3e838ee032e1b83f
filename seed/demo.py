"""The source articles' quoted figures, reproduced exactly, and a few deliberate irregularities
for the rule book to find. Each pin acts only when its year is among the years generated.

Quoted figures:
- seed 004, Trường Chính trị tỉnh Sơn La (SL_TCT), 2021: 50 staff; monthly ratings up to the
  article's date (20/10/2021), i.e. January–September: 441 person-months (49 × 9), 75 HTXSNV;
  45 department-months (5 × 9), 25 HTXSNV; also reported as unit_counts (same figures).
- seed 000, Văn phòng Học viện Chính trị (VP_HVCT), 2022 (school year 2021–2022): 12 CSTDCS,
  42 CSTT only, 5 Giấy khen (3 persons, 2 departments), 1 Bằng khen of the General Political
  Department for the office itself (unit), 1 Bằng khen of the Minister of Defence for one person.
- seed 003: Trường Chính trị tỉnh Hà Nam leads Cụm thi đua số 4 in 2021.
- seed 001: Thư viện Quốc hội leads Khối thi đua III in 2023; Vụ Thông tin reports counts only.
- seed 002: Trường Chính trị tỉnh Phú Thọ's registered targets for 2022 (unit-level).

Irregularities (on purpose): in every cluster-year a unit over its CSTĐCS cap, a holder who
fails the criteria and a unit behind on its monthly ratings (demo_features.py; ND_TCT 2023 is
cap + 2); a CSTĐCS holder without an initiative (BN_TCT 2022); an LĐTT candidate not awarded
(TVQH 2024); CSTĐCS
three years running (PT_TCT 2021–2023, then CSTĐ cấp bộ; HY_TCT 2022–2024 and DB_TCT 2023–2025,
not yet awarded); CSTĐ cấp bộ twice in a row (TVQH: CSTĐCS 2019–2025, CSTD_BO 2021 and 2024);
TTBD 2024 reports 2 more staff than its roster.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from seed import reorganisation as reorg
from seed.clusters import SEED_002_TARGETS, TARGET_SCHEMA, target_rows
from seed.demo_features import over_cap, pin_behind, pin_failing, pin_htxsnv_share
from seed.demo_world import unit_start_months
from seed.draws import exact_pick, rng_for
from seed.generate import Pins
from seed.monthly import SCHEMA as MONTHLY_SCHEMA
from seed.monthly import monthly_ratings, on_school_year
from seed.params import Params

SL, VP = "SL_TCT", "VP_HVCT"
SL_YEAR, SL_MONTHS, SL_STAFF = 2021, 9, 50
SL_PERSON_MONTHS, SL_PERSON_HTXSNV = 441, 75
SL_DEPT_MONTHS, SL_DEPT_HTXSNV = 45, 25
VP_YEAR, VP_CSTDCS, VP_CSTT, VP_PERSON_GK, VP_DEPT_GK = 2022, 12, 42, 3, 2
NO_INITIATIVE = ("BN_TCT", 2022)
NOT_AWARDED = ("TVQH", 2024)
# unit, first year, last year of a forced CSTĐCS run; years given CSTĐ cấp bộ
STREAKS: tuple[tuple[str, int, int, tuple[int, ...]], ...] = (
    ("PT_TCT", 2021, 2023, (2023,)),
    ("HY_TCT", 2022, 2024, ()),
    ("DB_TCT", 2023, 2025, ()),
    ("TVQH", 2019, 2025, (2021, 2024)),
)
UNIT_TARGETS = (
    ("PT_TCT", 2022, SEED_002_TARGETS),
    ("HN_TCT", 2021, (("LDTT_RATE", 95.0, None), ("CSTDCS_OF_LDTT", 12.0, 15.0))),
    ("TVQH", 2023, (("LDTT_RATE", 95.0, None), ("HIGHER_AWARD_RATE", 6.0, None))),
)


def _at(unit: str, year: int) -> pl.Expr:
    return (pl.col("unit_code") == unit) & (pl.col("year") == year)


def _rank(expr: pl.Expr, where: pl.Expr, *, descending: bool = True) -> pl.Expr:
    """1, 2, … among the rows where `where` holds (by `expr`), null elsewhere."""
    return pl.when(where).then(expr).rank("ordinal", descending=descending)


def _within(rank: pl.Expr, k: pl.Expr | int) -> pl.Expr:
    """rank <= k, False where the rank is null (rows outside the ranked set)."""
    return (rank <= k).fill_null(False)


def _make_cstdcs(where: pl.Expr) -> list[pl.Expr]:
    """A proper CSTĐCS: HTXSNV, an initiative, not disciplined, LĐTT."""
    return [
        pl.when(where).then(pl.lit("HTXSNV")).otherwise("rating").alias("rating"),
        pl.when(where)
        .then(pl.max_horizontal("initiatives", 1))
        .otherwise("initiatives")
        .alias("initiatives"),
        pl.when(where).then(pl.lit("none")).otherwise("discipline").alias("discipline"),
        (pl.col("ldtt") | where).alias("ldtt"),
        (pl.col("cstdcs") | where).alias("cstdcs"),
    ]


def _streak_people(py: pl.DataFrame, years: list[int]) -> pl.DataFrame:
    """person_no, year, bo (1 / -1) for each STREAKS entry: the ablest person on the unit's
    roster in every year of the run."""
    out = []
    for unit, a, b, bo_years in STREAKS:
        run = [y for y in range(a, b + 1) if y in years]
        if len(run) < b - a + 1:
            continue
        on_all = (
            py.filter((pl.col("unit_code") == unit) & pl.col("year").is_in(run))
            .group_by("person_no")
            .agg(pl.len().alias("n"), pl.col("ability").first())
            .filter(pl.col("n") == len(run))
            .sort(["ability", "person_no"], descending=[True, False])
        )
        taken = {r["person_no"] for r in out}
        pick = on_all.filter(~pl.col("person_no").is_in(list(taken))).head(1)
        if pick.is_empty():
            continue
        no = pick["person_no"][0]
        out.extend({"person_no": no, "year": y, "bo": 1 if y in bo_years else -1} for y in run)
    return pl.DataFrame(out, schema={"person_no": pl.UInt32, "year": pl.Int32, "bo": pl.Int8})


def pin_person_years(py: pl.DataFrame, years: list[int], p: Params) -> pl.DataFrame:
    py = py.with_columns(pl.lit(0, pl.Int8).alias("bo_pin"), pl.lit(False).alias("_pinned"))
    # Streaks first: the cap repair below must not undo them.
    runs = _streak_people(py, years)
    py = py.join(runs, on=["person_no", "year"], how="left", maintain_order="left")
    forced = pl.col("bo").is_not_null()
    py = (
        py.with_columns(_make_cstdcs(forced))
        .with_columns(
            pl.coalesce("bo", "bo_pin").alias("bo_pin"),
            (pl.col("_pinned") | forced).alias("_pinned"),
        )
        .drop("bo")
    )

    # Seed 000: 12 CSTĐCS, 42 CSTT only, 6 without a title; no CSTĐ cấp bộ that year.
    vp = _at(VP, VP_YEAR)
    r = _rank(pl.col("score"), vp)
    top = vp & _within(r, VP_CSTDCS)
    cstt = vp & ~top & _within(r, VP_CSTDCS + VP_CSTT)
    rest = vp & ~top & ~cstt
    py = (
        py.with_columns(_make_cstdcs(top))
        .with_columns(
            pl.when(cstt & ~pl.col("rating").is_in(["HTXSNV", "HTTNV"]))
            .then(pl.lit("HTTNV"))
            .when(rest & pl.col("rating").is_in(["HTXSNV", "HTTNV"]))
            .then(pl.lit("HTNV"))
            .otherwise("rating")
            .alias("rating"),
            pl.when(cstt).then(pl.lit("none")).otherwise("discipline").alias("discipline"),
        )
        .with_columns(
            pl.when(vp).then(top | cstt).otherwise("ldtt").alias("ldtt"),
            pl.when(vp).then(top).otherwise("cstdcs").alias("cstdcs"),
            pl.when(vp).then(-1).otherwise("bo_pin").cast(pl.Int8).alias("bo_pin"),
            (pl.col("_pinned") | vp).alias("_pinned"),
        )
    )

    # Over the cap: one (or two) more CSTĐCS than the cap allows, all otherwise proper. The cap
    # is floor(15 % of LĐTT) in civil units, floor(10 % of the strength) in military ones.
    by = ["unit_code", "year"]
    military = pl.col("profile") == "military"
    ldtt = pl.col("ldtt").sum().over(by).cast(pl.Int64)
    cap = (
        pl.when(military)
        .then(pl.len().over(by).cast(pl.Int64) * p.military_cap_pct // 100)
        .otherwise(ldtt * p.cstdcs_cap_pct // 100)
    )
    py = py.join(over_cap(years), on=by, how="left", maintain_order="left")
    oc = pl.col("extra").is_not_null()
    need = cap + pl.col("extra") - pl.col("cstdcs").sum().over(by).cast(pl.Int64)
    add = oc & _within(
        _rank(pl.col("score"), oc & pl.col("ldtt") & ~pl.col("cstdcs")).over(by), need
    )
    py = (
        py.with_columns(_make_cstdcs(add))
        .with_columns((pl.col("_pinned") | oc).alias("_pinned"))
        .drop("extra")
    )

    # Everywhere else, keep within the cap: forced streaks may have pushed a unit over it.
    excess = pl.col("cstdcs").sum().over(by).cast(pl.Int64) - cap
    civil = pl.col("profile") == "civil"
    weakest = _rank(pl.col("score"), pl.col("cstdcs") & ~pl.col("_pinned"), descending=False)
    drop = civil & _within(weakest.over(by), excess)
    py = py.with_columns((pl.col("cstdcs") & ~drop).alias("cstdcs"))

    # In every cluster-year, a holder who fails the criteria.
    py = pin_failing(py, years)

    # A CSTĐCS holder without an initiative.
    unit, year = NO_INITIATIVE
    ni = _at(unit, year)
    last = ni & _within(
        _rank(pl.col("score"), ni & pl.col("cstdcs") & ~pl.col("_pinned"), descending=False), 1
    )
    py = py.with_columns(pl.when(last).then(0).otherwise("initiatives").alias("initiatives"))

    # Meets the LĐTT criteria, not awarded.
    unit, year = NOT_AWARDED
    na = _at(unit, year)
    plain = na & pl.col("ldtt") & ~pl.col("cstdcs") & ~pl.col("_pinned")
    miss = na & _within(_rank(pl.col("score"), plain & (pl.col("rating") == "HTTNV")), 1)
    return py.with_columns((pl.col("ldtt") & ~miss).alias("ldtt")).drop("_pinned")


def pin_person_awards(py: pl.DataFrame) -> pl.DataFrame:
    """Seed 000: one person BK_BO (the Minister's), three persons Giấy khen, nothing else."""
    vp = _at(VP, VP_YEAR)
    r = _rank(pl.col("score"), vp)
    return py.with_columns(
        pl.when(vp).then(r == 1).otherwise("bk_bo").alias("bk_bo"),
        pl.when(vp)
        .then((r > VP_CSTDCS) & (r <= VP_CSTDCS + VP_PERSON_GK))
        .otherwise("giay_khen")
        .alias("giay_khen"),
        *(pl.when(vp).then(False).otherwise(c).alias(c) for c in ("bk_ttg", "hc_ld_3")),
    )


def pin_collective_years(cy: pl.DataFrame) -> pl.DataFrame:
    """Seed 000: Giấy khen for two departments of the office, no other award to them."""
    vp = _at(VP, VP_YEAR) & (pl.col("kind") == "department")
    gk = pl.col("collective_code").is_in([f"{VP}.HC", f"{VP}.DDVB"])
    return cy.with_columns(
        pl.when(vp).then(gk).otherwise("giay_khen").alias("giay_khen"),
        *(pl.when(vp).then(False).otherwise(c).alias(c) for c in ("bk_bo", "co_td_bo")),
    )


def pin_unit_years(uy: pl.DataFrame) -> pl.DataFrame:
    """Seed 000: the office's own award that year is the General Political Department's BK."""
    vp = _at(VP, VP_YEAR)
    return uy.with_columns(
        pl.when(vp).then(True).otherwise("bk_bo").alias("bk_bo"),
        *(
            pl.when(vp).then(False).otherwise(c).alias(c)
            for c in ("bk_ttg", "hc_ld_3", "co_td_cp", "co_td_bo")
        ),
    )


def pin_monthly(
    monthly: pl.DataFrame, py: pl.DataFrame, cy: pl.DataFrame, *, seed: int, years: list[int]
) -> pl.DataFrame:
    """Seed 004: Sơn La 2021, January–September, exactly 441/75 and 45/25."""
    if SL_YEAR not in years:
        return monthly
    rng = rng_for(seed, 0, "seed_004")
    months = pl.DataFrame({"month": list(range(1, SL_MONTHS + 1))}, schema={"month": pl.Int32})
    # 49 of the 50 are rated monthly: the last on the list is on a contract (Decree 68).
    staff = py.filter(_at(SL, SL_YEAR)).sort("person_code").head(SL_PERSON_MONTHS // SL_MONTHS)
    pm = (
        staff.select("person_code", "rating").join(months, how="cross").sort("person_code", "month")
    )
    w = pm["rating"].replace_strict({"HTXSNV": 6.0, "HTTNV": 1.0}, default=0.05).to_numpy()
    xs = exact_pick(rng, pm.height, SL_PERSON_HTXSNV, w)
    low = pm["rating"].is_in(["HTNV", "KHTNV"]).to_numpy()
    pm_rating = np.where(xs, "HTXSNV", np.where(low, "HTNV", "HTTNV"))
    depts = cy.filter(_at(SL, SL_YEAR) & (pl.col("kind") == "department"))
    dm = (
        depts.select("collective_code", "rating")
        .join(months, how="cross")
        .sort("collective_code", "month")
    )
    dw = dm["rating"].replace_strict({"HTXSNV": 3.0}, default=1.0).to_numpy()
    dm_rating = np.where(exact_pick(rng, dm.height, SL_DEPT_HTXSNV, dw), "HTXSNV", "HTTNV")
    exact = pl.concat(
        [
            pm.select(
                pl.lit(SL_YEAR, pl.Int32).alias("year"),
                "month",
                pl.lit("person").alias("subject_kind"),
                pl.col("person_code").alias("subject_code"),
                pl.lit(SL).alias("unit_code"),
                pl.Series("rating", pm_rating, dtype=pl.String),
            ),
            dm.select(
                pl.lit(SL_YEAR, pl.Int32).alias("year"),
                "month",
                pl.lit("collective").alias("subject_kind"),
                pl.col("collective_code").alias("subject_code"),
                pl.lit(SL).alias("unit_code"),
                pl.Series("rating", dm_rating, dtype=pl.String),
            ),
        ]
    ).cast(MONTHLY_SCHEMA)  # type: ignore[arg-type]
    return pl.concat([monthly.filter(~_at(SL, SL_YEAR)), exact])


def pin_months(
    monthly: pl.DataFrame, py: pl.DataFrame, cy: pl.DataFrame, *, seed: int, years: list[int]
) -> pl.DataFrame:
    """Seed 004's months, the merged units' months of 2025 (`merged_months`), then every
    cluster-year's unit behind on its monthly ratings and its early HTXSNV warning; last, the
    school-year units' months moved to their calendar months."""
    months = pin_monthly(monthly, py, cy, seed=seed, years=years)
    months = merged_months(months, py, cy, seed=seed, years=years)
    months = pin_htxsnv_share(pin_behind(months, years), years)
    return on_school_year(months, unit_start_months())


def merged_months(
    monthly: pl.DataFrame, py: pl.DataFrame, cy: pl.DataFrame, *, seed: int, years: list[int]
) -> pl.DataFrame:
    """From the merger on, a predecessor's person-months count in its successor (Vĩnh Phúc's
    in Phú Thọ, Hải Dương's in Hải Phòng), and the merged Ninh Bình school rates month by
    month from 2025: its staff's and departments' months, drawn apart (`step`) so no other
    draw moves."""
    if reorg.YEAR not in years:
        return monthly
    on = pl.col("year") >= reorg.YEAR
    monthly = monthly.with_columns(
        pl.when(on).then(reorg.successor("unit_code")).otherwise("unit_code").alias("unit_code")
    )
    nb = "NB_TCT"
    staff = py.filter((pl.col("year") == reorg.YEAR) & (reorg.successor("unit_code") == nb))
    depts = cy.filter((pl.col("year") == reorg.YEAR) & (pl.col("unit_code") == nb))
    new = monthly_ratings(
        staff.with_columns(pl.lit(nb).alias("unit_code")),
        depts,
        pl.Series([nb]),
        seed=seed,
        chunk=0,
        step=f"merged_{reorg.YEAR}",
    )
    return pl.concat([monthly, new.cast(monthly.schema)])  # type: ignore[arg-type]


def extra_counts(py: pl.DataFrame, years: list[int]) -> pl.DataFrame:
    """Seed 004's totals as Sơn La reported them; TTBD 2024 reports 2 more staff than listed."""
    rows: list[tuple[int, str, str, int]] = []
    if SL_YEAR in years:
        rows += [
            (SL_YEAR, SL, "staff", SL_STAFF),
            (SL_YEAR, SL, "person_months_rated", SL_PERSON_MONTHS),
            (SL_YEAR, SL, "person_months_htxsnv", SL_PERSON_HTXSNV),
            (SL_YEAR, SL, "department_months_rated", SL_DEPT_MONTHS),
            (SL_YEAR, SL, "department_months_htxsnv", SL_DEPT_HTXSNV),
        ]
    if 2024 in years:
        listed = py.filter(_at("TTBD", 2024)).height
        rows.append((2024, "TTBD", "staff", listed + 2))
    return pl.DataFrame(
        rows,
        schema={"year": pl.Int32, "unit_code": pl.String, "measure": pl.String, "value": pl.Int64},
        orient="row",
    )


def unit_targets(years: list[int]) -> pl.DataFrame:
    parts = [target_rows("unit", [u], [y], t) for u, y, t in UNIT_TARGETS if y in years]
    return pl.concat(parts) if parts else pl.DataFrame(schema=TARGET_SCHEMA)


def demo_pins(*, seed: int, years: list[int], p: Params) -> Pins:
    return Pins(
        person_years=lambda py: pin_person_years(py, years, p),
        person_awards=pin_person_awards,
        collective_years=pin_collective_years,
        unit_years=pin_unit_years,
        monthly=lambda m, py, cy: pin_months(m, py, cy, seed=seed, years=years),
        extra_counts=lambda py: extra_counts(py, years),
        unit_targets=unit_targets(years),
        role_anchors=pl.DataFrame(
            {
                "cluster_code": ["CUM4_DBSH", "KHOI3_VPQH"],
                "anchor_year": [2021, 2023],
                "anchor_unit": ["HN_TCT", "TVQH"],
            },
            schema={"cluster_code": pl.String, "anchor_year": pl.Int32, "anchor_unit": pl.String},
        ),
        skip_scores=pl.DataFrame(
            {"cluster_code": ["CUM_MNBG", "KHOI3_VPQH"], "year": [2025, 2021]},
            schema={"cluster_code": pl.String, "year": pl.Int32},
        ),
    )
