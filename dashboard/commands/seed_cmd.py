"""Load deterministic demo data (demo, province ≈ 50 000 staff, national ≈ 2 000 000 staff).

`--reset` replaces the data already there; a database holding imported data is refused unless
`--yes-delete-imported-data` is given too. Every seed is audited with the operating-system user.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
import time

from dashboard.commands.argtypes import year_arg
from data_access.accounts import audit, os_actor
from data_access.engine import make_engine, upgrade
from seed import CURRENT_MONTHS, DEFAULT_SEED, DEFAULT_YEARS, SCALES, SeedError, populate


def _years(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d{4})\s*(?:-\s*(\d{4})\s*)?", text)
    if not m:
        raise argparse.ArgumentTypeError(f"expected A-B, e.g. 2019-2025, got {text!r}")
    first = year_arg(m.group(1))
    return first, year_arg(m.group(2) or m.group(1))


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--scale", choices=SCALES, default="demo", help="how much data (default demo)")
    p.add_argument(
        "--years",
        type=_years,
        default=DEFAULT_YEARS,
        help="years A-B (default {}-{})".format(*DEFAULT_YEARS),
    )
    p.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help="random seed (same seed, same data)"
    )
    p.add_argument(
        "--in-progress-months",
        type=int,
        default=None,
        metavar="N",
        help="also load the year after the last in progress, months 1-N rated (0: none; default "
        f"{CURRENT_MONTHS} for the demo scale at the default years, else none)",
    )
    p.add_argument("--reset", action="store_true", help="replace the data already in the database")
    p.add_argument(
        "--yes-delete-imported-data",
        action="store_true",
        help="with --reset: also when the database holds imported data (deletes it)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")


def run(args: argparse.Namespace) -> int:
    if not args.quiet:  # phase timings (writing, index rebuild, checks) on stderr
        handler = logging.StreamHandler(sys.stderr)
        for name in ("seed", "data_access.writer"):
            logging.getLogger(name).addHandler(handler)
            logging.getLogger(name).setLevel(logging.INFO)
    engine = make_engine(args.db)
    upgrade(engine)
    started = time.perf_counter()
    action = "seed_reset" if args.reset else "seed"
    months = args.in_progress_months
    if months is None:  # the demo as the app starts it: the current year in progress
        months = CURRENT_MONTHS if args.scale == "demo" and args.years == DEFAULT_YEARS else 0
    what = f"scale={args.scale} years={args.years[0]}-{args.years[1]} seed={args.seed}"
    if months:
        what += f" in_progress={args.years[1] + 1}-{months:02d}"
    if args.yes_delete_imported_data:
        what += " imported data deleted if any"
    try:
        counts = populate(
            engine,
            scale=args.scale,
            years=args.years,
            seed=args.seed,
            progress=not args.quiet,
            reset=args.reset,
            delete_imported=args.yes_delete_imported_data,
            in_progress_months=months or None,
        )
        audit(engine, os_actor(), action, f"cli {what} rows={sum(counts.values())}")
    except SeedError as exc:
        audit(engine, os_actor(), f"{action}_refused", f"cli {what}: {exc}")
        print(f"Lỗi / error: {exc}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    seconds = time.perf_counter() - started
    total = sum(counts.values())
    width = max(len(t) for t in counts)
    for table, n in counts.items():
        print(f"{table:<{width}}  {n:>12,}")
    print(f"{'total':<{width}}  {total:>12,}  ({seconds:.1f} s, {total / seconds:,.0f} rows/s)")
    return 0
