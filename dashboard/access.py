"""Who may see what (issue 6). Pure functions over frames: the app, every export and the CLI call
these on the server side, so editing the URL cannot widen what a role sees.

| role              | scope             | sees                                  |
|-------------------|-------------------|---------------------------------------|
| viewer            | a cluster or unit | aggregates of its scope; no persons   |
| unit_officer      | its unit          | person-level data of its unit         |
| cluster_secretary | its cluster       | person-level data; imports for units  |
| admin             | everything        | everything                            |

The `units` frames are (unit_code, cluster_code) pairs: callers pass
`dashboard.organisation.affiliations(ds)` — the current clusters and every year's membership — so
a cluster's secretary or viewer sees the units their cluster had in any year (a unit that left
keeps its past rows visible to its old cluster; its new cluster sees it too) and never loses the
current members (contract 0.3.0).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl

# Analytics tables that carry person-level data (names, codes of people).
PERSON_TABLES = frozenset({"eligibility", "people", "streaks", "audit"})


@dataclass(frozen=True)
class Principal:
    username: str | None
    role: str
    scope_code: str | None = None

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


# THIDUA_AUTH_MODE=open: one person on their own computer with the embedded demo.
OPEN_ACCESS = Principal(username=None, role="admin")


class AccessDenied(PermissionError):
    """The principal's role does not allow this; the message says what and why."""


def _units_of(units: pl.DataFrame, cluster: str) -> set[str]:
    rows = units.filter(pl.col("cluster_code").cast(pl.String) == cluster)
    return set(rows.get_column("unit_code").cast(pl.String).to_list())


def visible_units(p: Principal, units: pl.DataFrame) -> frozenset[str]:
    """Unit codes whose figures `p` may see. `units` has unit_code and cluster_code."""
    all_units = set(units.get_column("unit_code").cast(pl.String).to_list())
    if p.is_admin:
        return frozenset(all_units)
    scope = p.scope_code or ""
    if p.role == "cluster_secretary":
        return frozenset(_units_of(units, scope))
    if p.role == "unit_officer":
        return frozenset({scope} & all_units)
    if p.role == "viewer":
        return frozenset(_units_of(units, scope) | ({scope} & all_units))
    return frozenset()


def visible_clusters(p: Principal, units: pl.DataFrame) -> frozenset[str]:
    """Clusters whose pooled figures `p` may see: only clusters whose every unit is visible."""
    seen = visible_units(p, units)
    by_cluster = units.group_by(pl.col("cluster_code").cast(pl.String)).agg(
        pl.col("unit_code").cast(pl.String)
    )
    return frozenset(c for c, us in by_cluster.iter_rows() if us and set(us) <= seen)


def can_see_persons(p: Principal) -> bool:
    return p.role in ("admin", "unit_officer", "cluster_secretary")


def can_import(p: Principal, unit_codes: Iterable[str], units: pl.DataFrame) -> bool:
    """Admins import anything; a cluster secretary only rows of its cluster's units."""
    if p.is_admin:
        return True
    if p.role != "cluster_secretary":
        return False
    return set(unit_codes) <= visible_units(p, units)


def restrict(
    frame: pl.DataFrame,
    p: Principal,
    units: pl.DataFrame,
    *,
    unit_col: str = "unit_code",
    cluster_col: str = "cluster_code",
) -> pl.DataFrame:
    """Keep the rows `p` may see. A row without a unit (a cluster's pooled row) stays only when
    the whole cluster is visible."""
    if p.is_admin:
        return frame
    seen = list(visible_units(p, units))
    clusters = list(visible_clusters(p, units))
    unit = pl.col(unit_col).cast(pl.String)
    keep = unit.is_in(seen)
    if cluster_col in frame.columns:
        keep = keep | (unit.is_null() & pl.col(cluster_col).cast(pl.String).is_in(clusters))
    return frame.filter(keep.fill_null(False))


def check_table(p: Principal, table: str) -> None:
    """Raise AccessDenied when `table` carries person-level data `p` may not see."""
    if table in PERSON_TABLES and not can_see_persons(p):
        raise AccessDenied(
            f"Role {p.role!r} sees aggregates only; table {table!r} holds person-level data"
        )


def refreshed(p: Principal, current: Principal | None) -> Principal | None:
    """The session's principal after re-reading its account (issue 14), on every interaction:
    None ends the session (account disabled or removed), otherwise the account as it is now
    (a changed role or scope narrows or widens the open session at once). Open mode, which has
    no account, stays as it is."""
    if p.username is None:
        return p
    if current is None or current.username != p.username:
        return None
    return current


def can_close_year(p: Principal, cluster: str | None) -> bool:
    """Who closes or reopens a year (khóa sổ): an admin for any cluster or the whole year, a
    cluster secretary for its own cluster only."""
    if p.is_admin:
        return True
    return p.role == "cluster_secretary" and cluster is not None and cluster == p.scope_code
