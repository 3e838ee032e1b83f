"""CSV downloads: the data style ("." decimals, one form for every language) and the style for a
Vietnamese Excel (";" separators, "," decimals).

>>> to_csv_bytes(pl.DataFrame({"unit_code": ["=1+1"]}), headers="codes")
b"\\xef\\xbb\\xbfunit_code\\r\\n'=1+1\\r\\n"
>>> to_csv_bytes(pl.DataFrame({"value_pct": [89.83]}), headers="codes", style="excel_vi")
b'\\xef\\xbb\\xbfvalue_pct\\r\\n89,83\\r\\n'
"""

from __future__ import annotations

import csv
import io

import polars as pl

from dashboard.exports.cells import BOM, csv_cell, header_row, modes

# style -> (separator, decimal mark). "data": the CSV standard; a "." decimal never collides
# with the separator, and programs and English-locale spreadsheets read it as numbers (README,
# "Files"). "excel_vi": a Vietnamese Excel, whose list separator is ";" and decimal mark ",".
STYLES: dict[str, tuple[str, str]] = {"data": (",", "."), "excel_vi": (";", ",")}


def to_csv_bytes(
    frame: pl.DataFrame,
    *,
    headers: str = "vi",
    lang: str | None = None,
    style: str = "data",
    sep: str | None = None,
) -> bytes:
    """The frame as CSV bytes: UTF-8 with a byte-order mark (so Excel reads Vietnamese right),
    CRLF line ends, an empty cell for no value, no thousands separator. `style` picks the
    separator and decimal mark (STYLES); `sep` overrides the separator alone."""
    if style not in STYLES:
        raise ValueError(f"style={style!r}: use one of {', '.join(STYLES)}")
    headers, lang = modes(headers, lang)
    default_sep, decimal = STYLES[style]
    sep = sep or default_sep
    cells = frame.select(csv_cell(c, d, lang, decimal=decimal) for c, d in frame.schema.items())
    head = io.StringIO()
    csv.writer(head, delimiter=sep, lineterminator="\r\n").writerow(
        header_row(frame.columns, headers)
    )
    body = io.BytesIO()
    cells.write_csv(
        body, include_header=False, separator=sep, line_terminator="\r\n", null_value=""
    )
    return (BOM + head.getvalue()).encode("utf-8") + body.getvalue()
