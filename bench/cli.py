"""`python -m bench` (and `python -m dashboard bench`, which forwards here): the options of
the performance benchmark and its run. See docs/benchmarks.md."""

from __future__ import annotations

import argparse
import sys

from bench import report, runner


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--people", type=int, default=2_000_000, help="staff a year (default 2 000 000)")
    p.add_argument("--years", type=int, default=5, help="years of data ending 2025 (default 5)")
    p.add_argument("--pg", help="PostgreSQL admin URL for the scratch database")
    p.add_argument("--no-pg", action="store_true", help="measure SQLite only")
    p.add_argument("--runs", type=int, default=5, help="engine runs, median taken (default 5)")
    p.add_argument(
        "--ref-runs", type=int, default=3, help="pandas and SQL runs, median taken (default 3)"
    )
    p.add_argument("--seed", type=int, default=2025, help="generator seed (default 2025)")
    p.add_argument("--profile", metavar="DIR", help="write a pyinstrument profile of the engine")
    p.add_argument("--keep", action="store_true", help="keep the temporary folder")
    p.add_argument(
        "--growth",
        default="",
        metavar="N,N",
        help="smaller sizes (staff a year) for the growth table of memory and cold start",
    )
    p.add_argument("--no-browser", action="store_true", help="skip the app in Chromium")
    p.add_argument(
        "--no-nginx",
        action="store_true",
        help="the browser reaches the apps directly, not through deploy/nginx.conf.template",
    )
    p.add_argument(
        "--warm-up",
        action="store_true",
        help="ask for the app's script health check as soon as its server answers (docs/deploy.md)",
    )
    p.add_argument(
        "--skip",
        default="",
        metavar="STAGE,…",
        help="stages not to run: loads, sql, pandas, page (a shorter run on a busy machine)",
    )


def run(args: argparse.Namespace) -> int:
    if args.people < 1 or args.years < 2 or args.runs < 1:
        print("bench: --people ≥ 1, --years ≥ 2 (rank change needs the year before), --runs ≥ 1")
        return 2
    opts = runner.Options(
        people=args.people,
        years=args.years,
        db=args.db,
        pg=args.pg,
        no_pg=args.no_pg,
        runs=args.runs,
        ref_runs=args.ref_runs,
        seed=args.seed,
        keep=args.keep,
        profile=args.profile,
        growth=tuple(int(n) for n in args.growth.split(",") if n.strip()),
        browser=not args.no_browser,
        nginx=not args.no_nginx,
        warm_up=args.warm_up,
        skip=tuple(x.strip() for x in args.skip.split(",") if x.strip()),
    )
    unknown = [x for x in opts.skip if x not in runner.SKIPPABLE]
    if unknown:
        print(f"bench: --skip takes {', '.join(runner.SKIPPABLE)}; not {', '.join(unknown)}")
        return 2
    rep = runner.run(opts)
    size = f"data: {args.db}" if args.db else f"data: {args.people:,} staff × {args.years} years"
    print(report.format_report(rep, [*report.machine(), size]), flush=True)
    return 1 if rep.failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--db", help="measure this database (SQLAlchemy URL) instead of generated data"
    )
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
