"""Early warning from the monthly ratings, before the year-end review:

- **months behind**: a unit whose monthly evaluation (bình xét hằng tháng) lacks months the rest
  of its cluster has already rated — months 1 … the cluster's latest rated month without a
  single person rating of the unit. Only units with at least one monthly rating that year are
  compared: the data has no "evaluates monthly" flag, and most units (every one in some
  clusters) rate once a year, so a unit without any monthly rating is not "12 months behind";
- **cap at risk**: a unit whose person-month ratings so far would break a legal cap on ratings
  (HTXSNV_CAP in rules.toml: HTXSNV ≤ cap_pct of the base rating) if the year ended today.

Pure: Dataset frames in, one tidy frame out (`warnings`), and a one-line summary for a banner or
a projector slide (`summary_text`). The cap's percentage, base, years and profiles are read from
the rule book; nothing here hard-codes them.
"""

from __future__ import annotations

import polars as pl

from dashboard import organisation as org
from dashboard.i18n import t
from dashboard.l10n import locale
from data_access.catalog import Catalog, Rule, load_catalog
from data_access.readers import Dataset

# The ratings behind each rating tally a cap rule may name (dashboard.counts.RATING_TALLIES),
# read here from the monthly ratings instead of the annual ones.
RATINGS_OF: dict[str, tuple[str, ...]] = {
    "persons_htxsnv": ("HTXSNV",),
    "persons_httnv": ("HTTNV",),
    "persons_httnv_plus": ("HTXSNV", "HTTNV"),
    "persons_khtnv": ("KHTNV",),
}
KINDS: tuple[str, ...] = ("months_behind", "cap_at_risk")
SCHEMA: dict[str, pl.DataType] = {
    "year": pl.Int64,
    "cluster_code": pl.String,
    "unit_code": pl.String,
    "kind": pl.String,  # months_behind | cap_at_risk
    "rule": pl.String,  # the cap rule (cap_at_risk), else null
    "value": pl.Float64,  # months rated so far | share so far in percent
    "limit": pl.Float64,  # the cluster's latest rated month | the cap in percent
    "used": pl.Int64,  # months rated | counted person-month ratings
    "base": pl.Int64,  # months expected (the cluster's latest month) | base person-months
    "allowed": pl.Int64,  # null | floor(cap × base)
    "gap": pl.Int64,  # months missing | person-month ratings over what the cap allows
}
_BASIS_POINTS = 10_000


def _monthly(ds: Dataset, year: int) -> pl.DataFrame:
    """Person-month ratings of the emulation year with the person's unit that year: unit_code,
    month (its place in the emulation year, 1–12: a school year's September is 1), rating (a
    person not on the roster that year has no unit and drops out). `ds` holds the calendar year
    before too when a unit's year starts after January."""
    roster = ds.roster.filter(pl.col("year") == year).select(
        pl.col("person_code").cast(pl.String).alias("subject_code"),
        pl.col("unit_code").cast(pl.String),
    )
    rated = ds.ratings.lazy().filter(
        pl.col("year").is_in([year - 1, year]),
        pl.col("month").is_not_null(),
        pl.col("subject_kind").cast(pl.String) == "person",
    )
    return (
        org.rating_years(rated, org.shifted_subjects(ds))
        .filter(pl.col("year") == year)
        .select(
            pl.col("subject_code").cast(pl.String),
            pl.col("em_month").cast(pl.Int64).alias("month"),
            pl.col("rating").cast(pl.String),
        )
        .collect()
        .join(roster, on="subject_code")
        .select("unit_code", "month", "rating")
    )


def month_of_year(em_month: int, *, year: int, start_month: int | None, lang: str) -> str:
    """Where the year in progress stands, in words: "tháng 3/12 của năm học 2026–2027" for a
    school year (start month after January), "tháng 3/12 của năm 2026" otherwise."""
    school = start_month is not None and start_month > 1
    key = "warning.month_of.school" if school else "warning.month_of.year"
    return t(key, lang, n=em_month, label=org.year_label(year, start_month))


