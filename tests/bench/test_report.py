"""The benchmark's last line: six figures, three significant digits, never an exponent."""

from __future__ import annotations

import pytest

from bench.report import sig3, summary_line


@pytest.mark.parametrize(
    ("x", "text"),
    [
        (0.123456, "0.123"),
        (1.23456, "1.23"),
        (12.3456, "12.3"),
        (0.0012345, "0.00123"),
        (2345.6, "2350"),  # to the nearest ten
        (1_234_567.0, "1230000"),
        (4.0, "4.00"),
        (0, "0"),
        (None, "n/a"),
    ],
)
def test_three_significant_digits(x, text):
    assert sig3(x) == text


def test_summary_line_names_every_figure_in_order():
    figures = {
        "pipeline_s": 0.8123,
        "pandas_ratio": 6.04,
        "sql_ratio": 31.25,  # a tie, exact in binary: Python rounds half to even → 31.2
        "duckdb_ratio": 2.5,
        "cold_s": 1.234,
        "app_peak_mb": 612.7,
        "import_visible_s": 14.06,
        "browser_warm_s": 0.2871,
        "load_s": 1.5,
        "page_warm_s": 0.1234,
        "peak_mb": 2941.2,
    }
    assert summary_line(figures) == (
        "bench: pipeline_s=0.812 pandas_ratio=6.04 sql_ratio=31.2 duckdb_ratio=2.50 "
        "cold_s=1.23 app_peak_mb=613 import_visible_s=14.1 browser_warm_s=0.287 load_s=1.50 "
        "page_warm_s=0.123 peak_mb=2940"
    )


def test_a_figure_not_measured_is_na():
    assert summary_line({}).endswith("page_warm_s=n/a peak_mb=n/a")
