"""Where the command line writes its files (`--out` of export, form, report, document,
template), checked before a byte is written (issue 20: `export … --out <the database file>`
replaced the database with CSV, exit 0; a folder, a missing folder or a full disk gave a
traceback).

Refused: the database file itself and its SQLite side files (`-wal`, `-shm`, `-journal`),
through any symbolic link, always; an existing file whose bytes are not of the kind about to be
written (a CSV over a PDF, anything over an SQLite file), unless `--force`; a folder. Written to
a temporary file beside the target and renamed over it, so a full disk leaves the old file as
it was. Every refusal is a message in the command's language and exit code 2 (the target) or 1
(the disk), never a traceback."""

from __future__ import annotations

import argparse
import errno
import os
import sys
import tempfile
from pathlib import Path
from typing import Literal

from sqlalchemy.engine import make_url

from dashboard.i18n import t
from data_access.engine import resolve_url

Kind = Literal["csv", "xlsx", "docx", "pdf"]
SIDE_FILES = ("", "-wal", "-shm", "-journal")


class OutputError(Exception):
    """A refused or failed `--out`; `message` in the command's language, `code` the exit."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.message, self.code = message, code


def add_force(p: argparse.ArgumentParser) -> None:
    p.add_argument("--force", action="store_true",
                   help="overwrite an existing file of another kind")  # fmt: skip


def _database_files(db: str | None) -> set[Path]:
    try:
        url = make_url(resolve_url(db))
    except Exception:  # noqa: BLE001 - a bad URL fails later, with its own message
        return set()
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return set()
    base = Path(url.database).expanduser().resolve()
    return {Path(str(base) + side) for side in SIDE_FILES}


def _looks_like(head: bytes, kind: Kind) -> bool:
    """Whether existing bytes are a file of `kind` (or empty): what may be overwritten."""
    if not head:
        return True
    if kind == "pdf":
        return head.startswith(b"%PDF")
    if kind in ("xlsx", "docx"):
        return head.startswith(b"PK\x03\x04")
    if b"\x00" in head:  # csv: text, no binary
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start > len(head) - 4  # a character cut by the 4 KB read is still text
    return True


def check(out: str, kind: Kind, *, db: str | None, force: bool, lang: str) -> Path:
    """The path to write, or OutputError saying why not."""
    path = Path(out).expanduser()
    target = path.resolve()
    database = _database_files(db)
    same = target.exists() and any(os.path.samefile(target, f) for f in database if f.exists())
    if target in database or same:  # a hard link is the same file too
        raise OutputError(t("out.database", lang, path=out), 2)
    if target.is_dir():
        raise OutputError(t("out.folder", lang, path=out), 2)
    if not target.parent.is_dir():
        raise OutputError(t("out.no_folder", lang, path=out, folder=str(path.parent)), 2)
    if target.exists() and not force:
        with target.open("rb") as fh:
            head = fh.read(4096)
        if head.startswith(b"SQLite format 3\x00") or not _looks_like(head, kind):
            raise OutputError(t("out.other_kind", lang, path=out, kind=kind.upper()), 2)
    return path


def write(path: Path, data: bytes, *, lang: str) -> None:
    """`data` into `path` through a temporary file renamed over it; OutputError on a full disk,
    a read-only folder or any other refusal of the system."""
    target = path.resolve() if path.is_symlink() else path
    try:
        fd, tmp = tempfile.mkstemp(prefix=".thidua-", dir=target.parent)
    except OSError as exc:
        raise _os_error(exc, path, lang) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _os_error(exc, path, lang) from exc


def _os_error(exc: OSError, path: Path, lang: str) -> OutputError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return OutputError(t("out.disk_full", lang, path=str(path), folder=str(path.parent)), 1)
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return OutputError(t("out.read_only", lang, path=str(path), folder=str(path.parent)), 1)
    reason = exc.strerror or type(exc).__name__
    return OutputError(t("out.failed", lang, path=str(path), reason=reason), 1)


def precheck(out: str, kind: Kind, *, args: argparse.Namespace, lang: str) -> int:
    """`check` before the work (a meeting pack takes seconds to build): 0, or the exit code
    after printing the message."""
    try:
        check(out, kind, db=args.db, force=getattr(args, "force", False), lang=lang)
    except OutputError as exc:
        print(exc.message, file=sys.stderr)
        return exc.code
    return 0


def save(out: str, data: bytes, kind: Kind, *, args: argparse.Namespace, lang: str) -> int:
    """check + write for a command's `run`: 0, or the exit code after printing the message."""
    try:
        write(check(out, kind, db=args.db, force=getattr(args, "force", False), lang=lang),
              data, lang=lang)  # fmt: skip
    except OutputError as exc:
        print(exc.message, file=sys.stderr)
        return exc.code
    return 0
