"""Files to tables: read CSV and Excel into text cells, find the table and map the headers.

Every cell is read as text (the validator converts it, so a bad value is reported exactly as
written), normalised to NFC and stripped; an empty cell is null. Row numbers are the ones a
spreadsheet shows: the header is row 1.
"""

from __future__ import annotations

import csv
import io
import logging
import os
import unicodedata
from dataclasses import dataclass, field
from os import PathLike
from pathlib import PurePath

import polars as pl

from data_access.importer.columns import (
    EXAMPLES_SHEET,
    GUIDE_SHEET,
    LISTS_SHEET,
    TABLE_SPECS,
    fold,
    header_aliases,
    table_aliases,
)
from data_access.importer.decode import detect_delimiter
from data_access.importer.encodings import decode_file
from data_access.importer.messages import text as message
from data_access.importer.report import ErrorCollector
from data_access.importer.settings import CSV_SUFFIXES, EXCEL_SUFFIXES, Limits
from data_access.importer.zipguard import ZIP_MAGIC, SheetScan, scan_workbook

SKIPPED_SHEETS = {fold(GUIDE_SHEET), fold(LISTS_SHEET), fold(EXAMPLES_SHEET)}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls (BIFF in a compound file)
_SNIFF = 1024 * 1024  # bytes of a CSV's first line looked at before anything is decoded
# A "?" touching a letter: what an office suite writes for a letter its code page lacks.
_LOST_LETTER = r"\p{L}\?|\?\p{L}"
log = logging.getLogger(__name__)


@dataclass
class Source:
    """One table read from one file (or one sheet): text columns named by column code."""

    file: str
    table: str
    frame: pl.DataFrame  # known columns as String, plus __file and __row
    headers: dict[str, str] = field(default_factory=dict)  # column code -> header as written
    header_row: int = 1
    positions: dict[str, int] = field(default_factory=dict)  # column code -> 0-based position


def _clean(frame: pl.DataFrame) -> pl.DataFrame:
    """NFC, strip, empty -> null in every text column; drop rows with no value at all."""
    cols = [c for c in frame.columns if c != "__row"]
    # A leading apostrophe is how a spreadsheet user forces text ('90,5): not part of the value.
    cleaned = frame.with_columns(
        pl.col(c).cast(pl.String).str.normalize("NFC").str.strip_chars().str.strip_prefix("'")
        for c in cols
    ).with_columns(pl.when(pl.col(c) != "").then(pl.col(c)).alias(c) for c in cols)
    if not cols:
        return cleaned
    return cleaned.filter(pl.any_horizontal(pl.col(c).is_not_null() for c in cols))


def _letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based position (0 -> A, 26 -> AA)."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def _to_source(
    file: str, table: str, raw: pl.DataFrame, errors: ErrorCollector, limits: Limits
) -> Source | None:
    """Header row -> column codes; report unknown, repeated and missing columns."""
    frame = _clean(raw)
    if frame.is_empty():
        errors.add("no_header", file=file)
        return None
    positions = [c for c in frame.columns if c != "__row"]
    header_row = int(frame["__row"][0])
    header = frame.row(0, named=True)
    data = frame.slice(1)
    if len(positions) > limits.max_columns:
        errors.add(
            "too_many_columns",
            file=file,
            row=header_row,
            columns=len(positions),
            limit=limits.max_columns,
        )
        return None
    if data.height > limits.max_rows:
        errors.add("too_many_rows", file=file, limit=limits.max_rows)
        return None
    spec, aliases = TABLE_SPECS[table], header_aliases(table)
    known = ", ".join(c.code for c in spec.columns)
    codes: dict[str, str] = {}  # column code -> position
    headers: dict[str, str] = {}
    index: dict[str, int] = {}
    for i, pos in enumerate(positions):
        text = header[pos]
        if text is None:
            # A nameless column is harmless when empty (Excel's stray formatting).
            if data[pos].is_not_null().any():
                errors.add(
                    "unknown_column",
                    file=file,
                    row=header_row,
                    column=_letter(i),
                    table=table,
                    known=known,
                )
            continue
        code = aliases.get(fold(text))
        if code is None:
            errors.add(
                "unknown_column",
                file=file,
                row=header_row,
                column=text,
                value=text,
                table=table,
                known=known,
            )
        elif code in codes:
            errors.add(
                "duplicate_column",
                file=file,
                row=header_row,
                column=text,
                value=text,
                other=headers[code],
            )
        else:
            codes[code], headers[code], index[code] = pos, text, i
    for c in spec.columns:
        if c.required and c.code not in codes:
            errors.add(
                "missing_column",
                file=file,
                row=header_row,
                column=c.code,
                header=c.vi if errors.lang == "vi" else c.en,
                code=c.code,
            )
    out = data.select(
        pl.lit(file, pl.String).alias("__file"),
        pl.col("__row").cast(pl.Int64),
        *(pl.col(pos).alias(code) for code, pos in codes.items()),
    )
    return Source(file, table, out, headers, header_row, index)


