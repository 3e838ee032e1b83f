"""Dữ liệu (issue 21): the preview lists every error before importing, new clusters and units
are confirmed first, and the imports are listed with Hoàn tác."""

from __future__ import annotations

import pytest

from data_access.engine import make_engine, upgrade
from tests.data_access.import_kit import SIX, csv, dump, load_base


@pytest.fixture
def base_url(tmp_path) -> str:
    """The importer tests' small dataset (clusters C1, C2; units U1-U3; people P1, P2)."""
    url = f"sqlite:///{tmp_path / 'base.db'}"
    engine = make_engine(url)
    upgrade(engine)
    load_base(engine)
    engine.dispose()
    return url


def _rows(url: str) -> dict:
    engine = make_engine(url)
    try:
        out = dump(engine)
    finally:
        engine.dispose()
    out.pop("meta")
    return out


def _errors(at):
    from data_access.importer.messages import REPORT_HEADERS

    head = REPORT_HEADERS["reason"]["vi"]
    return [d.value for d in at.dataframe if head in d.value.columns]


def _pick(at):
    (box,) = [s for s in at.selectbox if s.label == "Lần nhập cần hoàn tác"]
    return box


def test_six_errors_show_in_the_preview_with_file_row_and_column(app_on, base_url):
    before = _rows(base_url)
    at = app_on(base_url)("data")
    at.file_uploader(key="upload").upload("roster.csv", csv(SIX)).run()
    assert not at.exception
    assert at.error[0].value.startswith("Đã kiểm tra toàn bộ như khi nhập (không ghi gì): 6 lỗi.")
    (errors,) = _errors(at)
    assert errors[["Tệp", "Dòng", "Cột"]].values.tolist() == [
        ["roster.csv", 2, "unit_code"],
        ["roster.csv", 3, "year"],
        ["roster.csv", 4, "person_code"],
        ["roster.csv", 5, "initiatives"],
        ["roster.csv", 6, "discipline"],
        ["roster.csv", 7, "collective_code"],
    ]
    assert at.button(key="run_import").disabled
    assert _rows(base_url) == before


def test_a_new_cluster_and_unit_are_named_and_confirmed_first(app_on, base_url):
    at = app_on(base_url)("data")
    at.file_uploader(key="upload").upload(
        "units.csv", csv("unit_code,unit_name,cluster_code\nU9,Trường mới,C9\n")
    ).upload("clusters.csv", csv("cluster_code,cluster_name\nC9,Cụm mới\n")).run()
    assert not at.exception
    assert at.success[0].value.startswith("Đã kiểm tra toàn bộ như khi nhập")
    (creates,) = [w.value for w in at.warning if w.value.startswith("Lần nhập này sẽ tạo mới")]
    assert creates.startswith("Lần nhập này sẽ tạo mới 1 cụm (C9), 1 đơn vị (U9).")
    (box,) = at.checkbox
    assert box.label == "Tôi xác nhận tạo mới 1 cụm (C9), 1 đơn vị (U9)"
    assert at.button(key="run_import").disabled
    box.check().run()
    assert not at.button(key="run_import").disabled
    at.button(key="run_import").click().run()
    assert not at.exception and at.success
    assert [r[0] for r in _rows(base_url)["clusters"]] == ["C1", "C2", "C9"]


def test_the_list_and_its_undo(app_on, base_url):
    before = _rows(base_url)
    at = app_on(base_url)("data")
    at.file_uploader(key="upload").upload(
        "units.csv", csv("unit_code,unit_name,cluster_code\nU1,Tên khác,C1\n")
    ).run()
    assert not at.checkbox  # nothing new to confirm: a rename
    at.button(key="run_import").click().run()
    assert not at.exception
    (listed,) = [d.value for d in at.dataframe if "Trạng thái" in d.value.columns]
    shown = ["Số", "Tệp", "Số dòng theo bảng (+ thêm, ~ sửa)", "Trạng thái"]
    assert listed[shown].values.tolist() == [
        [2, "units.csv", "units ~1", "Đang áp dụng"],
        [1, "clusters.csv, units.csv, collectives.csv, people.csv, roster.csv",
         "clusters +2 · units +3 · collectives +3 · people +2 · roster +2", "Đang áp dụng"],
    ]  # fmt: skip
    assert _pick(at).value == 2  # the newest first
    at.button(key="undo_import").click().run()
    assert not at.exception
    assert "Đã hoàn tác lần nhập #2: xóa 0 dòng đã thêm, trả lại 1 dòng đã sửa." in [
        s.value for s in at.success
    ]
    assert _rows(base_url) == before
    (listed,) = [d.value for d in at.dataframe if "Trạng thái" in d.value.columns]
    assert listed["Trạng thái"][0].startswith("Đã hoàn tác ")
    files = "clusters.csv, units.csv, collectives.csv, people.csv, roster.csv"
    when = listed["Thời gian"][1]
    assert _pick(at).options == [f"#1 · {when} · không rõ · {files}"]


def test_an_undo_refused_names_the_later_import(app_on, base_url):
    from tests.data_access.import_kit import run

    engine = make_engine(base_url)
    run(engine, {"units.csv": "unit_code,unit_name,cluster_code\nU1,Hai,C1\n"})
    run(engine, {"units.csv": "unit_code,unit_name,cluster_code\nU1,Ba,C1\n"})
    engine.dispose()
    before = _rows(base_url)
    at = app_on(base_url)("data")
    _pick(at).set_value(2).run()
    at.button(key="undo_import").click().run()
    assert not at.exception
    (refusal,) = [e.value for e in at.error]
    assert refusal.startswith("Không hoàn tác được lần nhập #2: lần nhập #3 (không rõ, ")
    assert _rows(base_url) == before
