"""Zip-bomb and sheet-size guard for workbooks, checked from the BYTES before any reader opens
them (whatever the file name says: an .xls or .csv that is a zip is checked the same way).

Two steps: the sizes the zip declares (total and ratio), then one streaming pass that inflates
each member in 1 MiB chunks up to its declared size and lets zipfile check the CRC, so a zip
that under-declares its sizes is caught too, with memory bounded by the chunk. The same pass
reads each worksheet's XML for its declared `<dimension>`, its farthest cell reference and its
formula cells: the XLSX reader allocates rows x columns cells for the used range, so a sheet
holding only A1 and XFD1048576 would ask for hundreds of gigabytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree

from data_access.importer.settings import Limits

ZIP_MAGIC = b"PK\x03\x04"
MAX_MEMBERS = 10_000
MAX_FORMULAS = 100_000  # formula cells remembered per sheet (for warnings / errors)
_CHUNK = 1024 * 1024
_OVERLAP = 4096  # a tag cut by a chunk boundary is found in the next window
_SHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$")
_DIMENSION = re.compile(
    rb'<dimension\s+ref="([A-Z]{1,3})([0-9]{1,7})(?::([A-Z]{1,3})([0-9]{1,7}))?"'
)
_CELL_REF = re.compile(rb'<c\s+r="([A-Z]{1,3})([0-9]{1,7})"')
_CELL = re.compile(rb'<c\s+r="([A-Z]{1,3})([0-9]{1,7})"[^>]*?(?:/>|>(.*?)</c>)', re.S)
_VALUE = re.compile(rb"<v>[^<]+</v>|<is>")

Problem = tuple[str, dict[str, object]]  # message id (messages.py) and its values


def column_index(letters: bytes | str) -> int:
    """1-based column number of spreadsheet letters (A -> 1, XFD -> 16384)."""
    n = 0
    for ch in letters if isinstance(letters, str) else letters.decode("ascii"):
        n = n * 26 + ord(ch) - 64
    return n


def _mb(n: float) -> str:
    return f"{n / 1024 / 1024:,.0f} MB"


@dataclass
class SheetScan:
    """What one worksheet's XML says about its size and formulas."""

    dimension: str | None = None
    dim_cols: int = 0
    dim_rows: int = 0
    min_col: int = 0  # first column with a cell (the reader's range starts there)
    max_col: int = 0
    max_row: int = 0
    far_cell: str | None = None
    # (row, 1-based column, has a cached value) of each formula cell
    formulas: list[tuple[int, int, bool]] = field(default_factory=list)
    _seen: int = 0  # stream offset where the last counted cell reference ended
    _seen_f: int = 0  # ... and the last formula cell

    def feed(self, window: bytes, start: int) -> None:
        """Scan one window beginning at stream offset `start` (windows overlap)."""
        if self.dimension is None and (d := _DIMENSION.search(window)):
            c1, r1 = column_index(d.group(1)), int(d.group(2))
            c2 = column_index(d.group(3)) if d.group(3) else c1
            r2 = int(d.group(4)) if d.group(4) else r1
            self.dimension = d.group(0).split(b'"')[1].decode("ascii")
            self.dim_cols, self.dim_rows = c2 - c1 + 1, r2 - r1 + 1
        for m in _CELL_REF.finditer(window, max(self._seen - start, 0)):
            self._seen = start + m.end()
            col, row = column_index(m.group(1)), int(m.group(2))
            if col > self.max_col or row > self.max_row:
                self.far_cell = (m.group(1) + m.group(2)).decode("ascii")
            self.max_col, self.max_row = max(self.max_col, col), max(self.max_row, row)
            self.min_col = col if not self.min_col else min(self.min_col, col)
        if b"<f" in window and len(self.formulas) < MAX_FORMULAS:
            for m in _CELL.finditer(window, max(self._seen_f - start, 0)):
                self._seen_f = start + m.end()
                body = m.group(3) or b""
                if b"<f" in body:
                    has_value = _VALUE.search(body) is not None
                    self.formulas.append((int(m.group(2)), column_index(m.group(1)), has_value))


