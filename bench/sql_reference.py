"""BENCHMARK REFERENCE — not used by the app. The indicators computed in SQL inside the database.

This is how a SQL-driven BI tool would compute them: one query per indicator family (the
indicators that share their source rows), each a GROUP BY per unit-year and a pooled GROUP BY per
cluster-year, percentages included. `python -m dashboard bench` times it against the Polars
engine and asserts both give the same numbers; it must follow the counting rules of
dashboard/counts.py and dashboard/indicators.py exactly:

- a unit-year with roster rows takes every measure from the records, one without takes its
  reported `unit_counts`;
- a numerator-type measure whose source rows are missing is unknown (NULL), never 0; structure
  counts (staff, departments, party cells, mass organisations) are 0 when there are none;
- a side of an indicator is unknown when any of its measures is; a cluster pools Σ numerators ÷
  Σ denominators over the members that know both; a zero or unknown denominator gives no value.
- (contract 0.3.0) a unit-year's cluster is its `cluster_members` row when that year has any
  rows (none: in no cluster, not pooled), else `units.cluster_code`;
- a monthly rating counts in the emulation year of its month: start month m =
  `period_start_month` of the unit, else of its cluster, else 1; with m > 1 months m..12 of y
  are year y + 1. A person's month is placed by the unit on their roster in that year (a
  candidate year y or y + 1 is kept when it is the month's emulation year for that unit), a
  collective's by its own unit. Counting year Y therefore reads the ratings of Y − 1 as well.

Percentages here are the benchmark's, never the app's. Award and rating lists come from the
catalogue, as in the engine; the output columns are those of the contract's indicators table
(dashboard/schemas.py). The scratch databases it runs in are bench/pg.py's.

>>> sorted(FAMILIES)[:3]
['department_months', 'departments', 'higher_awards']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl
from sqlalchemy import Connection

from dashboard.schemas import schema
from data_access.catalog import Catalog, load_catalog


@dataclass(frozen=True)
class Family:
    """The indicators of one query, the CTEs that count their measures from the records, and
    the SQL expression of each measure over `ru` (roster per unit-year) and those CTEs."""

    indicators: tuple[str, ...]
    ctes: tuple[str, ...]  # names of the record CTEs (defined in `_CTES`) the family joins
    measures: dict[str, str]


def _lit(codes: Iterable[str]) -> str:
    return ", ".join("'" + c.replace("'", "''") + "'" for c in codes)


def _in(col: str, codes: Iterable[str]) -> str:
    listed = _lit(codes)
    return f"{col} IN ({listed})" if listed else "1 = 0"


def _flag(cond: str) -> str:
    return f"CASE WHEN {cond} THEN 1 ELSE 0 END"


def _shifted(sm: str) -> str:
    """The rating's month `g.month` opens the next emulation year of the unit in `sm`."""
    return f"{sm}.start_month > 1 AND g.month >= {sm}.start_month"


