"""Award rows with decision numbers and dates, from the title flags of person-, collective- and
unit-years.

Persons: LDTT for every LĐTT (CSTĐCS holders included: one decision lists them all) in civil
units; in military units CSTT for those whose highest title is CSTT, as reports list people by
their highest title (seed 000). Then CSTDCS, CSTD_BO, BK_BO, BK_TTG, HC_LD_3, GIAY_KHEN.
Departments: TTLDTT (also for TTLĐXS), TTLDXS, CO_TD_BO, BK_BO, GIAY_KHEN.
Units: CO_TD_BO, CO_TD_CP, BK_BO, BK_TTG, HC_LD_3.

One decision per unit, year, award and issuer: "<n>/QĐ-<issuer>". The unit head decides in
December (August for the military school year); ministries and provinces from January to April
of the next year; the Prime Minister ("QĐ-TTg") and the President ("QĐ-CTN") later in that year.
"""

from __future__ import annotations

import polars as pl

from data_access.catalog import load_catalog
from seed.draws import rng_for

SCHEMA = {
    "year": pl.Int32,
    "recipient_kind": pl.String,
    "recipient_code": pl.String,
    "award_code": pl.String,
    "unit_code": pl.String,
}

PERSON_FLAGS = (
    ("cstdcs", "CSTDCS"),
    ("cstd_bo", "CSTD_BO"),
    ("bk_bo", "BK_BO"),
    ("bk_ttg", "BK_TTG"),
    ("hc_ld_3", "HC_LD_3"),
    ("giay_khen", "GIAY_KHEN"),
)
DEPT_FLAGS = (
    ("ttldtt", "TTLDTT"),
    ("ttldxs", "TTLDXS"),
    ("co_td_bo", "CO_TD_BO"),
    ("bk_bo", "BK_BO"),
    ("giay_khen", "GIAY_KHEN"),
)
UNIT_FLAGS = (
    ("co_td_bo", "CO_TD_BO"),
    ("co_td_cp", "CO_TD_CP"),
    ("bk_bo", "BK_BO"),
    ("bk_ttg", "BK_TTG"),
    ("hc_ld_3", "HC_LD_3"),
)


def _long(
    frame: pl.DataFrame, kind: str, code_col: str, flags: tuple[tuple[str, str], ...]
) -> pl.DataFrame:
    parts = [
        frame.filter(pl.col(flag)).select(
            "year",
            pl.lit(kind).alias("recipient_kind"),
            pl.col(code_col).alias("recipient_code"),
            pl.lit(award).alias("award_code"),
            "unit_code",
        )
        for flag, award in flags
    ]
    return pl.concat(parts).cast(SCHEMA)  # type: ignore[arg-type]


def award_rows(py: pl.DataFrame, cy: pl.DataFrame, uy: pl.DataFrame) -> pl.DataFrame:
    """year, recipient_kind, recipient_code, award_code, unit_code (no decisions yet)."""
    military = pl.col("profile") == "military"
    titles = py.with_columns(
        (pl.col("ldtt") & ~military).alias("_ldtt"),
        (pl.col("ldtt") & military & ~pl.col("cstdcs")).alias("_cstt"),
    )
    return pl.concat(
        [
            _long(titles, "person", "person_code", (("_ldtt", "LDTT"), ("_cstt", "CSTT"))),
            _long(py, "person", "person_code", PERSON_FLAGS),
            _long(
                cy.filter(pl.col("kind") == "department"),
                "collective",
                "collective_code",
                DEPT_FLAGS,
            ),
            _long(uy, "unit", "unit_code", UNIT_FLAGS),
        ]
    )


def with_decisions(
    rows: pl.DataFrame, units: pl.DataFrame, *, seed: int, chunk: int
) -> pl.DataFrame:
    """Adds decision_no, decision_date and method; one decision per unit, year, award and
    issuer."""
    cat = load_catalog()
    codes = rows["award_code"].unique().sort().to_list()
    level = {c: cat.award(c).level for c in codes}
    state = {c: ("QĐ-CTN" if c.startswith("HC_") else "QĐ-TTg") for c in codes}
    r = rows.join(
        units.select("unit_code", "profile", "issuer", "higher_issuer"),
        on="unit_code",
        how="left",
        maintain_order="left",
    ).with_columns(
        pl.col("award_code").replace_strict(level, return_dtype=pl.String).alias("_level")
    )
    military = pl.col("profile") == "military"
    higher = (
        pl.when(military & (pl.col("recipient_kind") == "person"))
        .then(pl.lit("QĐ-BQP"))
        .otherwise("QĐ-" + pl.col("higher_issuer"))
    )
    issuer = (
        pl.when(pl.col("_level") == "co_so")
        .then("QĐ-" + pl.col("issuer"))
        .when(pl.col("_level") == "bo_tinh")
        .then(higher)
        .otherwise(pl.col("award_code").replace_strict(state, return_dtype=pl.String))
    )
    r = r.with_columns(issuer.alias("_issuer"))
    keys = ["unit_code", "year", "award_code", "_issuer"]
    groups = r.select(*keys, "_level", "profile").unique().sort(keys)
    rng = rng_for(seed, chunk, "decisions")
    n = groups.height
    lv = pl.col("_level")
    month = (
        pl.when(lv == "co_so")
        .then(pl.when(military).then(8).otherwise(12))
        .when(lv == "bo_tinh")
        .then(pl.Series(rng.integers(1, 5, n)))
        .otherwise(pl.Series(rng.integers(4, 10, n)))
    )
    day = (
        pl.when(lv == "co_so")
        .then(pl.Series(rng.integers(10, 29, n)))
        .otherwise(pl.Series(rng.integers(1, 29, n)))
    )
    year = pl.col("year") + pl.when(lv == "co_so").then(0).otherwise(1)
    number = (
        pl.when(lv == "co_so")
        .then(pl.Series(rng.integers(50, 900, n)))
        .otherwise(pl.Series(rng.integers(100, 4000, n)))
    )
    # The form 0602/0603 method of each decision, from its number (no extra random draw, so
    # every other figure of the demo stays as it was): mostly regular, some thematic, ad hoc.
    method = (
        pl.when(lv == "co_so")
        .then(pl.lit("regular"))
        .when(number % 12 == 0)
        .then(pl.lit("ad_hoc"))
        .when(number % 5 == 0)
        .then(pl.lit("thematic"))
        .otherwise(pl.lit("regular"))
    )
    groups = groups.with_columns(
        pl.format("{}/{}", number, pl.col("_issuer")).alias("decision_no"),
        pl.date(year, month, day).alias("decision_date"),
        method.alias("method"),
    )
    return r.join(
        groups.select(*keys, "decision_no", "decision_date", "method"),
        on=keys,
        how="left",
        maintain_order="left",
    ).select(
        "year",
        "recipient_kind",
        "recipient_code",
        "award_code",
        "decision_no",
        "decision_date",
        "method",
        "unit_code",
    )
