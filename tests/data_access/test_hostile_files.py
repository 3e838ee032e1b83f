"""Hostile files (issue 13): each is refused with exit 1 and a message naming what and which
limit, no traceback, no abort, nothing written, and the importing process survives to import a
good file next. Each case prints exit, wall time and the parsing child's peak RSS."""

from __future__ import annotations

import pytest
from hostile_kit import (
    cli_import,
    ratio_bomb,
    sparse_workbook,
    wide_header,
)
from import_kit import BASE, csv, dump, load_base

from data_access.importer import Limits, import_files, preview
from data_access.importer.sandbox import ChildStats


def _url(engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def _measure(label: str, report) -> ChildStats:
    [stats] = report.child_stats
    print(f"HOSTILE {label}: exit={stats.exit} {stats.seconds:.2f}s peak={stats.peak_mb:.0f}MB")
    return stats


def _still_serves(engine) -> None:
    """The process that met the hostile file imports a good one right after."""
    report = import_files(engine, [("clusters.csv", csv(BASE["clusters.csv"]))])
    assert report.ok, report.lines()


def test_sparse_workbook_is_refused_from_its_declared_dimension(sqlite_engine):
    load_base(sqlite_engine)
    before = dump(sqlite_engine)
    report = import_files(sqlite_engine, [("people.xlsx", sparse_workbook())])
    [err] = report.errors
    assert (err.file, err.kind) == ("people.xlsx", "sheet_dimension")
    assert err.reason == (
        "trang «people» khai báo vùng dữ liệu A1:XFD1048576 (16.384 cột × 1.048.576 dòng), "
        "vượt giới hạn 200 cột (THIDUA_IMPORT_MAX_COLUMNS) hoặc 5.000.000 dòng; tệp bị từ chối "
        "trước khi mở"
    )
    stats = _measure("sparse workbook (dimension)", report)
    assert stats.exit == 0 and stats.peak_mb < 1024 and stats.seconds < 30
    assert dump(sqlite_engine) == before
    _still_serves(sqlite_engine)


def test_sparse_workbook_without_dimension_is_refused_by_its_far_cell(sqlite_engine):
    report = import_files(sqlite_engine, [("people.xlsx", sparse_workbook(declare=False))])
    [err] = report.errors
    assert err.kind == "sheet_far_cell" and "XFD1048576" in err.reason
    _measure("sparse workbook (no dimension)", report)


def test_sparse_workbook_past_the_guard_only_kills_the_child(sqlite_engine):
    """With the byte checks widened, the reader really allocates: the child hits its memory
    limit and dies; the parent reports the limit and goes on."""
    wide = Limits(max_columns=20_000, max_cells=10**12, max_rows=2_000_000, child_memory_mb=1536)
    report = import_files(sqlite_engine, [("people.xlsx", sparse_workbook())], limits=wide)
    [err] = report.errors
    assert err.kind in ("parse_memory", "parse_crashed")
    assert "1.536 MB" in err.reason and "THIDUA_IMPORT_CHILD_MEMORY_MB" in err.reason
    stats = _measure("sparse workbook past the guard (child limit 1536 MB)", report)
    assert stats.exit != 0 and stats.peak_mb < 1536
    _still_serves(sqlite_engine)


def test_the_preview_runs_in_the_child_too(sqlite_engine):
    result = preview([("people.xlsx", sparse_workbook())], lang="en")
    assert result.tables == []
    [err] = result.report.errors
    assert err.kind == "sheet_dimension" and "declares the range A1:XFD1048576" in err.reason


def test_preview_of_a_good_file_has_the_ui_shape():
    result = preview([("people.csv", csv(BASE["people.csv"]))], rows=1)
    [table] = result.tables
    assert (table["file"], table["table"], table["rows"]) == ("people.csv", "people", 2)
    assert table["head"].to_dicts() == [{"person_code": "P1", "full_name": "Nguyễn Văn An"}]
    assert result.report.ok


@pytest.mark.slow
def test_xls_named_ratio_bomb_on_the_command_line(sqlite_engine, tmp_path):
    load_base(sqlite_engine)
    before = dump(sqlite_engine)
    (tmp_path / "people.xls").write_bytes(ratio_bomb())
    run = cli_import(tmp_path / "people.xls", _url(sqlite_engine))
    print(f"HOSTILE .xls-named ratio bomb (CLI): exit={run.exit} {run.seconds:.2f}s")
    assert run.exit == 1 and "Traceback" not in run.stderr
    assert "people.xls" in run.stderr and "tỷ lệ nén" in run.stderr
    assert "THIDUA_IMPORT_MAX_ZIP_RATIO" in run.stderr
    assert run.seconds < 30
    assert dump(sqlite_engine) == before


@pytest.mark.slow
def test_xls_named_ratio_bomb_in_process(sqlite_engine):
    report = import_files(sqlite_engine, [("people.xls", ratio_bomb())])
    assert [e.kind for e in report.errors] == ["zip_bomb"]
    stats = _measure(".xls-named ratio bomb", report)
    assert stats.peak_mb < 1024 and stats.seconds < 30


@pytest.mark.slow
def test_million_column_header(sqlite_engine, tmp_path):
    data = wide_header()
    assert len(data) > 7 * 1024 * 1024
    report = import_files(sqlite_engine, [("people.csv", data)])
    [err] = report.errors
    assert (err.file, err.row, err.kind) == ("people.csv", 1, "csv_too_wide")
    # Counted on the first MiB of bytes only, before anything is decoded: "at least".
    at_least = data[: 1024 * 1024].count(b",") + 1
    grouped = f"{at_least:,}".replace(",", ".")  # Vietnamese digit grouping
    assert f"ít nhất {grouped} cột" in err.reason and "THIDUA_IMPORT_MAX_COLUMNS" in err.reason
    stats = _measure("1 000 000-column CSV header", report)
    assert stats.peak_mb < 1024 and stats.seconds < 30
    (tmp_path / "people.csv").write_bytes(data)
    run = cli_import(tmp_path / "people.csv", _url(sqlite_engine))
    print(f"HOSTILE 1 000 000-column header (CLI): exit={run.exit} {run.seconds:.2f}s")
    assert run.exit == 1 and "Traceback" not in run.stderr and f"{grouped} cột" in run.stderr


def test_sparse_workbook_on_the_command_line(sqlite_engine, tmp_path):
    (tmp_path / "people.xlsx").write_bytes(sparse_workbook())
    run = cli_import(tmp_path / "people.xlsx", _url(sqlite_engine), "--lang", "en")
    print(f"HOSTILE sparse workbook (CLI): exit={run.exit} {run.seconds:.2f}s")
    assert run.exit == 1 and "Traceback" not in run.stderr
    assert "declares the range A1:XFD1048576" in run.stderr


def test_time_limit_names_the_limit(sqlite_engine, monkeypatch):
    """A parse slower than the limit is killed; the message names the limit."""
    rows = "".join(f"P{i},Người {i}\n" for i in range(300_000))
    data = ("person_code,full_name\n" + rows).encode("utf-8")
    report = import_files(sqlite_engine, [("people.csv", data)], limits=Limits(child_seconds=0.05))
    [err] = report.errors
    assert err.kind == "parse_timeout"
    assert "0.05 giây" in err.reason and "THIDUA_IMPORT_CHILD_SECONDS" in err.reason
    _measure("time limit 0.05 s", report)
    _still_serves(sqlite_engine)


def test_quantities_in_messages_are_grouped_by_language_and_row_numbers_are_not():
    from data_access.importer.messages import text

    assert text("too_many_columns", "vi", columns=1_000_000, limit=200) == (
        "bảng có 1.000.000 cột, vượt giới hạn 200 cột"
    )
    assert text("too_many_columns", "en", columns=1_000_000, limit=200) == (
        "the table has 1,000,000 columns, over the limit of 200"
    )
