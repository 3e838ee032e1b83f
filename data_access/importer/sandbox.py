"""Untrusted files are parsed in a child process (child.py) with a memory limit (RLIMIT_AS) and a
time limit, for the preview and for the import, on the upload page and on the command line.

Whatever the file does to the reader (an allocation abort, a MemoryError, an endless parse),
only the child dies: the parent reports it as an error naming the limit and keeps serving.
Uploaded bytes go to a private temporary folder; the child's results come back as Arrow IPC
files there, and the folder is removed afterwards.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import multiprocessing
import multiprocessing.context
import shutil
import signal
import sys
import tempfile
import threading
import time
import types
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from data_access.importer.child import EXIT_MEMORY, run_job
from data_access.importer.report import ErrorCollector
from data_access.importer.settings import Limits
from data_access.importer.sources import Source, file_label

log = logging.getLogger(__name__)
FileInput = tuple[str, bytes | Path]
_POLL = 0.02
_START = threading.Lock()
_ALLOC_WORDS = ("memory allocation", "MemoryError", "Cannot allocate", "out of memory")


@dataclass(frozen=True)
class ChildStats:
    """How the parsing child ended: exit code (negative: the signal), wall time, peak RSS."""

    exit: int
    seconds: float
    peak_mb: float
    timed_out: bool = False


@dataclass
class Parsed:
    sources: list[Source] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # each source's full row count
    stats: ChildStats | None = None


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


def _ipc(path: Path) -> pl.DataFrame:
    return pl.read_ipc(path.read_bytes())  # read in full: the folder is removed afterwards


def _server() -> multiprocessing.context.ForkServerContext:
    """The fork server: one process that imported the readers once (and never ran them, so no
    reader thread exists to be caught mid-lock by a fork); every parse is a fork of it."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["data_access.importer.child"])
    return ctx


def _peak_kb(pid: int | None) -> int:
    """The process's peak RSS so far (VmHWM), 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            line = next((x for x in f if x.startswith("VmHWM:")), "VmHWM: 0 kB")
        return int(line.split()[1])
    except (OSError, ValueError):
        return 0


def _run_child(job_path: Path, seconds: float) -> tuple[int, bool, int]:
    """Run one child to its end or kill it past `seconds`: (exit code, timed out, peak KB)."""
    proc = _server().Process(target=run_job, args=(str(job_path),), daemon=True)
    # multiprocessing would re-import the caller's main module in the child (Streamlit's runner,
    # a script): the child needs only run_job, so it is started with an empty __main__.
    with _START:
        main = sys.modules["__main__"]
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            proc.start()
        finally:
            sys.modules["__main__"] = main
    deadline, peak = time.monotonic() + seconds, 0
    while proc.is_alive() and time.monotonic() < deadline:
        peak = max(peak, _peak_kb(proc.pid))
        proc.join(_POLL)
    timed_out = proc.is_alive()
    if timed_out:
        proc.kill()  # our own child, by its handle
        proc.join()
    code = proc.exitcode if proc.exitcode is not None else -signal.SIGKILL
    proc.close()
    return code, timed_out, peak


def _failure(
    code: int, timed_out: bool, stderr: str, limits: Limits
) -> tuple[str, dict[str, object]]:
    if timed_out:
        return "parse_timeout", {"limit": f"{limits.child_seconds:g}"}
    if code == EXIT_MEMORY or any(w in stderr for w in _ALLOC_WORDS):
        return "parse_memory", {"limit": limits.child_memory_mb}
    what = signal.Signals(-code).name if code < 0 else f"exit {code}"
    return "parse_crashed", {"signal": what, "limit": limits.child_memory_mb}


def parse_files(
    files: list[FileInput],
    errors: ErrorCollector,
    limits: Limits,
    *,
    head: int | None = None,
) -> Parsed:
    """Every table in `files` (name, bytes or a path), read in a bounded child process.
    Problems go to `errors` as if read here; `head` keeps only that many rows per table."""
    out = Parsed()
    if not files:
        return out
    work = Path(tempfile.mkdtemp(prefix="thidua-import-"))
    try:
        paths = []
        for i, (name, data) in enumerate(files):
            errors.see_file(file_label(name))
            if isinstance(data, bytes | bytearray):
                path = work / f"input{i}"
                path.write_bytes(data)
                data = path
            paths.append([name, str(data)])
        job = {
            "lang": errors.lang,
            "limits": dataclasses.asdict(limits),
            "files": paths,
            "out": str(work),
            "head": head,
        }
        (work / "job.json").write_text(json.dumps(job), encoding="utf-8")
        t0 = time.perf_counter()
        code, timed_out, peak = _run_child(work / "job.json", limits.child_seconds)
        seconds = time.perf_counter() - t0
        result = work / "result.json"
        meta = json.loads(result.read_text(encoding="utf-8")) if result.exists() else {}
        stats = ChildStats(code, seconds, max(peak, meta.get("peak_kb", 0)) / 1024, timed_out)
        out.stats = stats
        stderr = _text(work / "stderr")
        if code != 0 or timed_out or not meta:
            started = _text(work / "progress").split()
            index = int(started[-1]) if len(started) >= 2 and started[-1].isdigit() else 0
            msg_id, fmt = _failure(code, timed_out, stderr, limits)
            log.warning(
                "import child failed on %s: %s (exit %s, %.1f s, %.0f MB): %s",
                files[index][0],
                msg_id,
                code,
                seconds,
                stats.peak_mb,
                stderr[-2000:],
            )
            errors.add(msg_id, file=file_label(files[index][0]), **fmt)
            return out
        if stderr.strip():
            log.info("import child said: %s", stderr[-4000:])
        errors.absorb(
            _ipc(work / "errors.arrow"),
            _ipc(work / "warnings.arrow"),
            meta["files"],
        )
        for m in meta["sources"]:
            frame = _ipc(work / m["ipc"])
            positions = {k: int(v) for k, v in m["positions"].items()}
            out.sources.append(
                Source(m["file"], m["table"], frame, m["headers"], m["header_row"], positions)
            )
            out.rows.append(int(m["rows"]))
        log.info(
            "import child read %d file(s) in %.1f s, peak %.0f MB",
            len(files),
            seconds,
            stats.peak_mb,
        )
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)
