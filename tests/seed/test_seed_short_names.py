"""The demo's units get sensible short names: the schools lose "Trường Chính trị tỉnh", a few
units carry an imported short name, and no two units of a cluster look alike."""

from __future__ import annotations

import polars as pl

from dashboard.names import short_names
from data_access.readers import read_units


def test_demo_short_names(seeded):
    with seeded.connect() as conn:
        units = read_units(conn)
    got = short_names(units).join(
        units.select(pl.col("unit_code", "cluster_code").cast(pl.String)), on="unit_code"
    )
    names = dict(zip(got["unit_code"], got["short_name"], strict=True))
    assert names["SL_TCT"] == "Sơn La"
    assert names["HN_TCT"] == "Hà Nam"
    assert names["LCH_TCT"] == "Lai Châu"
    # imported (demo_world.py), the rest of their clusters in full: no first word is shared
    assert names["VP_HVCT"] == "Văn phòng Học viện"
    assert names["VPDDQH"] == "VP Đảng đoàn Quốc hội"
    assert names["TVQH"] == "Thư viện Quốc hội"
    assert names["PCT_HVCT"] == "Phòng Chính trị"
    # Hải Phòng's new school (2025) is a city's: its short name comes with it, so the
    # provinces' schools keep theirs ("Hà Nam", not "tỉnh Hà Nam")
    assert names["HP_TCT"] == "Hải Phòng"
    assert set(got.filter(~pl.col("derived"))["unit_code"]) == {
        "VP_HVCT",
        "VPDDQH",
        "TTBD",
        "HP_TCT",
    }
    per_cluster = got.group_by("cluster_code").agg(
        pl.col("short_name").n_unique().alias("distinct"), pl.len().alias("units")
    )
    assert (per_cluster["distinct"] == per_cluster["units"]).all()
