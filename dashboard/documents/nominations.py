"""The nomination list of a unit for one title, with its cover letter (tờ trình): the eligible
candidates not yet proposed (STT, name, unit or collective, achievements: the rule book's
criteria and the reasons the engine gives), the quota on top (allowed, already awarded,
remaining), candidates beyond the remaining quota flagged, never dropped.

Everything comes from the contract tables the app shows (eligibility, quotas)."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

import polars as pl

from dashboard import vocabulary
from dashboard.documents.render import BLANK, header, render_docx
from dashboard.forms.header import organiser_name
from dashboard.i18n import t
from dashboard.l10n import locale
from dashboard.organisation import membership
from dashboard.tables import analytics_table
from dashboard.views.quota_pressure import over_text
from data_access import settings
from data_access.catalog import load_catalog
from data_access.readers import Dataset

FORMATS = ("docx", "xlsx")


@dataclass(frozen=True)
class Quota:
    rule: str  # the cap rule's name
    allowed: int
    used: int  # already awarded (the title or a higher one)
    remaining: int  # negative: already over


@dataclass(frozen=True)
class Candidate:
    no: int
    name: str
    unit: str
    reason: str
    beyond: bool  # past the remaining quota: the council chooses among the candidates


@dataclass(frozen=True)
class Nominations:
    year: int
    unit: str
    unit_name: str
    award: str
    award_name: str
    profile: str
    criteria: str  # the rule book's text for the title
    quota: Quota | None  # None: no cap rule limits this title
    candidates: tuple[Candidate, ...] = field(default_factory=tuple)

    @property
    def over(self) -> int:
        """Candidates past the remaining quota (0 when within it or there is no quota)."""
        if self.quota is None:
            return 0
        return max(0, len(self.candidates) - max(self.quota.remaining, 0))


def _rules(year: int, profile: str, award: str, kinds: tuple[str, ...]):
    return [
        r for r in load_catalog().rules_for(year, profile)
        if r.kind in kinds and r.params.get("award") == award
    ]  # fmt: skip


def _detail(reason: str) -> str:
    """The engine's reason without its head ("Đủ tiêu chuẩn, chưa được đề nghị: …")."""
    return reason.split(": ", 1)[1] if ": " in reason else ""


def nominations(ds: Dataset, *, year: int, unit: str, award: str, lang: str = "vi") -> Nominations:
    cat = load_catalog()
    cat.award(award)  # an unknown code fails here, naming what exists
    profile = vocabulary.scope_profile(ds.units, cluster=None, unit=unit)
    names = ds.units.filter(pl.col("unit_code").cast(pl.String) == unit)["unit_name"]
    unit_name = str(names[0]) if len(names) else unit
    rules = _rules(year, profile, award, ("criteria", "streak"))
    criteria = "; ".join(r.text_vi if lang == "vi" else r.text_en for r in rules)
    elig = analytics_table("eligibility", ds, year=year, unit=unit, lang=lang).filter(
        pl.col("award_code") == award
    )
    todo = elig.filter(pl.col("eligible") & ~pl.col("awarded"))
    quota = None
    caps = _rules(year, profile, award, ("cap",))
    if caps:
        q = analytics_table("quotas", ds, year=year, unit=unit, lang=lang).filter(
            pl.col("rule").is_in([r.code for r in caps])
        )
        if q.height:
            r = q.row(0, named=True)
            quota = Quota(str(r["rule_name"] or r["rule"]), int(r["allowed"]), int(r["used"]),
                          int(r["remaining"]))  # fmt: skip
    room = None if quota is None else max(quota.remaining, 0)
    rows = []
    for i, r in enumerate(todo.iter_rows(named=True)):
        detail = _detail(r["reason"] or "")
        reason = "; ".join(x for x in (criteria, detail) if x)
        is_person = r["subject_kind"] == "person"
        where = r["unit_name"] if is_person else f"{r['subject_name']} – {r['unit_name']}"
        who = str(r["subject_name"] or r["subject_code"])
        beyond = room is not None and i >= room
        rows.append(Candidate(i + 1, who, str(where or unit_name), reason, beyond))
    return Nominations(year, unit, unit_name, award,
                       vocabulary.label("award", award, lang, profile), profile, criteria, quota,
                       tuple(rows))  # fmt: skip


def _receiver(ds: Dataset, n: Nominations, lang: str) -> str:
    """Grassroots titles are decided in the unit; higher ones by the cluster's organiser (else
    THIDUA_ORG_NAME)."""
    if load_catalog().award(n.award).level == "co_so":
        return n.unit_name
    m = membership(ds, [n.year]).filter(pl.col("unit_code") == n.unit)
    cluster = str(m["cluster_code"][0]) if m.height else None
    return (organiser_name(ds, cluster) if cluster else None) or settings.org_name() or BLANK


