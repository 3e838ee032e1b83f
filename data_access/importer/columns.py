"""What each import table looks like: column codes (contract.md), Vietnamese and English headers,
required flag, value type and allowed values. The template and the validator both read this."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

from data_access import models as m
from data_access.catalog import MEASURES, load_catalog
from data_access.catalog.forms import award_methods

# Value types a column can have; validate.py knows how to parse and check each.
CODE, TEXT, YEAR, COUNT, PCT, POINTS, DATE, PERIOD, CHOICE, MONTH = (
    "code",
    "text",
    "year",
    "count",
    "pct",
    "points",
    "date",
    "period",
    "choice",
    "month",  # a month number 1–12 (period_start_month)
)


@dataclass(frozen=True)
class ColumnSpec:
    code: str
    vi: str
    en: str
    required: bool
    kind: str = CODE
    choices: str | None = None  # name of a list in `choice_lists()`
    default: object = None  # value stored for an empty cell (optional columns only)


@dataclass(frozen=True)
class TableSpec:
    name: str
    sheet_vi: str  # the template's sheet name (Excel: at most 31 characters)
    sheet_en: str
    about_vi: str
    about_en: str
    columns: tuple[ColumnSpec, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.name for c in m.TABLE_BY_NAME[self.name].__table__.primary_key.columns)

    def column(self, code: str) -> ColumnSpec:
        return next(c for c in self.columns if c.code == code)

    def header(self, code: str, lang: str) -> str:
        c = self.column(code)
        return c.vi if lang == "vi" else c.en


def _c(code: str, vi: str, en: str, req: bool, kind: str = CODE, **kw: object) -> ColumnSpec:
    return ColumnSpec(code, vi, en, req, kind, **kw)  # type: ignore[arg-type]


_YEAR = _c("year", "Năm", "Year", True, YEAR)
_UNIT = _c("unit_code", "Mã đơn vị", "Unit code", True)
_CLUSTER = _c("cluster_code", "Mã cụm", "Cluster code", True)
# 0.3.0: the first month of the emulation year (1 = the calendar year, 9 = the school year).
_START_MONTH = _c(
    "period_start_month", "Tháng bắt đầu năm thi đua", "Emulation year start month", False, MONTH
)
_DECISION_NO = _c("decision_no", "Số quyết định", "Decision number", False, TEXT)

TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "clusters",
        "Cụm thi đua",
        "Clusters",
        "Các cụm, khối thi đua",
        "Emulation clusters and blocks",
        (
            _CLUSTER,
            _c("cluster_name", "Tên cụm", "Cluster name", True, TEXT),
            _c("organizer", "Cơ quan tổ chức", "Organizer", False, TEXT),
            _START_MONTH,
        ),
    ),
    TableSpec(
        "units",
        "Đơn vị",
        "Units",
        "Các đơn vị thành viên của cụm",
        "Member units of a cluster",
        (
            _UNIT,
            _c("unit_name", "Tên đơn vị", "Unit name", True, TEXT),
            _CLUSTER,
            _c(
                "profile", "Loại hình", "Profile", False, CHOICE, choices="profile", default="civil"
            ),
            _c("short_name", "Tên ngắn", "Short name", False, TEXT),
            _START_MONTH,
        ),
    ),
    TableSpec(
        "collectives",
        "Tập thể",
        "Collectives",
        "Khoa, phòng, chi bộ, đoàn thể của đơn vị",
        "Departments, party cells and mass organisations of a unit",
        (
            _c("collective_code", "Mã tập thể", "Collective code", True),
            _UNIT,
            _c("collective_name", "Tên tập thể", "Collective name", True, TEXT),
            _c("kind", "Loại tập thể", "Kind", True, CHOICE, choices="kind"),
        ),
    ),
    TableSpec(
        "people",
        "Cá nhân",
        "People",
        "Cán bộ, công chức, viên chức, người lao động",
        "Staff members",
        (
            _c("person_code", "Mã cá nhân", "Person code", True),
            _c("full_name", "Họ và tên", "Full name", True, TEXT),
        ),
    ),
    TableSpec(
        "roster",
        "Danh sách cán bộ",
        "Roster",
        "Ai thuộc biên chế đơn vị nào trong năm",
        "Who is on which unit's staff in a year",
        (
            _YEAR,
            _c("person_code", "Mã cá nhân", "Person code", True),
            _UNIT,
            _c("collective_code", "Mã tập thể", "Collective code", False),
            _c("initiatives", "Số sáng kiến", "Initiatives", False, COUNT, default=0),
            _c(
                "discipline",
                "Kỷ luật",
                "Discipline",
                False,
                CHOICE,
                choices="discipline",
                default="none",
            ),
        ),
    ),
    TableSpec(
        "ratings",
        "Đánh giá xếp loại",
        "Ratings",
        "Kết quả đánh giá, xếp loại theo năm hoặc tháng",
        "Annual or monthly quality ratings",
        (
            _c("period", "Kỳ đánh giá", "Period", True, PERIOD),
            _c(
                "subject_kind",
                "Loại đối tượng",
                "Subject kind",
                True,
                CHOICE,
                choices="subject_kind",
            ),
            _c("subject_code", "Mã đối tượng", "Subject code", True),
            _c("rating", "Xếp loại", "Rating", True, CHOICE, choices="rating"),
        ),
    ),
    TableSpec(
        "awards",
        "Khen thưởng",
        "Awards",
        "Danh hiệu thi đua và hình thức khen thưởng",
        "Titles and commendations",
        (
            _YEAR,
            _c(
                "recipient_kind",
                "Loại đối tượng",
                "Recipient kind",
                True,
                CHOICE,
                choices="recipient_kind",
            ),
            _c("recipient_code", "Mã đối tượng", "Recipient code", True),
            _c("award_code", "Mã khen thưởng", "Award code", True, CHOICE, choices="award_code"),
            _DECISION_NO,
            _c("decision_date", "Ngày quyết định", "Decision date", False, DATE),
            _c(
                "method",
                "Phương thức khen thưởng",
                "Award method",
                False,
                CHOICE,
                choices="award_method",
            ),
        ),
    ),
    TableSpec(
        "targets",
        "Chỉ tiêu",
        "Targets",
        "Chỉ tiêu thi đua đăng ký (%)",
        "Registered targets (%)",
        (
            _YEAR,
            _c("scope_kind", "Phạm vi", "Scope kind", True, CHOICE, choices="scope_kind"),
            _c("scope_code", "Mã phạm vi", "Scope code", True),
            _c("indicator", "Mã chỉ tiêu", "Indicator", True, CHOICE, choices="indicator"),
            _c("min_pct", "Tối thiểu (%)", "Minimum (%)", False, PCT),
            _c("max_pct", "Tối đa (%)", "Maximum (%)", False, PCT),
        ),
    ),
    TableSpec(
        "cluster_roles",
        "Vai trò trong cụm",
        "Cluster roles",
        "Cụm trưởng, cụm phó trong năm",
        "Cluster leader and deputies of the year",
        (
            _YEAR,
            _CLUSTER,
            _UNIT,
            _c("role", "Vai trò", "Role", True, CHOICE, choices="role"),
        ),
    ),
    TableSpec(
        "scores",
        "Chấm điểm",
        "Scores",
        "Điểm chấm thi đua theo tiêu chí",
        "Cluster scoring per criterion",
        (
            _YEAR,
            _UNIT,
            _c("criterion", "Tiêu chí", "Criterion", True, TEXT),
            _c("max_points", "Điểm tối đa", "Maximum points", True, POINTS),
            _c("self_points", "Điểm tự chấm", "Self-assessed points", False, POINTS),
            _c("final_points", "Điểm cụm chấm", "Final points", False, POINTS),
        ),
    ),
    TableSpec(
        "unit_counts",
        "Số liệu tổng hợp",
        "Unit counts",
        "Số liệu tổng hợp của đơn vị chỉ báo cáo con số",
        "Reported totals of a unit that shares only numbers",
        (
            _YEAR,
            _UNIT,
            _c("measure", "Số liệu", "Measure", True, CHOICE, choices="measure"),
            _c("value", "Giá trị", "Value", True, COUNT),
        ),
    ),
    # 0.3.0: the organisation over time (contract.md)
    TableSpec(
        "cluster_members",
        "Thành viên cụm theo năm",
        "Cluster members",
        "Đơn vị nào thuộc cụm nào trong từng năm (theo quyết định phân cụm, khối)",
        "Which unit was in which cluster in each year (the cluster assignment decision)",
        (
            _YEAR,
            _CLUSTER,
            _UNIT,
            _DECISION_NO,
            _c("decision_date", "Ngày quyết định", "Decision date", False, DATE),
        ),
    ),
    TableSpec(
        "unit_changes",
        "Sáp nhập, chia tách",
        "Unit changes",
        "Sáp nhập, chia tách, đổi tên đơn vị và ngày có hiệu lực",
        "Mergers, splits and renames of units, with the date they take effect",
        (
            _c("effective_date", "Ngày hiệu lực", "Effective date", True, DATE),
            _c("kind", "Hình thức", "Kind of change", True, CHOICE, choices="change_kind"),
            _c("from_unit_code", "Mã đơn vị cũ", "Former unit code", True),
            _c("to_unit_code", "Mã đơn vị mới", "New unit code", True),
            _DECISION_NO,
        ),
    ),
)
TABLE_SPECS: dict[str, TableSpec] = {t.name: t for t in TABLES}
# Sheets of the template that hold no data: the importer skips them (the examples too, so a
# template uploaded as downloaded imports nothing; issue 21).
GUIDE_SHEET, LISTS_SHEET, EXAMPLES_SHEET = "Hướng dẫn", "Danh mục", "Ví dụ"


def fold(text: str) -> str:
    """How headers, sheet and file names are compared: NFC, stripped, case-folded."""
    return unicodedata.normalize("NFC", text).strip().casefold()


@cache
def table_aliases() -> dict[str, str]:
    """Folded table name, Vietnamese sheet name or English name -> table code."""
    out: dict[str, str] = {}
    for t in TABLES:
        for alias in (t.name, t.sheet_vi, t.sheet_en):
            out[fold(alias)] = t.name
    return out


@cache
def header_aliases(table: str) -> dict[str, str]:
    """Folded column code, Vietnamese or English header -> column code, for one table."""
    out: dict[str, str] = {}
    for c in TABLE_SPECS[table].columns:
        for alias in (c.code, c.vi, c.en):
            out[fold(alias)] = c.code
    return out


def max_length(table: str, column: str) -> int | None:
    """The database column's length limit (PostgreSQL enforces it; SQLite would not)."""
    return getattr(m.TABLE_BY_NAME[table].__table__.c[column].type, "length", None)


