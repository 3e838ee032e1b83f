"""Deterministic demo data: `populate(engine, scale=…, years=…)`.

Scales (rows for the default years 2019–2025, seed 2025):
- demo: the 4 clusters and 27 units named in the source articles (demo_world.py), ≈ 1 300 staff
  a year; ≈ 1 650 people, 9 100 roster rows, 42 000 ratings, 11 600 awards, 66 000 rows in all;
  the articles' figures reproduced exactly (demo.py); from 2025 the Red River Delta cluster as
  the 2025 reorganisation left it (reorganisation.py: five schools merged away, Hải Phòng's new
  one, 28 units in all; cluster_members for every year, unit_changes); the military block on
  the school year. With `in_progress_months` the year after
  the last is added in progress (in_progress.py: its roster and monthly ratings so far, no
  year-end result), as a deployment holds the current year: the app's first start and
  `python -m dashboard seed` without --years load 2019–2025 and 2026 up to November.
- province: demo + 6 provinces × 63 units (scale.py): 405 units, 40 clusters, ≈ 52 000 staff a
  year; ≈ 65 000 people, 360 000 roster rows, 1.5 M rows in all.
- national: demo + 63 provinces: 3 996 units, 382 clusters, ≈ 2 060 000 staff a year;
  ≈ 14.5 M roster rows, ≈ 55 M rows in all.
Everything is drawn from numpy generators seeded by (seed, chunk, step): the same arguments give
the same rows. Generation is vectorised and streamed chunk by chunk (one province at a time),
in a background thread while the previous chunk is written through
`data_access.writer.bulk_insert`, all in one `writer.bulk_load` transaction.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

import polars as pl
from sqlalchemy import Engine

from data_access import writer
from data_access.engine import is_empty
from seed import reorganisation as reorg
from seed.demo import demo_pins
from seed.demo_world import DEMO_CLUSTERS, START_MONTHS, unit_start_months
from seed.generate import Pins, generate_chunk
from seed.in_progress import CURRENT_MONTHS, CURRENT_YEAR, add_year_in_progress
from seed.params import DEMO, SCALE
from seed.pipeline import prefetch
from seed.structure import World, concat_worlds, world_from_specs

log = logging.getLogger(__name__)
SCALES = ("demo", "province", "national")
DEFAULT_SEED = 2025
DEFAULT_YEARS = (2019, 2025)
# Foreign-key order; collectives come with each chunk.
TABLES = (
    "clusters",
    "units",
    "collectives",
    "people",
    "roster",
    "ratings",
    "awards",
    "targets",
    "cluster_roles",
    "scores",
    "unit_counts",
    "cluster_members",
    "unit_changes",
)
CHUNK_TABLES = TABLES[2:-2]  # written chunk by chunk; the organisation's two tables once

__all__ = [
    "CURRENT_MONTHS",
    "CURRENT_YEAR",
    "DEFAULT_SEED",
    "DEFAULT_YEARS",
    "SCALES",
    "SeedError",
    "build_world",
    "populate",
]


class SeedError(RuntimeError):
    """The seed cannot run as asked (unknown scale, bad years, database not empty)."""


def _years(years: tuple[int, int]) -> list[int]:
    first, last = years
    if not (1990 <= first <= last <= 2100):
        raise SeedError(
            f"Khoảng năm không hợp lệ: {first}-{last} (cần A-B, 1990 ≤ A ≤ B ≤ 2100) / "
            f"years must be A-B with 1990 <= A <= B <= 2100, got {first}-{last}"
        )
    return list(range(first, last + 1))


def build_world(scale: str, years: list[int], *, seed: int = DEFAULT_SEED) -> World:
    """Clusters, units, staff per year and departments of a scale (chunk 0 is the demo)."""
    if scale not in SCALES:
        raise SeedError(
            f"Quy mô không có: {scale!r}; chọn {', '.join(SCALES)} / "
            f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}"
        )
    demo = world_from_specs(DEMO_CLUSTERS, years, chunk=0)
    if scale == "demo":
        return demo
    from seed.scale import scale_world

    return concat_worlds(demo, scale_world(scale, years, seed=seed, first_chunk=1))


def _scale_pins(world: World, chunk: int, years: list[int]) -> Pins:
    """No exceptions but one: every fifth cluster has not scored its members in the last year
    (so rankings by targets are exercised at scale too)."""
    clusters = world.clusters.with_row_index("i").filter(
        (pl.col("chunk") == chunk) & (pl.col("i") % 5 == 0)
    )
    skip = clusters.select("cluster_code", pl.lit(years[-1], pl.Int32).alias("year"))
    return Pins(skip_scores=skip)


def _pins(world: World, chunk: int, years: list[int], seed: int, exceptions: bool) -> Pins:
    if not exceptions:
        return Pins()
    if chunk == 0:
        return demo_pins(seed=seed, years=years, p=DEMO)
    return _scale_pins(world, chunk, years)


def _reorganised(world: World, years: list[int]) -> bool:
    """The demo's 2025 reorganisation is part of the data: its units are in chunk 0 and the
    years reach 2025 (reorganisation.py)."""
    demo = set(world.units.filter(pl.col("chunk") == 0)["unit_code"].to_list())
    return reorg.applies(years) and set(reorg.MERGES) <= demo


def _units_written(world: World, years: list[int]) -> pl.DataFrame:
    """The units table: the world's units, and the merger's new unit when it applies."""
    if not _reorganised(world, years):
        return world.units
    return pl.concat([world.units, reorg.new_unit(world.units)])


def _clusters_written(world: World) -> pl.DataFrame:
    """The clusters table, with the school-year clusters' period_start_month."""
    return world.clusters.with_columns(
        pl.col("cluster_code")
        .replace_strict(START_MONTHS, default=None, return_dtype=pl.Int32)
        .alias("period_start_month")
    )