@dataclass
class WorkbookScan:
    problem: Problem | None = None  # a reason to refuse the whole file before opening it
    sheets: dict[str, SheetScan] = field(default_factory=dict)  # by sheet name


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet member path -> sheet name, from workbook.xml and its relationships."""
    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, OSError):
        return {}
    target = {r.get("Id"): r.get("Target", "") for r in rels}
    out = {}
    for sheet in book.iter():
        if sheet.tag.endswith("}sheet") or sheet.tag == "sheet":
            rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
            path = target.get(rid, "").lstrip("/")
            path = path if path.startswith("xl/") else f"xl/{path}"
            out[path] = sheet.get("name", "")
    return out


def _sheet_problem(name: str, s: SheetScan, limits: Limits) -> Problem | None:
    if s.dimension and (s.dim_cols > limits.max_columns or s.dim_rows > limits.max_rows + 1):
        return "sheet_dimension", {
            "sheet": name,
            "ref": s.dimension,
            "columns": s.dim_cols,
            "rows": s.dim_rows,
            "max_columns": limits.max_columns,
            "max_rows": limits.max_rows,
        }
    if s.dimension and s.dim_cols * s.dim_rows > limits.max_cells:
        return "sheet_cells", {
            "sheet": name,
            "ref": s.dimension,
            "cells": s.dim_cols * s.dim_rows,
            "limit": limits.max_cells,
        }
    span = (s.max_col - s.min_col + 1) if s.max_col else 0
    if s.max_col > limits.max_columns or s.max_row > limits.max_rows + 1:
        return "sheet_far_cell", {
            "sheet": name,
            "ref": s.far_cell,
            "max_columns": limits.max_columns,
            "max_rows": limits.max_rows,
        }
    if span * s.max_row > limits.max_cells:
        return "sheet_cells", {
            "sheet": name,
            "ref": f"…{s.far_cell}",
            "cells": span * s.max_row,
            "limit": limits.max_cells,
        }
    return None


def scan_workbook(data: bytes, limits: Limits) -> WorkbookScan:
    """Why this workbook must not be opened (if so), and what its sheets hold.
    Not-a-zip is left to the reader."""
    out = WorkbookScan()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        return out  # the reader reports a damaged workbook (in our words, sources.py)
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            out.problem = "zip_members", {"members": len(members), "limit": MAX_MEMBERS}
            return out
        declared = sum(m.file_size for m in members)
        packed = max(sum(m.compress_size for m in members), 1)
        if declared > limits.max_unzipped_bytes:
            out.problem = (
                "zip_size",
                {
                    "size": _mb(declared),
                    "limit": _mb(limits.max_unzipped_bytes),
                },
            )
            return out
        if declared > _CHUNK and declared / packed > limits.max_zip_ratio:
            out.problem = (
                "zip_ratio",
                {
                    "ratio": f"{declared / packed:,.0f}",
                    "limit": f"{limits.max_zip_ratio:,.0f}",
                },
            )
            return out
        names = _sheet_names(archive)
        try:
            for m in members:
                sheet = SheetScan() if _SHEET.match(m.filename) else None
                with archive.open(m) as stream:
                    tail, offset = b"", 0
                    # zipfile stops at the declared size and checks the CRC at the end.
                    while chunk := stream.read(_CHUNK):
                        if sheet is not None:
                            sheet.feed(tail + chunk, offset - len(tail))
                            tail = chunk[-_OVERLAP:]
                        offset += len(chunk)
                if sheet is not None:
                    name = names.get(m.filename, m.filename)
                    out.sheets[name] = sheet
                    if problem := _sheet_problem(name, sheet, limits):
                        out.problem = problem
                        return out
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
            out.problem = "zip_corrupt", {"detail": type(exc).__name__}
    return out


def zip_problem(data: bytes, limits: Limits) -> Problem | None:
    """Why this workbook must not be opened, or None."""
    return scan_workbook(data, limits).problem
