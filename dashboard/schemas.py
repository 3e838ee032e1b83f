"""The one declaration of each output table's columns (contract.md, "Analytics tables").

`SCHEMAS` holds the contract's columns, in order, with their types in an export; `EXTRAS` the
columns the engine carries beyond them for the pages (dropped by `dashboard.tables.shape`). The
engine modules, the export tables and the benchmark's SQL reference all take their column lists
from here.

>>> columns("budget")
('year', 'cluster_code', 'unit_code', 'award_code', 'count', 'multiple', 'amount_vnd')
>>> columns("indicators", upto="denominator")[-2:]
('numerator', 'denominator')
>>> engine_columns("rankings")[-3:]
('role', 'mean_attainment', 'rank_change_note')
"""

from __future__ import annotations

import polars as pl

TXT, INT, NUM, BOOL = pl.String, pl.Int64, pl.Float64, pl.Boolean

SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "indicators": {
        "year": INT, "cluster_code": TXT, "unit_code": TXT, "indicator": TXT,
        "numerator": INT, "denominator": INT, "value_pct": NUM, "target_min": NUM,
        "target_max": NUM, "status": TXT,
    },
    "quotas": {
        "year": INT, "cluster_code": TXT, "unit_code": TXT, "rule": TXT, "base_count": INT,
        "cap_pct": NUM, "allowed": INT, "used": INT, "remaining": INT, "status": TXT,
    },
    "eligibility": {
        "year": INT, "cluster_code": TXT, "unit_code": TXT, "subject_kind": TXT,
        "subject_code": TXT, "subject_name": TXT, "award_code": TXT, "eligible": BOOL,
        "awarded": BOOL, "reason": TXT,
    },
    "rankings": {
        "year": INT, "cluster_code": TXT, "unit_code": TXT, "rank": INT, "basis": TXT,
        "final_points": NUM, "targets_met": INT, "targets_total": INT, "rank_prev": INT,
        "rank_change": INT,
    },
    "trends": {
        "cluster_code": TXT, "unit_code": TXT, "indicator": TXT, "year": INT,
        "value_pct": NUM, "delta_pp": NUM, "pooled_from": TXT,
    },
    "budget": {
        "year": INT, "cluster_code": TXT, "unit_code": TXT, "award_code": TXT, "count": INT,
        "multiple": NUM, "amount_vnd": INT,
    },
}  # fmt: skip

# Beyond the contract, after its columns: what the pages show besides (English reasons, rule
# texts and sources, the unit's role, the attainment the ranking falls back on).
EXTRAS: dict[str, dict[str, pl.DataType]] = {
    "indicators": {"attainment": NUM},
    "quotas": {"rule_text_vi": TXT, "rule_text_en": TXT, "source": TXT},
    "eligibility": {"reason_en": TXT, "rule": TXT},
    "rankings": {"role": TXT, "mean_attainment": NUM, "rank_change_note": TXT},
    "trends": {},
    "budget": {},
}

# Percentages on the 0–100 scale: two decimals in every export (contract.md).
PCT_COLUMNS = frozenset({"value_pct", "target_min", "target_max", "cap_pct", "delta_pp"})


def columns(name: str, *, upto: str | None = None, after: str | None = None) -> tuple[str, ...]:
    """The contract columns of table `name`, in order; only those up to and including `upto`,
    or only those after `after`, when given."""
    cols = tuple(SCHEMAS[name])
    if upto is not None:
        cols = cols[: cols.index(upto) + 1]
    if after is not None:
        cols = cols[cols.index(after) + 1 :]
    return cols


def schema(name: str, *, upto: str | None = None) -> dict[str, pl.DataType]:
    """The contract columns of `name` (up to `upto`) with their export types."""
    return {c: SCHEMAS[name][c] for c in columns(name, upto=upto)}


def engine_columns(name: str) -> tuple[str, ...]:
    """What the engine returns for table `name`: the contract's columns, then its extras."""
    return (*SCHEMAS[name], *EXTRAS[name])


def engine_schema(name: str, **types: pl.DataType) -> dict[str, pl.DataType]:
    """`engine_columns(name)` with their types; `types` overrides some (e.g. year=pl.Int16, as
    the engine holds years)."""
    return {**SCHEMAS[name], **EXTRAS[name], **types}
