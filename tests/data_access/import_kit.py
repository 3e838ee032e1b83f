"""Helpers for the importer tests: tiny CSV files, a consistent base dataset, table dumps."""

from __future__ import annotations

import unicodedata
from textwrap import dedent

from sqlalchemy import Engine, select

from data_access import models as m
from data_access.importer import ImportReport, import_files

# A small consistent dataset: one cluster, two units, people on U1's roster, one mass org.
BASE: dict[str, str] = {
    "clusters.csv": """
        cluster_code,cluster_name,organizer
        C1,Cụm thi đua số 4,Học viện Chính trị quốc gia Hồ Chí Minh
        C2,Khối thi đua III,
    """,
    "units.csv": """
        unit_code,unit_name,cluster_code,profile
        U1,Trường Chính trị tỉnh Phú Thọ,C1,civil
        U2,Trường Chính trị tỉnh Hà Nam,C1,
        U3,Văn phòng Quốc hội,C2,
    """,
    "collectives.csv": """
        collective_code,unit_code,collective_name,kind
        K1,U1,Khoa Lý luận cơ sở,department
        D1,U1,Công đoàn,mass_org
        K2,U2,Phòng Đào tạo,department
    """,
    "people.csv": """
        person_code,full_name
        P1,Nguyễn Văn An
        P2,Trần Thị Bình
    """,
    "roster.csv": """
        year,person_code,unit_code,collective_code,initiatives,discipline
        2023,P1,U1,K1,1,none
        2023,P2,U1,,0,
    """,
}

# Six rows, six different mistakes: values (year, count, choice) checked as the import converts
# them, references (unit, person, the collective's unit) against the database.
SIX = """
    year,person_code,unit_code,collective_code,initiatives,discipline
    2024,P1,U9,,1,none
    20x4,P2,U1,,0,
    2024,P7,U1,,0,none
    2025,P1,U1,,-1,none
    2025,P2,U1,,0,sa_thai
    2026,P2,U2,K1,0,none
"""


def csv(text: str) -> bytes:
    """An indented literal as CSV bytes (UTF-8, one line per row)."""
    return dedent(text).strip("\n").encode("utf-8") + b"\n"


def run(engine: Engine, files: dict[str, str | bytes], *, lang: str = "vi") -> ImportReport:
    """Import {name: text or bytes} through `import_files`, the upload page's entry point."""
    pairs = [(n, v if isinstance(v, bytes) else csv(v)) for n, v in files.items()]
    return import_files(engine, pairs, lang=lang)


def load_base(engine: Engine) -> None:
    report = run(engine, BASE)
    assert report.ok, report.lines()


def errors(report: ImportReport) -> list[tuple]:
    """(file, row, column, value, reason) per error, in report order."""
    return [(e.file, e.row, e.column, e.value, e.reason) for e in report.errors]


def dump(engine: Engine) -> dict[str, list[tuple]]:
    """Every contract table's rows, sorted: for comparing database content before and after."""
    out = {}
    with engine.connect() as conn:
        for model in m.CONTRACT_TABLES:
            t = model.__table__
            rows = conn.execute(select(t).order_by(*t.primary_key.columns)).all()
            out[t.name] = [tuple(r) for r in rows]
    with engine.connect() as conn:
        out["meta"] = [tuple(r) for r in conn.execute(select(m.Meta.key, m.Meta.value))]
    return out


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 writes it: base letters precomposed (ê, ơ, ư, ă, đ), tones as
    combining marks after them, since the code page has no precomposed toned letters."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in _TONES)
        out.append(
            unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES)) + tones
        )
    return "".join(out).encode("cp1258")
