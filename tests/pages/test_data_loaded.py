"""Dữ liệu shows what is loaded (rows per table and year, the data version, the last import),
and one setting, THIDUA_IMPORT_MAX_FILE_MB, is the upload box's limit (issue 10)."""

import polars as pl
import pytest


@pytest.fixture
def small_url(make_db):
    return make_db(
        {
            "clusters": pl.DataFrame({"cluster_code": ["C1"], "cluster_name": ["Cụm 1"]}),
            "units": pl.DataFrame(
                {
                    "unit_code": ["U1", "U2"],
                    "unit_name": ["Trường A", "Trường B"],
                    "cluster_code": ["C1", "C1"],
                    "profile": ["civil", "civil"],
                }
            ),
            "people": pl.DataFrame({"person_code": ["P1", "P2"], "full_name": ["An", "Bình"]}),
            "roster": pl.DataFrame(
                {"year": [2024, 2025], "person_code": ["P1", "P2"], "unit_code": ["U1", "U2"]}
            ),
        }
    )


def test_rows_per_table_and_year_and_the_last_import(app_on, small_url):
    at = app_on(small_url)("data")
    assert not at.exception, at.exception
    loaded = next(d.value for d in at.dataframe if "Bảng" in d.value.columns)
    by_table = loaded.set_index("Bảng")
    # roster: one person in 2024, one in 2025; two units, not by year
    assert by_table.loc["Danh sách biên chế", "2024"] == 1
    assert by_table.loc["Danh sách biên chế", "2025"] == 1
    assert by_table.loc["Đơn vị", "Không theo năm"] == 2
    assert next(m for m in at.metric if m.label == "Phiên bản dữ liệu").value != "—"
    assert next(m for m in at.metric if m.label == "Lần nhập gần nhất").value == "—"

    # an import through the page is "the last import", by the open-mode user
    at.file_uploader(key="upload").upload(
        "units.csv", "unit_code,unit_name,cluster_code\nU3,Trường C,C1\n".encode()
    ).run()
    at.checkbox[0].check().run()  # a new unit is confirmed before importing (issue 21)
    at.button(key="run_import").click().run()
    at.run()
    last = next(m for m in at.metric if m.label == "Lần nhập gần nhất")
    # local time with its offset (THIDUA_TIMEZONE, Asia/Ho_Chi_Minh by default)
    assert last.value.endswith("(UTC+7)") and "units.csv" in (last.proto.delta or "")
    loaded = next(d.value for d in at.dataframe if "Bảng" in d.value.columns).set_index("Bảng")
    assert loaded.loc["Đơn vị", "Không theo năm"] == 3


@pytest.mark.parametrize("mb", ["7", "200"])
def test_one_setting_is_the_upload_limit(app_on, small_url, monkeypatch, mb):
    monkeypatch.setenv("THIDUA_IMPORT_MAX_FILE_MB", mb)
    at = app_on(small_url)("data")
    from streamlit import config

    assert config.get_option("server.maxUploadSize") == int(mb)
    box = at.get("file_uploader")[0]
    assert box.proto.max_upload_size_mb == int(mb)
    # the box's own text, in Vietnamese, says the same limit
    css = " ".join(h.proto.body for h in at.get("html"))
    assert f"Tối\\000020đa\\000020{mb}\\000020MB" in css
