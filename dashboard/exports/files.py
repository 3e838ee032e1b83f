"""One file, one code path (issue 19): the bytes of a table's download, the same for the command
line's `export` and for every download button of the app.

`table_file` writes any frame (a contract table or a page's own table) in one of the formats,
with its printed title; `analytics_file` is the file of a contract table for a year and scope,
with its names beside the codes, titled as `export TABLE --year Y [--cluster C] [--unit U]`
titles it. The command line and the pages both call `analytics_file`, so the two files differ
only in the export time (the footer's date and the workbook's creation time).
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from dashboard.exports.csv_out import to_csv_bytes
from dashboard.exports.xlsx_out import TOTAL_COLUMNS, to_xlsx_bytes
from dashboard.i18n import label, t
from dashboard.naming import file_title
from dashboard.tables import analytics_table
from data_access.readers import Dataset

# csv: the data style ("." decimals in every language); csv-excel-vi: ";" and "," decimals
# for a Vietnamese Excel; xlsx: the people's format, set up to print (README, "Files").
FORMATS = ("csv", "csv-excel-vi", "xlsx")


def table_file(
    frame: pl.DataFrame,
    *,
    fmt: str,
    headers: str,
    title: str | None,
    sheet: str | None = None,
    totals: tuple[str, ...] = (),
    exported: dt.date | None = None,
) -> bytes:
    """`frame` as a file: `fmt` one of FORMATS, `headers` "vi" | "en" | "codes" (the cells'
    labels follow it, as in the command line); `title` printed in the workbook's page header,
    `sheet` its sheet name, `totals` the columns summed in its last row."""
    if fmt == "xlsx":
        return to_xlsx_bytes(frame, headers=headers, sheet_name=sheet, title=title,
                             totals=totals, exported=exported)  # fmt: skip
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r}: use one of {', '.join(FORMATS)}")
    return to_csv_bytes(
        frame, headers=headers, style="excel_vi" if fmt == "csv-excel-vi" else "data"
    )


def page_title(section: str, scope: str, year: int | None, lang: str) -> str:
    """The printed title of a page's own table: its section, the scope's name and the year, in
    the words of a contract table's title."""
    if year is None:
        return f"{section} — {scope}"
    return t("files.title", lang, table=section, scope=scope, year=year)


def analytics_file(
    table: str,
    ds: Dataset,
    *,
    year: int,
    cluster: str | None,
    unit: str | None,
    fmt: str,
    headers: str,
    lang: str,
    frame: pl.DataFrame | None = None,
    exported: dt.date | None = None,
) -> bytes:
    """Contract table `table` for `year` and the scope, with the names beside its codes in
    `lang`, as a file. `frame`: the table already computed (and cut to an account's scope) by
    `analytics_table(…, lang=lang)`; else it is computed from `ds`, which then needs the years
    the table reads (dashboard.commands.export_cmd.years_needed)."""
    if frame is None:
        frame = analytics_table(table, ds, year=year, cluster=cluster, unit=unit, lang=lang)
    return table_file(
        frame,
        fmt=fmt,
        headers=headers,
        title=file_title(table, ds, year=year, cluster=cluster, unit=unit, lang=lang),
        sheet=label("table", table, lang) if headers != "codes" else table,
        totals=TOTAL_COLUMNS.get(table, ()),
        exported=exported,
    )
