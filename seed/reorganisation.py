"""The demo's 2025 reorganisation, as enacted: Resolution 202/2025/QH15 merged the provinces
from 1 July 2025, and with them their political schools (the successor keeps the absorbing
school's code):

- Hà Nam (HN_TCT), Nam Định (ND_TCT) → Ninh Bình (NB_TCT, continues);
- Thái Bình (TB_TCT) → Hưng Yên (HY_TCT, continues);
- Hải Dương (HD_TCT) + Hải Phòng → Hải Phòng: a new unit HP_TCT (Hải Phòng's school was not in
  the demo before; it takes Hải Dương's staff and departments);
- Vĩnh Phúc (VP_TCT) → Phú Thọ (PT_TCT, continues; in CUM_MNBG, so Vĩnh Phúc's staff move to
  another cluster in the same change);
- Bắc Giang → Bắc Ninh and Quảng Ninh: Bắc Giang's school is not in the demo, so BN_TCT simply
  goes on (no change row), as does QN_TCT.

The cluster's membership from 2025 (the five schools left in CUM4_DBSH) is an assumption: no
published decision regrouping the clusters was at hand. `cluster_members` is written for every
year seeded (seed/__init__.py), so the years before keep the clusters they had.

The years before 2025 are generated exactly as before (same worlds, same draws): the merger is
applied to the generated rows of 2025 on (`apply`), so every quoted figure stays exact. From
2025 a predecessor's staff are on its successor's roster (people keep their codes, so their
streaks follow them), and its collectives' and its own ratings, awards and scores of the year
go to the successor's collectives (where the successor continues, its own row of the same key
is kept); the predecessor's own results of 2025 (rating, awards, scores) go with it, except
Hải Dương's, which the new Hải Phòng school takes.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

YEAR = 2025  # the emulation year the merger takes effect in
EFFECTIVE = dt.date(2025, 7, 1)
DECISION = "202/2025/QH15"
CLUSTER = "CUM4_DBSH"
# from_unit_code -> to_unit_code; a unit mapped to itself continues through the change.
MERGES: dict[str, str] = {
    "HN_TCT": "NB_TCT",
    "ND_TCT": "NB_TCT",
    "NB_TCT": "NB_TCT",
    "TB_TCT": "HY_TCT",
    "HY_TCT": "HY_TCT",
    "HD_TCT": "HP_TCT",
    "VP_TCT": "PT_TCT",
    "PT_TCT": "PT_TCT",
}
NEW_UNIT = "HP_TCT"
NEW_UNIT_NAME = "Trường Chính trị thành phố Hải Phòng"
NEW_SHORT_NAME = "Hải Phòng"  # the city's school among provinces' ones: named as they are
NEW_FROM = "HD_TCT"  # the new unit takes this unit's staff, departments and settings
# Units whose staff of 2025 on are pooled with another unit's: demo_features.py places no
# cap overrun in them that year (a merged roster can absorb it).
POOLED = frozenset(u for u, s in MERGES.items() if sum(v == s for v in MERGES.values()) > 1)
ENDED = frozenset(u for u, s in MERGES.items() if u != s)


def applies(years: list[int]) -> bool:
    """The merger is part of the data when 2025 or later is seeded."""
    return max(years) >= YEAR


def successor(col: str) -> pl.Expr:
    """`col` (a unit code) mapped to its successor; other units unchanged."""
    return pl.col(col).replace(MERGES)


def _department_map(collectives: pl.DataFrame) -> dict[str, str]:
    """Each ended unit's collective code -> its successor's collective: the department of the
    same code if the successor has one (else its first department), its party cell likewise,
    the mass organisation of the same kind."""
    depts = collectives.filter(pl.col("kind") == "department")
    by_unit: dict[str, list[str]] = {}
    for code, unit in depts.select("collective_code", "unit_code").iter_rows():
        by_unit.setdefault(unit, []).append(code.split(".", 1)[1])
    out: dict[str, str] = {}
    for code, unit in collectives.select("collective_code", "unit_code").iter_rows():
        to = MERGES.get(unit)
        if to is None or to == unit:
            continue
        rest = code.split(".", 1)[1]
        mine = by_unit.get(to, by_unit.get(unit, []))
        dept = rest.removeprefix("CB_")
        if dept in by_unit.get(unit, []):
            dept = dept if dept in mine else sorted(mine)[0]
            rest = f"CB_{dept}" if rest.startswith("CB_") else dept
        out[code] = f"{to}.{rest}"
    return out


def new_unit(units: pl.DataFrame) -> pl.DataFrame:
    """The successor that did not exist before (HP_TCT), shaped like `units`: Hải Dương's
    settings under its own code and name."""
    row = units.filter(pl.col("unit_code") == NEW_FROM)
    return row.with_columns(
        pl.lit(NEW_UNIT).alias("unit_code"),
        pl.lit(NEW_UNIT_NAME).alias("unit_name"),
        pl.lit(NEW_SHORT_NAME).alias("short_name"),
    )


def new_collectives(collectives: pl.DataFrame) -> pl.DataFrame:
    """The new unit's departments, party cells and mass organisations (Hải Dương's, renamed)."""
    return collectives.filter(pl.col("unit_code") == NEW_FROM).with_columns(
        (
            pl.lit(NEW_UNIT + ".") + pl.col("collective_code").str.split_exact(".", 1).struct[1]
        ).alias("collective_code"),
        pl.lit(NEW_UNIT).alias("unit_code"),
    )


def new_departments(departments: pl.DataFrame) -> pl.DataFrame:
    """World.departments rows of the new unit (Hải Dương's)."""
    return departments.filter(pl.col("unit_code") == NEW_FROM).with_columns(
        pl.lit(NEW_UNIT).alias("unit_code")
    )


def _remap(
    frame: pl.DataFrame, col: str, mapping: dict[str, str], key: list[str], years: pl.Expr
) -> pl.DataFrame:
    """Rows of `years` with `col` in `mapping` get the mapped code; where that makes two rows
    of one `key`, the row that already had the code (the continuing unit's own) is kept."""
    if frame.is_empty():
        return frame
    moved = years & pl.col(col).is_in(list(mapping))
    out = frame.with_columns(
        moved.alias("_moved"),
        pl.when(moved).then(pl.col(col).replace(mapping)).otherwise(pl.col(col)).alias(col),
    ).with_row_index("_i")
    return (
        out.sort("_moved", "_i")
        .unique(subset=key, keep="first", maintain_order=True)
        .sort("_i")
        .drop("_i", "_moved")
    )


def apply(frames: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """One chunk's rows with the merger applied from 2025 on (rows of earlier years untouched);
    the new unit's collectives added."""
    collectives = pl.concat([frames["collectives"], new_collectives(frames["collectives"])])
    cmap = _department_map(collectives)
    on = pl.col("year") >= YEAR
    out = dict(frames)
    out["collectives"] = collectives
    roster = frames["roster"].with_columns(
        pl.when(on).then(successor("unit_code")).otherwise("unit_code").alias("unit_code"),
        pl.when(on)
        .then(pl.col("collective_code").replace(cmap))
        .otherwise("collective_code")
        .alias("collective_code"),
    )
    out["roster"] = roster
    # A unit's own results of the year (its rating, awards, scores) are the successor's own:
    # a continuing successor keeps its own and the predecessors' go; the new unit takes its
    # predecessor's (it is that school under a new name).
    gone = list(ENDED - {NEW_FROM})
    rename = {NEW_FROM: NEW_UNIT}
    r = frames["ratings"]
    key = ["period", "subject_kind", "subject_code"]
    unit = on & (pl.col("subject_kind") == "unit")
    r = _remap(r, "subject_code", cmap, key, on & (pl.col("subject_kind") == "collective"))
    r = r.filter(~(unit & pl.col("subject_code").is_in(gone)))
    out["ratings"] = _remap(r, "subject_code", rename, key, unit)
    a = frames["awards"]
    key = ["year", "recipient_kind", "recipient_code", "award_code"]
    unit = on & (pl.col("recipient_kind") == "unit")
    a = _remap(a, "recipient_code", cmap, key, on & (pl.col("recipient_kind") == "collective"))
    a = a.filter(~(unit & pl.col("recipient_code").is_in(gone)))
    out["awards"] = _remap(a, "recipient_code", rename, key, unit)
    sc = frames["scores"].filter(~(on & pl.col("unit_code").is_in(gone)))
    out["scores"] = _remap(sc, "unit_code", rename, ["year", "unit_code", "criterion"], on)
    out["cluster_roles"] = _roles(frames["cluster_roles"])
    return out


def _roles(roles: pl.DataFrame) -> pl.DataFrame:
    """A role of 2025 on held by a merged-away unit passes to its successor when that one is in
    the same cluster and holds no role yet; otherwise to the cluster's first member without one."""
    if roles.is_empty():
        return roles
    after = members_after()
    rows = []
    for year, cluster, unit, role in roles.sort("year", "cluster_code", "role").iter_rows():
        if year >= YEAR and unit in ENDED:
            held = {u for y, c, u, _ in rows if (y, c) == (year, cluster)}
            held |= set(
                roles.filter((pl.col("year") == year) & (pl.col("cluster_code") == cluster))[
                    "unit_code"
                ]
            )
            cands = [MERGES[unit], *after.get(cluster, [])]
            unit = next(u for u in cands if u in after.get(cluster, []) and u not in held)
        rows.append((year, cluster, unit, role))
    return pl.DataFrame(rows, schema=roles.schema, orient="row").sort(
        "year", "cluster_code", "unit_code"
    )


def members_after() -> dict[str, list[str]]:
    """Cluster -> members from 2025 on (spec order, the new unit in its predecessor's place)."""
    from seed.demo_world import DEMO_CLUSTERS

    out: dict[str, list[str]] = {}
    for c in DEMO_CLUSTERS:
        codes = []
        for u in c.units:
            to = MERGES.get(u.code, u.code)
            if to == u.code or to == NEW_UNIT:
                codes.append(to)
        out[c.code] = codes
    return out


def unit_changes() -> pl.DataFrame:
    """The change rows: one merge row per predecessor, the continuing successors' own rows."""
    rows = [(EFFECTIVE, "merge", f, t, DECISION) for f, t in MERGES.items()]
    return pl.DataFrame(
        rows,
        schema={
            "effective_date": pl.Date,
            "kind": pl.String,
            "from_unit_code": pl.String,
            "to_unit_code": pl.String,
            "decision_no": pl.String,
        },
        orient="row",
    )