def size_text(n: int) -> str:
    return f"{n / 1024**2:g} MB" if n >= 1024**2 else f"{n} B"


def _table_of(name: str) -> str | None:
    return table_aliases().get(fold(name))


def header_fields(data: bytes) -> int:
    """Fields of the first line, counted on its bytes (before decoding or parsing anything):
    the most any one delimiter splits it into. A line longer than the sniffed prefix counts
    what the prefix holds, which is enough to refuse a very wide header."""
    end = data.find(b"\n", 0, _SNIFF)
    line = data[: end if end >= 0 else _SNIFF]
    return 1 + max(line.count(d.encode("ascii")) for d in (",", ";", "\t"))


def _row_of_problem(text: str, delimiter: str) -> tuple[str, int | None, dict[str, object]]:
    """Where a CSV the fast reader refused goes wrong: the first row with more fields than the
    header, or the row where an unclosed quote starts."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    expected, start = None, 1
    try:
        for row in reader:
            if expected is None:
                expected = len(row)
            elif len(row) > expected:
                return "csv_ragged", start, {"found": len(row), "expected": expected}
            start = reader.line_num + 1
    except csv.Error:
        return "csv_quote", start, {}
    return "csv_unreadable", None, {}


def _lost_letters(source: Source, errors: ErrorCollector) -> None:
    for code in source.headers:
        errors.warn_rows(
            source.frame, pl.col(code).str.contains(_LOST_LETTER), "lost_letter", column=code
        )


def _read_csv(name: str, data: bytes, errors: ErrorCollector, limits: Limits) -> list[Source]:
    table = _table_of(PurePath(name).stem)
    if table is None:
        errors.add(
            "unknown_table", file=name, value=PurePath(name).stem, known=", ".join(TABLE_SPECS)
        )
        return []
    if (width := header_fields(data)) > limits.max_columns:
        errors.add("csv_too_wide", file=name, row=1, columns=width, limit=limits.max_columns)
        return []
    decoded = decode_file(data)
    if decoded.problem or decoded.text is None:
        msg_id, fmt = decoded.problem or ("unknown_encoding", {})
        errors.add(msg_id, file=name, row=fmt.get("line"), **fmt)  # type: ignore[arg-type]
        return []
    if decoded.legacy:
        errors.warn("encoding_converted", file=name, encoding=decoded.encoding)
    text = decoded.text
    if not text.strip():
        errors.add("no_header", file=name)
        return []
    delimiter = detect_delimiter(text)
    try:
        raw = pl.read_csv(
            text.encode("utf-8"),
            has_header=False,
            infer_schema=False,
            separator=delimiter,
            row_index_name="__row",
            row_index_offset=1,
            n_rows=limits.max_rows + 2,  # header + one over the limit is enough to say "too many"
        )
    except pl.exceptions.PolarsError as exc:
        log.info("CSV reader refused %s: %s", name, exc)  # the library's words, for the log
        msg_id, row, fmt = _row_of_problem(text, delimiter)
        errors.add("bad_csv", file=name, row=row, detail=message(msg_id, errors.lang, **fmt))
        return []
    source = _to_source(name, table, raw, errors, limits)
    if source:
        _lost_letters(source, errors)
    return [source] if source else []


def _formulas(source: Source, scan: SheetScan, positions: dict[str, int], errors: ErrorCollector):
    """Formula cells: the value Excel saved is imported (a warning); none saved is an error."""
    by_col = {pos: code for code, pos in positions.items()}
    for row, col, has_value in scan.formulas:
        code = by_col.get(col - scan.min_col)
        if code is None or row <= source.header_row:
            continue
        if has_value:
            errors.warn("formula_cached", file=source.file, row=row, column=code)
        else:
            errors.add("formula_no_value", file=source.file, row=row, column=code)


def _read_excel(
    name: str, data: bytes, errors: ErrorCollector, limits: Limits, scans: dict[str, SheetScan]
) -> list[Source]:
    try:
        sheets = pl.read_excel(
            data,
            sheet_id=0,
            engine="calamine",
            has_header=False,
            # skip_rows=0 keeps leading empty rows, so row numbers match the sheet's.
            read_options={"skip_rows": 0, "dtypes": "string", "n_rows": limits.max_rows + 2},
            drop_empty_rows=False,
            drop_empty_cols=False,
            raise_if_empty=False,
        )
    except Exception as exc:  # noqa: BLE001 - calamine raises its own exception family
        log.info("workbook reader refused %s: %s", name, exc)  # the library's words, for the log
        errors.add("bad_excel", file=name, detail=message("excel_unreadable", errors.lang))
        return []
    out = []
    for sheet, raw in sheets.items():
        if fold(sheet) in SKIPPED_SHEETS or raw.width == 0:
            continue  # the template's guide, examples and lists, and unused empty sheets
        label = f"{name}[{sheet}]"
        errors.see_file(label)
        table = _table_of(sheet)
        if table is None:
            errors.add("unknown_table", file=label, value=sheet, known=", ".join(TABLE_SPECS))
            continue
        raw = raw.with_row_index("__row", offset=1)
        source = _to_source(label, table, raw, errors, limits)
        if source:
            if sheet in scans:
                _formulas(source, scans[sheet], source.positions, errors)
            out.append(source)
    return out


def file_label(name: str) -> str:
    return unicodedata.normalize("NFC", PurePath(name).name)  # macOS gives NFD names


def accepted(name: str, data: bytes | PathLike, errors: ErrorCollector, limits: Limits) -> bool:
    """The checks made before a file is read at all: its kind by name, its size."""
    name = file_label(name)
    errors.see_file(name)
    if PurePath(name).suffix.lower() not in CSV_SUFFIXES + EXCEL_SUFFIXES:
        errors.add("unsupported_file", file=name)
        return False
    size = len(data) if isinstance(data, bytes | bytearray) else os.stat(data).st_size
    if size > limits.max_file_bytes:
        errors.add("file_too_large", file=name, limit=size_text(limits.max_file_bytes))
        return False
    return True


def read_sources(name: str, data: bytes, errors: ErrorCollector, limits: Limits) -> list[Source]:
    """The tables in one file (a CSV holds one, a workbook one per sheet). Runs in the parsing
    child (sandbox.py): the readers allocate here."""
    if not accepted(name, data, errors, limits):
        return []
    name = file_label(name)
    suffix = PurePath(name).suffix.lower()
    # What the bytes are decides, not the name: a zip named .xls or .csv is a workbook.
    if data.startswith(ZIP_MAGIC):
        scan = scan_workbook(data, limits)
        if scan.problem:
            msg_id, fmt = scan.problem
            if msg_id.startswith("zip_"):
                errors.add("zip_bomb", file=name, detail=message(msg_id, errors.lang, **fmt))
            else:
                errors.add(msg_id, file=name, **fmt)
            return []
        if suffix in EXCEL_SUFFIXES:
            return _read_excel(name, data, errors, limits, scan.sheets)
        return _read_csv(name, data, errors, limits)  # a renamed workbook: not text, said so
    if data.startswith(OLE_MAGIC) or suffix in EXCEL_SUFFIXES:
        return _read_excel(name, data, errors, limits, {})
    return _read_csv(name, data, errors, limits)