def _membership(world: World, years: list[int]) -> pl.DataFrame:
    """cluster_members: every unit in its cluster each year; from 2025 (when the merger
    applies) the units merged away left out and the new unit in."""
    units = _units_written(world, years).select("unit_code", "cluster_code")
    parts = []
    for y in years:
        if _reorganised(world, years) and y >= reorg.YEAR:
            mine = units.filter(~pl.col("unit_code").is_in(list(reorg.ENDED)))
        else:
            mine = units.filter(pl.col("unit_code") != reorg.NEW_UNIT)
        parts.append(mine.with_columns(pl.lit(y, pl.Int32).alias("year")))
    return pl.concat(parts).with_columns(
        pl.lit(None, pl.String).alias("decision_no"), pl.lit(None, pl.Date).alias("decision_date")
    )


def _in_progress_units(world: World, years: list[int]) -> pl.DataFrame:
    """The demo's units as they are in the year in progress: after the merger, the new unit
    and the merged Ninh Bình school rate month by month."""
    units = _units_written(world, years).filter(pl.col("chunk") == 0)
    if not _reorganised(world, years):
        return units
    return units.filter(~pl.col("unit_code").is_in(list(reorg.ENDED))).with_columns(
        (pl.col("monthly") | (pl.col("unit_code") == "NB_TCT")).alias("monthly")
    )


def _generate(
    world: World,
    years: list[int],
    seed: int,
    exceptions: bool = True,
    in_progress_months: int | None = None,
) -> Iterator[tuple[int, dict[str, pl.DataFrame]]]:
    """Each chunk's rows, in chunk order (person numbers run on from chunk to chunk); the
    demo's chunk reorganised from 2025 (reorganisation.py) and with the year after the last in
    progress when `in_progress_months`."""
    next_no = 1
    for chunk in world.units["chunk"].unique().sort().to_list():
        frames, next_no = generate_chunk(
            world.for_chunk(chunk),
            years,
            seed=seed,
            chunk=chunk,
            first_no=next_no,
            params=DEMO if chunk == 0 else SCALE,
            pins=_pins(world, chunk, years, seed, exceptions),
        )
        if chunk == 0 and _reorganised(world, years):
            frames = reorg.apply(frames)
        if chunk == 0 and in_progress_months:
            frames = add_year_in_progress(
                frames,
                _in_progress_units(world, years),
                year=years[-1] + 1,
                months=in_progress_months,
                seed=seed,
                chunk=chunk,
                starts=unit_start_months(),
            )
        yield chunk, frames


def _refuse_closed_years(where) -> None:
    """A reset deletes every year: refused while any year is closed (issue 20: the lock row
    stayed with nothing behind it). `where`: an engine, or the reset's own connection."""
    from sqlalchemy import Engine, select

    from data_access.models import ClosedYear

    def read(conn):
        return sorted({y for (y,) in conn.execute(select(ClosedYear.year))})

    if isinstance(where, Engine):
        with where.connect() as conn:
            years = read(conn)
    else:
        years = read(where)
    if years:
        shown = ", ".join(map(str, years))
        raise SeedError(
            f"Năm {shown} đã khóa sổ; --reset sẽ xóa số liệu của năm đó. Mở khóa trước "
            f"(unlock --year … --reason …) / year(s) {shown} are closed; --reset would delete "
            "their figures. Reopen them first (unlock --year … --reason …)"
        )


