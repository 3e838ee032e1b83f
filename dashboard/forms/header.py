"""Who files a form and to whom: the reporting body is the scope's own name (the unit; the
cluster's organiser, else the cluster; THIDUA_ORG_NAME for the whole database), the receiving
body comes from the catalogue by scope (a unit's form goes to its cluster's organiser)."""

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


def organiser(ds: Dataset, year: int, cluster: str) -> str | None:
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
        lead = organiser(ds, year, cluster)
        if lead is None:
            return name
        return t("forms.organiser_of", lang, unit=_unit_name(ds, lead), cluster=name)
    return _org(lang)


def receiving_body(
    ds: Dataset, *, year: int, cluster: str | None, unit: str | None, lang: str
) -> str:
    scope = "unit" if unit else "cluster" if cluster else "all"
    template = load_forms()["0602"].receivers[f"{scope}_{lang}"]
    organiser_name = _org(lang)
    if unit:
        own = _cluster_of(ds, year, unit)
        lead = organiser(ds, year, own) if own else None
        if own and lead and lead != unit:
            organiser_name = _unit_name(ds, lead)
        elif own and lead is None:
            organiser_name = _cluster_name(ds, own)
        # a unit in no cluster, or the organiser itself, files to the body above
    return template.format(cluster_organiser=organiser_name, org=_org(lang))
