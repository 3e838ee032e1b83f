"""The world to generate: clusters, units, staff sizes per year and collectives, as frames.

Demo units are written by hand (`UnitSpec`, in demo.py); the province and national scales build
the same frames vectorised (scale.py). Party cells (one per department, "Chi bộ <department>") and
the three mass organisations of every unit are derived here, so both paths share them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

UNIT_COLUMNS = {
    "unit_code": pl.String,
    "unit_name": pl.String,
    "short_name": pl.String,  # null: the app derives one (dashboard.names)
    "cluster_code": pl.String,
    "profile": pl.String,
    "monthly": pl.Boolean,  # rated month by month (bình xét hằng tháng)
    "reported_only": pl.Boolean,  # shares only unit_counts, no person lists
    "issuer": pl.String,  # suffix of the unit head's decisions: "QĐ-<issuer>"
    "higher_issuer": pl.String,  # suffix of ministry/province-level decisions
}
CLUSTER_COLUMNS = {
    "cluster_code": pl.String,
    "cluster_name": pl.String,
    "organizer": pl.String,
    "criteria": pl.String,  # which scoring table the cluster uses (clusters.py)
    "chunk": pl.Int32,  # generation batch: clusters of one chunk are generated together
}
DEPT_COLUMNS = {
    "unit_code": pl.String,
    "dept": pl.String,  # short code, unique in the unit
    "collective_name": pl.String,
    "weight": pl.Int32,  # relative head count
}

STAFF_BASE_YEAR = 2019
MASS_ORGS = (
    ("CD", "Công đoàn cơ sở"),
    ("DTN", "Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
    ("HPN", "Chi hội Phụ nữ"),
)


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    staff: tuple[int, ...]  # staff from STAFF_BASE_YEAR on; the end values repeat outside
    departments: tuple[tuple[str, str, int], ...]  # (code, name, weight)
    profile: str = "civil"
    short_name: str | None = None
    monthly: bool = False
    reported_only: bool = False
    issuer: str = ""
    higher_issuer: str = "UBND"


@dataclass(frozen=True)
class ClusterSpec:
    code: str
    name: str
    organizer: str
    criteria: str
    units: tuple[UnitSpec, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class World:
    clusters: pl.DataFrame  # CLUSTER_COLUMNS
    units: pl.DataFrame  # UNIT_COLUMNS + chunk
    staff: pl.DataFrame  # unit_code, year, staff
    departments: pl.DataFrame  # DEPT_COLUMNS

    def collectives(self) -> pl.DataFrame:
        """collective_code, unit_code, collective_name, kind, weight, dept (departments only)."""
        d = self.departments
        depts = d.select(
            (pl.col("unit_code") + "." + pl.col("dept")).alias("collective_code"),
            "unit_code",
            "collective_name",
            pl.lit("department").alias("kind"),
            "weight",
            "dept",
        )
        cells = d.select(
            (pl.col("unit_code") + ".CB_" + pl.col("dept")).alias("collective_code"),
            "unit_code",
            ("Chi bộ " + pl.col("collective_name")).alias("collective_name"),
            pl.lit("party_cell").alias("kind"),
            pl.lit(0, pl.Int32).alias("weight"),
            pl.lit(None, pl.String).alias("dept"),
        )
        orgs = (
            self.units.select("unit_code")
            .join(
                pl.DataFrame({"o": [o for o, _ in MASS_ORGS], "n": [n for _, n in MASS_ORGS]}),
                how="cross",
            )
            .select(
                (pl.col("unit_code") + "." + pl.col("o")).alias("collective_code"),
                "unit_code",
                pl.col("n").alias("collective_name"),
                pl.lit("mass_org").alias("kind"),
                pl.lit(0, pl.Int32).alias("weight"),
                pl.lit(None, pl.String).alias("dept"),
            )
        )
        return pl.concat([depts, cells, orgs]).sort("unit_code", "collective_code")

    def for_chunk(self, chunk: int) -> World:
        units = self.units.filter(pl.col("chunk") == chunk)
        codes = units["unit_code"]
        return World(
            clusters=self.clusters.filter(pl.col("chunk") == chunk),
            units=units,
            staff=self.staff.filter(pl.col("unit_code").is_in(codes.implode())),
            departments=self.departments.filter(pl.col("unit_code").is_in(codes.implode())),
        )


def world_from_specs(specs: tuple[ClusterSpec, ...], years: list[int], *, chunk: int = 0) -> World:
    """Frames for hand-written clusters; staff lists are read from STAFF_BASE_YEAR on."""
    clusters = pl.DataFrame(
        [(c.code, c.name, c.organizer, c.criteria, chunk) for c in specs],
        schema=CLUSTER_COLUMNS,
        orient="row",
    )
    unit_rows, staff_rows, dept_rows = [], [], []
    for c in specs:
        for u in c.units:
            unit_rows.append(
                (
                    u.code,
                    u.name,
                    u.short_name,
                    c.code,
                    u.profile,
                    u.monthly,
                    u.reported_only,
                    u.issuer or u.code,
                    u.higher_issuer,
                )
            )
            for y in years:
                i = min(max(y - STAFF_BASE_YEAR, 0), len(u.staff) - 1)
                staff_rows.append((u.code, y, u.staff[i]))
            dept_rows.extend((u.code, d, n, w) for d, n, w in u.departments)
    units = pl.DataFrame(unit_rows, schema=UNIT_COLUMNS, orient="row").with_columns(
        pl.lit(chunk, pl.Int32).alias("chunk")
    )
    staff = pl.DataFrame(
        staff_rows,
        schema={"unit_code": pl.String, "year": pl.Int32, "staff": pl.Int32},
        orient="row",
    )
    return World(clusters, units, staff, pl.DataFrame(dept_rows, schema=DEPT_COLUMNS, orient="row"))


def concat_worlds(*worlds: World) -> World:
    return World(
        clusters=pl.concat([w.clusters for w in worlds]),
        units=pl.concat([w.units for w in worlds]),
        staff=pl.concat([w.staff for w in worlds]),
        departments=pl.concat([w.departments for w in worlds]),
    )
