"""Profiling helpers: where the engine's time goes, in Python frames and in Polars plans.

pyinstrument (a sampling profiler; `pip install pyinstrument`, not a requirement of the app)
shows which engine function and line waits on which `collect()`; Polars' own
`LazyFrame.profile()` then splits one plan into its nodes. For the native side, py-spy can
sample a running benchmark: `py-spy record --native -o engine.svg -- python -m dashboard bench …`.
"""

from __future__ import annotations

from pathlib import Path

from dashboard import pipeline
from data_access.readers import Dataset


def profile_engine(ds: Dataset, *, year: int, folder: Path) -> Path:
    """Run the app's pipeline for `year` once under pyinstrument; write engine.txt and engine.html
    into `folder` and return the text report's path."""
    try:
        from pyinstrument import Profiler
    except ImportError as exc:  # a developer tool, not a dependency of the app
        raise RuntimeError("--profile needs pyinstrument: pip install pyinstrument") from exc

    folder.mkdir(parents=True, exist_ok=True)
    earlier = pipeline.counts_for(ds, [year - 1])  # not profiled, as it is not timed
    profiler = Profiler(interval=0.001)
    profiler.start()
    pipeline.run(ds, year=year, earlier=earlier)
    profiler.stop()
    text = folder / "engine.txt"
    text.write_text(profiler.output_text(unicode=True, show_all=False), encoding="utf-8")
    (folder / "engine.html").write_text(profiler.output_html(), encoding="utf-8")
    return text
