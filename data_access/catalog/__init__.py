"""The catalogue: award codes, rating scales, indicators, the rule book and money, read from the
TOML files beside this module. Rules change by year: edit the files, not the code."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from data_access.errors import UnknownCode

HERE = Path(__file__).parent
LEVELS = ("co_so", "bo_tinh", "nha_nuoc")
HIGHER_LEVELS = ("bo_tinh", "nha_nuoc")


def _load(name: str) -> dict[str, Any]:
    with (HERE / name).open("rb") as fh:
        return tomllib.load(fh)


@dataclass(frozen=True)
class AwardDef:
    code: str
    name_vi: str
    name_en: str
    recipient: str  # person | collective | collective_or_unit | any
    level: str
    implies: str | None = None
    counts_as: str | None = None
    name_vi_military: str | None = None
    short: str | None = None  # abbreviation used in reasons ("LĐTT")

    @property
    def higher_level(self) -> bool:
        return self.level in HIGHER_LEVELS


@dataclass(frozen=True)
class IndicatorDef:
    code: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]
    name_vi: str
    name_en: str
    short_vi: str
    short_en: str
    default_min: float | None = None
    default_max: float | None = None


@dataclass(frozen=True)
class Rule:
    code: str
    kind: str  # cap | criteria | streak | money
    profiles: tuple[str, ...]
    year_from: int
    year_to: int | None
    source: str  # in Vietnamese (the documents' own names)
    text_vi: str
    text_en: str
    params: dict[str, Any] = field(default_factory=dict)
    source_en: str = ""  # in English; the Vietnamese one when the catalogue gives none

    def applies(self, year: int, profile: str) -> bool:
        in_years = self.year_from <= year and (self.year_to is None or year <= self.year_to)
        return in_years and profile in self.profiles


@dataclass(frozen=True)
class Catalog:
    awards: dict[str, AwardDef]
    scales: dict[str, dict[str, Any]]
    disciplines: dict[str, dict[str, Any]]
    indicators: dict[str, IndicatorDef]
    rules: tuple[Rule, ...]
    money: dict[str, Any]

    # --- awards -----------------------------------------------------------------------------
    def award(self, code: str) -> AwardDef:
        try:
            return self.awards[code]
        except KeyError:
            raise UnknownCode("award code", code, list(self.awards)) from None

    def closure(self, code: str) -> tuple[str, ...]:
        """The award itself and every title it implies (CSTD_TQ -> CSTD_BO, CSTDCS, LDTT)."""
        out, cur = [], code
        while cur is not None and cur not in out:
            out.append(cur)
            a = self.award(cur)
            if a.counts_as:
                out.append(a.counts_as)
            cur = a.implies
        return tuple(dict.fromkeys(out))

    def awards_implying(self, code: str) -> tuple[str, ...]:
        """Every award whose closure holds `code` ("LDTT-or-higher" as a list of codes)."""
        return tuple(a for a in self.awards if code in self.closure(a))

    def higher_awards(self) -> tuple[str, ...]:
        return tuple(c for c, a in self.awards.items() if a.higher_level)

    # --- ratings ----------------------------------------------------------------------------
    def rating_rank(self, scale: str) -> dict[str, int]:
        return {k: v["rank"] for k, v in self.scales[scale]["levels"].items()}

    def all_ratings(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(k for s in self.scales.values() for k in s["levels"]))

    def ratings_at_least(self, scale: str, level: str) -> tuple[str, ...]:
        ranks = self.rating_rank(scale)
        return tuple(k for k, r in ranks.items() if r >= ranks[level])

    def discipline_severity(self) -> dict[str, int]:
        return {k: v["severity"] for k, v in self.disciplines.items()}

    # --- indicators and rules -----------------------------------------------------------------
    def indicator(self, code: str) -> IndicatorDef:
        try:
            return self.indicators[code]
        except KeyError:
            raise UnknownCode("indicator", code, list(self.indicators)) from None

    def rules_for(self, year: int, profile: str, kind: str | None = None) -> tuple[Rule, ...]:
        return tuple(
            r for r in self.rules if r.applies(year, profile) and (kind is None or r.kind == kind)
        )

    def rule(self, code: str) -> Rule:
        for r in self.rules:
            if r.code == code:
                return r
        raise UnknownCode("rule", code, [r.code for r in self.rules])

    # --- money ------------------------------------------------------------------------------
    def base_salary(self, on: dt.date) -> int:
        """Base salary (VND) in force on a date; 0 before the first entry of the table."""
        amount = 0
        for row in sorted(self.money["base_salary"], key=lambda r: r["from"]):
            if row["from"] <= on:
                amount = row["vnd"]
        return amount

    def multiple(self, award_code: str) -> float | None:
        return self.money["multiples"].get(award_code)


def _rule(d: dict[str, Any]) -> Rule:
    known = {"code", "kind", "profiles", "year_from", "year_to", "source", "source_en"}
    known |= {"text_vi", "text_en"}
    return Rule(
        code=d["code"],
        kind=d["kind"],
        profiles=tuple(d["profiles"]),
        year_from=int(d["year_from"]),
        year_to=d.get("year_to"),
        source=d["source"],
        text_vi=d["text_vi"],
        text_en=d["text_en"],
        params={k: v for k, v in d.items() if k not in known},
        source_en=d.get("source_en", d["source"]),
    )


@cache
def load_catalog() -> Catalog:
    """Read and cross-check every catalogue file once per process."""
    aw = _load("awards.toml")
    awards = {
        code: AwardDef(
            code=code,
            name_vi=d["name_vi"],
            name_en=d["name_en"],
            recipient=d["for"],
            level=d["level"],
            implies=d.get("implies"),
            counts_as=d.get("counts_as"),
            name_vi_military=d.get("name_vi_military"),
            short=d.get("short"),
        )
        for code, d in aw.items()
    }
    rt = _load("ratings.toml")
    ind = _load("indicators.toml")
    indicators = {
        code: IndicatorDef(
            code=code,
            numerator=tuple(d["numerator"]),
            denominator=tuple(d["denominator"]),
            name_vi=d["name_vi"],
            name_en=d["name_en"],
            short_vi=d["short_vi"],
            short_en=d["short_en"],
            default_min=d.get("default_min"),
            default_max=d.get("default_max"),
        )
        for code, d in ind.items()
    }
    rules = tuple(_rule(d) for d in _load("rules.toml")["rule"])
    cat = Catalog(
        awards=awards,
        scales=rt["scales"],
        disciplines=rt["discipline"],
        indicators=indicators,
        rules=rules,
        money=_load("money.toml"),
    )
    for a in awards.values():  # fail at load time, not mid-report
        for ref in (a.implies, a.counts_as):
            if ref is not None:
                cat.award(ref)
        if a.level not in LEVELS:
            raise ValueError(f"awards.toml: {a.code} has unknown level {a.level!r}")
    return cat


# Measures of unit_counts (contract.md), in the contract's order. "unit_itself" is implicit.
MEASURES: tuple[str, ...] = (
    "staff",
    "persons_ldtt_plus",
    "persons_cstdcs_plus",
    "persons_rated",
    "persons_htxsnv",
    "persons_httnv",
    "persons_httnv_plus",
    "persons_khtnv",
    "departments",
    "departments_ttldtt_plus",
    "departments_ttldxs_plus",
    "higher_award_recipients",
    "party_cells",
    "party_cells_httnv_plus",
    "party_cells_htxsnv",
    "mass_orgs",
    "mass_orgs_strong",
    "person_months_rated",
    "person_months_htxsnv",
    "department_months_rated",
    "department_months_htxsnv",
)
