"""Import a folder of CSVs, one CSV or one XLSX workbook into the database, all or nothing.

Exit 0 with a summary per table on stdout; exit 1 with every error on stderr, one per line
(`file:row:column: value — reason`), and nothing written. Messages in Vietnamese, or English
with --lang en. Every import, written or refused, is audited with the operating-system user.
"""

from __future__ import annotations

import argparse
import sys

from dashboard.i18n import t
from data_access.accounts import audit, os_actor
from data_access.engine import make_engine, upgrade
from data_access.errors import DatabaseUnavailable
from data_access.importer import import_path
from data_access.importer.messages import LANGS, text


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", help="a folder of <table>.csv files, one <table>.csv, or one .xlsx")
    p.add_argument("--lang", choices=LANGS, default="vi", help="language of the messages")


def run(args: argparse.Namespace) -> int:
    engine = make_engine(args.db)
    try:
        upgrade(engine)
    except DatabaseUnavailable as exc:
        print(exc, file=sys.stderr)
        return 1
    try:
        report = import_path(engine, args.path, lang=args.lang, actor=os_actor())
        if report.ok:
            counts = " ".join(f"{s.table}=+{s.inserted}/~{s.updated}" for s in report.summary)
            cs = f" changeset={report.changeset_id}" if report.changeset_id else ""
            audit(engine, os_actor(), "import_ok", f"cli {args.path} {counts}{cs}")
        else:
            n = report.error_frame.height
            audit(engine, os_actor(), "import_failed", f"cli {args.path} errors={n}")
    finally:
        engine.dispose()
    if report.warning_frame.height:
        report.write_lines(sys.stderr, warnings=True)
    if not report.ok:
        report.write_lines(sys.stderr)
        print(text("summary_failed", args.lang, count=report.error_frame.height), file=sys.stderr)
        return 1
    print("\n".join(report.lines()))
    if report.changeset_id is not None:
        print(t("imports.cli.recorded", args.lang, id=report.changeset_id))
    return 0
