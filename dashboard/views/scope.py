"""The scope a page looks at: one unit, or a cluster's pooled row (unit_code null)."""

from __future__ import annotations

import polars as pl


def scope_rows(frame: pl.DataFrame, *, cluster: str | None, unit: str | None) -> pl.DataFrame:
    """Rows of `frame` (indicators-shaped) for the unit, or the cluster's pooled rows.

    >>> f = pl.DataFrame({"cluster_code": ["C", "C"], "unit_code": [None, "U1"], "v": [1, 2]})
    >>> scope_rows(f, cluster="C", unit=None)["v"].to_list()
    [1]
    """
    cond = pl.col("cluster_code") == cluster
    cond = cond & (pl.col("unit_code") == unit if unit else pl.col("unit_code").is_null())
    return frame.filter(cond)
