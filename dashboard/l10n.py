"""One locale object per language: messages, labels and the number, percent, money and date
formats, all read from `dashboard/locales/*.toml` (formats in formats.toml), so no code
branches on the language.

>>> vi, en = locale("vi"), locale("en")
>>> vi.pct(12.5), en.pct(12.5), vi.num(1234.5, 1), vi.vnd(2340000), en.vnd(2340000)
('12,5 %', '12.5%', '1.234,5', '2.340.000 đ', 'VND 2,340,000')
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass
from functools import cache

import polars as pl

from dashboard import i18n
from dashboard.rounding import DASH, decimal_expr, number_text, number_text_expr, to_decimal

DEFAULT_LANG = i18n.LANGS[0]  # the language of unsuffixed columns ("reason", not "reason_vi")


@dataclass(frozen=True)
class Locale:
    lang: str
    thousands: str
    decimal: str
    _patterns: dict[str, str]

    # --- messages ---------------------------------------------------------------------------
    def t(self, key: str, **kwargs: object) -> str:
        return i18n.t(key, self.lang, **kwargs)

    def label(self, kind: str, code: object) -> str:
        return i18n.label(kind, code, self.lang)

    def t_expr(self, key: str, **params: object) -> pl.Expr:
        """Message `key` as a Polars expression: `{name}` fields given an expression take each
        row's value, other fields their `str.format` text; a null value gives a null text."""
        parts: list[pl.Expr] = []
        for literal, field, spec, conv in string.Formatter().parse(self.t(key)):
            if literal:
                parts.append(pl.lit(literal))
            if field is None:
                continue
            value = params[field]
            if isinstance(value, pl.Expr):
                parts.append(value.cast(pl.String))
            else:
                parts.append(pl.lit(format(str(value) if conv == "s" else value, spec or "")))
        return pl.concat_str(parts) if parts else pl.lit("")

    def column(self, base: str) -> str:
        """The column holding `base` text in this language: "reason" (vi), "reason_en"."""
        return base if self.lang == DEFAULT_LANG else f"{base}_{self.lang}"

    # --- patterns ---------------------------------------------------------------------------
    def pattern(self, name: str) -> str:
        """A format of formats.toml: "percent" → "{} %" (vi), "date" → "%d/%m/%Y"."""
        return self._patterns[name]

    def wrap(self, name: str, text: str) -> str:
        return self.pattern(name).replace("{}", text)

    def wrap_expr(self, name: str, text: pl.Expr) -> pl.Expr:
        head, _, tail = self.pattern(name).partition("{}")
        return pl.concat_str([pl.lit(head), text, pl.lit(tail)])

    @property
    def pct_suffix(self) -> str:
        """What follows a percentage: " %" (vi), "%" (en); for axis ticks and hover text."""
        return self.pattern("percent").partition("{}")[2]

    @property
    def plotly_separators(self) -> str:
        """Plotly's `separators`: the decimal mark, then the thousands mark."""
        return self.decimal + self.thousands

    def point(self, text: str) -> str:
        """A number written with "." as decimal mark, in this language's decimal mark."""
        return text.replace(".", self.decimal)

    def point_expr(self, text: pl.Expr) -> pl.Expr:
        return text.str.replace(".", self.decimal, literal=True)

    # --- scalars ----------------------------------------------------------------------------
    def num(self, value: float | int | None, decimals: int = 0) -> str:
        return number_text(value, thousands=self.thousands, point=self.decimal, decimals=decimals)

    def integer(self, value: float | int | None) -> str:
        return self.num(value, 0)

    def _wrapped(self, name: str, value: float | int | None, decimals: int, sign: str = "") -> str:
        text = self.num(value, decimals)
        return DASH if text == DASH else self.wrap(name, sign + text)

    def pct(self, value: float | None, decimals: int = 1) -> str:
        """A percentage on the 0–100 scale: "90,5 %" (vi) / "90.5%" (en); None → "—"."""
        return self._wrapped("percent", value, decimals)

    def pp(self, value: float | None, decimals: int = 1) -> str:
        """A change in percentage points, signed when not zero: "+2,5 đ.p." / "-2.5 pp"."""
        d = to_decimal(value, decimals)
        return self._wrapped("points", value, decimals, "+" if d is not None and d > 0 else "")

    def vnd(self, value: float | int | None) -> str:
        return self._wrapped("money", value, 0)

    def date(self, value: dt.date | None) -> str:
        if value is None:
            return DASH
        if isinstance(value, dt.datetime):  # a timestamp shows its day
            value = value.date()
        # Through Polars, as `date_expr` does: the same text, whatever the process locale.
        return pl.select(pl.lit(value, pl.Date).dt.strftime(self.pattern("date"))).item()

    # --- expression twins -------------------------------------------------------------------
    def num_expr(self, expr: pl.Expr, decimals: int = 0) -> pl.Expr:
        return number_text_expr(
            expr, thousands=self.thousands, point=self.decimal, decimals=decimals
        )

    def integer_expr(self, expr: pl.Expr) -> pl.Expr:
        return self.num_expr(expr, 0)

    def _wrapped_expr(self, name: str, num: pl.Expr, signed: pl.Expr | None = None) -> pl.Expr:
        text = num if signed is None else signed
        return pl.when(num == DASH).then(pl.lit(DASH)).otherwise(self.wrap_expr(name, text))

    def pct_expr(self, expr: pl.Expr, decimals: int = 1) -> pl.Expr:
        return self._wrapped_expr("percent", self.num_expr(expr, decimals)).name.keep()

    def pp_expr(self, expr: pl.Expr, decimals: int = 1) -> pl.Expr:
        num = self.num_expr(expr, decimals)
        positive = decimal_expr(expr, decimals) > 0
        signed = pl.when(positive).then(pl.lit("+") + num).otherwise(num)
        return self._wrapped_expr("points", num, signed).name.keep()

    def vnd_expr(self, expr: pl.Expr) -> pl.Expr:
        return self._wrapped_expr("money", self.num_expr(expr, 0)).name.keep()

    def date_expr(self, expr: pl.Expr) -> pl.Expr:
        return expr.cast(pl.Date).dt.strftime(self.pattern("date")).fill_null(DASH)


_PATTERNS = (
    "percent",
    "percent_tight",
    "points",
    "money",
    "date",
    "export_date",
    "export_datetime",
)


def locale(lang: str = DEFAULT_LANG) -> Locale:
    """The locale of `lang` ("vi" or "en"), one object per language; another code →
    ValueError naming the choices."""
    return _locale(lang)


@cache
def _locale(lang: str) -> Locale:
    if lang not in i18n.LANGS:
        raise ValueError(f"Unknown language {lang!r}; use one of {', '.join(i18n.LANGS)}")
    return Locale(
        lang=lang,
        thousands=i18n.t("format.thousands", lang),
        decimal=i18n.t("format.decimal", lang),
        _patterns={name: i18n.t(f"format.{name}", lang) for name in _PATTERNS},
    )
