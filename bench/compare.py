"""Do two computations agree? Indicator values per unit and cluster (and, for the pandas
reference, targets, quotas, rankings and trends), within an absolute 1e-9.

Each check returns a list of mismatches in words (empty = equal), never raises: the benchmark
prints them and its last line says whether the references passed.
"""

from __future__ import annotations

import polars as pl

from dashboard.schemas import columns

TOL = 1e-9
IND_KEY = list(columns("indicators", upto="indicator"))
SHOWN = 5  # mismatching rows quoted in a message


def _norm(
    frame: pl.DataFrame | object, key: list[str], cols: dict[str, pl.DataType]
) -> pl.DataFrame:
    """A frame (Polars, or pandas converted) with text keys, Int64 year and typed columns."""
    f = frame if isinstance(frame, pl.DataFrame) else pl.from_pandas(frame)  # type: ignore[arg-type]
    types = {"year": pl.Int64} | {k: pl.String for k in key if k != "year"} | cols
    return f.select(pl.col(c).cast(t, strict=False) for c, t in types.items())


def _equal(a: str, b: str, dtype: pl.DataType) -> pl.Expr:
    x, y = pl.col(a), pl.col(b)
    if dtype == pl.Float64:
        close = (x - y).abs() <= TOL
        return (x.is_null() & y.is_null()) | (x.is_not_null() & y.is_not_null() & close)
    return x.eq_missing(y)


def compare(
    name: str,
    engine: pl.DataFrame,
    other: pl.DataFrame | object,
    *,
    key: list[str],
    cols: dict[str, pl.DataType],
) -> list[str]:
    """Rows missing on either side and values that differ, for the `cols` of one table."""
    a = _norm(engine, key, cols)
    b = _norm(other, key, cols)
    out: list[str] = []
    for side, f in (("engine", a), ("reference", b)):
        dup = f.filter(f.select(key).is_duplicated())
        if dup.height:
            out.append(f"{name}: {dup.height} duplicate key rows in the {side}")
    j = a.with_columns(_in_a=pl.lit(True)).join(
        b.with_columns(_in_b=pl.lit(True)), on=key, how="full", nulls_equal=True,
        suffix="_ref", coalesce=True,
    )  # fmt: skip
    only_a = j.filter(pl.col("_in_b").is_null())
    only_b = j.filter(pl.col("_in_a").is_null())
    for side, f in (("the engine only", only_a), ("the reference only", only_b)):
        if f.height:
            rows = "; ".join(str(r) for r in f.select(key).head(SHOWN).rows())
            out.append(f"{name}: {f.height} rows in {side}, e.g. {rows}")
    j = j.filter(pl.col("_in_a") & pl.col("_in_b"))
    ok = pl.all_horizontal(_equal(c, f"{c}_ref", t) for c, t in cols.items())
    bad = j.filter(~ok)
    if bad.height:
        rows = "; ".join(str(r) for r in bad.head(SHOWN).rows())
        out.append(f"{name}: {bad.height} rows differ, e.g. {rows}")
    return out


def indicators(engine: pl.DataFrame, other: pl.DataFrame | object) -> list[str]:
    """numerator, denominator and value_pct of every unit-year and pooled cluster-year."""
    cols = {"numerator": pl.Int64, "denominator": pl.Int64, "value_pct": pl.Float64}
    return compare("indicators", engine, other, key=IND_KEY, cols=cols)


def pandas_pipeline(engine: object, ref: dict[str, object]) -> list[str]:
    """Every table of the pandas reference against the engine's (dashboard.pipeline.run)."""
    e = engine
    out = indicators(e.indicators, ref["indicators"])  # type: ignore[attr-defined]
    out += compare(
        "targets",
        e.indicators,  # type: ignore[attr-defined]
        ref["indicators"],
        key=IND_KEY,
        cols={"target_min": pl.Float64, "target_max": pl.Float64, "status": pl.String,
              "attainment": pl.Float64},
    )  # fmt: skip
    out += compare(
        "quotas",
        e.quotas,  # type: ignore[attr-defined]
        ref["quotas"],
        key=["year", "cluster_code", "unit_code", "rule"],
        cols={"allowed": pl.Int64, "used": pl.Int64, "remaining": pl.Int64},
    )
    out += compare(
        "rankings",
        e.rankings,  # type: ignore[attr-defined]
        ref["rankings"],
        key=["year", "cluster_code", "unit_code"],
        cols={"rank": pl.Int64, "basis": pl.String, "rank_prev": pl.Int64,
              "rank_change": pl.Int64},
    )  # fmt: skip
    out += compare(
        "trends",
        e.trends,  # type: ignore[attr-defined]
        ref["trends"],
        key=["cluster_code", "unit_code", "indicator", "year"],
        cols={"value_pct": pl.Float64, "delta_pp": pl.Float64},
    )
    return out
