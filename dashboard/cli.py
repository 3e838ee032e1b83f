"""`python -m dashboard …`: one entry point, one module per subcommand (contract.md)."""

from __future__ import annotations

import argparse
import importlib
import sys

# subcommand -> module under dashboard/commands/ that defines `add_arguments(p)` and `run(args)`.
COMMANDS = {
    "import": "import_cmd",
    "export": "export_cmd",
    "seed": "seed_cmd",
    "template": "template_cmd",
    "bench": "bench_cmd",
    "user": "user_cmd",
    "lock": "lock_cmd",
    "unlock": "lock_cmd",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, module in COMMANDS.items():
        try:
            mod = importlib.import_module(f"dashboard.commands.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"dashboard.commands.{module}":
                raise
            continue  # a command not built yet is simply not offered
        p = sub.add_parser(name, help=(mod.__doc__ or "").strip().splitlines()[0])
        p.add_argument(
            "--db", help="SQLAlchemy URL (else THIDUA_DB_URL, else sqlite:///data/thidua.db)"
        )
        mod.add_arguments(p)
        p.set_defaults(_run=mod.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args._run(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
