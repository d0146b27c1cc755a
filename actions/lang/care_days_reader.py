"""Reading care-days answers: one user message -> slot candidates and problems.

Pure (no Rasa): the glue passes the text, the question asked (`requested`), what is known so far
and today's date. Problems are codes; the glue sends the matching `utter_invalid_<code>` response.
"""
from __future__ import annotations

import re
from datetime import date

from actions.rules.care_days import FIRST_YEAR, Child, in_scope

from . import duration, parse
from .dates import InvalidDate, parse_date, relative_year, years_in
from .reading import Reading

MAX_CHILDREN = 20
ALL_YOUNG = "all_young"
OLDEST_BIRTH_YEAR_GAP = 30
# Words that mark a correction of an earlier answer ("nei, fire barn", "jeg har egentlig 3 barn").
CORRECTION = re.compile(r"^\s*(nei|nei,|feil|egentlig|rettelse|unnskyld)|\b(egentlig|jeg har|vi har|"
                        r"eg har|me har|det er)\b", re.IGNORECASE)  # a birth year more than 30 years back is not a child in scope


def read(text: str, requested: str | None, known: dict, today: date) -> Reading:
    t = parse.clean(text)
    out = Reading()
    if parse.looks_like_markup(t):
        return out
    year = int(known.get("care_year") or today.year)

    # Year asked about ("neste år", "i 2027"): only when said explicitly, never from birth years.
    rel = relative_year(t, today)
    if rel is not None:
        _set_year(out, rel, today)
        year = out.slots.get("care_year", year)
    elif requested not in ("children_birth_years", "chronic_birth_years"):
        m = re.search(r"\b(?:i|for|år|året)\s+(\d{4})\b", t.lower())
        if m and "født" not in t.lower():
            _set_year(out, int(m.group(1)), today)
            year = out.slots.get("care_year", year)

    # Number of children.
    count = parse.children_count(t, asked=requested == "children_count" and not _has_date(t, today))
    other_question = requested in ("children_birth_years", "chronic_any", "chronic_count",
                                   "chronic_birth_years")
    if count is not None and (not other_question or CORRECTION.search(t)):
        if count < 1:
            out.problems.append("children_count_low")
        elif count > MAX_CHILDREN:
            out.problems.append("children_count_high")
        else:
            out.slots["children_count"] = count
            if count != known.get("children_count"):
                # A correction: earlier answers that depend on the number are asked again.
                if known.get("children_count") is not None:
                    years = known.get("children_birth_years")
                    if isinstance(years, list) and len(years) != count:
                        out.slots["children_birth_years"] = None
                    if (known.get("chronic_count") or 0) > count:
                        out.slots["chronic_count"] = None
                        out.slots["chronic_any"] = None

    n = out.slots.get("children_count", known.get("children_count"))
    n = int(n) if n is not None else None

    # Birth years (or ages).
    if requested == "children_birth_years" or "født" in t.lower() or "fødd" in t.lower():
        _read_birth_years(t, n, year, today, out, requested == "children_birth_years")

    # Care situation.
    situation = parse.care_situation(t)
    if situation:
        out.slots["care_situation"] = situation
    elif requested == "care_situation":
        if not out.slots and parse.yes_no(t) is not None:
            out.problems.append("care_situation_unclear")

    # How long the other parent cannot have tilsyn (asked only when that is the situation).
    if requested == "absence_months" or out.slots.get("care_situation") == "temporarily_alone":
        months = duration.absence_months(t, asked=requested == "absence_months")
        if months is not None:
            out.slots["absence_months"] = months

    # Chronic illness.
    asked_chronic = requested in ("chronic_any", "chronic_count")
    chronic = parse.chronic_count(t, n, asked=asked_chronic)
    if chronic is not None:
        if chronic < 0 or (n is not None and chronic > n):
            out.problems.append("chronic_count_range")
        else:
            out.slots["chronic_count"] = chronic
            out.slots["chronic_any"] = chronic > 0
    elif asked_chronic and requested == "chronic_any":
        if parse.mentions_chronic_yes_without_count(t):
            out.slots["chronic_any"] = True
    if requested == "chronic_birth_years":
        ys = years_in(t)
        chosen = [y for y in ys if isinstance(known.get("children_birth_years"), list)
                  and y in known["children_birth_years"]]
        if ys and len(chosen) == len(ys):
            out.slots["chronic_birth_years"] = chosen
        elif ys:
            out.problems.append("chronic_birth_years_unknown")

    # Work.
    work = parse.work_type(t)
    if work and (requested == "work_type" or work != "unknown"):
        out.slots["work_type"] = work
    return out


