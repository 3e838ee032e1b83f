"""Argument types shared by the subcommands."""

from __future__ import annotations

import argparse

# Years the command line accepts (issue 20: `--year 32768` reached Polars and ended in a
# traceback). A year outside the data's own range (data_access.models) simply has no rows.
YEAR_FIRST, YEAR_LAST = 1900, 2100


def year_arg(text: str) -> int:
    """`--year`: a whole number from YEAR_FIRST to YEAR_LAST, else argparse's usage error."""
    try:
        value = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a year: {text!r}") from None
    if not YEAR_FIRST <= value <= YEAR_LAST:
        raise argparse.ArgumentTypeError(
            f"year {value} outside {YEAR_FIRST}-{YEAR_LAST} / năm ngoài khoảng"
        )
    return value
