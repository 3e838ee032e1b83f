"""A zip bomb posing as XLSX is refused before calamine opens it: by declared size, by ratio,
and when the zip lies about its sizes (the streaming CRC pass). Memory stays bounded and the
database is unchanged."""

from __future__ import annotations

import io
import struct
import time
import tracemalloc
import zipfile

import pytest
from import_kit import dump, load_base

from data_access.importer import import_files

pytestmark = pytest.mark.slow
MiB = 1024 * 1024
ROW = b'<row><c t="inlineStr"><is><t>AAAAAAAAAAAAAAAA</t></is></c></row>'


def _bomb(inflated: int) -> bytes:
    """A workbook shell whose sheet1.xml inflates to `inflated` bytes of rows."""
    buf = io.BytesIO()
    chunk = ROW * (MiB // len(ROW))
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as w:
            for _ in range(inflated // len(chunk)):
                w.write(chunk)
    return buf.getvalue()


@pytest.fixture(scope="module")
def big_bomb() -> bytes:
    return _bomb(1536 * MiB)  # 1.5 GiB of sheet XML in a few MB


def _refused(engine, data: bytes) -> tuple[str, float, int]:
    load_base(engine)
    before = dump(engine)
    tracemalloc.start()
    t0 = time.perf_counter()
    report = import_files(engine, [("people.xlsx", data)])
    seconds = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert not report.ok
    assert dump(engine) == before
    return report.errors[0].kind, seconds, peak


def test_declared_gigabytes_are_refused(sqlite_engine, big_bomb):
    assert len(big_bomb) < 8 * MiB  # small on disk
    kind, seconds, peak = _refused(sqlite_engine, big_bomb)
    assert kind == "zip_bomb"
    assert seconds < 2 and peak < 3 * len(big_bomb) + 16 * MiB


def test_high_ratio_is_refused(sqlite_engine):
    kind, _, _ = _refused(sqlite_engine, _bomb(64 * MiB))  # well under 1 GiB, ratio ~1000:1
    assert kind == "zip_bomb"


def _lie_about_size(data: bytes, name: bytes, size: int) -> bytes:
    """Rewrite the member's uncompressed size in the local header and central directory."""
    out = bytearray(data)
    local = out.find(b"PK\x03\x04" + out[4:4])  # first local header
    while local != -1:
        n = struct.unpack_from("<H", out, local + 26)[0]
        if out[local + 30 : local + 30 + n] == name:
            struct.pack_into("<I", out, local + 22, size)
        local = out.find(b"PK\x03\x04", local + 4)
    central = out.find(b"PK\x01\x02")
    while central != -1:
        n = struct.unpack_from("<H", out, central + 28)[0]
        if out[central + 46 : central + 46 + n] == name:
            struct.pack_into("<I", out, central + 24, size)
        central = out.find(b"PK\x01\x02", central + 4)
    return bytes(out)


def test_zip_that_under_declares_is_refused(sqlite_engine):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", ROW * 20_000)  # 1.2 MB, declared as 1 kB below
    liar = _lie_about_size(buf.getvalue(), b"xl/worksheets/sheet1.xml", 1000)
    kind, _, _ = _refused(sqlite_engine, liar)
    assert kind == "zip_bomb"
