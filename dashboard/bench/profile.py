"""Profiling helpers: where the engine's time goes, in Python frames and in Polars plans.

pyinstrument (a sampling profiler; `pip install pyinstrument`, not a requirement of the app)
shows which engine function and line waits on which `collect()`; Polars' own
`LazyFrame.profile()` then splits one plan into its nodes. For the native side, py-spy can
sample a running benchmark: `py-spy record --native -o engine.svg -- python -m dashboard bench …`.
"""

from __future__ import annotations

from pathlib import Path

from data_access.readers import Dataset


def profile_engine(ds: Dataset, *, year: int, folder: Path) -> Path:
    """Run the engine for `year` once under pyinstrument; write engine.txt and engine.html
    into `folder` and return the text report's path."""
    try:
        from pyinstrument import Profiler
    except ImportError as exc:  # a developer tool, not a dependency of the app
        raise RuntimeError("--profile needs pyinstrument: pip install pyinstrument") from exc

    from dashboard.bench.pipeline import earlier_counts, run_engine

    folder.mkdir(parents=True, exist_ok=True)
    earlier = earlier_counts(ds, year)  # not profiled, as it is not timed
    profiler = Profiler(interval=0.001)
    profiler.start()
    run_engine(ds, year=year, earlier=earlier)
    profiler.stop()
    text = folder / "engine.txt"
    text.write_text(profiler.output_text(unicode=True, show_all=False), encoding="utf-8")
    (folder / "engine.html").write_text(profiler.output_html(), encoding="utf-8")
    return text
