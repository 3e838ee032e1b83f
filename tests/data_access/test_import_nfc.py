"""Decomposed Vietnamese (as macOS and cp1258 produce it) is stored composed (NFC), stripped."""

from __future__ import annotations

import unicodedata

from sqlalchemy import text

from data_access.importer import import_files


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


def test_decomposed_text_is_stored_composed(engine):
    content = nfd("Mã cá nhân,Họ và tên\n  P1 , Nguyễn Văn An \n")  # header in NFD too
    assert content != unicodedata.normalize("NFC", content)  # the input really is decomposed
    report = import_files(engine, [(nfd("Cá nhân.csv"), content.encode("utf-8"))])
    assert report.ok, report.lines()
    with engine.connect() as conn:
        row = conn.execute(text("SELECT person_code, full_name FROM people")).one()
    assert tuple(row) == ("P1", "Nguyễn Văn An")
    assert unicodedata.is_normalized("NFC", row[1])
