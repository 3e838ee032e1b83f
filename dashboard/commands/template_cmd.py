"""Write the import template workbook (one sheet per table, Vietnamese headers, drop-downs)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from data_access.importer.template import DEFAULT_NAME, build_template


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", default=DEFAULT_NAME, help=f"file to write (default {DEFAULT_NAME})")


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    try:
        out.write_bytes(build_template())
    except OSError as exc:
        print(f"Không ghi được tệp / cannot write {out}: {exc.strerror}", file=sys.stderr)
        return 1
    print(out)
    return 0
