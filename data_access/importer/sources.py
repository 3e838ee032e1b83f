"""Files to tables: read CSV and Excel into text cells, find the table and map the headers.

Every cell is read as text (the validator converts it, so a bad value is reported exactly as
written), normalised to NFC and stripped; an empty cell is null. Row numbers are the ones a
spreadsheet shows: the header is row 1.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePath

import polars as pl

from data_access.importer.columns import (
    GUIDE_SHEET,
    LISTS_SHEET,
    TABLE_SPECS,
    fold,
    header_aliases,
    table_aliases,
)
from data_access.importer.decode import decode_text, detect_delimiter
from data_access.importer.report import ErrorCollector
from data_access.importer.settings import CSV_SUFFIXES, EXCEL_SUFFIXES, Limits
from data_access.importer.zipguard import ZIP_SUFFIXES, zip_problem

SKIPPED_SHEETS = {fold(GUIDE_SHEET), fold(LISTS_SHEET)}


@dataclass
class Source:
    """One table read from one file (or one sheet): text columns named by column code."""

    file: str
    table: str
    frame: pl.DataFrame  # known columns as String, plus __file and __row
    headers: dict[str, str] = field(default_factory=dict)  # column code -> header as written
    header_row: int = 1


def _clean(frame: pl.DataFrame) -> pl.DataFrame:
    """NFC, strip, empty -> null in every text column; drop rows with no value at all."""
    cols = [c for c in frame.columns if c != "__row"]
    cleaned = frame.with_columns(
        pl.col(c).cast(pl.String).str.normalize("NFC").str.strip_chars() for c in cols
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
            codes[code], headers[code] = pos, text
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
    return Source(file, table, out, headers, header_row)


def size_text(n: int) -> str:
    return f"{n / 1024**2:g} MB" if n >= 1024**2 else f"{n} B"


def _table_of(name: str) -> str | None:
    return table_aliases().get(fold(name))


def _read_csv(name: str, data: bytes, errors: ErrorCollector, limits: Limits) -> list[Source]:
    table = _table_of(PurePath(name).stem)
    if table is None:
        errors.add(
            "unknown_table", file=name, value=PurePath(name).stem, known=", ".join(TABLE_SPECS)
        )
        return []
    text = decode_text(data)
    if text is None:
        errors.add("unknown_encoding", file=name)
        return []
    if not text.strip():
        errors.add("no_header", file=name)
        return []
    try:
        raw = pl.read_csv(
            text.encode("utf-8"),
            has_header=False,
            infer_schema=False,
            separator=detect_delimiter(text),
            row_index_name="__row",
            row_index_offset=1,
            n_rows=limits.max_rows + 2,  # header + one over the limit is enough to say "too many"
        )
    except pl.exceptions.PolarsError as exc:
        errors.add("bad_csv", file=name, detail=str(exc).strip().splitlines()[0])
        return []
    source = _to_source(name, table, raw, errors, limits)
    return [source] if source else []


def _read_excel(name: str, data: bytes, errors: ErrorCollector, limits: Limits) -> list[Source]:
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
        errors.add("bad_excel", file=name, detail=str(exc).strip().splitlines()[0])
        return []
    out = []
    for sheet, raw in sheets.items():
        if fold(sheet) in SKIPPED_SHEETS or raw.width == 0:
            continue  # the template's guide and lists, and unused empty sheets
        label = f"{name}[{sheet}]"
        errors.see_file(label)
        table = _table_of(sheet)
        if table is None:
            errors.add("unknown_table", file=label, value=sheet, known=", ".join(TABLE_SPECS))
            continue
        raw = raw.with_row_index("__row", offset=1)
        source = _to_source(label, table, raw, errors, limits)
        if source:
            out.append(source)
    return out


def read_sources(name: str, data: bytes, errors: ErrorCollector, limits: Limits) -> list[Source]:
    """The tables in one file (a CSV holds one, a workbook one per sheet)."""
    name = unicodedata.normalize("NFC", PurePath(name).name)  # macOS gives NFD names
    errors.see_file(name)
    suffix = PurePath(name).suffix.lower()
    if suffix not in CSV_SUFFIXES + EXCEL_SUFFIXES:
        errors.add("unsupported_file", file=name)
        return []
    if len(data) > limits.max_file_bytes:
        errors.add("file_too_large", file=name, limit=size_text(limits.max_file_bytes))
        return []
    if suffix in ZIP_SUFFIXES and (problem := zip_problem(data, limits)):
        errors.add("zip_bomb", file=name, detail=problem)
        return []
    if suffix in EXCEL_SUFFIXES:
        return _read_excel(name, data, errors, limits)
    return _read_csv(name, data, errors, limits)
