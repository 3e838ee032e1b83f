"""Person-years, vectorised: who holds which post in which year, their rating and their titles.

A unit has as many posts (slots) as its staff that year. A post changes holder with probability
`turnover`; some leavers take a post in another unit of the same cluster the next year, so people
move but are never on two units in one year. A person's ability persists across years, so good
people earn CSTĐCS several years running (the CSTĐ cấp bộ streaks).

Output `py`, one row per person and year (≈ staff × years rows): year, person_no, person_code,
unit_code, cluster_code, profile, collective_code, score, rating, initiatives, discipline,
ldtt, cstdcs, cstd_bo, bk_bo, bk_ttg, hc_ld_3, giay_khen; and `people` (person_no, person_code,
full_name), one row per distinct person.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import polars as pl

from seed.draws import categorical, rng_for
from seed.names import full_names
from seed.params import DISCIPLINE_SEVERITY, DISCIPLINES, Params
from seed.strength import standardised, unit_strength
from seed.structure import World

KEY = ("unit_code", "slot", "year")
PyHook = Callable[[pl.DataFrame], pl.DataFrame]


def left(a: pl.DataFrame, b: pl.DataFrame, on: str | list[str]) -> pl.DataFrame:
    """Left join that keeps the left frame's row order (random draws are aligned to it)."""
    return a.join(b, on=on, how="left", maintain_order="left")


def person_code(no: pl.Expr) -> pl.Expr:
    return pl.format("CB{}", no.cast(pl.String).str.zfill(7))


def _slot_years(world: World, rng: np.random.Generator, p: Params) -> pl.DataFrame:
    staff = world.staff.sort("unit_code", "year")
    smax = staff.group_by("unit_code").agg(pl.col("staff").max().alias("smax")).sort("unit_code")
    sy = (
        smax.select("unit_code", pl.int_ranges(0, "smax", dtype=pl.Int32).alias("slot"))
        .explode("slot")
        .join(staff, on="unit_code", how="inner")
        .filter(pl.col("slot") < pl.col("staff"))
        .sort(*KEY)
    )
    # The frame is sorted by (unit, slot, year), so whole-column shifts see the previous year of
    # the same post (window functions over ~10^5 small groups would be far slower).
    same_post = (pl.col("unit_code") == pl.col("unit_code").shift(1)) & (
        pl.col("slot") == pl.col("slot").shift(1)
    )
    follows = same_post & (pl.col("year") == pl.col("year").shift(1) + 1)
    turn = pl.Series(rng.random(sy.height) < p.turnover)
    new_holder = (~follows.fill_null(False) | turn).cast(pl.UInt32)
    # `stint`: a new number each time a post changes holder (unique over the chunk).
    return sy.with_columns(new_holder.cum_sum().alias("stint"))


def _stints(
    sy: pl.DataFrame, world: World, years: list[int], rng: np.random.Generator, p: Params
) -> pl.DataFrame:
    """One row per stint (a post held by one person) with the person id `pid` after moves."""
    stints = (
        sy.group_by("stint")
        .agg(
            pl.col("unit_code").first(),
            pl.col("year").min().alias("first"),
            pl.col("year").max().alias("last"),
        )
        .sort("stint")
        .with_columns(pl.col("stint").alias("pid"))
    )
    stints = left(stints, world.units.select("unit_code", "cluster_code"), "unit_code")
    # Year by year, so a leaver's id is final before a post is offered to them.
    for y in years[1:]:
        leavers = stints.filter(pl.col("last") == y - 1)
        joiners = stints.filter(pl.col("first") == y)
        if leavers.is_empty() or joiners.is_empty():
            continue
        leavers = (
            leavers.with_columns(pl.Series("r", rng.random(leavers.height)))
            .filter(pl.col("r") < p.move_share)
            .sort("cluster_code", "r")
            .with_columns(pl.int_range(pl.len()).over("cluster_code").alias("k"))
        )
        joiners = (
            joiners.with_columns(pl.Series("r", rng.random(joiners.height)))
            .sort("cluster_code", "r")
            .with_columns(pl.int_range(pl.len()).over("cluster_code").alias("k"))
        )
        pairs = joiners.select("stint", "cluster_code", "k").join(
            leavers.select("cluster_code", "k", pl.col("pid").alias("moved")),
            on=["cluster_code", "k"],
            how="inner",
        )
        stints = (
            left(stints, pairs.select("stint", "moved"), "stint")
            .with_columns(pl.coalesce("moved", "pid").alias("pid"))
            .drop("moved")
        )
    return stints


def _departments(world: World) -> pl.DataFrame:
    """unit_code, pos, collective_code: post `slot` works in department cycle[slot % len]."""
    d = world.departments.with_row_index("dord")
    cycle = (
        d.with_columns(pl.int_ranges(0, "weight").alias("rep"))
        .explode("rep")
        .sort("unit_code", "rep", "dord")
        .select(
            "unit_code",
            pl.int_range(pl.len(), dtype=pl.Int32).over("unit_code").alias("pos"),
            (pl.col("unit_code") + "." + pl.col("dept")).alias("collective_code"),
        )
    )
    return cycle.with_columns(pl.len().over("unit_code").cast(pl.Int32).alias("cycle"))


