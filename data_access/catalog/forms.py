"""The commendation field's statistical forms (forms.toml): the circulars with the dates they are
in force and their statistics period, numbered column groups with the award codes each counts,
rows with what each counts, the award methods, who receives a form of each scope."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache

from data_access.catalog import HERE, load_catalog

FORMS: tuple[str, ...] = ("0602", "0603")
COUNTS = ("all", "collective", "person", "zero", "unknown", "section")  # and "method:<code>"
METHOD_NONE = "method:none"
RECIPIENTS = ("any", "person", "collective")


@dataclass(frozen=True)
class Column:
    """One numbered cell column: `awards` counted for `recipient` (empty awards: the catalogue
    records no such commendation, so the data cannot give the figure)."""

    number: int
    group_vi: str
    group_en: str
    sub_vi: str  # the award (within a group of several) and/or Tập thể / Cá nhân, or ""
    sub_en: str
    awards: tuple[str, ...]
    recipient: str


@dataclass(frozen=True)
class Row:
    code: str  # "Mã số" ("" on a section heading)
    vi: str
    en: str
    unit_vi: str
    unit_en: str
    count: str
    bold: bool = False

    @property
    def key(self) -> str:
        """The row's code, or what it counts when the circular gives it no code."""
        return self.code or self.count


@dataclass(frozen=True)
class Circular:
    code: str  # "02/2023/TT-BNV"
    vi: str
    en: str
    in_force_from: dt.date
    layout_from: str  # the circular whose layout the catalogue holds for this one
    source: str
    period: tuple[tuple[int, int], tuple[int, int]]  # (month, day) start (year before), end
    period_source: str

    def period_of(self, year: int) -> tuple[dt.date, dt.date]:
        """First and last day of report year `year`'s statistics period."""
        (sm, sd), (em, ed) = self.period
        start_year = year - 1 if (sm, sd) > (em, ed) else year
        return dt.date(start_year, sm, sd), dt.date(year, em, ed)


@dataclass(frozen=True)
class Form:
    number: str  # "0602"
    code: str  # "0602.N/BNV-TĐKT"
    title_vi: str
    title_en: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    texts: dict[str, str]  # header block: received_by_*
    receivers: dict[str, str]  # "<scope>_<lang>" -> receiving body ({cluster_organiser}, {org})


def _columns(form: str, groups: list[dict]) -> tuple[Column, ...]:
    cat = load_catalog()
    out: list[Column] = []
    kinds = {"collective": ("Tập thể", "Collective"), "person": ("Cá nhân", "Individual")}
    for g in groups:
        awards = tuple(g.get("awards", ()))
        families = g.get("families", [])
        for code in (*awards, *(a for f in families for a in f["awards"])):
            cat.award(code)  # an unknown code fails here, naming what exists
        several = len(awards) > 1
        if families:  # one pair of columns per family of awards (all its classes)
            for f in families:
                for rec, (kvi, ken) in kinds.items():
                    out.append(Column(g["number"], g["vi"], g["en"], f"{f['vi']}\n{kvi}",
                                      f"{f['en']}\n{ken}", tuple(f["awards"]), rec))  # fmt: skip
        elif g.get("split"):
            for k, code in enumerate(awards or (None,)):
                name_vi = cat.award(code).name_vi if code and several else ""
                name_en = cat.award(code).name_en if code and several else ""
                if code and "short_vi" in g:  # the form's own short names, when given
                    name_vi, name_en = g["short_vi"][k], g["short_en"][k]
                for rec, (kvi, ken) in kinds.items():
                    out.append(Column(g["number"], g["vi"], g["en"],
                                      f"{name_vi}\n{kvi}".strip(), f"{name_en}\n{ken}".strip(),
                                      (code,) if code else (), rec))  # fmt: skip
        else:
            rec = g.get("recipient", "any")
            if rec not in RECIPIENTS:
                raise ValueError(f"forms.toml [{form}] column {g['number']}: recipient {rec!r}")
            out.append(Column(g["number"], g["vi"], g["en"], "", "", awards, rec))
    return tuple(out)


def _rows(form: str, rows: list[dict], methods: dict[str, dict[str, str]]) -> tuple[Row, ...]:
    out = []
    for r in rows:
        count = r["count"]
        if count.startswith("method:"):
            method = methods[count.removeprefix("method:")]  # "none" included by the caller
            r = {"vi": f"- {method['vi']}", "en": f"- {method['en']}", **r}
        elif count not in COUNTS:
            raise ValueError(f"forms.toml [{form}] row {r.get('code')!r}: count {count!r}")
        out.append(Row(r.get("code", ""), r["vi"], r["en"], r.get("unit_vi", ""),
                       r.get("unit_en", ""), count, bool(r.get("bold", False))))  # fmt: skip
    return tuple(out)


@cache
def load_forms() -> dict[str, Form]:
    with (HERE / "forms.toml").open("rb") as fh:
        data = tomllib.load(fh)
    texts = {k: v for k, v in data.items() if isinstance(v, str)}
    methods = {**data["methods"], "none": data["method_none"]}
    out = {}
    for number in FORMS:
        spec = data[f"f{number}"]
        out[number] = Form(
            number, spec["code"], spec["title_vi"], spec["title_en"],
            _columns(number, spec["groups"]), _rows(number, spec["rows"], methods),
            texts, dict(data["receivers"]),
        )  # fmt: skip
    return out


@cache
def circulars() -> tuple[Circular, ...]:
    """The circulars of the forms, oldest first."""
    with (HERE / "forms.toml").open("rb") as fh:
        data = tomllib.load(fh)
    out = []
    for c in data["circulars"]:
        p = c["period"]
        out.append(Circular(
            c["code"], c["vi"], c["en"], c["in_force_from"], c["layout_from"], c["source"],
            ((p["start_month"], p["start_day"]), (p["end_month"], p["end_day"])),
            c["period_source"],
        ))  # fmt: skip
    return tuple(sorted(out, key=lambda c: c.in_force_from))


def circular_for(year: int) -> Circular:
    """The circular a report year follows: the one in force on its due date (15 December);
    a year before the first circular listed follows that first one."""
    due = dt.date(year, 12, 15)
    known = circulars()
    in_force = [c for c in known if c.in_force_from <= due]
    return in_force[-1] if in_force else known[0]


@cache
def award_methods() -> dict[str, dict[str, str]]:
    """Method code -> {"vi": …, "en": …}: the codes allowed in awards.method."""
    with (HERE / "forms.toml").open("rb") as fh:
        return dict(tomllib.load(fh)["methods"])
