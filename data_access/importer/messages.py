"""Every text the importer shows, in Vietnamese (default) and English, keyed by message id.

`text()` formats one message; `reason_expr()` builds the same message as a Polars expression, so
a reason that names per-row values (another row, another unit) is built over the whole column.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import polars as pl

LANGS = ("vi", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # --- files ------------------------------------------------------------------------------
    "path_missing": {
        "vi": "không tìm thấy tệp hoặc thư mục",
        "en": "no such file or folder",
    },
    "no_files": {
        "vi": "không có tệp nào để nhập (chấp nhận .csv, .txt, .tsv, .xlsx)",
        "en": "nothing to import (accepted: .csv, .txt, .tsv, .xlsx)",
    },
    "unsupported_file": {
        "vi": "loại tệp không được hỗ trợ (chấp nhận .csv, .txt, .tsv, .xlsx)",
        "en": "unsupported file type (accepted: .csv, .txt, .tsv, .xlsx)",
    },
    "file_too_large": {
        "vi": "tệp lớn hơn giới hạn {limit}",
        "en": "the file is larger than the {limit} limit",
    },
    "zip_bomb": {
        "vi": "tệp Excel bất thường, bị từ chối trước khi mở: {detail}",
        "en": "abnormal Excel file, refused before opening it: {detail}",
    },
    "scope_refused": {
        "vi": "vai trò của bạn không được nhập dữ liệu của: {codes}",
        "en": "your role may not import data of: {codes}",
    },
    "year_closed": {
        "vi": "năm {year} đã khóa sổ{where}; dòng này sẽ thay đổi dữ liệu của năm đó "
        "(mở khóa bằng `python -m dashboard unlock` trước)",
        "en": "the year {year} is closed{where}; this row would change it "
        "(reopen it first with `python -m dashboard unlock`)",
    },
    "year_closed_for": {"vi": " cho cụm {cluster}", "en": " for cluster {cluster}"},
    "unknown_encoding": {
        "vi": "không đọc được tệp: không nhận ra bảng mã (chấp nhận UTF-8, UTF-16, Windows-1258, "
        "TCVN3, VNI-Windows)",
        "en": "cannot read the file: unknown encoding (accepted: UTF-8, UTF-16, Windows-1258, "
        "TCVN3, VNI-Windows)",
    },
    "bad_csv": {  # {detail}: csv_ragged, csv_quote or csv_unreadable (messages.toml)
        "vi": "tệp CSV sai cấu trúc: {detail}",
        "en": "malformed CSV: {detail}",
    },
    "bad_excel": {  # {detail}: excel_unreadable (the reader's own words go to the log)
        "vi": "không đọc được bảng tính Excel: {detail}",
        "en": "cannot read the Excel workbook: {detail}",
    },
    "unknown_table": {
        "vi": "tên bảng không hợp lệ; các bảng hợp lệ: {known}",
        "en": "unknown table name; known tables: {known}",
    },
    "no_header": {
        "vi": "thiếu dòng tiêu đề (dòng 1 phải là tên các cột)",
        "en": "no header row (row 1 must hold the column names)",
    },
    "too_many_rows": {
        "vi": "bảng có nhiều hơn {limit} dòng dữ liệu (giới hạn của một lần nhập)",
        "en": "the table has more than {limit} data rows (the limit for one import)",
    },
    "too_many_columns": {
        "vi": "bảng có {columns} cột, vượt giới hạn {limit} cột",
        "en": "the table has {columns} columns, over the limit of {limit}",
    },
    # --- columns ----------------------------------------------------------------------------
    "missing_column": {
        "vi": "thiếu cột bắt buộc «{header}» (mã cột {code})",
        "en": "missing required column '{header}' (column code {code})",
    },
    "unknown_column": {
        "vi": "cột không hợp lệ; các cột của bảng {table}: {known}",
        "en": "unknown column; the columns of table {table} are: {known}",
    },
    "duplicate_column": {
        "vi": "cột bị lặp: cùng nghĩa với cột «{other}»",
        "en": "repeated column: means the same as column '{other}'",
    },
    # --- cells ------------------------------------------------------------------------------
    "cell_too_long": {
        "vi": "ô dài quá {limit} ký tự",
        "en": "the cell is longer than {limit} characters",
    },
    "too_long": {
        "vi": "dài quá {limit} ký tự cho phép của cột này",
        "en": "longer than the {limit} characters this column allows",
    },
    "required_empty": {
        "vi": "thiếu giá trị bắt buộc",
        "en": "a required value is empty",
    },
    "not_year": {
        "vi": "năm phải là số nguyên",
        "en": "the year must be an integer",
    },
    "year_range": {
        "vi": "năm phải trong khoảng {min}–{max}",
        "en": "the year must be between {min} and {max}",
    },
    "not_count": {
        "vi": "phải là số nguyên không âm",
        "en": "must be a non-negative integer",
    },
    "count_too_large": {
        "vi": "số quá lớn (tối đa {limit})",
        "en": "the number is too large (at most {limit})",
    },
    "not_pct": {
        "vi": "phải là số phần trăm từ 0 đến 100",
        "en": "must be a percentage from 0 to 100",
    },
    "not_points": {
        "vi": "phải là số không âm",
        "en": "must be a non-negative number",
    },
    "not_date": {
        "vi": "ngày phải có dạng dd/mm/yyyy hoặc yyyy-mm-dd và là ngày có thật",
        "en": "the date must be dd/mm/yyyy or yyyy-mm-dd and exist",
    },
    "not_period": {
        "vi": "kỳ đánh giá phải có dạng yyyy (2023) hoặc yyyy-mm (2023-03)",
        "en": "the period must be yyyy (2023) or yyyy-mm (2023-03)",
    },
    "invalid_choice": {
        "vi": "giá trị không hợp lệ; chọn một trong: {allowed}",
        "en": "invalid value; choose one of: {allowed}",
    },
    "rating_scale": {
        "vi": "xếp loại không thuộc thang đánh giá của {category}; chọn một trong: {allowed}",
        "en": "the rating is not on the scale for {category}; choose one of: {allowed}",
    },
    "award_recipient": {
        "vi": "{award} chỉ dành cho: {allowed}",
        "en": "{award} can only go to: {allowed}",
    },
    "target_no_bound": {
        "vi": "chỉ tiêu cần ít nhất một trong hai giá trị: tối thiểu (%) hoặc tối đa (%)",
        "en": "a target needs a minimum (%), a maximum (%), or both",
    },
    "target_min_gt_max": {
        "vi": "tối thiểu ({min}) lớn hơn tối đa ({max})",
        "en": "the minimum ({min}) is greater than the maximum ({max})",
    },
    # --- references and duplicates ----------------------------------------------------------
    "ref_missing": {
        "vi": "không có {what} mã này trong cơ sở dữ liệu hay trong các tệp đang nhập",
        "en": "no {what} has this code in the database or in the files being imported",
    },
    "collective_other_unit": {
        "vi": "tập thể này thuộc đơn vị «{unit}», không thuộc đơn vị «{row_unit}» của dòng này",
        "en": "this collective belongs to unit '{unit}', not to this row's unit '{row_unit}'",
    },
    "duplicate_row": {
        "vi": "dòng lặp lại: giống hệt dòng {row} ({file})",
        "en": "duplicate row: identical to row {row} ({file})",
    },
    "conflict": {
        "vi": "dữ liệu mâu thuẫn với dòng {row} ({file}): cùng khóa «{key}» nhưng ở dòng đó "
        "là «{other}»",
        "en": "conflicting facts with row {row} ({file}): same key '{key}' but there it is "
        "'{other}'",
    },
    # --- writing ----------------------------------------------------------------------------
    "db_error": {
        "vi": "lỗi cơ sở dữ liệu; không có dữ liệu nào được ghi: {detail}",
        "en": "database error; nothing was written: {detail}",
    },
    "db_error_table": {
        "vi": "lỗi cơ sở dữ liệu khi ghi bảng {table}; không có dữ liệu nào được ghi: {detail}",
        "en": "database error while writing table {table}; nothing was written: {detail}",
    },
    # --- progress and summary ---------------------------------------------------------------
    "progress_read": {"vi": "Đang đọc {file}", "en": "Reading {file}"},
    "progress_check": {"vi": "Đang kiểm tra dữ liệu", "en": "Checking the data"},
    "progress_write": {"vi": "Đang ghi bảng {table}", "en": "Writing table {table}"},
    "progress_done": {"vi": "Hoàn tất", "en": "Done"},
    "progress_failed": {"vi": "Có lỗi, không ghi dữ liệu", "en": "Errors found, nothing written"},
    "summary_line": {
        "vi": "{name} ({table}): {inserted} dòng thêm mới, {updated} dòng cập nhật, {unchanged} "
        "dòng không đổi",
        "en": "{name} ({table}): {inserted} inserted, {updated} updated, {unchanged} unchanged",
    },
    "summary_ok": {
        "vi": "Nhập dữ liệu thành công.",
        "en": "Import succeeded.",
    },
    "summary_failed": {
        "vi": "Có {count} lỗi; không có dữ liệu nào được ghi.",
        "en": "{count} errors; nothing was written.",
    },
}

# Messages kept as data (hostile files, encodings, warnings, consistency): same shape.
MESSAGES.update(
    tomllib.loads((Path(__file__).with_name("messages.toml")).read_text(encoding="utf-8"))
)

# Headers of the error and warning tables, on screen and in the CSV download.
REPORT_HEADERS: dict[str, dict[str, str]] = {
    "file": {"vi": "Tệp", "en": "File"},
    "row": {"vi": "Dòng", "en": "Row"},
    "column": {"vi": "Cột", "en": "Column"},
    "value": {"vi": "Giá trị", "en": "Value"},
    "reason": {"vi": "Lỗi", "en": "Problem"},
    "warning": {"vi": "Cảnh báo", "en": "Warning"},
}

# Words used inside messages: what a code names (ref_missing, award_recipient) ...
WORDS: dict[str, dict[str, str]] = {
    "cluster": {"vi": "cụm", "en": "cluster"},
    "unit": {"vi": "đơn vị", "en": "unit"},
    "collective": {"vi": "tập thể", "en": "collective"},
    "person": {"vi": "cá nhân", "en": "person"},
    "leader": {"vi": "cụm trưởng", "en": "leader"},
    "deputy": {"vi": "cụm phó", "en": "deputy"},
}
# ... and who is rated on a scale (rating_scale).
CATEGORY_WORDS: dict[str, dict[str, str]] = {
    "person": {"vi": "cá nhân", "en": "a person"},
    "unit": {"vi": "đơn vị", "en": "a unit"},
    "department": {"vi": "khoa, phòng", "en": "a department"},
    "party_cell": {"vi": "chi bộ", "en": "a party cell"},
    "mass_org": {"vi": "tổ chức đoàn thể", "en": "a mass organisation"},
}

_FIELD = re.compile(r"\{(\w+)\}")


def word(key: str, lang: str) -> str:
    return WORDS[key][_lang(lang)]


def category_word(key: str, lang: str) -> str:
    return CATEGORY_WORDS[key][_lang(lang)]


def _lang(lang: str) -> str:
    return lang if lang in LANGS else "vi"


# Fields that hold a quantity (a limit, a count, a size): written with the language's digit
# grouping (1.048.576 in Vietnamese, 1,048,576 in English). Row and line numbers, years and
# codes stay as written, so they match the spreadsheet and the file.
QUANTITIES = frozenset(
    {
        "limit", "max_rows", "max_columns", "columns", "rows", "count", "total", "shown",
        "cells", "size", "expected", "found", "members", "inserted", "updated", "unchanged",
    }
)  # fmt: skip
_GROUP = {"vi": ".", "en": ","}


def _value(key: str, v: object, lang: str) -> object:
    if key in QUANTITIES and isinstance(v, int) and not isinstance(v, bool):
        return f"{v:,}".replace(",", _GROUP[_lang(lang)])
    return v


def text(msg_id: str, lang: str, /, **values: object) -> str:
    """One message, formatted. Unknown languages fall back to Vietnamese."""
    return MESSAGES[msg_id][_lang(lang)].format(
        **{k: _value(k, v, lang) for k, v in values.items()}
    )


def reason_expr(msg_id: str, lang: str, /, **values: object) -> pl.Expr:
    """The message as an expression: `values` may mix plain values and Polars expressions.

    Built with `concat_str` of literal pieces, so braces in values (file names) are harmless."""
    template = MESSAGES[msg_id][_lang(lang)]
    parts: list[pl.Expr] = []
    pos = 0
    for match in _FIELD.finditer(template):
        parts.append(pl.lit(template[pos : match.start()]))
        v = values[match.group(1)]
        if isinstance(v, pl.Expr):
            parts.append(v.cast(pl.String).fill_null(""))
        else:
            parts.append(pl.lit(str(_value(match.group(1), v, lang))))
        pos = match.end()
    parts.append(pl.lit(template[pos:]))
    return pl.concat_str(parts)