def _ctes(cat: Catalog, years: str, before: str) -> dict[str, tuple[str, str]]:
    """name → (SQL body, join condition against `ru`) of every record CTE; `before` are the
    years before `years` (a school year's first months are in the calendar year before)."""
    ldtt, cstdcs = cat.awards_implying("LDTT"), cat.awards_implying("CSTDCS")
    ttldtt, ttldxs = cat.awards_implying("TTLDTT"), cat.awards_implying("TTLDXS")
    higher = cat.higher_awards()
    good = cat.ratings_at_least("task", "HTTNV")
    strong = cat.ratings_at_least("strength", cat.scales["strength"]["strong_from"])
    annual, monthly = "g.month IS NULL", "g.month IS NOT NULL"
    is_dept, is_cell, is_mass = (
        "c.kind = 'department'",
        "c.kind = 'party_cell'",
        "c.kind = 'mass_org'",
    )
    g_dept, g_cell, g_mass = (k.replace("c.", "g.") for k in (is_dept, is_cell, is_mass))
    on_unit_year = "{n}.year = ru.year AND {n}.unit_code = ru.unit_code"
    return {
        # Persons: one row per awarded person-year (the same person counts once), then per unit.
        "pau": (
            f"""SELECT r.year, r.unit_code, SUM(pa.ldtt) AS ldtt, SUM(pa.cstdcs) AS cstdcs,
                  SUM(pa.higher) AS higher
                FROM (SELECT year, recipient_code AS person_code,
                        MAX({_flag(_in("award_code", ldtt))}) AS ldtt,
                        MAX({_flag(_in("award_code", cstdcs))}) AS cstdcs,
                        MAX({_flag(_in("award_code", higher))}) AS higher
                      FROM awards WHERE recipient_kind = 'person' AND year IN ({years})
                      GROUP BY year, recipient_code) pa
                JOIN roster r ON r.year = pa.year AND r.person_code = pa.person_code
                GROUP BY r.year, r.unit_code""",
            on_unit_year,
        ),
        # A monthly rating counts in the emulation year of its month for the unit on the
        # person's roster that year: with start month m > 1, months m..12 of y are year y + 1.
        "pr": (
            f"""SELECT g.year, g.unit_code,
                  SUM({_flag(annual)}) AS rated,
                  SUM({_flag(f"{annual} AND g.rating = 'HTXSNV'")}) AS htxsnv,
                  SUM({_flag(f"{annual} AND {_in('g.rating', good)}")}) AS httnv_plus,
                  SUM({_flag(f"{annual} AND g.rating = 'KHTNV'")}) AS khtnv,
                  SUM({_flag(monthly)}) AS m_rated,
                  SUM({_flag(f"{monthly} AND g.rating = 'HTXSNV'")}) AS m_htxsnv
                FROM (SELECT g.month, g.rating, r.year, r.unit_code
                      FROM ratings g
                      JOIN roster r ON r.year = g.year AND r.person_code = g.subject_code
                      LEFT JOIN sm ON sm.unit_code = r.unit_code
                      WHERE g.subject_kind = 'person' AND g.year IN ({years})
                        AND NOT ({monthly} AND {_shifted("sm")})
                      UNION ALL
                      SELECT g.month, g.rating, r.year, r.unit_code
                      FROM ratings g
                      -- CROSS JOIN: SQLite then reads the few ratings of the months that may
                      -- open a school year first and looks each person up on the roster
                      CROSS JOIN roster r
                      JOIN sm ON sm.unit_code = r.unit_code
                      WHERE r.year = g.year + 1 AND r.person_code = g.subject_code
                        AND EXISTS (SELECT 1 FROM sm WHERE start_month > 1)
                        AND g.subject_kind = 'person' AND g.year IN ({before})
                        AND g.month >= (SELECT MIN(start_month) FROM sm WHERE start_month > 1)
                        AND {_shifted("sm")}) g
                GROUP BY g.year, g.unit_code""",
            on_unit_year,
        ),
        # Collectives: structure (not by year), their awards and their ratings.
        "st": (
            f"""SELECT c.unit_code, SUM({_flag(is_dept)}) AS departments,
                  SUM({_flag(is_cell)}) AS party_cells, SUM({_flag(is_mass)}) AS mass_orgs
                FROM collectives c GROUP BY c.unit_code""",
            "st.unit_code = ru.unit_code",
        ),
        "cau": (
            f"""SELECT ca.year, c.unit_code,
                  SUM(CASE WHEN {is_dept} THEN ca.ttldtt ELSE 0 END) AS ttldtt,
                  SUM(CASE WHEN {is_dept} THEN ca.ttldxs ELSE 0 END) AS ttldxs,
                  SUM(CASE WHEN {is_dept} THEN ca.higher ELSE 0 END) AS higher,
                  SUM({_flag(is_dept)}) AS depts
                FROM (SELECT year, recipient_code AS collective_code,
                        MAX({_flag(_in("award_code", ttldtt))}) AS ttldtt,
                        MAX({_flag(_in("award_code", ttldxs))}) AS ttldxs,
                        MAX({_flag(_in("award_code", higher))}) AS higher
                      FROM awards WHERE recipient_kind = 'collective' AND year IN ({years})
                      GROUP BY year, recipient_code) ca
                JOIN collectives c ON c.collective_code = ca.collective_code
                GROUP BY ca.year, c.unit_code""",
            on_unit_year,
        ),
        # A collective's monthly rating counts in its unit's emulation year of that month.
        "cr": (
            f"""SELECT g.year, g.unit_code,
                  SUM({_flag(f"{annual} AND {g_cell}")}) AS cells,
                  SUM({_flag(f"{annual} AND {g_cell} AND {_in('g.rating', good)}")}) AS good,
                  SUM({_flag(f"{annual} AND {g_cell} AND g.rating = 'HTXSNV'")}) AS htxsnv,
                  SUM({_flag(f"{annual} AND {g_mass}")}) AS mass,
                  SUM({_flag(f"{annual} AND {g_mass} AND {_in('g.rating', strong)}")}) AS strong,
                  SUM({_flag(f"{monthly} AND {g_dept}")}) AS dept_m,
                  SUM({_flag(f"{monthly} AND {g_dept} AND g.rating = 'HTXSNV'")}) AS dept_m_x
                FROM (SELECT CASE WHEN {monthly} AND {_shifted("sm")} THEN g.year + 1
                        ELSE g.year END AS year, c.unit_code, c.kind, g.month, g.rating
                      FROM ratings g JOIN collectives c ON c.collective_code = g.subject_code
                      LEFT JOIN sm ON sm.unit_code = c.unit_code
                      WHERE g.subject_kind = 'collective'
                        AND g.year IN ({years}, {before})) g
                WHERE g.year IN ({years})
                GROUP BY g.year, g.unit_code""",
            on_unit_year,
        ),
        "ua": (
            f"""SELECT year, recipient_code AS unit_code,
                  MAX({_flag(_in("award_code", higher))}) AS higher
                FROM awards WHERE recipient_kind = 'unit' AND year IN ({years})
                GROUP BY year, recipient_code""",
            on_unit_year,
        ),
    }


