"""Write a year-end document in Word: document nominations|summary --year Y …

  nominations --unit U --award CSTDCS|LDTT|TTLDXS|CSTD_BO|… [--format docx|xlsx]: the
    nomination list with its cover letter (tờ trình): the eligible candidates not yet proposed,
    the quota on top, those beyond the remaining quota flagged.
  summary (--unit U | --cluster C) [--format docx|pdf]: the annual summary report (báo cáo
    tổng kết), every figure of the year from the tables the app shows; PDF through LibreOffice.

Exit 2 for an unknown unit, cluster or award, 1 when the database cannot be reached, 3 when the
account is refused or the scope is outside it.
"""

from __future__ import annotations

import argparse
import sys

from dashboard import access
from dashboard.commands import output
from dashboard.commands.argtypes import year_arg
from dashboard.commands.export_cmd import _scope_message
from dashboard.commands.login import sign_in
from dashboard.documents import files
from dashboard.i18n import t
from dashboard.tables import UnknownScope, validate_scope
from data_access import accounts, settings
from data_access.catalog import load_catalog
from data_access.engine import make_engine, upgrade
from data_access.errors import DatabaseUnavailable, UnknownCode
from data_access.readers import load_dataset, read_years


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", choices=("nominations", "summary"), help="which document")
    p.add_argument("--year", type=year_arg, required=True, help="the year")
    scope = p.add_mutually_exclusive_group(required=True)
    scope.add_argument("--unit", help="the unit (code)")
    scope.add_argument("--cluster", help="the cluster (code; summary only)")
    p.add_argument("--award", help="nominations: the title (award code, e.g. CSTDCS)")
    p.add_argument("--format", choices=("docx", "xlsx", "pdf"), help="docx (default); "
                   "nominations also xlsx, summary also pdf")  # fmt: skip
    p.add_argument("--lang", choices=("vi", "en"), default="vi", help="language (default vi)")
    p.add_argument("--out", required=True, help="the file to write")
    output.add_force(p)
    p.add_argument("--user", help="account name (unless THIDUA_AUTH_MODE=open); password on stdin")


def _usage_error(args: argparse.Namespace, lang: str) -> str | None:
    fmt = args.format or "docx"
    if args.kind == "nominations":
        if not args.unit or not args.award:
            return t("documents.cli_nominations_needs", lang)
        if fmt not in files.NOMINATION_FORMATS:
            return t("documents.cli_format", lang, fmt=fmt, known=", ".join(
                files.NOMINATION_FORMATS))  # fmt: skip
        try:
            load_catalog().award(args.award)
        except UnknownCode as exc:
            return str(exc)
    elif fmt not in files.SUMMARY_FORMATS:
        return t("documents.cli_format", lang, fmt=fmt, known=", ".join(files.SUMMARY_FORMATS))
    return None


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    problem = _usage_error(args, lang)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    mode = settings.auth_mode()
    if mode != "open" and not args.user:
        print(t("export.login_needed", lang, mode=mode), file=sys.stderr)
        return 3
    fmt = args.format or "docx"
    if code := output.precheck(args.out, fmt, args=args, lang=lang):
        return code
    engine = make_engine(args.db)
    try:
        upgrade(engine)
        signed = sign_in(engine, args.user, "document")
        if signed is None:
            print(t("export.login_failed", lang), file=sys.stderr)
            return 3
        principal = signed.principal
        with engine.connect() as conn:
            # streaks and trends reach back; the forms' period starts the December before
            years = [y for y in read_years(conn) if y <= args.year] or [args.year]
            ds = load_dataset(conn, years=years)
        try:
            validate_scope(ds, cluster=args.cluster, unit=args.unit)
        except UnknownScope as exc:
            print(_scope_message(exc, lang), file=sys.stderr)
            return 2
        units = ds.units.select("unit_code", "cluster_code")
        seen = (access.visible_units(principal, units) if args.unit
                else access.visible_clusters(principal, units))  # fmt: skip
        persons = args.kind == "summary" or access.can_see_persons(principal)
        if (args.unit or args.cluster) not in seen or not (principal.is_admin or persons):
            print(t("export.out_of_scope", lang, code=args.unit or args.cluster,
                    user=principal.username), file=sys.stderr)  # fmt: skip
            return 3
        accounts.audit(engine, signed.actor, "download",
                       f"document {args.kind} year={args.year} unit={args.unit} "
                       f"cluster={args.cluster} award={args.award}")  # fmt: skip
    except DatabaseUnavailable as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    if args.kind == "nominations":
        data = files.nominations_file(ds, year=args.year, unit=args.unit, award=args.award,
                                      fmt=fmt, lang=lang)  # fmt: skip
    else:
        data = files.summary_file(ds, year=args.year, cluster=args.cluster, unit=args.unit,
                                  fmt=fmt, lang=lang)  # fmt: skip
    if code := output.save(args.out, data, fmt, args=args, lang=lang):
        return code
    print(args.out, file=sys.stderr)
    return 0
