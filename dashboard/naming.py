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
    already name. A code without a name gets an empty name (never a wrong one)."""
    out_cols: list[pl.Expr] = []
    for col in frame.columns:
        out_cols.append(pl.col(col))
        if col not in NAMED or NAMED[col][0] in frame.columns:
            continue
        name_col, kind = NAMED[col]
        if kind is None and (units if col == "unit_code" else clusters) is None:
            continue
        mapping = _names(kind, col, units, clusters, lang)
        out_cols.append(
            pl.col(col)
            .cast(pl.String)
            .replace_strict(mapping, default=None, return_dtype=pl.String)
            .alias(name_col)
        )
    return frame.select(out_cols)


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
