"""units.short_name (contract addition): optional, under its code, "Tên ngắn" or "Short name";
stored NFC and trimmed, empty as NULL, too long refused with the row and column named."""

from __future__ import annotations

import unicodedata

from import_kit import errors, run
from sqlalchemy import text

from data_access.readers import read_units

CLUSTERS = """
    cluster_code,cluster_name
    C1,Cụm thi đua số 4
"""


def _short_names(engine) -> dict[str, str | None]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT unit_code, short_name FROM units ORDER BY unit_code"))
        return dict(rows.all())


def test_codes_header_and_empty_cell(engine):
    report = run(
        engine,
        {
            "clusters.csv": CLUSTERS,
            "units.csv": """
                unit_code,unit_name,cluster_code,short_name
                U1,Trường Chính trị tỉnh Phú Thọ,C1,Phú Thọ
                U2,Trường Chính trị tỉnh Hà Nam,C1,
            """,
        },
    )
    assert report.ok, report.lines()
    assert _short_names(engine) == {"U1": "Phú Thọ", "U2": None}
    with engine.connect() as conn:
        units = read_units(conn)
    assert units.filter(unit_code="U1")["short_name"].to_list() == ["Phú Thọ"]


def test_vietnamese_header_decomposed_text(engine):
    nfd = unicodedata.normalize("NFD", " Sơn La ")
    report = run(
        engine,
        {
            "Cụm thi đua.csv": "Mã cụm,Tên cụm\nC1,Cụm 1\n".encode(),
            "Đơn vị.csv": f"Mã đơn vị,Tên đơn vị,Mã cụm,Tên ngắn\nU1,Trường X,C1,{nfd}\n".encode(),
        },
    )
    assert report.ok, report.lines()
    assert _short_names(engine) == {"U1": "Sơn La"}


def test_english_header(engine):
    report = run(
        engine,
        {
            "clusters.csv": CLUSTERS,
            "units.csv": """
                Unit code,Unit name,Cluster code,Short name
                U1,National Assembly Library,C1,Library
            """,
        },
        lang="en",
    )
    assert report.ok, report.lines()
    assert _short_names(engine) == {"U1": "Library"}


def test_too_long_is_refused_with_row_and_column(engine):
    long = "x" * 65  # the column holds 64 characters
    report = run(
        engine,
        {
            "clusters.csv": CLUSTERS,
            "units.csv": f"unit_code,unit_name,cluster_code,short_name\nU1,Trường X,C1,{long}\n",
        },
    )
    assert not report.ok
    assert errors(report) == [
        ("units.csv", 2, "short_name", long, "dài quá 64 ký tự cho phép của cột này")
    ]
    assert _short_names(engine) == {}
