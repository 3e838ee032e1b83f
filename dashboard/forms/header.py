"""Who files a form and to whom: the reporting body is the scope's own name (the unit; for a
cluster its lead unit that year, else the cluster; THIDUA_ORG_NAME for the whole database); the
receiving body comes from the catalogue by scope: a unit's form goes to its cluster's organiser
(clusters.organizer, else the lead unit), a cluster's to its organiser (else THIDUA_ORG_NAME),
the whole database's to the Ministry of Home Affairs."""

from __future__ import annotations

import polars as pl

from dashboard.i18n import t
from dashboard.organisation import membership
from data_access import settings
from data_access.catalog.forms import load_forms
from data_access.readers import Dataset

BLANK_LINE = "……………………………………"  # a line to write the name on, as printed forms leave


def _unit_name(ds: Dataset, unit: str) -> str:
    names = ds.units.filter(pl.col("unit_code").cast(pl.String) == unit)["unit_name"]
    return str(names[0]) if len(names) else unit


def _cluster_name(ds: Dataset, cluster: str) -> str:
    names = ds.clusters.filter(pl.col("cluster_code").cast(pl.String) == cluster)
    return str(names["cluster_name"][0]) if names.height else cluster


def organiser_name(ds: Dataset, cluster: str) -> str | None:
    """The body that organises `cluster` (clusters.organizer), or None."""
    if "organizer" not in ds.clusters.columns:
        return None
    row = ds.clusters.filter(pl.col("cluster_code").cast(pl.String) == cluster)
    name = row["organizer"][0] if row.height else None
    return " ".join(str(name).split()) or None if name is not None else None


def lead_unit(ds: Dataset, year: int, cluster: str) -> str | None:
    """The unit code that leads `cluster` in `year` (cluster_roles, role leader), or None."""
    roles = ds.cluster_roles
    if roles.is_empty():
        return None
    lead = roles.filter(
        (pl.col("year") == year)
        & (pl.col("cluster_code").cast(pl.String) == cluster)
        & (pl.col("role").cast(pl.String) == "leader")
    )
    return str(lead["unit_code"][0]) if lead.height else None


def _org(lang: str) -> str:
    return settings.org_name() or BLANK_LINE


def _cluster_of(ds: Dataset, year: int, unit: str) -> str | None:
    m = membership(ds, [year]).filter(pl.col("unit_code") == unit)
    return str(m["cluster_code"][0]) if m.height else None


def reporting_body(
    ds: Dataset, *, year: int, cluster: str | None, unit: str | None, lang: str
) -> str:
    if unit:
        return _unit_name(ds, unit)
    if cluster:
        name = _cluster_name(ds, cluster)
        lead = lead_unit(ds, year, cluster)
        if lead is None:
            return name
        return t("forms.organiser_of", lang, unit=_unit_name(ds, lead), cluster=name)
    return _org(lang)


def receiving_body(
    ds: Dataset, *, year: int, cluster: str | None, unit: str | None, lang: str
) -> str:
    scope = "unit" if unit else "cluster" if cluster else "all"
    template = load_forms()["0602"].receivers[f"{scope}_{lang}"]
    above = _org(lang)
    if unit:
        own = _cluster_of(ds, year, unit)
        lead = lead_unit(ds, year, own) if own else None
        if own and organiser_name(ds, own):
            above = str(organiser_name(ds, own))
        elif own and lead and lead != unit:
            above = _unit_name(ds, lead)
        # a unit in no cluster, or the lead unit of one with no organiser: the body above
    elif cluster:
        above = organiser_name(ds, cluster) or above
    return template.format(cluster_organiser=above, org=above)
