"""Peak memory as the operating system sees it (resident set size).

tracemalloc sees only Python's allocator; Polars and Arrow allocate in Rust, so only the RSS
counts. `ru_maxrss` is the peak of the whole process life (kilobytes on Linux).
"""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def peak_mb() -> float:
    """Peak RSS of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_peak_mb() -> float:
    """Peak RSS of the largest child process waited for so far, in MB."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def cpu_seconds() -> float:
    """User + system CPU time of this process so far, all threads."""
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def median_time(fn: Callable[[], T], runs: int) -> tuple[float, list[float], T]:
    """(median seconds, every run's seconds, the last result) of `runs` calls of `fn`."""
    times: list[float] = []
    out: T
    for _ in range(max(1, runs)):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times, out
