"""Write the import template workbook (one sheet per table, Vietnamese headers, drop-downs)."""

from __future__ import annotations

import argparse

from dashboard.commands import output
from data_access.importer.template import DEFAULT_NAME, build_template


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", default=DEFAULT_NAME, help=f"file to write (default {DEFAULT_NAME})")
    p.add_argument("--lang", choices=("vi", "en"), default="vi", help="messages (default vi)")
    output.add_force(p)


def run(args: argparse.Namespace) -> int:
    if code := output.save(args.out, build_template(), "xlsx", args=args, lang=args.lang):
        return code
    print(args.out)
    return 0
