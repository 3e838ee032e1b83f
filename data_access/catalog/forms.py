"""The layouts of the Circular 02/2023/TT-BNV statistical forms (forms.toml): numbered column
groups with the award codes each counts, rows with what each counts, the award methods."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from data_access.catalog import HERE, load_catalog

FORMS: tuple[str, ...] = ("0602", "0603")
COUNTS = ("all", "collective", "person", "unknown", "section")  # and "method:<code>"
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


@dataclass(frozen=True)
class Form:
    number: str  # "0602"
    code: str  # "0602.N/BNV-TĐKT"
    title_vi: str
    title_en: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    texts: dict[str, str]  # header block: received_by_*, receiver_*, circular_*


def _columns(form: str, groups: list[dict]) -> tuple[Column, ...]:
    cat = load_catalog()
    out: list[Column] = []
    kinds = {"collective": ("Tập thể", "Collective"), "person": ("Cá nhân", "Individual")}
    for g in groups:
        awards = tuple(g["awards"])
        for code in awards:
            cat.award(code)  # an unknown code fails here, naming what exists
        several = len(awards) > 1
        if g.get("split"):
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
            method = methods[count.removeprefix("method:")]
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
    out = {}
    for number in FORMS:
        spec = data[f"f{number}"]
        out[number] = Form(
            number, spec["code"], spec["title_vi"], spec["title_en"],
            _columns(number, spec["groups"]), _rows(number, spec["rows"], data["methods"]),
            texts,
        )  # fmt: skip
    return out


@cache
def award_methods() -> dict[str, dict[str, str]]:
    """Method code -> {"vi": …, "en": …}: the codes allowed in awards.method."""
    with (HERE / "forms.toml").open("rb") as fh:
        return dict(tomllib.load(fh)["methods"])
