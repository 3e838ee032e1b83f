"""Close a year after the year-end review (khóa sổ), or reopen it with a reason.

`lock --year Y [--cluster C]` closes the year for one cluster or (without --cluster) for every
cluster; `unlock --year Y [--cluster C] --reason "…"` reopens it. An import that would change a
closed year is refused (exit 1, every row named, nothing written). Both are audited with the
operating-system user; exit 0 when done, 2 for a bad year, cluster or missing reason, 1 when the
database cannot be reached.
"""

from __future__ import annotations

import argparse
import sys

from dashboard.commands.argtypes import year_arg
from dashboard.i18n import t
from data_access import closed_years
from data_access.accounts import os_actor
from data_access.engine import make_engine, upgrade
from data_access.errors import DatabaseUnavailable, UnknownCode


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--year", type=year_arg, required=True, help="the year to close or reopen")
    p.add_argument("--cluster", help="only this cluster (default: every cluster)")
    p.add_argument("--reason", help="why the year is reopened (required for unlock)")
    p.add_argument("--lang", choices=("vi", "en"), default="vi", help="language of the messages")


def _where(cluster: str | None, lang: str) -> str:
    return t("lock.cluster", lang, cluster=cluster) if cluster else t("lock.all_clusters", lang)


def run(args: argparse.Namespace) -> int:
    lang, where = args.lang, _where(args.cluster, args.lang)
    engine = make_engine(args.db)
    try:
        upgrade(engine)
        if args.command == "unlock":
            closed_years.unlock(
                engine, args.year, args.cluster, reason=args.reason or "", actor=os_actor()
            )
            print(t("lock.reopened", lang, year=args.year, where=where))
        elif closed_years.lock(engine, args.year, args.cluster, actor=os_actor()):
            print(t("lock.closed", lang, year=args.year, where=where))
        else:
            print(t("lock.already", lang, year=args.year, where=where))
    except closed_years.YearLockError as exc:
        print(t(f"lock.{exc.key}", lang, year=args.year, where=where), file=sys.stderr)
        return 2
    except UnknownCode as exc:
        print(t("lock.unknown_cluster", lang, detail=str(exc)), file=sys.stderr)
        return 2
    except DatabaseUnavailable as exc:
        print(exc, file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    return 0
