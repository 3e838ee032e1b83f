"""The analytics tables of contract.md ("export TABLE"): one registry, one entry point.

`analytics_table(name, ds, year=…)` composes the engine (counts → indicators → targets →
rankings / trends; quotas; eligibility; budget) and returns exactly the contract's columns, in
order, with codes headers: codes as text, percentages rounded to two decimals, rows sorted by
cluster_code, unit_code (the cluster's pooled row, with no unit_code, first), then the table's
own order.

>>> TABLES
('indicators', 'quotas', 'eligibility', 'rankings', 'trends', 'budget')
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from dashboard import pipeline
from dashboard.formatting import round_expr
from dashboard.naming import with_names
from dashboard.organisation import affiliations
from dashboard.schemas import PCT_COLUMNS, SCHEMAS, columns
from data_access.catalog import load_catalog
from data_access.readers import Dataset

TABLES: tuple[str, ...] = ("indicators", "quotas", "eligibility", "rankings", "trends", "budget")

# The contract's columns and types (one declaration, shared with the engine and the benchmark).
COLUMNS: dict[str, tuple[str, ...]] = {name: columns(name) for name in SCHEMAS}


class UnknownTable(ValueError):
    """A table name that is not in TABLES; the message lists the valid names."""

    def __init__(self, name: str) -> None:
        import difflib

        close = difflib.get_close_matches(name, TABLES, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        super().__init__(f"Unknown table {name!r}; valid tables: {', '.join(TABLES)}.{hint}")
        self.name = name


class UnknownScope(ValueError):
    """A cluster or unit code the dataset does not hold (`kind` is "cluster" or "unit")."""

    def __init__(self, kind: str, code: str, known: list[str], cluster: str | None = None):
        where = f" in cluster {cluster!r}" if cluster else ""
        shown = ", ".join(known) if known else "(none)"
        super().__init__(f"Unknown {kind} {code!r}{where}; known: {shown}")
        self.kind, self.code, self.known, self.cluster = kind, code, known, cluster


def validate_scope(ds: Dataset, *, cluster: str | None = None, unit: str | None = None) -> None:
    """Raise UnknownScope when `cluster` or `unit` (within `cluster`, if both: a member of it
    now or in any year, organisation.affiliations) does not exist."""
    units = pl.concat(
        [ds.units.select(pl.col("unit_code", "cluster_code").cast(pl.String)), affiliations(ds)]
    ).unique()
    clusters = sorted(ds.clusters["cluster_code"].cast(pl.String).to_list())
    if cluster is not None and cluster not in clusters:
        raise UnknownScope("cluster", cluster, clusters)
    if unit is not None:
        pool = units if cluster is None else units.filter(pl.col("cluster_code") == cluster)
        known = sorted(pool["unit_code"].to_list())
        if unit not in known:
            raise UnknownScope("unit", unit, known, cluster)


# --- shaping ---------------------------------------------------------------------------------
def _catalogue_rank(col: str, codes: Iterable[str]) -> pl.Expr:
    """Position of a code in the catalogue (unknown codes last, in their current order)."""
    order = {code: i for i, code in enumerate(codes)}
    return pl.col(col).replace_strict(order, default=len(order), return_dtype=pl.Int64)


def _own_order(name: str) -> list[pl.Expr]:
    """The table's own order after cluster_code and unit_code (stable sort keeps the engine's
    order beyond these: people the Vietnamese way in eligibility)."""
    cat = load_catalog()
    if name in ("indicators", "trends"):
        keys = [_catalogue_rank("indicator", cat.indicators)]
        return [*keys, pl.col("year")] if name == "trends" else keys
    if name == "quotas":
        return [_catalogue_rank("rule", (r.code for r in cat.rules))]
    if name == "budget":
        return [_catalogue_rank("award_code", cat.awards)]
    return []


def shape(
    frame: pl.DataFrame, name: str, *, cluster: str | None = None, unit: str | None = None
) -> pl.DataFrame:
    """Contract columns in order and types, percentages at two decimals, filtered, sorted."""
    schema = SCHEMAS[name]
    missing = [c for c in schema if c not in frame.columns]
    if missing:
        raise RuntimeError(f"the {name} engine returned no column(s) {', '.join(missing)}")
    out = frame.select(
        round_expr(pl.col(c), 2).alias(c) if c in PCT_COLUMNS else pl.col(c).cast(t)
        for c, t in schema.items()
    )
    if cluster is not None:
        out = out.filter(pl.col("cluster_code") == cluster)
    if unit is not None:
        out = out.filter(pl.col("unit_code") == unit)
    keys = [pl.col("cluster_code"), pl.col("unit_code"), *_own_order(name)]
    return out.sort(keys, nulls_last=False, maintain_order=True)


def analytics_table(
    name: str,
    ds: Dataset,
    *,
    year: int,
    cluster: str | None = None,
    unit: str | None = None,
    lang: str | None = None,
    counts_frame: pl.DataFrame | None = None,
    budget_frame: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """One contract table for `year` (trends: every year up to `year`), optionally for one
    cluster and/or one unit. Unknown `name` → UnknownTable listing the valid names. With the
    stored aggregates (`counts_frame`, `budget_frame`) `ds` needs only the small tables.

    With `lang` ("vi" | "en") the table is the people's file: the names beside the codes
    (`dashboard.naming`) and the eligibility reasons in that language; the contract's columns
    keep their names and order. Without it, exactly the contract's columns."""
    if name not in TABLES:
        raise UnknownTable(name)
    raw = pipeline.table(name, ds, year, counts_frame=counts_frame, budget_frame=budget_frame)
    if lang == "en" and "reason_en" in raw.columns:
        raw = raw.with_columns(pl.col("reason_en").alias("reason"))
    out = shape(raw, name, cluster=cluster, unit=unit)
    if lang is None:
        return out
    return with_names(out, units=ds.units, clusters=ds.clusters, lang=lang)