def _has_date(text: str, today: date) -> bool:
    """'31. februar' or '03.03.2027' is a date, not a number of children."""
    try:
        return parse_date(text, today) is not None
    except InvalidDate:
        return True


def _set_year(out: Reading, year: int, today: date) -> None:
    if FIRST_YEAR <= year <= today.year + 1:
        out.slots["care_year"] = year
    else:
        out.problems.append("care_year_range")


def _read_birth_years(t: str, n: int | None, year: int, today: date, out: Reading, asked: bool) -> None:
    if parse.says_all_young(t):
        out.slots["children_birth_years"] = ALL_YOUNG
        return
    ys = years_in(t)
    if not ys:
        ages = parse.ages_in(t) if asked else []
        if ages:
            if any(a < 0 or a > OLDEST_BIRTH_YEAR_GAP for a in ages):
                out.problems.append("birth_year_range")
                return
            ys = [year - a for a in ages]
        elif asked:
            return
    if not ys:
        return
    if any(y > today.year + 1 or y < today.year - OLDEST_BIRTH_YEAR_GAP for y in ys):
        out.problems.append("birth_year_future" if any(y > today.year + 1 for y in ys) else "birth_year_range")
        return
    if any(y > year for y in ys):
        out.problems.append("birth_year_after_care_year")
        return
    if n is not None and len(ys) != n:
        if len(ys) == 1 and n > 1 and asked:
            # "2015" for three children: not enough to know each child's age.
            out.problems.append("birth_years_count")
            return
        if len(ys) > n:
            out.problems.append("birth_years_count")
            return
        if len(ys) < n:
            out.problems.append("birth_years_count")
            return
    out.slots["children_birth_years"] = sorted(ys)
    if n is None:
        out.slots["children_count"] = len(ys)


def absence_months_from(known: dict) -> float | None:
    """The rules-core input from the absence_months slot: months, inf for good, None unknown."""
    value = known.get("absence_months")
    if value == duration.PERMANENT:
        return float("inf")
    if value is None or value == duration.UNKNOWN:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def needs_chronic_birth_years(known: dict) -> bool:
    """Ask which child is ill only when it changes the answer: some child is past 12 and not every
    child is ill."""
    years = known.get("children_birth_years")
    chronic = known.get("chronic_count") or 0
    n = known.get("children_count") or 0
    if not isinstance(years, list) or not chronic or chronic >= n:
        return False
    year = int(known.get("care_year") or date.today().year)
    return any(not in_scope(Child(y), year) and in_scope(Child(y, True), year) for y in years)


def children_from(known: dict, year: int) -> tuple[Child, ...]:
    """Build the rules-core input. With 'all young' the exact years do not matter: every child
    is inside the limit, so each is given this year's age 0."""
    n = int(known.get("children_count") or 0)
    chronic = int(known.get("chronic_count") or 0)
    years = known.get("children_birth_years")
    if not isinstance(years, list) or len(years) != n:
        years = [year] * n
    marked = list(known.get("chronic_birth_years") or [])
    children = []
    remaining = chronic
    if marked:
        for y in years:
            ill = y in marked and remaining > 0
            if ill:
                marked.remove(y)
                remaining -= 1
            children.append(Child(y, ill))
        return tuple(children)
    # No ambiguity (see needs_chronic_birth_years): the youngest children are marked ill.
    for y in sorted(years, reverse=True):
        children.append(Child(y, remaining > 0))
        remaining -= 1
    return tuple(children)
