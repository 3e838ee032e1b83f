"""One file, one code path (issue 19): a contract table downloaded on a page is the command
line's export of that table and scope, byte for byte apart from the export time; every page
table's workbook has its title in the page header and the print setup.

The bytes are the ones the download buttons would serve: each button's deferred `data` (the
audited builder) is captured as the page draws it and called here, as a click would."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest

import dashboard.ui.files as ui_files
from dashboard.cli import main
from dashboard.tables import TABLES
from dashboard.ui import audit

CLUSTER, UNIT, YEAR = "CUM4_DBSH", "BN_TCT", 2025
FORMATS = {".xlsx": "xlsx", "-excel-vi.csv": "csv-excel-vi", ".csv": "csv"}

# page -> the contract tables its buttons offer, with the scope they are of
CONTRACT = {
    "data": {t: (CLUSTER, UNIT) for t in TABLES},
    "ranking": {"rankings": (CLUSTER, None)},
    "trends": {"trends": (CLUSTER, UNIT)},
    "review": {"quotas": (CLUSTER, UNIT), "budget": (CLUSTER, UNIT)},
    "overview": {"indicators": (CLUSTER, None)},
    "unit": {"indicators": (CLUSTER, UNIT), "quotas": (CLUSTER, UNIT)},
}


@pytest.fixture
def clicked(app, monkeypatch):
    """`clicked(page)` → ({file name: bytes} of every table download the page draws: the ones
    offered as XLSX and both CSVs, not the documents; {file name: (table, cluster, unit)} of
    its contract tables)."""

    def run(page: str, **params: str):
        builds: dict[str, object] = {}
        scopes: dict[int, tuple[str, str | None, str | None]] = {}
        real_audited, real_builder = audit.audited, ui_files.analytics_builder

        def audited(build, name):
            builds[name] = build
            return real_audited(build, name)

        def builder(table, ds, frame, *, year, cluster, unit, lang):
            fn = real_builder(table, ds, frame, year=year, cluster=cluster, unit=unit, lang=lang)
            scopes[id(fn)] = (table, cluster, unit)
            return fn

        monkeypatch.setattr(audit, "audited", audited)
        monkeypatch.setattr(ui_files, "analytics_builder", builder)
        at = app(page, cluster=CLUSTER, unit=UNIT, year=str(YEAR), **params)
        assert not at.exception
        stems = {n.removesuffix("-excel-vi.csv") for n in builds if n.endswith("-excel-vi.csv")}
        files = {n: b() for n, b in builds.items() if n.rsplit(".", 1)[0].removesuffix(
                 "-excel-vi") in stems}  # fmt: skip
        contract = {n: scopes[id(b.func)] for n, b in builds.items() if id(getattr(b, "func",
                    None)) in scopes}  # fmt: skip
        return files, contract

    return run


def _cli(
    table: str, cluster: str | None, unit: str | None, fmt: str, tmp_path, headers: str = "vi"
) -> bytes:
    out = tmp_path / f"{table}-{cluster}-{unit}-{headers}.{fmt}"
    args = ["export", table, "--year", str(YEAR), "--format", fmt, "--out", str(out)]
    args += ["--headers", headers]
    args += ["--cluster", cluster] if cluster else []
    args += ["--unit", unit] if unit else []
    assert main(args) == 0
    return out.read_bytes()


_STAMP = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")
_DATE = re.compile(rb"\d{2}/\d{2}/\d{4}")  # the footer's export date (files.exported_on)


def _without_export_time(data: bytes) -> dict[str, bytes]:
    """The workbook's parts, the export time taken out: the creation time in docProps/core.xml
    and the date in the page footer (the only dates a workbook of these tables holds as text)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["docProps/core.xml"] = _STAMP.sub(b"", parts["docProps/core.xml"])
    for name in [n for n in parts if n.startswith("xl/worksheets/")]:
        parts[name] = re.sub(
            rb"<oddFooter>.*?</oddFooter>",
            lambda m: _DATE.sub(b"DATE", m.group(0)),
            parts[name],
        )
    return parts


def _fmt(file_name: str) -> str:
    return next(fmt for ending, fmt in FORMATS.items() if file_name.endswith(ending))


@pytest.mark.slow
@pytest.mark.parametrize("page", list(CONTRACT))
def test_a_contract_table_downloaded_is_the_command_lines_export(page, clicked, tmp_path):
    files, contract = clicked(page)
    seen = {(table, c, u) for table, c, u in contract.values()}
    assert seen == {(t, c, u) for t, (c, u) in CONTRACT[page].items()}
    for name, (table, cluster, unit) in contract.items():
        fmt = _fmt(name)
        cli = _cli(table, cluster, unit, fmt, tmp_path)
        if fmt == "xlsx":
            assert _without_export_time(files[name]) == _without_export_time(cli), name
        else:
            assert files[name] == cli, name


@pytest.mark.slow
def test_in_english_too_the_data_pages_files_are_the_command_lines(clicked, tmp_path):
    files, contract = clicked("data", lang="en")
    assert {table for table, _, _ in contract.values()} == set(TABLES)
    for name, (table, cluster, unit) in contract.items():
        cli = _cli(table, cluster, unit, _fmt(name), tmp_path, headers="en")
        assert _without_export_time(files[name]) == _without_export_time(cli) if name.endswith(
            ".xlsx") else files[name] == cli, name  # fmt: skip
    heads = openpyxl.load_workbook(io.BytesIO(files[f"eligibility-{UNIT}-{YEAR}.xlsx"])).active
    assert "Eligibility — Unit" in heads.oddHeader.center.text  # the title in English


@pytest.mark.slow
@pytest.mark.parametrize("page", ["data", "unit", "ranking", "review", "overview", "trends"])
def test_every_workbook_of_a_page_is_titled_and_set_up_to_print(page, clicked):
    files, _ = clicked(page)
    books = {n: b for n, b in files.items() if n.endswith(".xlsx")}
    assert books
    for name, data in books.items():
        ws = openpyxl.load_workbook(io.BytesIO(data)).active
        header = ws.oddHeader.center.text or ""
        # "<table> — <scope> — năm 2025": the table's or section's title, the scope, the year
        assert header.endswith(f"— năm {YEAR}") and header.count(" — ") == 2, (name, header)
        assert ws.print_title_rows == "$1:$1", name  # the header row on every page
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
        assert ws.sheet_properties.pageSetUpPr.fitToPage, name
        assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0  # 1 wide
        assert "Xuất ngày" in (ws.oddFooter.left.text or ""), name