@cache
def choice_lists() -> dict[str, tuple[str, ...]]:
    """Allowed codes per choice list, from the models and the catalogue (never hard-coded)."""
    cat = load_catalog()
    return {
        "profile": m.PROFILES,
        "kind": m.COLLECTIVE_KINDS,
        "discipline": m.DISCIPLINES,
        "subject_kind": m.SUBJECT_KINDS,
        "recipient_kind": m.SUBJECT_KINDS,
        "scope_kind": m.SCOPE_KINDS,
        "role": m.CLUSTER_ROLES,
        "rating": cat.all_ratings(),
        "award_code": tuple(cat.awards),
        "award_method": tuple(award_methods()),
        "indicator": tuple(cat.indicators),
        "measure": MEASURES,
        "change_kind": m.CHANGE_KINDS,
    }


# Words a clerk may write instead of a code: the Vietnamese names of the codes.
CHOICE_WORDS: dict[str, dict[str, str]] = {
    "change_kind": {"sáp nhập": "merge", "chia tách": "split", "đổi tên": "rename"},
}


def choice_words(name: str) -> dict[str, str]:
    """Lower-cased word -> code for choice list `name` (NFC, as every cell is)."""
    return {
        unicodedata.normalize("NFC", w).lower(): c for w, c in CHOICE_WORDS.get(name, {}).items()
    }


@cache
def scale_of_category() -> dict[str, str]:
    """Rated category (person, unit, department, party_cell, mass_org) -> its rating scale."""
    return {
        category: scale
        for scale, spec in load_catalog().scales.items()
        for category in spec["applies_to"]
    }


def recipient_kinds(award_recipient: str) -> tuple[str, ...]:
    """Which recipient_kind an award's `for` (awards.toml) allows."""
    return {
        "person": ("person",),
        "collective": ("collective",),
        "unit": ("unit",),
        "collective_or_unit": ("collective", "unit"),
        "any": m.SUBJECT_KINDS,
    }[award_recipient]
