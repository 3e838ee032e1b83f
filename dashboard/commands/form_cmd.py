"""Write a statistical form of the circular in force: form 0602|0603 --year Y [--cluster C |
--unit U].

0602 counts State-level awards, 0603 ministry/province-level awards, from the award records of
the report year's statistics period (1 December of the year before to 30 November; a unit's:
its own, its collectives' and its staff's on the roster; a cluster's: that year's members). XLSX
(default) or PDF, one A4 landscape page. Exit 2 for an unknown cluster or unit, 1 when the
database cannot be reached, 3 when the account is refused or the scope is outside it.
"""

from __future__ import annotations

import argparse
import sys

import polars as pl

from dashboard import access
from dashboard.commands import output
from dashboard.commands.argtypes import year_arg
from dashboard.commands.export_cmd import _scope_message
from dashboard.commands.login import sign_in
from dashboard.forms.files import FORMATS, file_name, form_file
from dashboard.i18n import t
from dashboard.organisation import members
from dashboard.tables import UnknownScope, validate_scope
from data_access import accounts, settings
from data_access.catalog.forms import FORMS
from data_access.engine import make_engine, upgrade
from data_access.errors import DatabaseUnavailable
from data_access.readers import load_dataset


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("form", choices=FORMS, help="0602 (State-level) or 0603 (ministry/province)")
    p.add_argument("--year", type=year_arg, required=True, help="the report year")
    scope = p.add_mutually_exclusive_group()
    scope.add_argument("--cluster", help="only this cluster's units (code)")
    scope.add_argument("--unit", help="only this unit (code)")
    p.add_argument("--format", choices=FORMATS, help="xlsx (default) or pdf; --out FILE.pdf "
                   "implies pdf")  # fmt: skip
    p.add_argument("--lang", choices=("vi", "en"), default="vi", help="language (default vi)")
    p.add_argument("--out", help="file to write (default: Bieu<form>_<year>.<format>)")
    output.add_force(p)
    p.add_argument("--user", help="account name (unless THIDUA_AUTH_MODE=open); password on stdin")


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    out = args.out
    fmt = args.format or ("pdf" if (out or "").lower().endswith(".pdf") else "xlsx")
    out = out or file_name(args.form, args.year, fmt)
    mode = settings.auth_mode()
    if mode != "open" and not args.user:
        print(t("export.login_needed", lang, mode=mode), file=sys.stderr)
        return 3
    if code := output.precheck(out, fmt, args=args, lang=lang):
        return code
    engine = make_engine(args.db)
    try:
        upgrade(engine)
        signed = sign_in(engine, args.user, "form")
        if signed is None:
            print(t("export.login_failed", lang), file=sys.stderr)
            return 3
        principal = signed.principal
        with engine.connect() as conn:
            # the statistics period starts on 1 December of the year before
            ds = load_dataset(conn, years=[args.year - 1, args.year])
        try:
            validate_scope(ds, cluster=args.cluster, unit=args.unit)
        except UnknownScope as exc:
            print(_scope_message(exc, lang), file=sys.stderr)
            return 2
        if not principal.is_admin:
            seen = access.visible_units(principal, ds.units.select("unit_code", "cluster_code"))
            wanted = _wanted_units(ds, args.year, args.cluster, args.unit)
            if not wanted or not wanted <= seen:
                code = args.unit or args.cluster or "*"
                print(t("export.out_of_scope", lang, code=code, user=principal.username),
                      file=sys.stderr)  # fmt: skip
                return 3
        accounts.audit(engine, signed.actor, "download",
                       f"form {args.form} year={args.year} cluster={args.cluster} "
                       f"unit={args.unit}")  # fmt: skip
    except DatabaseUnavailable as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    data = form_file(args.form, ds, year=args.year, cluster=args.cluster, unit=args.unit,
                     fmt=fmt, lang=lang)  # fmt: skip
    if code := output.save(out, data, fmt, args=args, lang=lang):
        return code
    print(out, file=sys.stderr)
    return 0


def _wanted_units(ds, year: int, cluster: str | None, unit: str | None) -> set[str]:
    """The units the form counts: the unit, the cluster's members that year, or all."""
    if unit:
        return {unit}
    if cluster:
        return set(members(ds, year, cluster))
    return set(ds.units["unit_code"].cast(pl.String).to_list())