def _texts(ds: Dataset, n: Nominations, lang: str) -> dict[str, str]:
    loc = locale(lang)
    k = len(n.candidates)
    q = n.quota
    over = n.over
    texts = {
        key: t(f"documents.{key}", lang)
        for key in ("letter_kind", "col_no", "col_name", "col_unit", "col_reason", "col_note",
                    "list_title", "recipients", "signer_title", "signer_note")
    }  # fmt: skip
    texts.update(
        letter_subject=t("documents.letter_subject", lang, award=n.award_name, year=n.year),
        letter_to=t("documents.letter_to", lang, body=_receiver(ds, n, lang)),
        letter_basis=t("documents.letter_basis", lang, year=n.year, unit=n.unit_name),
        letter_counts=t("documents.letter_counts", lang, unit=n.unit_name, n=loc.integer(k),
                        award=n.award_name, year=n.year, criteria=n.criteria or "—"),
        letter_quota=(t("documents.letter_quota", lang, rule=q.rule, allowed=loc.integer(
            q.allowed), used=loc.integer(q.used), remaining=loc.integer(max(q.remaining, 0)))
            if q else t("documents.letter_no_quota", lang)),
        letter_over=(t("documents.letter_over", lang, over=over_text(over, lang),
                       n=loc.integer(k)) if over else ""),
        letter_ask=t("documents.letter_ask", lang),
        list_subject=t("documents.list_subject", lang, award=n.award_name, year=n.year,
                       unit=n.unit_name),
        quota_line=(t("documents.quota_line", lang, allowed=loc.integer(q.allowed),
                      used=loc.integer(q.used), remaining=loc.integer(max(q.remaining, 0)),
                      n=loc.integer(k)) + (f" — {over_text(over, lang)}." if over else "")
                    if q else t("documents.letter_no_quota", lang)),
        list_legend=t("documents.list_legend", lang) if over else "",
    )  # fmt: skip
    return texts


def to_docx(
    ds: Dataset, n: Nominations, *, lang: str = "vi", today: dt.date | None = None
) -> bytes:
    beyond = t("documents.beyond", lang)
    context = {
        **header(issuing_body=n.unit_name, lang=lang, today=today),
        "t": _texts(ds, n, lang),
        "recipients": [t("documents.recipient_above", lang), t("documents.recipient_file", lang)],
        "rows": [
            {"no": c.no, "name": c.name, "unit": c.unit, "reason": c.reason,
             "note": beyond if c.beyond else ""}
            for c in n.candidates
        ],
    }  # fmt: skip
    return render_docx("nominations.docx", context)


def to_xlsx(n: Nominations, *, lang: str = "vi", exported: dt.date | None = None) -> bytes:
    """The list as a workbook: title, the quota as numbers, one row per candidate (STT a number),
    a column flagging those beyond the quota; set up to print."""
    import xlsxwriter

    from dashboard.exports.xlsx_out import FONT, print_setup

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False,
                                   "strings_to_numbers": False})  # fmt: skip
    ws = wb.add_worksheet(t("documents.sheet", lang)[:31])

    def fmt(**kw: object):
        return wb.add_format({"font_name": FONT, "font_size": 10, "valign": "top", **kw})

    title = fmt(bold=True, font_size=13, align="center", text_wrap=True)
    head = fmt(bold=True, border=1, align="center", text_wrap=True, bg_color="#F2F2F2")
    cell = fmt(border=1, text_wrap=True)
    num = fmt(border=1, num_format="#,##0", align="center")
    flag = fmt(border=1, text_wrap=True, bold=True, font_color="#9C0006", bg_color="#FFC7CE")
    label = fmt(bold=True)
    last = 4
    title_text = t("documents.list_subject", lang, award=n.award_name, year=n.year,
                   unit=n.unit_name)  # fmt: skip
    ws.merge_range(0, 0, 0, last, t("documents.list_title", lang), title)
    ws.merge_range(1, 0, 1, last, title_text, fmt(italic=True, align="center", text_wrap=True))
    ws.set_row(1, 30)
    r = 3
    if n.quota is not None:
        for key, value in (("allowed", n.quota.allowed), ("used", n.quota.used),
                           ("remaining", max(n.quota.remaining, 0)),
                           ("candidates", len(n.candidates)), ("over", n.over)):  # fmt: skip
            ws.write_string(r, 1, t(f"documents.q_{key}", lang), label)
            ws.write_number(r, 2, value, fmt(num_format="#,##0"))
            r += 1
    else:
        ws.merge_range(r, 0, r, last, t("documents.letter_no_quota", lang), fmt(italic=True))
        r += 1
    r += 1
    top = r
    for j, key in enumerate(("col_no", "col_name", "col_unit", "col_reason", "col_note")):
        ws.write_string(r, j, t(f"documents.{key}", lang), head)
    beyond = t("documents.beyond", lang)
    for c in n.candidates:
        r += 1
        ws.write_number(r, 0, c.no, num)
        ws.write_string(r, 1, c.name, cell)
        ws.write_string(r, 2, c.unit, cell)
        ws.write_string(r, 3, c.reason, cell)
        if c.beyond:
            ws.write_string(r, 4, beyond, flag)
        else:
            ws.write_blank(r, 4, None, cell)
        ws.set_row(r, 15 * max(1, len(c.reason) // 55 + 1))
    for j, width in enumerate((6, 26, 30, 55, 16)):
        ws.set_column(j, j, width)
    print_setup(ws, title=None, lang=lang, exported=exported or dt.date.today())
    ws.set_portrait()
    ws.repeat_rows(top)
    ws.print_area(0, 0, r, last)
    wb.close()
    return buf.getvalue()
