"""Hashes of a stored version's files, written with it and checked before it is used.

Issue 20: a hand-edited `derived/counts/<year>.parquet` was served as truth, and a truncated one
made every page fail. Each version's manifest (data_access.aggregates) lists every file with its
SHA-256 and size; `problem` says what does not match, and the caller logs it and rebuilds the
version from the database. A file is hashed once per process while its inode, size and
modification time stay the same: an edit changes them, so the file is hashed, and caught, again.
Whoever can rewrite the manifest too can defeat this; it guards against edits, truncation and
bad disks, not against the folder's owner.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

_VERIFIED: dict[str, tuple[int, int, int, str]] = {}


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _stat_key(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return st.st_ino, st.st_size, st.st_mtime_ns


def hash_once(path: Path) -> str:
    """The file's SHA-256, from this process's memory while its stat is unchanged."""
    key = _stat_key(path)
    seen = _VERIFIED.get(str(path))
    if seen is not None and seen[:3] == key:
        return seen[3]
    digest = sha256(path)
    _VERIFIED[str(path)] = (*key, digest)
    return digest


def file_list(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*.parquet") if p.is_file())


def fingerprints(
    folder: Path, base_folder: Path | None, base_manifest: dict | None
) -> dict[str, dict]:
    """{relative path: {sha256, size}} of every file of a version being built. A file
    hard-linked from the base version keeps the hash the base recorded (the base was checked
    before it lent its files), so a large unchanged year is not read again."""
    known = (base_manifest or {}).get("files") or {}
    out: dict[str, dict] = {}
    for rel in file_list(folder):
        path = folder / rel
        prior = known.get(rel)
        linked = (
            prior is not None
            and base_folder is not None
            and (base_folder / rel).exists()
            and os.path.samefile(base_folder / rel, path)
        )
        out[rel] = prior if linked else {"sha256": hash_once(path), "size": path.stat().st_size}
    return out


def problem(folder: Path, manifest: dict) -> str | None:
    """None when every file of the version is there, whole and unchanged; else what is wrong
    (the first file found so)."""
    files = manifest.get("files")
    if not isinstance(files, dict):
        return "its manifest lists no file hashes (built by an older version)"
    extra = set(file_list(folder)) - set(files)
    if extra:
        return f"{sorted(extra)[0]} is not in the manifest"
    for rel, want in sorted(files.items()):
        path = folder / rel
        try:
            size = path.stat().st_size
            if size != want["size"]:
                return f"{rel} has {size} bytes, the manifest {want['size']}"
            if hash_once(path) != want["sha256"]:
                return f"{rel} does not match its SHA-256"
        except OSError as exc:
            return f"{rel} cannot be read ({exc.strerror or exc})"
    return None
