"""Manage accounts for THIDUA_AUTH_MODE=password: add (password from stdin), list, disable."""

from __future__ import annotations

import argparse
import getpass
import sys

from data_access.accounts import AccountError, add_user, list_users, set_disabled
from data_access.engine import make_engine, upgrade
from data_access.models import ROLES


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", required=True)
    add = sub.add_parser("add", help="create an account; the password is read from stdin")
    add.add_argument("--username", required=True)
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--scope", help="cluster or unit code (not for admin)")
    sub.add_parser("list", help="list accounts")
    dis = sub.add_parser("disable", help="disable an account")
    dis.add_argument("--username", required=True)
    ena = sub.add_parser("enable", help="enable a disabled account")
    ena.add_argument("--username", required=True)


def _read_password() -> str:
    if sys.stdin.isatty():
        return getpass.getpass("Mật khẩu / Password: ")
    return sys.stdin.readline().rstrip("\r\n")


def run(args: argparse.Namespace) -> int:
    engine = make_engine(args.db)
    upgrade(engine)
    try:
        if args.action == "add":
            acc = add_user(
                engine, args.username, _read_password(), role=args.role, scope_code=args.scope
            )
            print(f"added {acc.username} ({acc.role}, {acc.scope_code or 'all'})")
        elif args.action == "list":
            for a in list_users(engine):
                state = "disabled" if a.disabled else "active"
                print(f"{a.username}\t{a.role}\t{a.scope_code or '*'}\t{state}")
        else:
            set_disabled(engine, args.username, args.action == "disable")
            print(f"{args.action}d {args.username}")
    except AccountError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0
