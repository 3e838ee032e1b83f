"""The one rule that keeps text from running as a spreadsheet formula, shared by every file the
project writes: the analytics exports (dashboard/exports, which import it from here) and the
importer's own error and warning lists (issue 20: a cell `=HYPERLINK(…)` or a file named
`=1+2.csv` came back live in the error CSV). Here, below both, so the arrows stay downward.

A text cell beginning with = + - @ (or tab/CR, or their full-width forms) would run as a
formula; such text gets an apostrophe in front. Numbers stay numbers.
"""

from __future__ import annotations

import re

import polars as pl

DANGEROUS_START = "=+-@\t\r＝＋－＠"
DANGER_RE = "^[" + re.escape(DANGEROUS_START) + "]"


def neutralise(text: str | None) -> str | None:
    """Prefix an apostrophe to text a spreadsheet would run as a formula."""
    if text and text[0] in DANGEROUS_START:
        return "'" + text
    return text


def neutralise_expr(expr: pl.Expr) -> pl.Expr:
    """Expression twin of `neutralise`, for String columns."""
    risky = expr.str.contains(DANGER_RE)
    return pl.when(risky).then(pl.lit("'") + expr).otherwise(expr).name.keep()


def neutralise_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """Every text column of `frame` (String or Categorical, as text) neutralised."""
    text = [c for c, t in frame.schema.items() if t in (pl.String, pl.Categorical)]
    return frame.with_columns(neutralise_expr(pl.col(c).cast(pl.String)) for c in text)
