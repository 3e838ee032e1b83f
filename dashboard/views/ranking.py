"""The ranking page: unit names on the ranking, the score table by criterion (the total first,
each criterion's maximum in its header) with the cluster's leader and deputies, and the rank
history across years."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import polars as pl

from dashboard import organisation as org
from dashboard.collation import vn_key
from dashboard.i18n import label_expr, t
from dashboard.l10n import locale
from dashboard.names import short_names
from data_access.readers import Dataset


def _names(ds: Dataset) -> pl.DataFrame:
    """unit_code, unit_name and short_name (`dashboard.names`) of every unit."""
    units = ds.units.with_columns(
        pl.col("unit_code").cast(pl.String), pl.col("cluster_code").cast(pl.String)
    )
    short = short_names(units).select("unit_code", "short_name")
    return units.select("unit_code", "unit_name").join(short, on="unit_code", how="left")


def named_ranking(ranking: pl.DataFrame, ds: Dataset, *, cluster: str) -> pl.DataFrame:
    """The cluster's rows of a `rankings` frame with unit_name and short_name, by rank then
    unit code."""
    return (
        ranking.filter(pl.col("cluster_code") == cluster)
        .join(_names(ds), on="unit_code", how="left")
        .sort("rank", vn_key(pl.col("unit_name")), "unit_code", nulls_last=True)
    )


def _cluster_scores(ds: Dataset, *, year: int, cluster: str) -> pl.DataFrame:
    """unit_code, unit_name, criterion, max_points and points (final, else self) of the
    cluster's members of `year`."""
    members = org.members(ds, year, cluster)
    units = ds.units.select(pl.col("unit_code").cast(pl.String), "unit_name").filter(
        pl.col("unit_code").is_in(members)
    )
    return (
        ds.scores.filter(pl.col("year") == year)
        .select(
            pl.col("unit_code").cast(pl.String),
            "criterion",
            "max_points",
            points=pl.coalesce("final_points", "self_points"),
        )
        .join(units, on="unit_code")
    )


def score_table(ds: Dataset, *, year: int, cluster: str, lang: str) -> pl.DataFrame:
    """One row per unit of the cluster, the answer first: unit_code, unit_name, the total
    (final_points), role (leader/deputy by name), then one column per criterion with the final
    points (self points where no final score). Criteria keep the order in which they were
    entered; rows go by total, highest first. No scores → no rows."""
    scores = _cluster_scores(ds, year=year, cluster=cluster)
    if scores.height == 0:
        return pl.DataFrame(schema={"unit_code": pl.String, "unit_name": pl.String})
    units = scores.select("unit_code", "unit_name").unique("unit_code", maintain_order=True)
    criteria = scores["criterion"].unique(maintain_order=True).to_list()
    roles = ds.cluster_roles.filter(
        pl.col("year") == year, pl.col("cluster_code") == cluster
    ).select(pl.col("unit_code").cast(pl.String), role=label_expr(pl.col("role"), "role", lang))
    wide = scores.pivot(on="criterion", index="unit_code", values="points")
    total = scores.group_by("unit_code").agg(final_points=pl.col("points").sum())
    return (
        units.join(roles, on="unit_code", how="left")
        .join(wide, on="unit_code", how="inner")
        .join(total, on="unit_code", how="left")
        .sort(
            "final_points",
            vn_key(pl.col("unit_name")),
            "unit_code",
            descending=[True, False, False],
            nulls_last=True,
        )
        .select("unit_code", "unit_name", "final_points", "role", *criteria)
    )


def score_maxima(ds: Dataset, *, year: int, cluster: str) -> dict[str, float]:
    """Each criterion's maximum points in the cluster's score table, in the table's order (the
    largest where units were marked out of different maxima)."""
    scores = _cluster_scores(ds, year=year, cluster=cluster)
    top = scores.group_by("criterion", maintain_order=True).agg(pl.col("max_points").max())
    return dict(top.iter_rows())


# A criterion name longer than this makes its column wider than its figures need, so the table's
# criteria are numbered instead (the names go in the header tooltips and the key below).
SHORT_CRITERION = 20


def criterion_labels(criteria: Sequence[str], lang: str) -> dict[str, str]:
    """Each criterion's label in a header: its own name when every criterion of the table has a
    short name, else its number in the table's order ("TC1", "TC2", …), so all the criteria fit
    on one screen beside the unit and its total."""
    if all(len(c) <= SHORT_CRITERION for c in criteria):
        return {c: c for c in criteria}
    return {c: t("ranking.criterion_no", lang, n=i) for i, c in enumerate(criteria, start=1)}


def _points(v: float, lang: str) -> str:
    return locale(lang).num(v, 0 if float(v).is_integer() else 1)


def score_headers(maxima: Mapping[str, float], lang: str) -> dict[str, str]:
    """The score table's headers with each maximum: the total "Tổng điểm (tối đa 100)" over the
    sum of the criteria's maxima, and each criterion "<label> (tối đa 30)" (`criterion_labels`:
    its name, or "TC1" where the names are long)."""
    total = _points(sum(maxima.values()), lang)
    heads = {"final_points": t("ranking.total_max", lang, max=total)}
    labels = criterion_labels(list(maxima), lang)
    for criterion, top in maxima.items():
        heads[criterion] = t(
            "ranking.criterion_max", lang, criterion=labels[criterion], max=_points(top, lang)
        )
    return heads


def score_helps(maxima: Mapping[str, float], lang: str) -> dict[str, str]:
    """Header tooltips of the score table: each criterion's full name with its maximum, and the
    unit column saying the full names are in the download."""
    helps = {"unit_name": t("ranking.short_name_help", lang)}
    for criterion, top in maxima.items():
        helps[criterion] = t(
            "ranking.criterion_max", lang, criterion=criterion, max=_points(top, lang)
        )
    return helps


def criteria_key(maxima: Mapping[str, float], lang: str) -> str:
    """ "TC1: <full name> · TC2: …" under the table when the criteria are numbered, else ""."""
    labels = criterion_labels(list(maxima), lang)
    if all(k == v for k, v in labels.items()):
        return ""
    return " · ".join(f"{labels[c]}: {c}" for c in maxima)


def with_short_names(frame: pl.DataFrame, ds: Dataset) -> pl.DataFrame:
    """`frame` (with unit_code) for a table on screen: unit_name holds the unit's short name
    (`dashboard.names`; the full name where there is none). Downloads keep the full name."""
    if "short_name" not in frame.columns:
        names = _names(ds).select("unit_code", "short_name")
        frame = frame.join(names, on="unit_code", how="left", maintain_order="left")
        return frame.with_columns(unit_name=pl.coalesce("short_name", "unit_name")).drop(
            "short_name"
        )
    return frame.with_columns(unit_name=pl.coalesce("short_name", "unit_name"))


def rank_history(
    rankings_by_year: pl.DataFrame, ds: Dataset, *, cluster: str, up_to: int | None = None
) -> pl.DataFrame:
    """year, unit_code, unit_name, short_name, rank for the bump chart, up to the year `up_to`
    (years without a rank are left out)."""
    rows = rankings_by_year.filter(pl.col("cluster_code") == cluster, pl.col("rank").is_not_null())
    if up_to is not None:
        rows = rows.filter(pl.col("year") <= up_to)
    return (
        rows.join(_names(ds), on="unit_code", how="left")
        .select("year", "unit_code", "unit_name", "short_name", "rank")
        .sort("year", "rank")
    )
