"""`label(kind, code, lang)` and `label_expr`: names of codes (messages and catalogue)."""

from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_series_equal

from dashboard.i18n import label, label_expr


@pytest.mark.parametrize(
    ("code", "vi"),
    [
        ("met", "Đạt"),
        ("below", "Dưới chỉ tiêu"),
        ("above", "Vượt trần"),
        ("no_data", "Chưa có số liệu"),
        ("no_target", "Chưa đặt chỉ tiêu"),
    ],
)
def test_status_names(code, vi):
    assert label("status", code) == vi


@pytest.mark.parametrize(
    ("kind", "code", "lang", "text"),
    [
        ("award", "LDTT", "vi", "Lao động tiên tiến"),
        ("award", "CSTDCS", "en", "Grassroots Emulation Fighter"),
        ("indicator", "LDTT_RATE", "vi", "Tỷ lệ Lao động tiên tiến"),
        ("indicator_short", "CSTDCS_OF_LDTT", "vi", "CSTĐCS/LĐTT"),
        ("rating", "HTXSNV", "vi", "Hoàn thành xuất sắc nhiệm vụ"),
        ("rating", "VM", "en", "Strong"),  # from the mass-organisation scale
        ("discipline", "canh_cao", "vi", "Cảnh cáo"),
        ("role", "leader", "vi", "Cụm trưởng"),
        ("quota_status", "over", "vi", "Vượt hạn mức"),
        ("basis", "targets", "en", "By targets met"),
        ("subject_kind", "collective", "vi", "Tập thể"),
    ],
)
def test_codes_are_named(kind, code, lang, text):
    assert label(kind, code, lang) == text


@pytest.mark.parametrize(("flag", "vi", "en"), [(True, "Có", "Yes"), (False, "Không", "No")])
def test_booleans(flag, vi, en):
    assert (label("bool", flag), label("bool", flag, "en")) == (vi, en)


def test_rule_without_a_short_name_falls_back_to_the_rule_text():
    # rules.toml text for HTXSNV_CAP is long; common.toml gives a short name.
    assert label("rule", "HTXSNV_CAP") == "Hạn mức xếp loại HTXSNV"


@pytest.mark.parametrize(("kind", "code"), [("status", "mett"), ("award", "LDT"), ("nope", "x")])
def test_unknown_code_or_kind_is_a_key_error(kind, code):
    with pytest.raises(KeyError):
        label(kind, code)


def test_label_expr_keeps_unknown_codes_and_nulls():
    frame = pl.DataFrame({"status": ["met", "later", None]})
    got = frame.select(label_expr(pl.col("status"), "status")).to_series()
    assert_series_equal(got, pl.Series("status", ["Đạt", "later", None]))


def test_label_expr_on_booleans():
    frame = pl.DataFrame({"eligible": [True, False, None]})
    got = frame.select(label_expr(pl.col("eligible"), "bool", "en")).to_series()
    assert_series_equal(got, pl.Series("eligible", ["Yes", "No", None]))
