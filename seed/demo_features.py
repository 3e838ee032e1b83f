"""What the demo shows in every cluster and year, so each page of the app has something to say:

- a cap overrun: one unit per cluster-year proposes one CSTĐCS more than its cap allows (Nam
  Định 2023 two more; the military cluster's 2022 overrun is seed 000's own office, 12 CSTĐCS
  for 60 people against a cap of 10 % of its strength);
- a holder who fails the criteria ("Cần rà soát"): one person per cluster-year, in another unit,
  either an LĐTT (CSTT) holder rated only HTNV or a CSTĐCS holder rated HTTNV, not HTXSNV;
- a unit behind on its monthly ratings: each cluster has two units rating month by month and,
  in turn, one of them has not rated its last 1–3 months of the year (Sơn La 2021: January to
  September, the article's own date);
- an early HTXSNV warning: a monthly unit whose HTXSNV person-months so far exceed 20 % of its
  HTTNV person-months (the HTXSNV cap's ratio); the draws give one almost everywhere, and where
  they do not, the unit that is not behind has just enough HTTNV months rated HTXSNV instead.

The units are chosen by rotation through each cluster's members (demo_world.py), skipping the
unit-years the articles' figures pin (seed 000 and 004) and the unit that shares only counts.
"""

from __future__ import annotations

import polars as pl

from seed import reorganisation as reorg
from seed.demo_world import DEMO_CLUSTERS

# Unit-years whose people the articles' figures fix: no feature is drawn there.
PINNED = frozenset({("VP_HVCT", 2022), ("SL_TCT", 2021)})
FIRST = 2019  # the rotations count from here, so a shorter run of years shows the same units
START = {"CUM4_DBSH": 6}  # where a cluster's rotation starts: Nam Định's turn falls in 2023
OVER_CAP_EXTRA = {("ND_TCT", 2023): 2}  # above the cap by more than one
# The military cluster's 2022 overrun is the office of seed 000 itself.
OVERRUN_GIVEN = frozenset({("KHOI_HVCT", 2022)})
HTXSNV_CAP_PCT = 20  # rules.toml HTXSNV_CAP, which the early warning applies ahead of its years
FAIL_OFFSET = 3  # the failing holder's unit is three places after the overrun's
# cluster -> its two units rating month by month; in year y, MONTHLY[c][y % 2] is behind.
MONTHLY: dict[str, tuple[str, str]] = {
    "CUM4_DBSH": ("HD_TCT", "VP_TCT"),
    "CUM_MNBG": ("PT_TCT", "SL_TCT"),
    "KHOI3_VPQH": ("TVQH", "VPDDT"),
    "KHOI_HVCT": ("PCT_HVCT", "PKHQS_HVCT"),
}
# From the 2025 reorganisation (reorganisation.py) the Red River Delta cluster's monthly units
# are the merged Ninh Bình school (rating month by month from 2025) and Hải Phòng's (Hải
# Dương's staff); Vĩnh Phúc's staff rate on in Phú Thọ's school.
MONTHLY_FROM_2025: dict[str, tuple[str, str]] = {**MONTHLY, "CUM4_DBSH": ("NB_TCT", "HP_TCT")}


def monthly_pairs(year: int) -> dict[str, tuple[str, str]]:
    """cluster -> its two monthly units in `year`."""
    return MONTHLY_FROM_2025 if year >= reorg.YEAR else MONTHLY


def _members(cluster: str) -> list[str]:
    """The cluster's units in spec order, without the reported-only ones (they list nobody)."""
    spec = next(c for c in DEMO_CLUSTERS if c.code == cluster)
    return [u.code for u in spec.units if not u.reported_only]


def _rotate(cluster: str, year: int, offset: int = 0) -> str:
    units = _members(cluster)
    i = (year - FIRST + START.get(cluster, 0) + offset) % len(units)
    while (units[i], year) in PINNED or (year >= reorg.YEAR and units[i] in reorg.POOLED):
        i = (i + 1) % len(units)
    return units[i]


def over_cap(years: list[int]) -> pl.DataFrame:
    """unit_code, year, extra: the CSTĐCS proposed above each unit-year's cap."""
    rows = [
        (u, y, OVER_CAP_EXTRA.get((u, y), 1))
        for c in DEMO_CLUSTERS
        for y in years
        if (c.code, y) not in OVERRUN_GIVEN
        for u in [_rotate(c.code, y)]
    ]
    return pl.DataFrame(
        rows, schema={"unit_code": pl.String, "year": pl.Int32, "extra": pl.Int64}, orient="row"
    )


def failing(years: list[int]) -> pl.DataFrame:
    """unit_code, year, kind: "ldtt_htnv" in odd years, "cstdcs_httnv" in even ones."""
    rows = [
        (_rotate(c.code, y, FAIL_OFFSET), y, "ldtt_htnv" if y % 2 else "cstdcs_httnv")
        for c in DEMO_CLUSTERS
        for y in years
    ]
    return pl.DataFrame(
        rows, schema={"unit_code": pl.String, "year": pl.Int32, "kind": pl.String}, orient="row"
    )


def behind(years: list[int], months: int = 12) -> pl.DataFrame:
    """unit_code, year, last_month: the behind unit has rated months 1..last_month only (of the
    `months` its cluster has rated)."""
    rows = [
        (units[y % 2], y, months - (1 + y % 3))
        for y in years
        for units in monthly_pairs(y).values()
    ]
    return pl.DataFrame(
        rows,
        schema={"unit_code": pl.String, "year": pl.Int32, "last_month": pl.Int32},
        orient="row",
    )


