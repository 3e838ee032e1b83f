"""Write the cluster meeting pack: report --year Y --cluster C [--lang vi|en] --out FILE.pdf.

A4 landscape PDF: the ranking with rank change, targets by unit, highlights, trends of the
headline indicators, the review lists (candidates, holders to check, quota headroom), page
numbers, Noto Sans embedded, charts as vector graphics. Exit 2 for an unknown cluster, 1 when
the database cannot be reached, 3 when the account is refused or the cluster is outside it.
"""

from __future__ import annotations

import argparse
import sys
import time

from dashboard import access
from dashboard.commands import output
from dashboard.commands.argtypes import year_arg
from dashboard.commands.export_cmd import _scope_message
from dashboard.commands.login import sign_in
from dashboard.i18n import t
from dashboard.report.pdf import meeting_pack
from dashboard.tables import UnknownScope, validate_scope
from data_access import accounts, settings
from data_access.engine import make_engine, upgrade
from data_access.errors import DatabaseUnavailable
from data_access.readers import load_dataset, read_years


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--year", type=year_arg, required=True, help="the year of the meeting")
    p.add_argument("--cluster", required=True, help="the cluster (code)")
    p.add_argument("--lang", choices=("vi", "en"), default="vi", help="language (default vi)")
    p.add_argument("--out", required=True, help="the PDF file to write")
    output.add_force(p)
    p.add_argument("--user", help="account name (unless THIDUA_AUTH_MODE=open); password on stdin")


def run(args: argparse.Namespace) -> int:
    lang, started = args.lang, time.perf_counter()
    mode = settings.auth_mode()
    if mode != "open" and not args.user:
        print(t("export.login_needed", lang, mode=mode), file=sys.stderr)
        return 3
    if code := output.precheck(args.out, "pdf", args=args, lang=lang):
        return code
    engine = make_engine(args.db)
    try:
        upgrade(engine)
        signed = sign_in(engine, args.user, "report")
        if signed is None:
            print(t("export.login_failed", lang), file=sys.stderr)
            return 3
        principal = signed.principal
        with engine.connect() as conn:
            # trends: every year up to this one; the rule book's streaks reach back too
            years = [y for y in read_years(conn) if y <= args.year] or [args.year]
            ds = load_dataset(conn, years=years)
        try:
            validate_scope(ds, cluster=args.cluster)
        except UnknownScope as exc:
            print(_scope_message(exc, lang), file=sys.stderr)
            return 2
        units = ds.units.select("unit_code", "cluster_code")
        if args.cluster not in access.visible_clusters(principal, units) or (
            not principal.is_admin and not access.can_see_persons(principal)
        ):
            print(t("export.out_of_scope", lang, code=args.cluster, user=principal.username),
                  file=sys.stderr)  # fmt: skip
            return 3
        accounts.audit(engine, signed.actor, "download",
                       f"report year={args.year} cluster={args.cluster}")  # fmt: skip
    except DatabaseUnavailable as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    pdf = meeting_pack(ds, year=args.year, cluster=args.cluster, lang=lang)
    if code := output.save(args.out, pdf, "pdf", args=args, lang=lang):
        return code
    seconds = time.perf_counter() - started
    print(t("report.written", lang, path=args.out, seconds=seconds), file=sys.stderr)
    return 0
