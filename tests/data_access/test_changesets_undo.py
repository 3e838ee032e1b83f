"""Every import is a change set, and undoing it puts the data back exactly (issue 21): every
analytics export, CSV and XLSX, byte for byte as before the import, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from import_kit import csv, dump, run

from dashboard.cli import main
from dashboard.tables import TABLES
from data_access import changesets
from data_access.changes import changed_since
from data_access.engine import data_version

# The demo's codes: BN_TCT and its cluster CUM4_DBSH, BDBND (KHOI3_VPQH) and its first officer.
IMPORT_A = {
    "units.csv": """
        unit_code,unit_name,cluster_code
        NEW1,Trường Chính trị tỉnh Mới,CUM4_DBSH
        BN_TCT,Trường Chính trị tỉnh Bắc Ninh (tên mới),CUM4_DBSH
    """,
    "people.csv": "person_code,full_name\nPNEW1,Nguyễn Văn Mới\n",
    "roster.csv": """
        year,person_code,unit_code,collective_code,initiatives,discipline
        2025,PNEW1,NEW1,,2,none
        2025,CB0000001,BDBND,,7,canh_cao
        2024,CB0000002,BDBND,,3,none
    """,
    "ratings.csv": """
        period,subject_kind,subject_code,rating
        2025,person,CB0000001,HTXSNV
        2025,person,PNEW1,HTTNV
    """,
    "targets.csv": """
        year,scope_kind,scope_code,indicator,min_pct,max_pct
        2025,cluster,CUM4_DBSH,LDTT_RATE,80,
        2025,unit,BN_TCT,LDTT_RATE,95,
    """,
    "scores.csv": """
        year,unit_code,criterion,max_points,self_points,final_points
        2025,BDBND,"Công tác thi đua, khen thưởng",15,14,11.25
    """,
    "awards.csv": """
        year,recipient_kind,recipient_code,award_code,decision_no,decision_date
        2025,person,PNEW1,LDTT,12/QĐ-MOI,20/12/2025
    """,
}
YEAR = 2025
FORMATS = ("csv", "csv-excel-vi", "xlsx")


def _seed(engine) -> None:
    import seed

    seed.populate(engine, scale="demo", years=(2024, 2025), progress=False, in_progress_months=0)


def _xlsx_parts(data: bytes) -> dict[str, bytes]:
    """A workbook's parts, with the creation time xlsxwriter writes into docProps/core.xml
    fixed: the only bytes that differ between two exports of the same data."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    stamp = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)")
    parts["docProps/core.xml"] = stamp.sub(rb"\1T\2", parts["docProps/core.xml"])
    return parts


def _exports(engine, tmp_path) -> dict[tuple[str, str], object]:
    """Every analytics table in every format through `python -m dashboard export`."""
    url = engine.url.render_as_string(hide_password=False)
    out = {}
    for name in TABLES:
        for fmt in FORMATS:
            path = tmp_path / f"{name}.{fmt}"
            args = ["export", name, "--year", str(YEAR), "--format", fmt, "--out", str(path)]
            assert main([*args, "--db", url]) == 0
            data = path.read_bytes()
            out[(name, fmt)] = _xlsx_parts(data) if fmt == "xlsx" else data
    return out


@pytest.mark.slow
def test_import_then_undo_gives_every_export_back_byte_for_byte(engine, tmp_path):
    _seed(engine)
    before, rows = _exports(engine, tmp_path), dump(engine)
    report = run(engine, IMPORT_A)
    assert report.ok, report.lines()
    # 2 units, 1 person, 2 roster rows new, 1 roster row changed, ... as the files say
    assert {s.table: (s.inserted, s.updated) for s in report.summary} == {
        "units": (1, 1),
        "people": (1, 0),
        "roster": (1, 2),
        "ratings": (1, 1),
        "targets": (1, 1),
        "scores": (0, 1),
        "awards": (1, 0),
    }
    changed = _exports(engine, tmp_path)
    assert changed != before  # the import shows in the exports (else the test proves nothing)
    res = changesets.undo(engine, report.changeset_id, actor="test")
    assert res.deleted == {
        "units": 1, "people": 1, "roster": 1, "ratings": 1, "targets": 1, "awards": 1
    }  # fmt: skip
    assert res.restored == {"units": 1, "roster": 2, "ratings": 1, "targets": 1, "scores": 1}
    after = _exports(engine, tmp_path)
    for key in before:
        assert after[key] == before[key], key
    rows_after = dump(engine)
    rows.pop("meta"), rows_after.pop("meta")
    assert rows_after == rows


