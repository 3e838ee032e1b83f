"""Manage accounts for THIDUA_AUTH_MODE=password: add (password from stdin), list, change,
disable, enable, unlock (clears an account's login locks; enable does too). Every change is
audited with the operating-system user; open sessions of a disabled or changed account end or
narrow at their next interaction."""

from __future__ import annotations

import argparse
import getpass
import sys

from data_access.accounts import (
    AccountError,
    add_user,
    change_user,
    list_users,
    os_actor,
    set_disabled,
    unlock_user,
)
from data_access.engine import make_engine, upgrade
from data_access.models import ROLES

DB_HELP = "SQLAlchemy URL (also accepted before the action: `user --db URL add …`)"


def _action(sub: argparse._SubParsersAction, name: str, help_text: str) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help_text)
    # SUPPRESS: when absent here, the `user --db` value (or none) is kept.
    p.add_argument("--db", default=argparse.SUPPRESS, help=DB_HELP)
    return p


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", required=True)
    add = _action(sub, "add", "create an account; the password is read from stdin")
    add.add_argument("--username", required=True)
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--scope", help="cluster or unit code (not for admin)")
    _action(sub, "list", "list accounts")
    change = _action(sub, "change", "give an account another role and scope")
    change.add_argument("--username", required=True)
    change.add_argument("--role", required=True, choices=ROLES)
    change.add_argument("--scope", help="cluster or unit code (not for admin)")
    dis = _action(sub, "disable", "disable an account (its open sessions end)")
    dis.add_argument("--username", required=True)
    ena = _action(sub, "enable", "enable a disabled account")
    ena.add_argument("--username", required=True)
    unl = _action(sub, "unlock", "lift an account's login locks (every client's)")
    unl.add_argument("name", nargs="?", help="the account (or --username)")
    unl.add_argument("--username", dest="username_opt")


def _read_password() -> str:
    if sys.stdin.isatty():
        return getpass.getpass("Mật khẩu / Password: ")
    return sys.stdin.readline().rstrip("\r\n")


def run(args: argparse.Namespace) -> int:
    engine = make_engine(args.db)
    upgrade(engine)
    actor = os_actor()
    try:
        if args.action == "add":
            acc = add_user(
                engine,
                args.username,
                _read_password(),
                role=args.role,
                scope_code=args.scope,
                actor=actor,
            )
            print(f"added {acc.username} ({acc.role}, {acc.scope_code or 'all'})")
        elif args.action == "list":
            for a in list_users(engine):
                state = "disabled" if a.disabled else "active"
                print(f"{a.username}\t{a.role}\t{a.scope_code or '*'}\t{state}")
        elif args.action == "change":
            acc = change_user(
                engine, args.username, role=args.role, scope_code=args.scope, actor=actor
            )
            print(f"changed {acc.username} ({acc.role}, {acc.scope_code or 'all'})")
        elif args.action == "unlock":
            name = args.name or args.username_opt
            if not name:
                print("error: user unlock NAME", file=sys.stderr)
                return 2
            gone = unlock_user(engine, name, actor=actor)
            print(f"unlocked {name} ({gone} lock or count cleared)")
        else:
            set_disabled(engine, args.username, args.action == "disable", actor=actor)
            print(f"{args.action}d {args.username}")
    except AccountError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    return 0
