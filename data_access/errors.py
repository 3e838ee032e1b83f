"""One small error family for the data layer: messages name what was asked and what exists."""

from __future__ import annotations


class DataAccessError(Exception):
    """Base class for data-layer errors."""


class DatabaseUnavailable(DataAccessError):
    """The database cannot be reached (stopped server, wrong URL)."""


class UnknownCode(DataAccessError):
    """A code was asked for that the catalogue or database does not hold."""

    def __init__(self, kind: str, code: str, known: list[str]) -> None:
        import difflib

        hint = difflib.get_close_matches(code, known, n=1)
        did_you_mean = f" Did you mean {hint[0]!r}?" if hint else ""
        shown = ", ".join(sorted(known)[:20])
        super().__init__(f"Unknown {kind} {code!r}; known: {shown}.{did_you_mean}")
        self.kind, self.code, self.known = kind, code, known


class StorageError(DataAccessError):
    """A folder the app writes cannot be written: `kind` is disk_full, read_only or other,
    `folder` the path. Not the database: the message says so (issue 20)."""

    def __init__(self, kind: str, folder: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {folder}" + (f" ({detail})" if detail else ""))
        self.kind, self.folder, self.detail = kind, folder, detail

    @classmethod
    def from_os(cls, exc: OSError, folder: str) -> StorageError:
        import errno

        kind = {
            errno.ENOSPC: "disk_full",
            errno.EDQUOT: "disk_full",
            errno.EROFS: "read_only",
            errno.EACCES: "read_only",
            errno.EPERM: "read_only",
        }.get(exc.errno or 0, "other")
        return cls(kind, folder, exc.strerror or str(exc))