def test_undo_restores_nulls_dates_and_floats_exactly(engine):
    """Previous values that are NULL, dates and floats come back as stored (base data here)."""
    run(engine, {
        "clusters.csv": "cluster_code,cluster_name\nC1,Cụm 1\n",
        "units.csv": "unit_code,unit_name,cluster_code\nU1,A,C1\n",
        "people.csv": "person_code,full_name\nP1,An\n",
        "awards.csv": "year,recipient_kind,recipient_code,award_code,decision_no,decision_date\n"
        "2024,person,P1,LDTT,,2024-12-31\n",
        "scores.csv": "year,unit_code,criterion,max_points,self_points,final_points\n"
        "2024,U1,K1,10,0.1,\n",
    })  # fmt: skip
    before = dump(engine)
    report = run(engine, {
        "awards.csv": "year,recipient_kind,recipient_code,award_code,decision_no,decision_date\n"
        "2024,person,P1,LDTT,9/QĐ,2025-01-02\n",
        "scores.csv": "year,unit_code,criterion,max_points,self_points,final_points\n"
        "2024,U1,K1,10.5,0.30000000000000004,7\n",
    })  # fmt: skip
    assert report.ok and report.changeset_id
    changesets.undo(engine, report.changeset_id, actor="t")
    after = dump(engine)
    before.pop("meta"), after.pop("meta")
    assert after == before
    assert after["scores"] == [(2024, "U1", "K1", 10.0, 0.1, None)]


def test_an_identical_reimport_is_no_change_set(engine):
    files = {"clusters.csv": "cluster_code,cluster_name\nC1,Cụm 1\n"}
    first = run(engine, files)
    again = run(engine, files)
    assert first.changeset_id is not None and again.changeset_id is None
    assert changesets.list_changesets(engine)["id"].to_list() == [first.changeset_id]


def test_undo_bumps_the_version_with_the_tables_and_years_it_touched(engine):
    run(engine, {
        "clusters.csv": "cluster_code,cluster_name\nC1,Cụm 1\n",
        "units.csv": "unit_code,unit_name,cluster_code\nU1,A,C1\n",
    })  # fmt: skip
    report = run(
        engine,
        {"unit_counts.csv": "year,unit_code,measure,value\n2023,U1,staff,10\n2024,U1,staff,12\n"},
    )
    version = data_version(engine)
    changesets.undo(engine, report.changeset_id, actor="t")
    assert data_version(engine) != version
    assert changed_since(engine, version, data_version(engine)) == {"unit_counts": {2023, 2024}}


def test_the_list_names_who_when_files_and_rows(engine):
    run(engine, {"clusters.csv": "cluster_code,cluster_name\nC1,Cụm 1\nC2,Cụm 2\n"})
    from data_access.importer import import_files

    files = [("units.csv", csv("unit_code,unit_name,cluster_code\nU1,A,C1\n"))]
    report = import_files(engine, files, actor="thu_ky")
    listed = changesets.list_changesets(engine)
    assert listed.select("id", "username", "files", "inserted", "updated").rows() == [
        (report.changeset_id, "thu_ky", "units.csv", 1, 0),
        (report.changeset_id - 1, None, "clusters.csv", 2, 0),
    ]
    tables = changesets.changeset_tables(engine, listed["id"].to_list())
    assert tables.rows() == [
        (report.changeset_id - 1, "clusters", 2, 0),
        (report.changeset_id, "units", 1, 0),
    ]


def _sorted(frame):
    import polars as pl

    frame = frame.with_columns(pl.col(pl.Categorical).cast(pl.String))
    return frame.sort(frame.columns, nulls_last=True)


@pytest.mark.slow
def test_the_stored_aggregates_built_after_an_undo_are_those_before_the_import(sqlite_engine):
    """The undo's version names the partitions it touched; the incremental rebuild from the
    import's version re-exports just those, and what it gives equals the aggregates before."""
    from polars.testing import assert_frame_equal

    from dashboard import pipeline

    _seed(sqlite_engine)
    years = [2024, 2025]
    before = pipeline.build_aggregates(sqlite_engine)
    counts, budget = before.read("counts", years), before.read("budget", years)
    report = run(sqlite_engine, IMPORT_A)
    assert not pipeline.build_aggregates(sqlite_engine).read("counts", years).equals(counts)
    changesets.undo(sqlite_engine, report.changeset_id, actor="t")
    after = pipeline.build_aggregates(sqlite_engine)
    assert_frame_equal(_sorted(after.read("counts", years)), _sorted(counts))
    assert_frame_equal(_sorted(after.read("budget", years)), _sorted(budget))
    for name in ("roster", "ratings", "units", "people", "targets", "scores", "awards"):
        assert_frame_equal(
            _sorted(after.scan(name).collect()), _sorted(before.scan(name).collect())
        )