def populate(
    engine: Engine,
    *,
    scale: str = "demo",
    years: tuple[int, int] = DEFAULT_YEARS,
    seed: int = DEFAULT_SEED,
    progress: bool = True,
    reset: bool = False,
    world: World | None = None,
    exceptions: bool = True,
    delete_imported: bool = False,
    in_progress_months: int | None = None,
) -> dict[str, int]:
    """Load a scale's data into an upgraded database; return rows written per table.

    `world` replaces the scale's (`build_world`; `scale` is then not used): the benchmark passes
    the national world cut to N staff. Its chunk 0, if any, is drawn as the demo. With
    `exceptions=False` no chunk gets the hand-made exceptions (the articles' figures of the demo,
    the unscored clusters of the scales): every row is a plain draw.

    Refuses a database that already holds units unless `reset=True`, which first empties the
    contract tables (in the same transaction); a database holding imported data is refused
    even then unless `delete_imported=True` too (told twice, issue 14). Bumps the data version.

    `in_progress_months` (1–12): the year after the last is also loaded, in progress — its
    roster and the demo's monthly ratings of months 1 … N, no year-end result (in_progress.py).
    """
    ys = _years(years)
    if in_progress_months is not None and not (0 <= in_progress_months <= 12):
        raise SeedError(
            f"Số tháng của năm đang diễn ra phải từ 0 đến 12, không phải {in_progress_months} / "
            f"months of the year in progress must be 0-12, got {in_progress_months}"
        )
    if in_progress_months:
        _years((ys[0], ys[-1] + 1))  # the year in progress is a valid year too
    if world is None:
        world = build_world(scale, ys, seed=seed)
    if not reset and not is_empty(engine):
        raise SeedError(
            "Cơ sở dữ liệu đã có dữ liệu; hãy nạp vào một cơ sở dữ liệu trống, hoặc dùng --reset "
            "để thay thế / the database already holds data; seed an empty database or pass "
            "reset=True (--reset) to replace it"
        )
    stamp = writer.imported_at(engine) if reset else None
    if stamp and not delete_imported:
        raise SeedError(
            f"Cơ sở dữ liệu chứa dữ liệu đã nhập (lần nhập gần nhất {stamp}); --reset sẽ xóa "
            "chúng. Nếu thật sự muốn xóa, thêm --yes-delete-imported-data / the database holds "
            f"imported data (last import {stamp}); --reset would delete it. To delete it, add "
            "--yes-delete-imported-data"
        )
    if reset:
        _refuse_closed_years(engine)
    from tqdm import tqdm

    counts = dict.fromkeys(TABLES, 0)
    staff_years = (
        world.staff.join(world.units.select("unit_code", "chunk"), on="unit_code")
        .group_by("chunk")
        .agg(pl.col("staff").sum())
    )
    with (
        writer.bulk_load(engine, TABLES) as conn,
        tqdm(
            total=int(staff_years["staff"].sum()),
            unit=" người-năm",
            unit_scale=True,
            desc="Nạp dữ liệu mẫu",
            disable=not progress,
        ) as bar,
    ):
        if reset:
            from data_access import closed_years

            closed_years.serialize(conn)  # no lock may be committed between the check and this
            _refuse_closed_years(conn)
            writer.clear(conn)
        counts["clusters"] = writer.bulk_insert(conn, "clusters", _clusters_written(world))
        counts["units"] = writer.bulk_insert(conn, "units", _units_written(world, ys))
        started = time.perf_counter()
        for chunk, frames in prefetch(_generate(world, ys, seed, exceptions, in_progress_months)):
            for name in CHUNK_TABLES:
                counts[name] += writer.bulk_insert(conn, name, frames[name])
            bar.update(int(staff_years.filter(chunk=chunk)["staff"].sum()))
        all_years = [*ys, ys[-1] + 1] if in_progress_months else ys
        counts["cluster_members"] = writer.bulk_insert(
            conn, "cluster_members", _membership(world, all_years)
        )
        if _reorganised(world, ys):
            counts["unit_changes"] = writer.bulk_insert(conn, "unit_changes", reorg.unit_changes())
        writer.bump_data_version(conn)
        log.info(
            "seed: %d rows generated and written in %.1f s",
            sum(counts.values()),
            time.perf_counter() - started,
        )
    return counts
