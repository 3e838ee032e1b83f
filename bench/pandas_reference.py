"""The engine's pipeline written plainly in pandas: the benchmark's reference, not used by the app.

Idiomatic, untuned pandas — boolean masks, `groupby().sum()`, `merge`, `pivot_table` — as an
analyst would write it from domain.md: counts per unit-year (records, else reported totals),
indicators per unit and pooled per cluster, targets and status, quota headroom, rankings and
trends. `python -m dashboard bench` times it against the Polars engine and asserts both give the
same figures. Unknown counts are NaN here (pandas' usual missing value), null in the engine.

The organisation of contract 0.3.0 is worked out here from the tables too: a unit-year's cluster
is that year's `cluster_members` row (a year with none: `units.cluster_code`); a monthly rating
counts in the emulation year of its month (`period_start_month` of the unit, else its cluster,
else 1); a ranking has no rank_prev from another cluster nor for a unit a change took effect on
that year, and no rows for a cluster-year without year-end results; trends compare a merged,
split or renamed unit's years before the change with its sources pooled.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import polars as pl

from bench.pandas_organisation import (
    changes,
    history_sources,
    membership,
    next_year,
    start_months,
)
from data_access.catalog import MEASURES, load_catalog
from data_access.readers import Dataset

KEY = ["year", "unit_code"]
STRUCTURE = ["staff", "departments", "party_cells", "mass_orgs"]
TOLERANCE = 1e-9  # as dashboard/targets.py: 100 × 9 / 10 meets a target of 90


def frames(ds: Dataset) -> dict[str, pd.DataFrame]:
    """The Dataset as pandas frames, codes as plain text (what pd.read_sql would give)."""
    out = {}
    for name in ds.__dataclass_fields__:
        f = getattr(ds, name)
        out[name] = f.with_columns(pl.col(pl.Categorical).cast(pl.String)).to_pandas()
    return out


# --- counts ----------------------------------------------------------------------------------
def _records(t: dict[str, pd.DataFrame], years: list[int]) -> pd.DataFrame:
    cat = load_catalog()
    roster = t["roster"].loc[t["roster"]["year"].isin(years), ["year", "person_code", "unit_code"]]
    out = roster.groupby(KEY).size().rename("staff").to_frame()

    awards = t["awards"][t["awards"]["year"].isin(years)]
    pa = awards[awards["recipient_kind"] == "person"].rename(
        columns={"recipient_code": "person_code"}
    )
    pa = pa.assign(
        ldtt=pa["award_code"].isin(cat.awards_implying("LDTT")),
        cstdcs=pa["award_code"].isin(cat.awards_implying("CSTDCS")),
        higher=pa["award_code"].isin(cat.higher_awards()),
    )
    # The same person counts once, however many awards.
    pa = pa.groupby(["year", "person_code"])[["ldtt", "cstdcs", "higher"]].max().reset_index()
    pa = pa.merge(roster, on=["year", "person_code"])
    p_awards = pa.groupby(KEY)[["ldtt", "cstdcs", "higher"]].sum()
    out["persons_ldtt_plus"] = p_awards["ldtt"]
    out["persons_cstdcs_plus"] = p_awards["cstdcs"]
    out["higher_persons"] = p_awards["higher"]
    out["has_person_awards"] = out.index.isin(p_awards.index)

    # A monthly rating counts in the emulation year of its month, for a person in the year
    # (y or y + 1) whose roster unit places the month there: a school year's first months are
    # in the calendar year before.
    sm = start_months(t)
    rt = t["ratings"]
    before = rt["year"].isin([y - 1 for y in years]) & rt["month"].notna()
    ratings = rt[rt["year"].isin(years) | before]
    pr = ratings[ratings["subject_kind"] == "person"].rename(
        columns={"subject_code": "person_code"}
    )
    pr = pd.concat(
        [pr.assign(_e=pr["year"]), pr[pr["month"].notna()].assign(_e=pr["year"] + 1)]
    ).merge(roster.rename(columns={"year": "_e"}), on=["_e", "person_code"])
    start = pr["unit_code"].map(sm).fillna(1).astype(int)
    in_year = pr["month"].isna() | (pr["_e"] == pr["year"] + next_year(pr["month"], start))
    pr = pr[in_year & (pr["month"].notna() | (pr["_e"] == pr["year"]))]
    pr = pr.drop(columns="year").rename(columns={"_e": "year"})
    annual, monthly, r = pr["month"].isna(), pr["month"].notna(), pr["rating"]
    pr = pr.assign(
        persons_rated=annual,
        persons_htxsnv=annual & (r == "HTXSNV"),
        persons_httnv=annual & (r == "HTTNV"),
        persons_httnv_plus=annual & r.isin(cat.ratings_at_least("task", "HTTNV")),
        persons_khtnv=annual & (r == "KHTNV"),
        person_months_rated=monthly,
        person_months_htxsnv=monthly & (r == "HTXSNV"),
    )
    p_cols = [
        "persons_rated", "persons_htxsnv", "persons_httnv", "persons_httnv_plus",
        "persons_khtnv", "person_months_rated", "person_months_htxsnv",
    ]  # fmt: skip
    p_ratings = pr.groupby(KEY)[p_cols].sum()
    out = out.join(p_ratings)
    annual_known = out["persons_rated"].fillna(0) > 0
    monthly_known = out["person_months_rated"].fillna(0) > 0
    for col in p_cols:
        known = monthly_known if col.startswith("person_months") else annual_known
        out[col] = out[col].where(known)

    coll = t["collectives"][["collective_code", "unit_code", "kind"]]
    coll = coll.assign(
        dept=coll["kind"] == "department",
        cell=coll["kind"] == "party_cell",
        mass=coll["kind"] == "mass_org",
    )
    structure = coll.groupby("unit_code")[["dept", "cell", "mass"]].sum()
    structure.columns = ["departments", "party_cells", "mass_orgs"]

    ca = awards[awards["recipient_kind"] == "collective"].rename(
        columns={"recipient_code": "collective_code"}
    )
    ca = ca.assign(
        ttldtt=ca["award_code"].isin(cat.awards_implying("TTLDTT")),
        ttldxs=ca["award_code"].isin(cat.awards_implying("TTLDXS")),
        higher=ca["award_code"].isin(cat.higher_awards()),
    )
    ca = ca.groupby(["year", "collective_code"])[["ttldtt", "ttldxs", "higher"]].max()
    ca = ca.reset_index().merge(coll, on="collective_code")
    for col in ("ttldtt", "ttldxs", "higher"):
        ca[col] = ca[col] & ca["dept"]  # only departments count
    c_awards = ca.groupby(KEY)[["ttldtt", "ttldxs", "higher", "dept"]].sum()
    dept_known = out.index.isin(c_awards.index[c_awards["dept"] > 0])
    out["departments_ttldtt_plus"] = c_awards["ttldtt"].reindex(out.index).where(dept_known)
    out["departments_ttldxs_plus"] = c_awards["ttldxs"].reindex(out.index).where(dept_known)
    out["higher_depts"] = c_awards["higher"]
    out["has_coll_awards"] = out.index.isin(c_awards.index)

    cr = ratings[ratings["subject_kind"] == "collective"].rename(
        columns={"subject_code": "collective_code"}
    )
    cr = cr.merge(coll, on="collective_code")
    # A collective's monthly rating counts in its unit's emulation year of that month.
    shift = next_year(cr["month"], cr["unit_code"].map(sm).fillna(1).astype(int))
    cr = cr.assign(year=cr["year"] + shift.where(cr["month"].notna(), 0))
    cr = cr[cr["year"].isin(years)]
    annual, monthly, r = cr["month"].isna(), cr["month"].notna(), cr["rating"]
    strong = cat.ratings_at_least("strength", cat.scales["strength"]["strong_from"])
    cr = cr.assign(
        cells=annual & cr["cell"],
        party_cells_httnv_plus=annual & cr["cell"] & r.isin(cat.ratings_at_least("task", "HTTNV")),
        party_cells_htxsnv=annual & cr["cell"] & (r == "HTXSNV"),
        masses=annual & cr["mass"],
        mass_orgs_strong=annual & cr["mass"] & r.isin(strong),
        department_months_rated=monthly & cr["dept"],
        department_months_htxsnv=monthly & cr["dept"] & (r == "HTXSNV"),
    )
    c_cols = [
        "cells", "party_cells_httnv_plus", "party_cells_htxsnv", "masses", "mass_orgs_strong",
        "department_months_rated", "department_months_htxsnv",
    ]  # fmt: skip
    out = out.join(cr.groupby(KEY)[c_cols].sum())
    for col, flag in (
        ("party_cells_httnv_plus", "cells"),
        ("party_cells_htxsnv", "cells"),
        ("mass_orgs_strong", "masses"),
        ("department_months_htxsnv", "department_months_rated"),
        ("department_months_rated", "department_months_rated"),
    ):
        out[col] = out[col].where(out[flag].fillna(0) > 0)

    ua = awards[awards["recipient_kind"] == "unit"].rename(columns={"recipient_code": "unit_code"})
    ua = ua.assign(higher=ua["award_code"].isin(cat.higher_awards()))
    unit_higher = ua.groupby(KEY)["higher"].any()

    out = out.reset_index().merge(structure.reset_index(), on="unit_code", how="left")
    out[["departments", "party_cells", "mass_orgs"]] = out[
        ["departments", "party_cells", "mass_orgs"]
    ].fillna(0)
    out = out.merge(unit_higher.rename("higher_unit").reset_index(), on=KEY, how="left")
    any_award = out["has_person_awards"] | out["has_coll_awards"] | out["higher_unit"].notna()
    higher = (
        out["higher_persons"].fillna(0)
        + out["higher_depts"].fillna(0)
        + out["higher_unit"].fillna(False).astype(int)
    )
    out["higher_award_recipients"] = higher.where(any_award)
    out["source"] = "records"
    return out


def counts(t: dict[str, pd.DataFrame], years: Iterable[int]) -> pd.DataFrame:
    """One row per unit-year: every measure (NaN = unknown), records winning over reported."""
    ys = [int(y) for y in years]
    records = _records(t, ys)
    uc = t["unit_counts"][t["unit_counts"]["year"].isin(ys)]
    reported = uc.pivot_table(
        index=KEY, columns="measure", values="value", aggfunc="first", observed=True
    ).reset_index()
    reported.columns.name = None
    reported = reported[~reported.set_index(KEY).index.isin(records.set_index(KEY).index)].assign(
        source="reported"
    )
    for m in MEASURES:
        if m not in reported.columns:
            reported[m] = np.nan
    both = pd.concat(
        [records[[*KEY, "source", *MEASURES]], reported[[*KEY, "source", *MEASURES]]],
        ignore_index=True,
    )
    # Each year's row carries the cluster the unit was in that year.
    both = both.merge(membership(t, ys), on=KEY, how="left")
    both = both.merge(t["units"][["unit_code", "profile"]], on="unit_code", how="left")
    both["unit_itself"] = 1
    return both


# --- indicators and targets ------------------------------------------------------------------
def indicators(c: pd.DataFrame) -> pd.DataFrame:
    """year, cluster_code, unit_code (NaN on the pooled row), indicator, numerator,
    denominator, value_pct."""
    cat = load_catalog()
    parts = []
    for code, d in cat.indicators.items():
        # `+` keeps NaN: one unknown part makes the whole side unknown.
        num = sum(c[m] for m in d.numerator)
        den = sum(c[m] for m in d.denominator)
        parts.append(
            pd.DataFrame(
                {
                    "year": c["year"],
                    "cluster_code": c["cluster_code"],
                    "unit_code": c["unit_code"],
                    "indicator": code,
                    "numerator": num,
                    "denominator": den,
                }
            )
        )
    units = pd.concat(parts, ignore_index=True)
    in_cluster = units[units["cluster_code"].notna()]
    known = in_cluster[in_cluster["numerator"].notna() & in_cluster["denominator"].notna()]
    pooled = known.groupby(["year", "cluster_code", "indicator"])[
        ["numerator", "denominator"]
    ].sum()
    clusters = (
        in_cluster[["year", "cluster_code", "indicator"]]
        .drop_duplicates()
        .merge(pooled.reset_index(), on=["year", "cluster_code", "indicator"], how="left")
    )
    clusters["unit_code"] = np.nan
    out = pd.concat([clusters, units], ignore_index=True)
    den = out["denominator"]
    out["value_pct"] = (100.0 * out["numerator"] / den).where(den > 0)
    return out


def with_targets(ind: pd.DataFrame, t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Targets (a unit's own row replaces its cluster's), status and attainment."""
    tg = t["targets"].rename(columns={"min_pct": "target_min", "max_pct": "target_max"})
    # A cluster's target of a year applies to that year's members.
    units = membership(t, tg["year"].unique())
    cluster_t = tg[tg["scope_kind"] == "cluster"].rename(columns={"scope_code": "cluster_code"})
    unit_t = tg[tg["scope_kind"] == "unit"].rename(columns={"scope_code": "unit_code"})
    # A unit's own target applies to it in or out of a cluster (cluster_code NaN out of one).
    own = unit_t[unit_t["unit_code"].isin(t["units"]["unit_code"])]
    own = own.merge(units, on=["year", "unit_code"], how="left")
    inherited = units.merge(cluster_t, on=["year", "cluster_code"])
    key = ["year", "unit_code", "indicator"]
    inherited = inherited[~inherited.set_index(key).index.isin(own.set_index(key).index)]
    cols = ["year", "cluster_code", "unit_code", "indicator", "target_min", "target_max"]
    resolved = pd.concat(
        [cluster_t.assign(unit_code=np.nan)[cols], own[cols], inherited[cols]], ignore_index=True
    )
    # pandas matches NaN keys with NaN keys: the pooled row meets the cluster's own target.
    out = ind.merge(resolved, on=["year", "cluster_code", "unit_code", "indicator"], how="left")
    v, lo, hi = out["value_pct"], out["target_min"], out["target_max"]
    out["status"] = np.select(
        [
            lo.isna() & hi.isna(),
            v.isna(),
            lo.notna() & (v < lo - TOLERANCE),
            hi.notna() & (v > hi + TOLERANCE),
        ],
        ["no_target", "no_data", "below", "above"],
        default="met",
    )
    out["attainment"] = np.select(
        [out["status"] == "met", out["status"] == "below", out["status"] == "above"],
        [1.0, v / lo, hi / v],
        default=np.nan,
    )
    out.loc[out["status"] == "no_data", "attainment"] = 0.0
    return out