def _known(flag: str, value: str) -> str:
    return f"CASE WHEN {flag} > 0 THEN {value} END"


FAMILIES: dict[str, Family] = {
    "person_titles": Family(
        ("LDTT_RATE", "CSTDCS_OF_LDTT"),
        ("pau",),
        {
            "staff": "ru.staff",
            # The CTE row exists only when the unit-year has awarded persons: else NULL.
            "persons_ldtt_plus": "pau.ldtt",
            "persons_cstdcs_plus": "pau.cstdcs",
        },
    ),
    "person_ratings": Family(
        ("PERSON_HTXSNV_RATE", "PERSON_HTTNV_PLUS_RATE", "PERSON_KHTNV_RATE"),
        ("pr",),
        {
            "persons_rated": _known("pr.rated", "pr.rated"),
            "persons_htxsnv": _known("pr.rated", "pr.htxsnv"),
            "persons_httnv_plus": _known("pr.rated", "pr.httnv_plus"),
            "persons_khtnv": _known("pr.rated", "pr.khtnv"),
        },
    ),
    "person_months": Family(
        ("MONTHLY_PERSON_HTXSNV_SHARE",),
        ("pr",),
        {
            "person_months_rated": _known("pr.m_rated", "pr.m_rated"),
            "person_months_htxsnv": _known("pr.m_rated", "pr.m_htxsnv"),
        },
    ),
    "departments": Family(
        ("DEPT_TTLDTT_RATE", "TTLDXS_OF_TTLDTT"),
        ("st", "cau"),
        {
            "departments": "COALESCE(st.departments, 0)",
            "departments_ttldtt_plus": _known("cau.depts", "cau.ttldtt"),
            "departments_ttldxs_plus": _known("cau.depts", "cau.ttldxs"),
        },
    ),
    "higher_awards": Family(
        ("HIGHER_AWARD_RATE",),
        ("pau", "st", "cau", "ua"),
        {
            # Unknown when neither the persons, the collectives nor the unit got any award.
            "higher_award_recipients": "CASE WHEN pau.unit_code IS NOT NULL OR cau.unit_code IS "
            "NOT NULL OR ua.unit_code IS NOT NULL THEN COALESCE(pau.higher, 0) + "
            "COALESCE(cau.higher, 0) + COALESCE(ua.higher, 0) END",
            "staff": "ru.staff",
            "departments": "COALESCE(st.departments, 0)",
        },
    ),
    "party_cells": Family(
        ("PARTY_CELL_HTTNV_PLUS_RATE", "PARTY_CELL_HTXSNV_RATE"),
        ("st", "cr"),
        {
            "party_cells": "COALESCE(st.party_cells, 0)",
            "party_cells_httnv_plus": _known("cr.cells", "cr.good"),
            "party_cells_htxsnv": _known("cr.cells", "cr.htxsnv"),
        },
    ),
    "mass_orgs": Family(
        ("MASS_ORG_STRONG_RATE",),
        ("st", "cr"),
        {
            "mass_orgs": "COALESCE(st.mass_orgs, 0)",
            "mass_orgs_strong": _known("cr.mass", "cr.strong"),
        },
    ),
    "department_months": Family(
        ("MONTHLY_DEPT_HTXSNV_SHARE",),
        ("cr",),
        {
            "department_months_rated": _known("cr.dept_m", "cr.dept_m"),
            "department_months_htxsnv": _known("cr.dept_m", "cr.dept_m_x"),
        },
    ),
}