def _units(ds: Dataset, year: int) -> pl.DataFrame:
    """unit_code, cluster_code (its cluster of `year`), profile."""
    member = org.membership(ds, [year]).select("unit_code", "cluster_code")
    return ds.units.select(
        pl.col("unit_code").cast(pl.String),
        pl.col("profile").cast(pl.String),
    ).join(member, on="unit_code")


def months_behind(ds: Dataset, *, year: int) -> pl.DataFrame:
    """Units missing months their cluster has rated: `value` months rated, `limit` the cluster's
    latest rated month, `gap` the months 1 … limit without a rating. A unit (or a cluster) with
    no monthly rating that year gives no row (see the module note)."""
    monthly = _monthly(ds, year).select("unit_code", "month").unique()
    units = _units(ds, year)
    rated = monthly.join(units, on="unit_code")
    latest = rated.group_by("cluster_code").agg(limit=pl.col("month").max())
    done = rated.group_by("unit_code").agg(used=pl.len().cast(pl.Int64), last=pl.col("month").max())
    per_unit = units.join(latest, on="cluster_code").join(done, on="unit_code")
    # months rated that are ≤ limit is every month rated (limit is the cluster maximum)
    return (
        per_unit.with_columns(gap=(pl.col("limit").cast(pl.Int64) - pl.col("used")))
        .filter(pl.col("gap") > 0)
        .select(
            year=pl.lit(year, pl.Int64),
            cluster_code="cluster_code",
            unit_code="unit_code",
            kind=pl.lit("months_behind"),
            rule=pl.lit(None, pl.String),
            value=pl.col("used").cast(pl.Float64),
            limit=pl.col("limit").cast(pl.Float64),
            used=pl.col("used").cast(pl.Int64),
            base=pl.col("limit").cast(pl.Int64),
            allowed=pl.lit(None, pl.Int64),
            gap=pl.col("gap").cast(pl.Int64),
        )
    )


def rating_caps(cat: Catalog) -> list[Rule]:
    """Cap rules on ratings: both their counted and base measures are rating tallies."""
    return [
        r
        for r in cat.rules
        if r.kind == "cap"
        and r.params.get("counted") in RATINGS_OF
        and r.params.get("base") in RATINGS_OF
    ]


