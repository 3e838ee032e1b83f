"""The benchmark's last line: every figure, three significant digits, never an exponent; the
app's figures against the floor app's (ratios and differences worked by hand)."""

from __future__ import annotations

import pytest

from bench.browser import floor_figures
from bench.report import SUMMARY_KEYS, sig3, summary_line


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
        "floor_cold_s": 5.0,
        "cold_ratio": 1.5,
        "cold_over_s": 2.5,
        "cold_cpu_over_s": 1.25,
        "floor_warm_s": 0.25,
        "warm_ratio": 1.2,
        "warm_p95_ratio": 1.75,
        "warm_cpu_ratio": 2.0,
        "first_bytes": 1_234_567,
    }
    assert summary_line(figures) == (
        "bench: pipeline_s=0.812 pandas_ratio=6.04 sql_ratio=31.2 duckdb_ratio=2.50 "
        "cold_s=1.23 app_peak_mb=613 import_visible_s=14.1 browser_warm_s=0.287 load_s=1.50 "
        "page_warm_s=0.123 peak_mb=2940 floor_cold_s=5.00 cold_ratio=1.50 cold_over_s=2.50 "
        "cold_cpu_over_s=1.25 floor_warm_s=0.250 warm_ratio=1.20 warm_p95_ratio=1.75 "
        "warm_cpu_ratio=2.00 first_bytes=1230000"
    )


def test_a_figure_not_measured_is_na():
    assert summary_line({}).endswith(
        "page_warm_s=n/a peak_mb=n/a floor_cold_s=n/a "
        + " ".join(f"{k}=n/a" for k in SUMMARY_KEYS[SUMMARY_KEYS.index("floor_cold_s") + 1 :])
    )


def test_the_app_against_the_floor_worked_by_hand():
    # app: cold 7.5 s (3.0 s CPU), warm p50 0.6 s, p95 1.5 s, 0.12 s CPU a change;
    # floor: cold 5.0 s (1.0 s CPU), warm p50 0.5 s, p95 0.6 s, 0.04 s CPU a change
    app = {"cold_s": 7.5, "cold_cpu_s": 3.0, "warm_p50": 0.6, "warm_p95": 1.5, "warm_cpu_s": 0.12}
    floor = {"cold_s": 5.0, "cold_cpu_s": 1.0, "warm_p50": 0.5, "warm_p95": 0.6,
             "warm_cpu_s": 0.04}  # fmt: skip
    got = floor_figures(app, floor)
    assert got == pytest.approx(
        {
            "floor_cold_s": 5.0,
            "floor_warm_s": 0.5,
            "warm_ratio": 1.2,  # 0.6 / 0.5
            "warm_p95_ratio": 2.5,  # 1.5 / 0.6
            "warm_cpu_ratio": 3.0,  # 0.12 / 0.04
            "cold_ratio": 1.5,  # 7.5 / 5.0
            "cold_over_s": 2.5,  # 7.5 - 5.0
            "cold_cpu_over_s": 2.0,  # 3.0 - 1.0
        }
    )


def test_without_the_floor_the_comparisons_are_missing():
    got = floor_figures({"cold_s": 7.5, "warm_p50": 0.6}, {})
    assert set(got) == {
        "floor_cold_s",
        "floor_warm_s",
        "warm_ratio",
        "warm_p95_ratio",
        "warm_cpu_ratio",
        "cold_ratio",
        "cold_over_s",
        "cold_cpu_over_s",
    }
    assert all(v is None for v in got.values())
    # a floor that took no CPU gives no ratio rather than a division by zero
    assert floor_figures({"warm_cpu_s": 0.1}, {"warm_cpu_s": 0.0})["warm_cpu_ratio"] is None