def _side(measures: tuple[str, ...]) -> str:
    # `+` keeps NULL: one unknown part makes the whole side unknown (as in the engine).
    return " + ".join("1" if m == "unit_itself" else f"m.{m}" for m in measures)


def family_sql(name: str, *, years: Iterable[int], catalog: Catalog | None = None) -> str:
    """The one query of a family: per unit-year and pooled per cluster-year, wide.

    Columns: year, cluster_code, unit_code (NULL on the pooled row), then n_i, d_i, v_i
    (numerator, denominator, percentage) for the family's i-th indicator.
    """
    cat = catalog or load_catalog()
    fam = FAMILIES[name]
    ys_list = sorted({int(y) for y in years})
    ys = ", ".join(str(y) for y in ys_list) or "NULL"
    before = ", ".join(str(y - 1) for y in ys_list) or "NULL"
    ctes = _ctes(cat, ys, before)
    measures = list(fam.measures)
    rec_cols = ",\n  ".join(f"{expr} AS {m}" for m, expr in fam.measures.items())
    joins = "\n".join(f"LEFT JOIN {c} ON {ctes[c][1].format(n=c)}" for c in fam.ctes)
    rep_cols = ",\n  ".join(
        f"MAX(CASE WHEN uc.measure = '{m}' THEN uc.value END) AS {m}" for m in measures
    )
    defs = [cat.indicator(code) for code in fam.indicators]
    unit_cols = ",\n  ".join(
        f"{_side(d.numerator)} AS n{i}, {_side(d.denominator)} AS d{i}" for i, d in enumerate(defs)
    )
    both = [f"n{i} IS NOT NULL AND d{i} IS NOT NULL" for i in range(len(defs))]
    pooled_cols = ", ".join(
        f"SUM(CASE WHEN {b} THEN n{i} END) AS n{i}, SUM(CASE WHEN {b} THEN d{i} END) AS d{i}"
        for i, b in enumerate(both)
    )
    plain_cols = ", ".join(f"n{i}, d{i}" for i in range(len(defs)))
    value_cols = ", ".join(
        f"n{i}, d{i}, CASE WHEN d{i} > 0 THEN 100.0 * CAST(n{i} AS DOUBLE PRECISION) / d{i} END "
        f"AS v{i}"
        for i in range(len(defs))
    )
    with_ctes = ",\n".join(f"{c} AS ({ctes[c][0]})" for c in fam.ctes)
    return f"""WITH ru AS (
  SELECT year, unit_code, COUNT(*) AS staff FROM roster WHERE year IN ({ys})
  GROUP BY year, unit_code),
sm AS (
  SELECT un.unit_code,
    COALESCE(un.period_start_month, cl.period_start_month, 1) AS start_month
  FROM units un LEFT JOIN clusters cl ON cl.cluster_code = un.cluster_code),
listed AS (SELECT DISTINCT year FROM cluster_members WHERE year IN ({ys})),
{with_ctes},
rec AS (
  SELECT ru.year, ru.unit_code,
  {rec_cols}
  FROM ru
{joins}),
rep AS (
  SELECT uc.year, uc.unit_code,
  {rep_cols}
  FROM unit_counts uc
  WHERE uc.year IN ({ys}) AND NOT EXISTS (
    SELECT 1 FROM ru WHERE ru.year = uc.year AND ru.unit_code = uc.unit_code)
  GROUP BY uc.year, uc.unit_code),
m AS (SELECT * FROM rec UNION ALL SELECT * FROM rep),
u AS (
  SELECT m.year,
  CASE WHEN listed.year IS NOT NULL THEN cm.cluster_code ELSE un.cluster_code END
    AS cluster_code,
  m.unit_code,
  {unit_cols}
  FROM m LEFT JOIN units un ON un.unit_code = m.unit_code
  LEFT JOIN listed ON listed.year = m.year
  LEFT JOIN cluster_members cm ON cm.year = m.year AND cm.unit_code = m.unit_code)
SELECT year, cluster_code, unit_code, {value_cols}
FROM (
  SELECT year, cluster_code, unit_code, {plain_cols} FROM u
  UNION ALL
  SELECT year, cluster_code, CAST(NULL AS VARCHAR(64)) AS unit_code, {pooled_cols}
  FROM u WHERE cluster_code IS NOT NULL GROUP BY year, cluster_code
) t"""