def skeleton(
    world: World, years: list[int], *, seed: int, chunk: int, first_no: int, p: Params
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(people, py skeleton): who is where each year, with department and person attributes."""
    sy = _slot_years(world, rng_for(seed, chunk, "turnover"), p)
    stints = _stints(sy, world, years, rng_for(seed, chunk, "moves"), p)
    persons = (
        stints.group_by("pid")
        .agg(pl.col("stint").min().alias("s0"), pl.col("unit_code").sort_by("stint").first())
        .sort("s0")
        .with_row_index("person_no", offset=first_no)
        .with_columns(person_code(pl.col("person_no")).alias("person_code"))
        .pipe(left, world.units.select("unit_code", "profile"), "unit_code")
    )
    rng = rng_for(seed, chunk, "people")
    military = (persons["profile"] == "military").to_numpy()
    female = rng.random(persons.height) < np.where(military, 0.12, 0.52)
    persons = persons.with_columns(
        full_names(rng, female).alias("full_name"),
        pl.Series("ability", rng.standard_normal(persons.height)),
    )
    cycle = _departments(world)
    py = (
        left(sy, stints.select("stint", "pid"), "stint")
        .pipe(left, persons.select("pid", "person_no", "person_code", "ability"), "pid")
        .pipe(left, world.units.select("unit_code", "cluster_code", "profile"), "unit_code")
        .pipe(left, cycle.select("unit_code", "cycle").unique().sort("unit_code"), "unit_code")
        .with_columns((pl.col("slot") % pl.col("cycle")).alias("pos"))
        .pipe(left, cycle.select("unit_code", "pos", "collective_code"), ["unit_code", "pos"])
        .drop("stint", "pid", "cycle", "pos")
    )
    return persons.select("person_no", "person_code", "full_name"), py


def rate(py: pl.DataFrame, *, seed: int, chunk: int, p: Params) -> pl.DataFrame:
    """Annual rating, initiatives, discipline and the LĐTT title, drawn row-aligned to KEY."""
    py = py.sort(*KEY)
    n = py.height
    rng = rng_for(seed, chunk, "ratings")
    uy = py.select("unit_code", "year").unique().sort("unit_code", "year")
    # The unit-year effect: mostly the unit's lasting strength, partly the year's luck.
    lasting = unit_strength(uy, sorted(uy["year"].unique()), seed=seed, chunk=chunk)
    w = p.unit_strength_weight
    uy = (
        left(uy, lasting, ["unit_code", "year"])
        .with_columns(
            (
                p.unit_effect_sd * w * standardised(pl.col("quality"))
                + pl.Series(rng.normal(0.0, p.unit_effect_sd * (1 - w * w) ** 0.5, uy.height))
            ).alias("effect"),
            pl.Series("share", rng.uniform(*p.cstdcs_share, uy.height)),
        )
        .drop("quality")
    )
    disc = np.where(
        rng.random(n) < p.discipline_rate,
        categorical(rng, n, DISCIPLINES, (0.6, 0.3, 0.08, 0.02)),
        "none",
    )
    py = left(py, uy, ["unit_code", "year"]).with_columns(
        (
            p.ability_weight * pl.col("ability")
            + pl.col("effect")
            + pl.Series(p.noise_sd * rng.standard_normal(n))
        ).alias("score"),
        pl.Series("discipline", disc, dtype=pl.String),
        pl.Series("_init_hi", rng.poisson(p.initiatives_htxsnv, n)),
        pl.Series("_init_lo", rng.poisson(p.initiatives_httnv, n)),
        pl.Series("_miss", rng.random(n) < p.ldtt_miss),
    )
    s = pl.col("score")
    rating = (
        pl.when(pl.col("discipline") != "none")
        .then(pl.lit("KHTNV"))
        .when(s > p.htxsnv_above)
        .then(pl.lit("HTXSNV"))
        .when(s > p.httnv_above)
        .then(pl.lit("HTTNV"))
        .when(s > p.htnv_above)
        .then(pl.lit("HTNV"))
        .otherwise(pl.lit("KHTNV"))
    )
    py = py.with_columns(rating.alias("rating"))
    init = (
        pl.when(pl.col("rating") == "HTXSNV")
        .then("_init_hi")
        .when(pl.col("rating") == "HTTNV")
        .then("_init_lo")
        .otherwise(0)
        .clip(0, 6)
        .cast(pl.Int32)
    )
    good = pl.col("rating").is_in(["HTXSNV", "HTTNV"]) & (pl.col("discipline") == "none")
    return py.with_columns(init.alias("initiatives"), (good & ~pl.col("_miss")).alias("ldtt")).drop(
        "_init_hi", "_init_lo", "_miss", "effect"
    )


def choose_cstdcs(py: pl.DataFrame, p: Params) -> pl.DataFrame:
    """CSTĐCS for the best LĐTT + HTXSNV + initiative holders, `share` of LĐTT under the cap."""
    by = ["unit_code", "year"]
    n_ldtt = pl.col("ldtt").sum().over(by).cast(pl.Int64)
    k = pl.min_horizontal(
        (n_ldtt * p.cstdcs_cap_pct) // 100, (pl.col("share") * n_ldtt).ceil().cast(pl.Int64)
    )
    k = (
        pl.when(pl.col("profile") == "military")
        .then(pl.min_horizontal(k, (pl.len().over(by) * p.military_cap_pct) // 100))
        .otherwise(k)
    )
    cand = pl.col("ldtt") & (pl.col("rating") == "HTXSNV") & (pl.col("initiatives") >= 1)
    rank = pl.when(cand).then(pl.col("score")).rank("ordinal", descending=True).over(by)
    return py.with_columns((cand & (rank <= k)).fill_null(False).alias("cstdcs")).drop("share")


def choose_cstd_bo(
    py: pl.DataFrame, years: list[int], *, seed: int, chunk: int, p: Params
) -> pl.DataFrame:
    """CSTĐ cấp bộ for a share of those with CSTĐCS in each of the 3 latest years, not within
    two years of their last CSTĐ cấp bộ (never a second one with `p.cstd_bo_once`). `bo_pin`
    (if present): 1 forces, -1 forbids."""
    py = py.sort(*KEY)
    if "bo_pin" not in py.columns:
        py = py.with_columns(pl.lit(0, pl.Int8).alias("bo_pin"))
    py = py.with_columns(pl.Series("_u", rng_for(seed, chunk, "cstd_bo").random(py.height)))
    held = py.filter("cstdcs").select("person_no", "year", "bo_pin", "_u")
    got = pl.DataFrame(schema={"person_no": pl.UInt32, "year": pl.Int32})
    for y in years:
        cur = held.filter(pl.col("year") == y)
        streak = cur.join(
            held.filter(pl.col("year") == y - 1).select("person_no"), on="person_no", how="semi"
        ).join(held.filter(pl.col("year") == y - 2).select("person_no"), on="person_no", how="semi")
        earlier = got if p.cstd_bo_once else got.filter(pl.col("year") >= y - 2)
        recent = earlier.select("person_no")
        drawn = streak.join(recent, on="person_no", how="anti").filter(
            (pl.col("bo_pin") == 0) & (pl.col("_u") < p.cstd_bo_share)
        )
        forced = cur.filter(pl.col("bo_pin") == 1)
        got = pl.concat(
            [got, drawn.select("person_no", "year"), forced.select("person_no", "year")]
        )
    got = got.unique().with_columns(pl.lit(True).alias("cstd_bo"))
    return (
        left(py, got, ["person_no", "year"])
        .with_columns(pl.col("cstd_bo").fill_null(False))
        .drop("_u", "bo_pin")
    )


def other_awards(py: pl.DataFrame, *, seed: int, chunk: int, p: Params) -> pl.DataFrame:
    """Bằng khen, Huân chương and Giấy khen flags for persons."""
    py = py.sort(*KEY)
    rng = rng_for(seed, chunk, "person_awards")
    u = [pl.Series(rng.random(py.height)) for _ in range(4)]
    cs, ld = pl.col("cstdcs"), pl.col("ldtt")
    hx = pl.col("rating") == "HTXSNV"
    return py.with_columns(
        ((cs & (u[0] < p.bk_bo_cstdcs)) | (~cs & ld & hx & (u[0] < p.bk_bo_htxsnv))).alias("bk_bo"),
        (cs & (u[1] < p.bk_ttg)).alias("bk_ttg"),
        (cs & (u[2] < p.hc_ld_3)).alias("hc_ld_3"),
        (ld & ~cs & (u[3] < p.giay_khen)).alias("giay_khen"),
    )


def severity(col: str = "discipline") -> pl.Expr:
    return pl.col(col).replace_strict(DISCIPLINE_SEVERITY, return_dtype=pl.Int8)


def person_years(
    world: World,
    years: list[int],
    *,
    seed: int,
    chunk: int,
    first_no: int,
    p: Params,
    pin: PyHook | None = None,
    pin_awards: PyHook | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(people, py) for every unit of `world`. `pin` may fix ratings and titles of chosen
    person-years before the streak titles are drawn; `pin_awards` fixes the other awards."""
    people, py = skeleton(world, years, seed=seed, chunk=chunk, first_no=first_no, p=p)
    py = choose_cstdcs(rate(py, seed=seed, chunk=chunk, p=p), p)
    if pin is not None:
        py = pin(py)
    py = choose_cstd_bo(py, years, seed=seed, chunk=chunk, p=p)
    py = other_awards(py, seed=seed, chunk=chunk, p=p)
    if pin_awards is not None:
        py = pin_awards(py)
    return people, py.sort(*KEY)
