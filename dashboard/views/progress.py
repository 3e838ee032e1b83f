"""A year in progress: the months are being rated (bình xét hằng tháng) but the year-end results
(annual ratings, titles, awards) are not in yet. Its annual indicators have no value, which a
page must say in words rather than draw as empty bars; its early warnings are the point.

Read from the counts (`dashboard.counts`): a unit-year's annual measures are null, never 0, when
their source rows are missing, so "no annual measure known" is "no year-end result yet".
"""

from __future__ import annotations

import polars as pl

# The measure split lives with the counts, so the engine's ranking reads the same one.
from dashboard.counts import ANNUAL_MEASURES, MONTHLY_MEASURES  # noqa: F401  (re-exported)


def _has_results(frame: pl.DataFrame) -> pl.Expr:
    cols = [c for c in ANNUAL_MEASURES if c in frame.columns]
    if not cols:
        return pl.lit(False)
    return pl.any_horizontal(pl.col(c).is_not_null() for c in cols)


def result_years(counts: pl.DataFrame) -> list[int]:
    """Years in which some unit has a year-end result, ascending.

    >>> c = pl.DataFrame({"year": [2025, 2026], "persons_rated": [3, None],
    ...                   "person_months_rated": [30, 22]})
    >>> result_years(c)
    [2025]
    """
    if counts.height == 0:
        return []
    years = counts.filter(_has_results(counts))["year"].unique().sort()
    return [int(y) for y in years]


def in_progress_years(
    years: tuple[int, ...] | list[int], counts: pl.DataFrame | None
) -> frozenset[int]:
    """The `years` (of the year selector) without any year-end result yet."""
    done = set(result_years(counts)) if counts is not None else set()
    return frozenset(int(y) for y in years if int(y) not in done)


def default_year(years: tuple[int, ...] | list[int], in_progress: frozenset[int]) -> int | None:
    """The year a page opens on: the latest with year-end results (a year in progress is one
    click away), else the latest year there is.

    >>> default_year((2024, 2025, 2026), frozenset({2026}))
    2025
    >>> default_year((2026,), frozenset({2026}))
    2026
    """
    done = [y for y in years if y not in in_progress]
    if done:
        return max(done)
    return max(years) if years else None


def scope_in_progress(
    counts: pl.DataFrame, *, year: int, cluster: str | None, unit: str | None
) -> bool:
    """True when the scope (a unit, or every unit of a cluster) has rows for `year` and none of
    them holds a year-end result yet."""
    rows = counts.filter(pl.col("year") == year)
    if cluster is not None:
        rows = rows.filter(pl.col("cluster_code") == cluster)
    if unit:
        rows = rows.filter(pl.col("unit_code") == unit)
    return rows.height > 0 and rows.filter(_has_results(rows)).height == 0


def monthly_so_far(
    counts: pl.DataFrame, *, year: int, cluster: str | None, unit: str | None
) -> dict[str, int | float | None]:
    """The scope's monthly evaluation so far: staff, person_months_rated, person_months_htxsnv
    and share_pct (HTXSNV person-months over those rated, pooled; None without any)."""
    rows = counts.filter(pl.col("year") == year)
    if cluster is not None:
        rows = rows.filter(pl.col("cluster_code") == cluster)
    if unit:
        rows = rows.filter(pl.col("unit_code") == unit)

    def total(col: str) -> int | None:
        if col not in rows.columns or rows[col].drop_nulls().len() == 0:
            return None
        return int(rows[col].sum())

    rated, xs = total("person_months_rated"), total("person_months_htxsnv")
    share = 100.0 * xs / rated if rated and xs is not None else None
    return {
        "staff": total("staff"),
        "person_months_rated": rated,
        "person_months_htxsnv": xs,
        "share_pct": share,
    }


def cap_ratio_so_far(
    tallies: pl.DataFrame, *, cluster: str | None, unit: str | None
) -> list[dict[str, object]]:
    """Each rating cap's own ratio so far for the scope (`tallies`: views.warnings.cap_tallies),
    one dict per rule: rule, used, base, value (used over base in percent, pooled over the
    scope's units; None without a base), limit (the cap), allowed (one unit: floor(cap × base);
    a cluster: None, the cap holds unit by unit) and units_over (units past their allowance).

    >>> t = pl.DataFrame({"cluster_code": ["C", "C"], "unit_code": ["A", "B"],
    ...     "rule": ["R", "R"], "used": [4, 0], "base": [5, 2], "allowed": [1, 0],
    ...     "gap": [3, 0], "limit": [20.0, 20.0]})
    >>> cap_ratio_so_far(t, cluster="C", unit=None)[0]["value"]
    57.142857142857146
    >>> cap_ratio_so_far(t, cluster="C", unit="A")[0]["allowed"]
    1
    """
    rows = tallies if cluster is None else tallies.filter(pl.col("cluster_code") == cluster)
    if unit:
        rows = rows.filter(pl.col("unit_code") == unit)
    out: list[dict[str, object]] = []
    for rule in rows["rule"].unique(maintain_order=True).to_list():
        r = rows.filter(pl.col("rule") == rule)
        used, base = int(r["used"].sum()), int(r["base"].sum())
        out.append(
            {
                "rule": rule,
                "used": used,
                "base": base,
                "value": 100.0 * used / base if base else None,
                "limit": float(r["limit"][0]),
                "allowed": int(r["allowed"][0]) if unit and r.height == 1 else None,
                "units_over": int((r["gap"] > 0).sum()),
            }
        )
    return out