# The contract's indicators columns up to the value (targets are the engine's, not SQL's).
SCHEMA: dict[str, pl.DataType] = schema("indicators", upto="value_pct")


def run_family(
    conn: Connection, name: str, *, years: Iterable[int], catalog: Catalog | None = None
) -> pl.DataFrame:
    """Run one family's query; the result in long form (columns of `SCHEMA`)."""
    fam = FAMILIES[name]
    cur = conn.connection.driver_connection.cursor()
    try:
        cur.execute(family_sql(name, years=years, catalog=catalog))
        rows = cur.fetchall()
    finally:
        cur.close()
    k = len(fam.indicators)
    wide_schema = {"year": pl.Int64, "cluster_code": pl.String, "unit_code": pl.String}
    for i in range(k):
        wide_schema |= {f"n{i}": pl.Int64, f"d{i}": pl.Int64, f"v{i}": pl.Float64}
    wide = pl.DataFrame(rows, schema=wide_schema, orient="row", strict=False)
    return pl.concat(
        [
            wide.select(
                "year",
                "cluster_code",
                "unit_code",
                pl.lit(code, pl.String).alias("indicator"),
                pl.col(f"n{i}").alias("numerator"),
                pl.col(f"d{i}").alias("denominator"),
                pl.col(f"v{i}").alias("value_pct"),
            )
            for i, code in enumerate(fam.indicators)
        ]
    )


def sql_indicators(
    conn: Connection, *, years: Iterable[int], families: Iterable[str] | None = None
) -> pl.DataFrame:
    """Every indicator of every unit-year and cluster-year of `years`, one query per family.

    Columns: year, cluster_code, unit_code (null on the pooled row), indicator, numerator,
    denominator, value_pct — the same rows as `dashboard.indicators.indicators(counts(...))`,
    sorted by year, cluster_code, unit_code (pooled first), indicator.
    """
    ys = [int(y) for y in years]
    cat = load_catalog()
    parts = [run_family(conn, f, years=ys, catalog=cat) for f in families or FAMILIES]
    return pl.concat(parts).sort("year", "cluster_code", "unit_code", "indicator", nulls_last=False)