def cap_tallies(ds: Dataset, *, year: int, catalog: Catalog | None = None) -> pl.DataFrame:
    """Every unit's person-month ratings so far against each rating cap in force that year for
    its profile, over the cap or not: cluster_code, unit_code, rule, `used` the counted ratings,
    `base` the base ratings, `allowed` = floor(cap × base), `gap` = used − allowed, `value` the
    cap's own ratio so far (used / base, percent; null without a base), `limit` the cap."""
    cat = catalog or load_catalog()
    monthly = _monthly(ds, year).join(_units(ds, year), on="unit_code")
    parts = []
    for rule in rating_caps(cat):
        counted = RATINGS_OF[rule.params["counted"]]
        base = RATINGS_OF[rule.params["base"]]
        profiles = [p for p in rule.profiles if rule.applies(year, p)]
        if not profiles:
            continue
        bp = round(float(rule.params["cap_pct"]) * 100)  # floor() stays exact in basis points
        tally = (
            monthly.filter(pl.col("profile").is_in(profiles))
            .group_by("cluster_code", "unit_code")
            .agg(
                used=pl.col("rating").is_in(counted).sum().cast(pl.Int64),
                base=pl.col("rating").is_in(base).sum().cast(pl.Int64),
            )
            .with_columns(allowed=pl.col("base") * bp // _BASIS_POINTS)
            .with_columns(gap=pl.col("used") - pl.col("allowed"))
        )
        parts.append(
            tally.select(
                cluster_code="cluster_code",
                unit_code="unit_code",
                rule=pl.lit(rule.code),
                value=pl.when(pl.col("base") > 0).then(pl.col("used") * 100.0 / pl.col("base")),
                limit=pl.lit(float(rule.params["cap_pct"])),
                used="used",
                base="base",
                allowed="allowed",
                gap="gap",
            )
        )
    if not parts:
        return pl.DataFrame(
            schema={k: v for k, v in SCHEMA.items() if k not in ("year", "kind")}
        ).cast({"rule": pl.String})
    return pl.concat(parts, how="vertical_relaxed").sort("unit_code", "rule")


def caps_at_risk(ds: Dataset, *, year: int, catalog: Catalog | None = None) -> pl.DataFrame:
    """Units whose person-month ratings so far break a rating cap in force that year for their
    profile (`cap_tallies` with `gap` > 0), as warning rows (`SCHEMA`)."""
    over = cap_tallies(ds, year=year, catalog=catalog).filter(pl.col("gap") > 0)
    return over.select(
        year=pl.lit(year, pl.Int64),
        cluster_code="cluster_code",
        unit_code="unit_code",
        kind=pl.lit("cap_at_risk"),
        rule="rule",
        value="value",
        limit="limit",
        used="used",
        base="base",
        allowed="allowed",
        gap="gap",
    )


def warnings(ds: Dataset, *, year: int, catalog: Catalog | None = None) -> pl.DataFrame:
    """Every early warning of the year (`SCHEMA`), by kind, cluster, then the largest gap."""
    frames = [months_behind(ds, year=year), caps_at_risk(ds, year=year, catalog=catalog)]
    out = pl.concat([f.cast(SCHEMA) for f in frames], how="vertical")  # type: ignore[arg-type]
    kind_order = pl.col("kind").replace_strict({k: i for i, k in enumerate(KINDS)})
    return out.sort(
        kind_order,
        "cluster_code",
        pl.col("gap"),
        "unit_code",
        descending=[False, False, True, False],
    )


def in_scope(frame: pl.DataFrame, *, cluster: str | None, unit: str | None) -> pl.DataFrame:
    out = frame if cluster is None else frame.filter(pl.col("cluster_code") == cluster)
    return out if not unit else out.filter(pl.col("unit_code") == unit)


def warning_table(frame: pl.DataFrame, names: pl.DataFrame, *, lang: str) -> pl.DataFrame:
    """The warnings as shown: unit (short name), the warning in words, its detail."""
    loc = locale(lang)
    behind = pl.col("kind") == "months_behind"
    return frame.join(names.select("unit_code", "short_name"), on="unit_code", how="left").select(
        warning_unit=pl.coalesce("short_name", "unit_code"),
        warning_what=pl.when(behind)
        .then(loc.t_expr("warning.behind", n=loc.integer_expr(pl.col("gap"))))
        .otherwise(loc.t_expr("warning.cap", n=loc.integer_expr(pl.col("gap")))),
        warning_detail=pl.when(behind)
        .then(
            loc.t_expr(
                "warning.behind.detail",
                used=loc.integer_expr(pl.col("used")),
                latest=loc.integer_expr(pl.col("base")),
            )
        )
        .otherwise(
            loc.t_expr(
                "warning.cap.detail",
                used=loc.integer_expr(pl.col("used")),
                base=loc.integer_expr(pl.col("base")),
                share=loc.pct_expr(pl.col("value")),
                cap=loc.pct_expr(pl.col("limit")),
                allowed=loc.integer_expr(pl.col("allowed")),
            )
        ),
    )


def summary_text(frame: pl.DataFrame, *, lang: str) -> str:
    """One line for a banner or a slide: "2 đơn vị chậm bình xét tháng · 1 đơn vị có nguy cơ
    vượt trần HTXSNV", or the all-clear."""
    behind = frame.filter(pl.col("kind") == "months_behind")["unit_code"].n_unique()
    risk = frame.filter(pl.col("kind") == "cap_at_risk")["unit_code"].n_unique()
    loc = locale(lang)
    parts = []
    if behind:
        parts.append(t("warning.summary.behind", lang, n=loc.integer(behind)))
    if risk:
        parts.append(t("warning.summary.cap", lang, n=loc.integer(risk)))
    return " · ".join(parts) if parts else t("warning.summary.none", lang)
