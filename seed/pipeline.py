"""Run a generator in a background thread, a few items ahead of its consumer.

Generation (Polars and numpy, which release the GIL in their kernels) then overlaps with the
database writes (SQLite releases it while stepping), so the two cores both work.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import TypeVar

T = TypeVar("T")
_DONE = object()


def prefetch(items: Iterator[T], depth: int = 2) -> Iterator[T]:
    """Yield what `items` yields, produced up to `depth` items ahead; its exceptions re-raise
    here. Closing the consumer early stops the producer at its next item."""
    q: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(x: object) -> bool:
        while not stop.is_set():
            try:
                q.put(x, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put(("item", item)):
                    return
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer, re-raised there
            put(("error", exc))
            return
        put(("done", _DONE))

    worker = threading.Thread(target=produce, name="seed-generate", daemon=True)
    worker.start()
    try:
        while True:
            kind, value = q.get()
            if kind == "item":
                yield value
            elif kind == "error":
                raise value
            else:
                return
    finally:
        stop.set()
        worker.join()
