"""Write one analytics table as CSV or XLSX: export TABLE --year Y [--cluster C] [--unit U].

Exit 0 with the file written (stdout when no --out); exit 2 for an unknown table, cluster or
unit (the message names what exists) or for an Excel file aimed at a terminal; exit 1 when the
database cannot be reached; exit 3 when the account is refused (issue 6). Messages are in
Vietnamese, in English with --headers en.

Roles: with THIDUA_AUTH_MODE=password or oidc the command needs `--user NAME` and reads the
password from standard input (one line; OIDC users get a password from an admin for scripted
exports). The table is then cut to the account's scope exactly as in the app and the export is
audited. In open mode (one person, the embedded demo) no account is asked for, as in the app;
`--user` is still checked and applied when given. Logins are throttled as in the app, and an
export without an account is audited with the operating-system user.
"""

from __future__ import annotations

import argparse
import sys

import polars as pl

from dashboard import access, organisation
from dashboard.commands import output
from dashboard.commands.argtypes import year_arg
from dashboard.commands.login import sign_in
from dashboard.exports import MODES
from dashboard.exports.files import FORMATS, analytics_file
from dashboard.i18n import t
from dashboard.l10n import DEFAULT_LANG
from dashboard.tables import TABLES, UnknownScope, analytics_table, validate_scope
from data_access import accounts, settings
from data_access.catalog import load_catalog
from data_access.engine import make_engine, upgrade
from data_access.errors import DatabaseUnavailable
from data_access.readers import Dataset, load_dataset, read_years


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("table", help=f"one of: {', '.join(TABLES)}")
    p.add_argument("--year", type=year_arg, required=True, help="the year of the table")
    p.add_argument("--cluster", help="only this cluster (code)")
    p.add_argument("--unit", help="only this unit (code)")
    p.add_argument(
        "--format",
        choices=FORMATS,
        help="csv (default, '.' decimals), csv-excel-vi (';' and ',' decimals) or xlsx; "
        "--out FILE.xlsx implies xlsx",
    )
    p.add_argument(
        "--lang",
        choices=("vi", "en"),
        help="language of the names beside codes and of reasons (default: en with --headers "
        "en, else vi)",
    )
    p.add_argument("--headers", choices=MODES, default="vi", help="header row (default vi)")
    p.add_argument("--out", help="file to write (default: standard output)")
    output.add_force(p)
    p.add_argument(
        "--user", help="account name (required unless THIDUA_AUTH_MODE=open); password on stdin"
    )


def years_needed(table: str, year: int, available: list[int]) -> list[int]:
    """The years to load: trends need every year up to `year`, rankings the year before (rank
    change), eligibility the streak window of the rule book (CSTĐ cấp bộ: 3 years)."""
    if table == "trends":
        return [y for y in available if y <= year] or [year]
    if table == "rankings":
        return [year - 1, year]
    if table == "eligibility":
        depth = max(
            (int(r.params.get("years", 1)) for r in load_catalog().rules if r.kind == "streak"),
            default=1,
        )
        return list(range(year - depth + 1, year + 1))
    return [year]


def _fail(message: str, code: int) -> int:
    print(message, file=sys.stderr)
    return code


SHOWN = 30  # codes listed in an error message; a national database has thousands of units


def _scope_message(exc: UnknownScope, lang: str) -> str:
    known = ", ".join(exc.known[:SHOWN]) if exc.known else t("export.nothing", lang)
    if len(exc.known) > SHOWN:
        known += f", … ({len(exc.known)})"
    if exc.kind == "cluster":
        return t("export.unknown_cluster", lang, code=exc.code, known=known)
    where = t("export.unit_in_cluster", lang, cluster=exc.cluster) if exc.cluster else ""
    return t("export.unknown_unit", lang, code=exc.code, where=where, known=known)


def _scoped_table(
    args: argparse.Namespace, ds: Dataset, principal: access.Principal, lang: str
) -> pl.DataFrame:
    """The table cut to the principal's scope; AccessDenied for a person table or a scope asked
    for outside the account's (never a silently empty file)."""
    access.check_table(principal, args.table)
    # every (unit, cluster) pair of any year: a cluster's secretary sees its members of the
    # year exported, as well as its current ones
    units = organisation.affiliations(ds)
    seen = access.visible_units(principal, units)
    outside = bool(args.unit) and args.unit not in seen
    if args.cluster and not args.unit:
        outside = not set(_cluster_units(units, args.cluster)) & seen
    if outside:
        code = args.unit or args.cluster
        raise access.AccessDenied(
            t("export.out_of_scope", lang, code=code, user=principal.username)
        )
    frame = analytics_table(
        args.table, ds, year=args.year, cluster=args.cluster, unit=args.unit, lang=lang
    )
    if principal.is_admin:
        return frame
    if "unit_code" in frame.columns:
        return access.restrict(frame, principal, units)
    clusters = list(access.visible_clusters(principal, units))
    return frame.filter(pl.col("cluster_code").cast(pl.String).is_in(clusters))


def _cluster_units(units: pl.DataFrame, cluster: str) -> list[str]:
    return (
        units.filter(pl.col("cluster_code").cast(pl.String) == cluster)["unit_code"]
        .cast(pl.String)
        .to_list()
    )


def run(args: argparse.Namespace) -> int:
    lang = args.lang or ("en" if args.headers == "en" else DEFAULT_LANG)
    if args.table not in TABLES:
        return _fail(t("export.unknown_table", lang, name=args.table, known=", ".join(TABLES)), 2)
    fmt = args.format or ("xlsx" if (args.out or "").lower().endswith(".xlsx") else "csv")
    if fmt == "xlsx" and not args.out and sys.stdout.isatty():
        return _fail(t("export.xlsx_to_terminal", lang), 2)

    mode = settings.auth_mode()
    if mode != "open" and not args.user:
        return _fail(t("export.login_needed", lang, mode=mode), 3)
    kind = "xlsx" if fmt == "xlsx" else "csv"
    if args.out and (code := output.precheck(args.out, kind, args=args, lang=lang)):
        return code
    engine = make_engine(args.db)
    try:
        upgrade(engine)
        signed = sign_in(engine, args.user, "export")
        if signed is None:
            return _fail(t("export.login_failed", lang), 3)
        principal, actor = signed.principal, signed.actor
        with engine.connect() as conn:
            years = years_needed(args.table, args.year, read_years(conn))
            ds = load_dataset(conn, years=years)
        try:
            validate_scope(ds, cluster=args.cluster, unit=args.unit)
        except UnknownScope as exc:
            return _fail(_scope_message(exc, lang), 2)
        try:
            frame = _scoped_table(args, ds, principal, lang)
        except access.AccessDenied as exc:
            accounts.audit(engine, actor, "export_denied", str(exc))
            return _fail(t("export.denied", lang, reason=str(exc)), 3)
        accounts.audit(
            engine,
            actor,
            "download",
            f"export {args.table} year={args.year} cluster={args.cluster} unit={args.unit}",
        )
    except DatabaseUnavailable as exc:
        return _fail(str(exc), 1)
    finally:
        engine.dispose()
    # the same function as every download of this table in the app (issue 19)
    data = analytics_file(args.table, ds, year=args.year, cluster=args.cluster, unit=args.unit,
                          fmt=fmt, headers=args.headers, lang=lang, frame=frame)  # fmt: skip

    if args.out:
        if code := output.save(args.out, data, kind, args=args, lang=lang):
            return code
        print(t("export.written", lang, rows=frame.height, path=args.out), file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    return 0