# --- quotas, rankings, trends ----------------------------------------------------------------
def quotas(c: pd.DataFrame, year: int) -> pd.DataFrame:
    """Allowed (floor of cap % × base), used and remaining per unit and cap rule in force."""
    rows = []
    c = c[c["year"] == year]
    for rule in load_catalog().rules:
        if rule.kind != "cap":
            continue
        in_force = (c["year"] >= rule.year_from) & c["profile"].isin(rule.profiles)
        if rule.year_to is not None:
            in_force &= c["year"] <= rule.year_to
        part = c[in_force]
        base, used = part[rule.params["base"]], part[rule.params["counted"]]
        allowed = base * round(float(rule.params["cap_pct"]) * 100) // 10_000
        rows.append(
            pd.DataFrame(
                {
                    "year": part["year"],
                    "cluster_code": part["cluster_code"],
                    "unit_code": part["unit_code"],
                    "rule": rule.code,
                    "allowed": allowed,
                    "used": used,
                    "remaining": allowed - used,
                }
            )
        )
    return pd.concat(rows, ignore_index=True)


def _standing(ind: pd.DataFrame, t: dict[str, pd.DataFrame], year: int) -> pd.DataFrame:
    rows = ind[(ind["year"] == year) & ind["unit_code"].notna()]
    per_unit = (
        rows.assign(
            met=rows["status"] == "met",
            applies=rows["status"].notna() & (rows["status"] != "no_target"),
        )
        .groupby(["cluster_code", "unit_code"])
        .agg(
            targets_met=("met", "sum"),
            targets_total=("applies", "sum"),
            mean_attainment=("attainment", "mean"),
        )
        .reset_index()
    )
    sc = t["scores"][t["scores"]["year"] == year]
    scores = sc.groupby("unit_code")["final_points"].sum(min_count=1).rename("final_points")
    member = membership(t, [year])[["unit_code", "cluster_code"]]
    scores = scores.reset_index().merge(member, on="unit_code")
    members = pd.concat(
        [per_unit[["cluster_code", "unit_code"]], scores[["cluster_code", "unit_code"]]]
    ).drop_duplicates()
    s = members.merge(per_unit, on=["cluster_code", "unit_code"], how="left").merge(
        scores.drop(columns="cluster_code"), on="unit_code", how="left"
    )
    s[["targets_met", "targets_total"]] = s[["targets_met", "targets_total"]].fillna(0)
    has_points = s.groupby("cluster_code")["final_points"].transform(lambda p: p.notna().any())
    s["basis"] = np.where(has_points, "score", "targets")
    # Rank keys, best first: points (missing last), else targets met then mean attainment.
    s["k1"] = np.where(has_points, s["final_points"].fillna(-np.inf), s["targets_met"])
    s["k2"] = np.where(has_points, 0.0, s["mean_attainment"].round(9).fillna(-1.0))
    s = s.sort_values(["cluster_code", "k1", "k2"], ascending=[True, False, False])
    s["rank"] = s.groupby("cluster_code").cumcount() + 1
    s["rank"] = s.groupby(["cluster_code", "k1", "k2"])["rank"].transform("min")  # ties: min
    return s