def _rank(expr: pl.Expr, where: pl.Expr) -> pl.Expr:
    return pl.when(where).then(expr).rank("ordinal", descending=True)


def pin_failing(py: pl.DataFrame, years: list[int]) -> pl.DataFrame:
    """One holder per `failing` unit-year who does not meet the criteria: the weakest plain LĐTT
    rated down to HTNV, or the weakest CSTĐCS rated HTTNV. `_pinned` rows are left alone and the
    chosen one is pinned."""
    f = failing(years)
    py = py.join(f, on=["unit_code", "year"], how="left", maintain_order="left")
    free = ~pl.col("_pinned")
    plain = (pl.col("kind") == "ldtt_htnv") & pl.col("ldtt") & ~pl.col("cstdcs") & free
    plain &= pl.col("rating") == "HTTNV"
    holder = (pl.col("kind") == "cstdcs_httnv") & pl.col("cstdcs") & free
    by = ["unit_code", "year"]
    first_plain = (_rank(-pl.col("score"), plain).over(by) == 1).fill_null(False)
    weakest = (_rank(-pl.col("score"), holder).over(by) == 1).fill_null(False)
    return py.with_columns(
        pl.when(first_plain)
        .then(pl.lit("HTNV"))
        .when(weakest)
        .then(pl.lit("HTTNV"))
        .otherwise("rating")
        .alias("rating"),
        (pl.col("_pinned") | first_plain | weakest).alias("_pinned"),
    ).drop("kind")


def pin_behind(monthly: pl.DataFrame, years: list[int], months: int = 12) -> pl.DataFrame:
    """Drop the behind units' months after their last rated month."""
    late = behind(years, months)
    return (
        monthly.join(late, on=["unit_code", "year"], how="left", maintain_order="left")
        .filter(pl.col("last_month").is_null() | (pl.col("month") <= pl.col("last_month")))
        .drop("last_month")
    )


def _over_htxsnv(xs: int, tt: int) -> bool:
    return xs > tt * HTXSNV_CAP_PCT // 100


def pin_htxsnv_share(monthly: pl.DataFrame, years: list[int]) -> pl.DataFrame:
    """Where no monthly unit of a cluster-year is over the HTXSNV ratio, rate the fewest HTTNV
    person-months of its unit that is not behind HTXSNV (the first by person, then month)."""
    person = pl.col("subject_kind") == "person"
    rows = monthly.with_row_index("_i")
    stats = {
        (r["unit_code"], r["year"]): (r["xs"], r["tt"])
        for r in rows.filter(person)
        .group_by("unit_code", "year")
        .agg(
            (pl.col("rating") == "HTXSNV").sum().alias("xs"),
            (pl.col("rating") == "HTTNV").sum().alias("tt"),
        )
        .iter_rows(named=True)
    }
    flip: list[int] = []
    for y in years:
        for units in monthly_pairs(y).values():
            if any(_over_htxsnv(*stats.get((u, y), (0, 0))) for u in units):
                continue
            unit = units[(y + 1) % 2]
            xs, tt = stats.get((unit, y), (0, 0))
            k = next((k for k in range(1, tt + 1) if _over_htxsnv(xs + k, tt - k)), 0)
            picked = (
                rows.filter(
                    person
                    & (pl.col("unit_code") == unit)
                    & (pl.col("year") == y)
                    & (pl.col("rating") == "HTTNV")
                )
                .sort("subject_code", "month")
                .head(k)
            )
            flip.extend(picked["_i"].to_list())
    return rows.with_columns(
        pl.when(pl.col("_i").is_in(flip)).then(pl.lit("HTXSNV")).otherwise("rating").alias("rating")
    ).drop("_i")


def pin_htxsnv_in_progress(monthly: pl.DataFrame, year: int) -> pl.DataFrame:
    """The year in progress, when the HTXSNV cap is in force: in each cluster the monthly unit
    that is not behind is over the cap's ratio so far (the fewest HTTNV person-months rated
    HTXSNV instead, as `pin_htxsnv_share`), and the behind one within it (the fewest HTXSNV
    person-months, the last by person and month, rated HTTNV instead): one warning of each
    kind per cluster, on two different units."""
    person = pl.col("subject_kind") == "person"
    rows = monthly.with_row_index("_i")
    to_xs: list[int] = []
    to_tt: list[int] = []
    for units in monthly_pairs(year).values():
        late, over = units[year % 2], units[(year + 1) % 2]
        for unit, flip_to in ((over, to_xs), (late, to_tt)):
            mine = rows.filter(person & (pl.col("unit_code") == unit) & (pl.col("year") == year))
            xs = int((mine["rating"] == "HTXSNV").sum())
            tt = int((mine["rating"] == "HTTNV").sum())
            if flip_to is to_xs:
                k = next((k for k in range(0, tt + 1) if _over_htxsnv(xs + k, tt - k)), 0)
                picked = mine.filter(pl.col("rating") == "HTTNV").sort("subject_code", "month")
                flip_to.extend(picked.head(k)["_i"].to_list())
            else:
                k = next((k for k in range(0, xs + 1) if not _over_htxsnv(xs - k, tt + k)), 0)
                picked = mine.filter(pl.col("rating") == "HTXSNV").sort("subject_code", "month")
                flip_to.extend(picked.tail(k)["_i"].to_list())
    rating = (
        pl.when(pl.col("_i").is_in(to_xs))
        .then(pl.lit("HTXSNV"))
        .when(pl.col("_i").is_in(to_tt))
        .then(pl.lit("HTTNV"))
        .otherwise("rating")
    )
    return rows.with_columns(rating.alias("rating")).drop("_i")
