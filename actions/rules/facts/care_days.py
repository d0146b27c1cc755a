"""Care days: facts -> rules input, and the conditions of data/interview/care_days.yml."""
from __future__ import annotations

from datetime import date
from typing import Any, Mapping

from .. import care_days as rules


def as_int(value: Any) -> int | None:
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


def _year(facts: Mapping[str, Any], today: date) -> int:
    return as_int(facts.get("care_year")) or today.year


def needs_chronic_birth_years(facts: Mapping[str, Any], today: date) -> bool:
    """Ask which child is ill only when it changes the answer: some child is past the age limit
    but inside the limit for chronic illness, and not every child is ill."""
    years = facts.get("children_birth_years")
    chronic = as_int(facts.get("chronic_count")) or 0
    n = as_int(facts.get("children_count")) or 0
    if not isinstance(years, list) or not chronic or chronic >= n:
        return False
    year = _year(facts, today)
    return any(not rules.in_scope(rules.Child(y), year) and rules.in_scope(rules.Child(y, True), year)
               for y in years)


def children_from(facts: Mapping[str, Any], year: int) -> tuple[rules.Child, ...]:
    """The children as the rules core takes them. With 'all young' the exact years do not matter:
    every child is inside the limit, so each is given this year's age 0."""
    n = as_int(facts.get("children_count")) or 0
    chronic = as_int(facts.get("chronic_count")) or 0
    years = facts.get("children_birth_years")
    if not isinstance(years, list) or len(years) != n:
        years = [year] * n
    marked = list(facts.get("chronic_birth_years") or [])
    children = []
    remaining = chronic
    if marked:
        for y in years:
            ill = y in marked and remaining > 0
            if ill:
                marked.remove(y)
                remaining -= 1
            children.append(rules.Child(y, ill))
        return tuple(children)
    # No ambiguity (see needs_chronic_birth_years): the youngest children are marked ill.
    for y in sorted(years, reverse=True):
        children.append(rules.Child(y, remaining > 0))
        remaining -= 1
    return tuple(children)


PERMANENT = "permanent"  # absence_months: the other parent can never have tilsyn
UNKNOWN = "unknown"  # absence_months: "vet ikke"


def absence_months_from(facts: Mapping[str, Any]) -> float | None:
    """The rules-core input from the absence_months slot: months, inf for good, None unknown."""
    value = facts.get("absence_months")
    if value == PERMANENT:
        return float("inf")
    if value is None or value == UNKNOWN:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def days_used_from(facts: Mapping[str, Any]) -> int | None:
    """The days used this year (the days_used slot: a number, or "unknown")."""
    value = facts.get("days_used")
    return None if value == UNKNOWN else as_int(value)


def months_together_from(facts: Mapping[str, Any]) -> int:
    value = facts.get("months_together")
    if value == PERMANENT:
        return 10 ** 6
    try:
        return int(float(value)) if value is not None else 0
    except (TypeError, ValueError):
        return 0


def partner_from(facts: Mapping[str, Any]) -> rules.Partner | None:
    try:
        return rules.Partner(facts.get("partner_kind"))
    except ValueError:
        return None


def care_days_input(facts: Mapping[str, Any], today: date) -> rules.CareDaysInput:
    year = _year(facts, today)
    return rules.CareDaysInput(
        children=children_from(facts, year),
        situation=rules.CareSituation(facts.get("care_situation") or "together"),
        year=year,
        work_type=rules.WorkType(facts.get("work_type") or "unknown"),
        absence_months=absence_months_from(facts),
        days_used=days_used_from(facts),
        other_parent_disability=bool(facts.get("other_parent_disability")),
    )
