"""The parsing child (started by sandbox.py, forked from a fork server that has the readers
imported, or run as `python -m data_access.importer.child JOB.json`).

It limits its own address space (RLIMIT_AS) before reading anything, reads every file of the job
with `read_sources`, and writes what it found to the job's folder: one Arrow IPC file per table
read, the errors and warnings as IPC, and `result.json` LAST (the parent trusts nothing without
it). A line `START i` in the folder's `progress` file says which file it is reading, so the
parent can name the file when the child dies; its stdout and stderr go to files there too.
"""

from __future__ import annotations

import json
import os
import resource
import sys
from pathlib import Path

# What the fork server imports once, so that each child starts in milliseconds.
from data_access.importer.report import ErrorCollector
from data_access.importer.settings import Limits
from data_access.importer.sources import read_sources

EXIT_MEMORY = 3  # a MemoryError the child caught itself


def _limit_memory(megabytes: int) -> None:
    limit = megabytes * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _run(job: dict) -> None:
    out = Path(job["out"])
    limits = Limits(**job["limits"])
    errors = ErrorCollector(job["lang"])
    head: int | None = job.get("head")
    meta = []
    progress = open(out / "progress", "w", encoding="ascii")  # noqa: SIM115 - kept to the end
    for i, (name, path) in enumerate(job["files"]):
        progress.write(f"START {i}\n")
        progress.flush()
        data = Path(path).read_bytes()
        for src in read_sources(name, data, errors, limits):
            ipc = f"source{len(meta)}.arrow"
            frame = src.frame if head is None else src.frame.head(head)
            frame.write_ipc(out / ipc)
            meta.append(
                {
                    "file": src.file,
                    "table": src.table,
                    "headers": src.headers,
                    "header_row": src.header_row,
                    "positions": src.positions,
                    "rows": src.frame.height,
                    "ipc": ipc,
                }
            )
        del data
    found, warned = errors.raw()
    found.write_ipc(out / "errors.arrow")
    warned.write_ipc(out / "warnings.arrow")
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = {"sources": meta, "files": list(errors.file_order()), "peak_kb": peak_kb}
    (out / "result.json").write_text(json.dumps(result), encoding="utf-8")


def run_job(job_path: str) -> None:
    """The child's whole life: redirect output, limit memory, read, write the results, exit."""
    job = json.loads(Path(job_path).read_text(encoding="utf-8"))
    out = Path(job["out"])
    for fd, name in ((1, "stdout"), (2, "stderr")):  # the readers' own messages (and aborts)
        target = os.open(out / name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(target, fd)
        os.close(target)
    _limit_memory(int(job["limits"]["child_memory_mb"]))
    try:
        _run(job)
    except MemoryError:
        os.write(2, b"MemoryError\n")
        os._exit(EXIT_MEMORY)
    sys.stdout.flush()
    sys.stderr.flush()


if __name__ == "__main__":
    run_job(sys.argv[1])
