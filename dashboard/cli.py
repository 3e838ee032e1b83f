"""`python -m dashboard …`: one entry point, one module per subcommand (contract.md)."""

from __future__ import annotations

import argparse
import sys
from types import ModuleType

from sqlalchemy.exc import DBAPIError

from dashboard.commands import (
    bench_cmd,
    document_cmd,
    export_cmd,
    form_cmd,
    import_cmd,
    imports_cmd,
    lock_cmd,
    report_cmd,
    seed_cmd,
    template_cmd,
    user_cmd,
)
from dashboard.i18n import t

# subcommand -> its module under dashboard/commands/ (`add_arguments(p)` and `run(args)`).
COMMANDS: dict[str, ModuleType] = {
    "import": import_cmd,
    "imports": imports_cmd,
    "export": export_cmd,
    "seed": seed_cmd,
    "template": template_cmd,
    "bench": bench_cmd,
    "user": user_cmd,
    "form": form_cmd,
    "report": report_cmd,
    "document": document_cmd,
    "lock": lock_cmd,
    "unlock": lock_cmd,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, mod in COMMANDS.items():
        options = getattr(mod, "PARSER_OPTIONS", {})
        p = sub.add_parser(name, help=(mod.__doc__ or "").strip().splitlines()[0], **options)
        if not getattr(mod, "OWN_DB_OPTION", False):
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
    except DBAPIError as exc:
        # A database login without the right (a cluster's row-level-security login running
        # `export --user`, `lock` or `user list`, issue 20): a message, not a traceback.
        if getattr(exc.orig, "sqlstate", None) != "42501":
            raise
        lang = getattr(args, "lang", None) or "vi"
        first = str(exc.orig).strip().splitlines()[0]
        print(t("cli.permission_denied", lang if lang in ("vi", "en") else "vi",
                command=args.command, detail=first), file=sys.stderr)  # fmt: skip
        return 3
