"""Names beside codes (contract.md, "Analytics tables"): `cluster_name` after cluster_code,
`unit_name` after unit_code, `indicator_name`, `rule_name` and `award_name` after those codes,
in the export's language, so a person never has to look a code up. Columns are only added:
the contract's own columns keep their names and their order.

>>> import polars as pl
>>> f = pl.DataFrame({"award_code": ["LDTT"], "count": [3]})
>>> with_names(f, units=None, lang="en").columns
['award_code', 'award_name', 'count']
"""

from __future__ import annotations

import polars as pl

from dashboard import vocabulary
from dashboard.i18n import label, labels, t
from data_access.readers import Dataset

# code column -> (name column, label kind of dashboard.i18n; None = from the dataset)
NAMED: dict[str, tuple[str, str | None]] = {
    "cluster_code": ("cluster_name", None),
    "unit_code": ("unit_name", None),
    "indicator": ("indicator_name", "indicator"),
    "rule": ("rule_name", "rule"),
    "award_code": ("award_name", "award"),
}


def _names(kind: str | None, col: str, units, clusters, lang: str) -> dict[str, str]:
    if kind is not None:
        return labels(kind, lang)
    frame = units if col == "unit_code" else clusters
    if frame is None:
        return {}
    name = "unit_name" if col == "unit_code" else "cluster_name"
    pairs = frame.select(pl.col(col).cast(pl.String), pl.col(name).cast(pl.String))
    return dict(zip(pairs[col].to_list(), pairs[name].to_list(), strict=True))


def with_names(
    frame: pl.DataFrame,
    *,
    units: pl.DataFrame | None,
    clusters: pl.DataFrame | None = None,
    lang: str = "vi",
) -> pl.DataFrame:
    """`frame` with a name column right after each code column it has (NAMED) and does not
    already name. A code without a name gets an empty name (never a wrong one). Awards,
    indicators and rules are named in the words of the row's unit profile (a military unit's
    TTLDXS is "Đơn vị quyết thắng"; a cluster's pooled row, its units' shared profile)."""
    columns = frame.columns
    profile = _row_profiles(frame, units)
    if profile is not None:
        frame = frame.with_columns(profile)
    out_cols: list[pl.Expr] = []
    for col in columns:
        out_cols.append(pl.col(col))
        if col not in NAMED or NAMED[col][0] in frame.columns:
            continue
        name_col, kind = NAMED[col]
        if kind is None and (units if col == "unit_code" else clusters) is None:
            continue
        mapping = _names(kind, col, units, clusters, lang)
        named = (
            pl.col(col)
            .cast(pl.String)
            .replace_strict(mapping, default=None, return_dtype=pl.String)
        )
        if kind is not None and profile is not None:
            own = vocabulary.row_label_expr(pl.col(col), pl.col("_profile"), kind, lang)
            named = pl.when(named.is_not_null()).then(own)
        out_cols.append(named.alias(name_col))
    return frame.select(out_cols)


def _row_profiles(frame: pl.DataFrame, units: pl.DataFrame | None) -> pl.Series | None:
    """Each row's unit profile (its unit's, else its cluster's shared one), or None when
    nothing in `units` says a profile other than civil."""
    if units is None or "profile" not in units.columns:
        return None
    prof = vocabulary.unit_profiles(units)
    if prof["profile"].eq(vocabulary.CIVIL).all():
        return None
    keys = frame.select(
        *(pl.col(c).cast(pl.String) for c in ("unit_code", "cluster_code") if c in frame.columns)
    )
    if keys.width == 0:
        return None
    out = pl.Series("_profile", [None] * frame.height, dtype=pl.String)
    if "unit_code" in keys.columns:
        by_unit = dict(zip(prof["unit_code"], prof["profile"], strict=True))
        out = keys["unit_code"].replace_strict(by_unit, default=None, return_dtype=pl.String)
    if "cluster_code" in keys.columns:
        by_cluster = dict(prof.select("cluster_code", "cluster_profile").unique().iter_rows())
        shared = keys["cluster_code"].replace_strict(
            by_cluster, default=None, return_dtype=pl.String
        )
        out = out.fill_null(shared)
    return out.alias("_profile")


def scope_name(ds: Dataset, *, cluster: str | None, unit: str | None, lang: str) -> str:
    """ "Cụm …", "Đơn vị …" or "Toàn bộ": the scope of a file, by name, for its title."""
    if unit:
        names = ds.units.filter(pl.col("unit_code").cast(pl.String) == unit)["unit_name"]
        return t("files.unit_scope", lang, name=names[0] if len(names) else unit)
    if cluster:
        names = ds.clusters.filter(pl.col("cluster_code").cast(pl.String) == cluster)
        name = names["cluster_name"][0] if names.height else cluster
        if name.split(" ", 1)[0].lower() in ("cụm", "khối", "cluster", "block"):
            return name  # the name already says what it is
        return t("files.cluster_scope", lang, name=name)
    return t("files.all_units", lang)


def file_title(
    table: str, ds: Dataset, *, year: int, cluster: str | None, unit: str | None, lang: str
) -> str:
    """The printed title of a table: table, scope and year."""
    scope = scope_name(ds, cluster=cluster, unit=unit, lang=lang)
    return t("files.title", lang, table=label("table", table, lang), scope=scope, year=year)