def _with_results(ind: pd.DataFrame, t: dict[str, pd.DataFrame], year: int) -> set:
    """Clusters with a year-end result for `year`: a member's final score, or a member's
    year-end indicator (not one the monthly evaluation alone fills) judged against its target."""
    monthly = [c for c, d in load_catalog().indicators.items()
               if all("_months_" in m for m in d.numerator)]  # fmt: skip
    rows = ind[(ind["year"] == year) & ind["unit_code"].notna()]
    judged = rows[rows["status"].isin(["met", "below", "above"])]
    judged = judged[~judged["indicator"].isin(monthly)]
    sc = t["scores"]
    scored = sc[(sc["year"] == year) & sc["final_points"].notna()]
    scored = scored.merge(membership(t, [year]), on="unit_code")
    return set(judged["cluster_code"].dropna()) | set(scored["cluster_code"])


def _ranked(ind: pd.DataFrame, t: dict[str, pd.DataFrame], year: int) -> pd.DataFrame:
    """No ranking for a cluster-year without year-end results (a year in progress)."""
    s = _standing(ind, t, year)
    return s[s["cluster_code"].isin(_with_results(ind, t, year))]


def rankings(ind: pd.DataFrame, t: dict[str, pd.DataFrame], year: int) -> pd.DataFrame:
    now = _ranked(ind, t, year)
    prev = _ranked(ind, t, year - 1)[["cluster_code", "unit_code", "rank"]]
    # rank_prev only in the same cluster; none for a unit a change took effect on this year.
    out = now.merge(
        prev.rename(columns={"rank": "rank_prev"}), on=["cluster_code", "unit_code"], how="left"
    )
    ch = changes(t)
    changed = ch.loc[ch["effective_year"] == year, "to_unit_code"]
    out.loc[out["unit_code"].isin(changed), "rank_prev"] = np.nan
    out["rank_change"] = out["rank_prev"] - out["rank"]
    out["year"] = year
    return out


