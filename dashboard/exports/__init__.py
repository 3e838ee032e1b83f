"""Downloads: CSV (the data style, and "CSV cho Excel tiếng Việt") and print-ready XLSX.

See `cells` for the modes, `csv_out` for the CSV styles, `xlsx_out` for the workbook.
"""

from dashboard.exports.cells import BOM, MODES, header_row, is_pct
from dashboard.exports.csv_out import STYLES, to_csv_bytes
from dashboard.exports.xlsx_out import print_setup, to_xlsx_bytes
from data_access.formulas import DANGEROUS_START, neutralise, neutralise_expr

__all__ = [
    "BOM",
    "DANGEROUS_START",
    "MODES",
    "STYLES",
    "header_row",
    "is_pct",
    "neutralise",
    "neutralise_expr",
    "print_setup",
    "to_csv_bytes",
    "to_xlsx_bytes",
]
