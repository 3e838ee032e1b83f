"""List the imports that changed data, or undo one (Hoàn tác).

`imports list [--limit N]` prints one line per import, newest first: number, local time, who,
files, rows per table (+ added, ~ changed) and whether it was undone. `imports undo ID` deletes
the rows import ID added and gives the rows it changed their previous values, exactly; it is
refused (exit 1, the reason on stderr, nothing changed) when a later import built on it, a row
lies in a closed year, or it was undone already. Undo is audited with the operating-system
user. Messages in Vietnamese, or English with --lang en.
"""

from __future__ import annotations

import argparse
import sys

from sqlalchemy import Engine

from dashboard.i18n import t
from dashboard.views import imports as view
from data_access import changesets
from data_access.accounts import os_actor
from data_access.engine import make_engine, upgrade
from data_access.errors import DatabaseUnavailable

OWN_DB_OPTION = True
DB_HELP = "SQLAlchemy URL (else THIDUA_DB_URL, else sqlite:///data/thidua.db)"


def _common(p: argparse.ArgumentParser, *, top: bool) -> None:
    # The options are accepted before and after the action (`imports --db URL list` and
    # `imports list --db URL`); SUPPRESS keeps the value given before when absent after.
    default = None if top else argparse.SUPPRESS
    p.add_argument("--db", default=default, help=DB_HELP)
    p.add_argument(
        "--lang",
        choices=("vi", "en"),
        default="vi" if top else argparse.SUPPRESS,
        help="language of the messages",
    )


def add_arguments(p: argparse.ArgumentParser) -> None:
    _common(p, top=True)
    sub = p.add_subparsers(dest="action", required=True)
    listing = sub.add_parser("list", help="the imports that changed data, newest first")
    _common(listing, top=False)
    listing.add_argument("--limit", type=int, default=50, help="how many (default 50)")
    undo = sub.add_parser("undo", help="undo one import by its number")
    _common(undo, top=False)
    undo.add_argument("id", type=int, help="the import's number (from `imports list`)")


def _list(engine: Engine, lang: str, limit: int) -> int:
    changes = changesets.list_changesets(engine, limit=limit)
    if changes.is_empty():
        print(t("imports.cli.none", lang))
        return 0
    tables = changesets.changeset_tables(engine, changes["id"].to_list())
    frame = view.history(changes, tables, lang=lang)
    heads = view.headers(lang)
    print("\t".join(heads[c] for c in heads) + "\t" + t("imports.cli.tz", lang))
    for r in frame.iter_rows(named=True):
        print("\t".join(f"#{r[c]}" if c == "id" else str(r[c] or "") for c in heads))
    return 0


def _undo(engine: Engine, lang: str, changeset: int) -> int:
    try:
        res = changesets.undo(engine, changeset, actor=os_actor())
    except changesets.UndoRefused as exc:
        print(view.refusal(exc.key, exc.params, lang), file=sys.stderr)
        return 1
    deleted, restored = sum(res.deleted.values()), sum(res.restored.values())
    print(t("imports.undone", lang, id=changeset, deleted=deleted, restored=restored))
    return 0


def run(args: argparse.Namespace) -> int:
    engine = make_engine(args.db)
    try:
        upgrade(engine)
        if args.action == "list":
            return _list(engine, args.lang, args.limit)
        return _undo(engine, args.lang, args.id)
    except DatabaseUnavailable as exc:
        print(exc, file=sys.stderr)
        return 1
    finally:
        engine.dispose()
