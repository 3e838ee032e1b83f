"""Zip-bomb guard for workbooks (.xlsx/.xlsm/.xlsb/.ods are zip files): checked BEFORE calamine
opens them, which would inflate every sheet's XML into memory.

Two steps: the sizes the zip declares (total and ratio), then one streaming pass that inflates
each member in 1 MiB chunks up to its declared size and lets zipfile check the CRC, so a zip
that under-declares its sizes is caught too, with memory bounded by the chunk.
"""

from __future__ import annotations

import io
import zipfile

from data_access.importer.settings import Limits

ZIP_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".ods")
MAX_MEMBERS = 10_000
_CHUNK = 1024 * 1024


def _mb(n: float) -> str:
    return f"{n / 1024 / 1024:,.0f} MB"


def zip_problem(data: bytes, limits: Limits) -> str | None:
    """Why this workbook must not be opened, or None. Not-a-zip is left to the reader."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # calamine reports a damaged workbook in its own words
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            return f"{len(members)} members > {MAX_MEMBERS}"
        declared = sum(m.file_size for m in members)
        packed = max(sum(m.compress_size for m in members), 1)
        if declared > limits.max_unzipped_bytes:
            return f"{_mb(declared)} unzipped > {_mb(limits.max_unzipped_bytes)}"
        if declared > _CHUNK and declared / packed > limits.max_zip_ratio:
            return f"ratio {declared / packed:,.0f}:1 > {limits.max_zip_ratio:,.0f}:1"
        try:
            for m in members:
                with archive.open(m) as stream:
                    # zipfile stops at the declared size and checks the CRC at the end.
                    while stream.read(_CHUNK):
                        pass
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
            return f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    return None
