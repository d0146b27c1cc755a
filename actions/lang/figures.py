"""Rule figures as template values for the fixed bot texts (the responses in domain/*.yml).

`template_values` turns the figures of `actions.rules.figures` into strings. For a figure named
`care_days_base` a response may use:

  {care_days_base}        the number: "10", "37,5"; a date: "1. juli 2026"; a period:
                          "1. juli 2024 eller senere"; an ordinal month: "fjerde"
  {care_days_base_text}   number and unit: "10 dager", "1 time", "61 uker og 1 dag", "2 år"
  {care_days_base_words}  a small whole number in words: "ti", "ett"

Nothing here looks anything up: the figures are passed in (one-way flow).
"""
from __future__ import annotations

from collections.abc import Mapping

from actions.rules.figures import Figure, Unit

from .dates import MONTHS, format_date
from .numbers import in_words

_ORDINALS = ["nullte", "første", "andre", "tredje", "fjerde", "femte", "sjette", "sjuende",
             "åttende", "niende", "tiende", "ellevte", "tolvte"]
_UNIT_WORDS = {  # singular, plural
    Unit.DAY: ("dag", "dager"),
    Unit.WEEK: ("uke", "uker"),
    Unit.MONTH: ("måned", "måneder"),
    Unit.YEAR: ("år", "år"),
    Unit.HOUR: ("time", "timer"),
    Unit.MINUTE: ("minutt", "minutter"),
}


def number(value: float) -> str:
    """10 -> '10', 37.5 -> '37,5', 7.0 -> '7' (Norwegian decimal comma)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace(".", ",")


def ordinal(n: int) -> str:
    return _ORDINALS[n] if 0 <= n < len(_ORDINALS) else f"{n}."


def with_unit(value: float, unit: str) -> str:
    """'10 dager', '1 time', '2 år'; months that are whole years from 24 up are said in years."""
    if unit == Unit.MONTH and value >= 24 and value % 12 == 0:
        value, unit = value // 12, Unit.YEAR
    one, many = _UNIT_WORDS[unit]
    return f"{number(value)} {one if value == 1 else many}"


def weeks_and_days(days: int, per_week: int = 5) -> str:
    """Stønadsdager (5 a week) as weeks and days: 306 -> '61 uker og 1 dag', 3 -> '3 dager'."""
    w, d = divmod(days, per_week)
    parts = []
    if w:
        parts.append(with_unit(w, Unit.WEEK))
    if d:
        parts.append(with_unit(d, Unit.DAY))
    return " og ".join(parts) or with_unit(0, Unit.WEEK)


def _period(first, last) -> str:
    if last is None:
        return f"{format_date(first)} eller senere"
    return f"mellom {format_date(first)} og {format_date(last)}"


def values_for(name: str, fig: Figure) -> dict[str, str]:
    v, unit = fig.value, fig.unit
    out: dict[str, str] = {}
    if unit == Unit.DATE:
        out[name] = format_date(v)
    elif unit == Unit.MONTH_DAY:
        out[name] = f"{v[1]}. {MONTHS[v[0] - 1]}"
    elif unit == Unit.PERIOD:
        out[name] = _period(*v)
    elif unit == Unit.ORDINAL_MONTH:
        out[name] = ordinal(v)
        out[f"{name}_text"] = f"{ordinal(v)} måneden"
    elif unit == Unit.BENEFIT_DAYS:
        out[name] = number(v)
        out[f"{name}_text"] = weeks_and_days(v)
    elif unit == Unit.PERCENT:
        out[name] = number(v)
        out[f"{name}_text"] = f"{number(v)} prosent"
    elif unit in _UNIT_WORDS:
        out[name] = number(v)
        out[f"{name}_text"] = with_unit(v, unit)
    else:
        out[name] = number(v)
    if isinstance(v, int) and not isinstance(v, bool) and unit != Unit.ORDINAL_MONTH:
        out[f"{name}_words"] = in_words(v)
    return out


def template_values(figures: Mapping[str, Figure]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, fig in figures.items():
        out.update(values_for(name, fig))
    return out