def with_history(ind: pd.DataFrame, c: pd.DataFrame, t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """`ind` with a unit's rows of a year before its change replaced by its sources pooled
    (Σ numerators ÷ Σ denominators of the sources with counts that year), in the cluster of the
    unit itself that year, else of its first source."""
    src = history_sources(t, c["year"].unique())
    have = c[["year", "unit_code"]].rename(columns={"unit_code": "source_code"})
    src = src.merge(have, on=["year", "source_code"])
    others = src.loc[src["source_code"] != src["unit_code"], ["unit_code", "year"]]
    src = src.merge(others.drop_duplicates(), on=["unit_code", "year"])
    if src.empty:
        return ind
    standing_in = src.rename(columns={"unit_code": "_for"})
    pc = c.merge(standing_in, left_on=["year", "unit_code"], right_on=["year", "source_code"])
    home = (
        pc.assign(_other=pc["source_code"] != pc["_for"])
        .sort_values(["year", "_other", "source_code"])
        .drop_duplicates(["_for", "year"])[["_for", "year", "cluster_code"]]
        .rename(columns={"_for": "unit_code"})
    )
    pooled = indicators(pc.assign(cluster_code=pc["_for"]))
    pooled = pooled[pooled["unit_code"].isna()].drop(columns="unit_code")
    pooled = pooled.rename(columns={"cluster_code": "unit_code"}).merge(
        home, on=["unit_code", "year"], how="left"
    )
    replaced = ind.set_index(["year", "unit_code"]).index.isin(
        pooled.set_index(["year", "unit_code"]).index
    )
    return pd.concat([ind[~replaced], pooled], ignore_index=True)


def trends(ind: pd.DataFrame) -> pd.DataFrame:
    # A unit's series is the unit's, whichever cluster it was in; a pooled row's is its cluster's.
    series = ind[["cluster_code", "unit_code", "indicator", "year", "value_pct"]]
    series = series.assign(_k=series["cluster_code"].where(series["unit_code"].isna()))
    before = series.drop(columns="cluster_code").rename(columns={"value_pct": "prev"})
    before = before.assign(year=before["year"] + 1)
    out = series.merge(before, on=["unit_code", "_k", "indicator", "year"], how="left")
    out["delta_pp"] = out["value_pct"] - out["prev"]
    return out.drop(columns=["prev", "_k"])


def pipeline(
    t: dict[str, pd.DataFrame], *, year: int, earlier: pd.DataFrame | None = None
) -> dict[str, pd.DataFrame]:
    """Everything the engine computes for `year`: counts of `year` plus `earlier` (the counts
    of the year before, computed once beforehand as for the engine), then the rest."""
    before = earlier if earlier is not None else counts(t, [year - 1])
    c = pd.concat([before, counts(t, [year])], ignore_index=True)
    ind = with_targets(indicators(c), t)
    return {
        "counts": c,
        "indicators": ind,
        "quotas": quotas(c, year),
        "rankings": rankings(ind, t, year),
        "trends": trends(with_history(ind, c, t)),
    }
