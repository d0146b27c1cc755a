"""Reading answers about leave in the introduction programme and about kindergarten.

Pure (no Rasa, no database): the glue passes the text, the question asked (`requested`), what is
known so far, today's date and the municipality matcher (actions.lang.municipality_names). Problems are codes; the glue sends `utter_invalid_<code>`. Slot values are plain
JSON: years as int, dates as {"date": "YYYY-MM-DD", "precision": "day|week|month"}, the
municipality as its four-digit number (or "unknown" when the user does not want to say).
"""
from __future__ import annotations

import re
from datetime import date

from actions.rules.facts.intro_leave import RECENT_DAYS, date_of, permit_value, precision_of  # noqa: F401

from . import parse
from .dates import InvalidDate, ParsedDate, parse_date, years_in
from .municipality_names import MatchStatus, MunicipalityMatcher
from .numbers import parse_number
from .reading import Reading

OLDEST_YEAR = 1950  # a residence permit or an arrival before this is a typing error
UNKNOWN = "unknown"
MAX_CHILD_AGE = 17
KG_OLDEST_YEARS = 6

_ADOPTION = re.compile(r"\badop\w*", re.I)
_BIRTH = re.compile(r"\b(baby\w*|føde\w*|fød(d|t|sel\w*)|gravid\w*|termin\w*|nyfødt\w*|barsel\w*|"
                    r"venter (et )?barn|får barn|skal ha barn|fikk barn|få barn|ha barn)\b", re.I)
_PAST = re.compile(r"\b(født|fødd|fikk|fekk|kom|var)\b", re.I)
_PERMIT = re.compile(r"(tillatelse|tillating|opphold|permit)\D{0,40}?(\d{4})", re.I)
_ARRIVAL = re.compile(r"\b(kom|ankom|kommet|flyttet|arrived|came)\b\D{0,40}?(\d{4})", re.I)
_YEARS_AGO = re.compile(r"\bfor\s+(\d{1,2}|ett|et|ein|eitt|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti)"
                        r"\s+år\s+siden\b", re.I)
_DONT_KNOW = re.compile(r"\b(vet ikke|veit ikke|veit ikkje|vet ikkje|usikker|hopp over|vil ikke si|"
                        r"ingen kommune|don'?t know|aner ikke)\b", re.I)
_BOTH_YES = re.compile(r"\b(begge|vi to|også (han|hun|mannen|kona|partneren|far|mor)|"
                       r"(mannen|kona|partneren|faren|moren|kjæresten) (min |mi )?(går|er|deltar) "
                       r"(også )?(i|på))\b", re.I)
_BOTH_NO = re.compile(r"\b(bare (jeg|meg|eg|mor|far|han|hun)|kun (jeg|meg)|bare en av oss|"
                      r"ikke (han|hun|mannen|kona|partneren|begge)|(han|hun|mannen|kona|partneren) "
                      r"(går|er|deltar) ikke|alene|aleine|jobber)\b", re.I)
_LIVES_IN = re.compile(r"\b(?:bor|bur|bor vi|bur vi)\s+(?:i|på)\s+(.+)$", re.I)
_SAME_DAY = re.compile(r"\b(samme dag|fra fødselen|fra fødsel|med en gang|vet ikke|veit ikke)\b", re.I)
_FUTURE = re.compile(r"\b(termin|skal|venter|kommer|blir|får)\b", re.I)


def date_value(parsed: ParsedDate) -> dict:
    return {"date": parsed.date.isoformat(), "precision": parsed.precision}


# --- small readers ---------------------------------------------------------------------------------
def year_answer(text: str, today: date) -> int | None:
    """'2019', 'i 2022', 'for to år siden', 'i fjor', 'i år'. None when no single year is said."""
    low = text.lower()
    m = _YEARS_AGO.search(low)
    if m:
        n = parse_number(m.group(1))
        if n is None and m.group(1) in ("ett", "et", "ein", "eitt"):
            n = 1
        return today.year - (n or 0)
    if re.search(r"\bi fjor\b|\bforrige år\b|\bi fjord\b", low):
        return today.year - 1
    if re.search(r"\bi år\b|\bdette året\b|\bnå i år\b", low):
        return today.year
    ys = sorted(set(years_in(text)))
    if len(ys) == 1:
        return ys[0]
    return None


def _year_problem(year: int, today: date) -> str | None:
    if year > today.year:
        return "intro_year_future"
    if year < OLDEST_YEAR:
        return "intro_year_range"
    return None


def both_in_programme(text: str, asked: bool) -> bool | None:
    low = text.lower()
    if _BOTH_NO.search(low):
        return False
    if _BOTH_YES.search(low):
        return True
    if asked:
        return parse.yes_no(text)
    return None


def event_of(text: str) -> str | None:
    if _ADOPTION.search(text):
        return "adoption"
    if _BIRTH.search(text):
        return "birth"
    return None


def _date(text: str, today: date, prefer_future: bool) -> ParsedDate | None | str:
    """A parsed date, None, or 'invalid' for a date that does not exist."""
    try:
        return parse_date(text, today, prefer_future=prefer_future)
    except InvalidDate:
        return "invalid"


# --- introduction-programme leave ----------------------------------------------------------------
def read_intro(text: str, requested: str | None, known: dict, today: date,
               municipalities: MunicipalityMatcher | None = None) -> Reading:
    t = parse.clean(text)
    out = Reading()
    if not t or parse.looks_like_markup(t):
        return out
    low = t.lower()

    # Which law: the year of the residence permit and of the arrival.
    permit_m, arrival_m = _PERMIT.search(t), _ARRIVAL.search(t)
    if permit_m or requested == "intro_permit_year":
        _read_permit(t, permit_m, requested, today, out)
    if arrival_m or (requested == "intro_arrival_year" and not permit_m):
        year = int(arrival_m.group(2)) if arrival_m else year_answer(t, today)
        if year is not None:
            problem = _year_problem(year, today)
            if problem:
                out.problems.append(problem)
            else:
                out.slots["intro_arrival_year"] = year

    # Birth or adoption.
    event = event_of(t)
    if requested == "intro_event" and event is None:
        if re.search(r"\b(føde|fødsel|barn)\b", low):
            event = "birth"
    if event:
        out.slots["intro_event"] = event
    current_event = out.slots.get("intro_event", known.get("intro_event"))

    # The adopted child's age.
    if requested == "intro_child_age" and "intro_child_age" not in out.slots:
        ages = parse.ages_in(t)
        age = ages[0] if len(ages) == 1 else (parse_number(t) if not years_in(t) else None)
        if age is not None:
            if 0 <= age <= MAX_CHILD_AGE:
                out.slots["intro_child_age"] = age
            else:
                out.problems.append("intro_child_age_range")

    # The date of birth (or due date) or adoption.
    law_words = permit_m or arrival_m or re.search(r"tillatelse|opphold", low)
    if requested == "intro_date" or (event and not law_words and requested != "intro_leave_start"):
        prefer_future = not _PAST.search(low) or bool(_FUTURE.search(low))
        parsed = _date(t, today, prefer_future)
        if parsed == "invalid":
            out.problems.append("intro_date_invalid")
        elif parsed is not None:
            problem = _event_date_problem(parsed.date, current_event, today)
            if problem:
                out.problems.append(problem)
            else:
                out.slots["intro_date"] = date_value(parsed)

    # When the leave starts (asked only when the event is some time back).
    if requested == "intro_leave_start":
        event_day = date_of(known.get("intro_date"))
        if _SAME_DAY.search(low) and event_day:
            out.slots["intro_leave_start"] = {"date": event_day.isoformat(), "precision": "day"}
        else:
            parsed = _date(t, today, prefer_future=False)
            if parsed == "invalid":
                out.problems.append("intro_date_invalid")
            elif parsed is not None:
                if event_day and parsed.date < event_day:
                    out.problems.append("intro_leave_start_before_event")
                else:
                    out.slots["intro_leave_start"] = date_value(parsed)

    # Both parents in the programme?
    both = both_in_programme(t, requested == "intro_both_in_programme")
    if both is not None and (requested == "intro_both_in_programme" or _BOTH_YES.search(low)
                             and re.search(r"program|intro", low)):
        out.slots["intro_both_in_programme"] = both

    # The municipality.
    if municipalities is not None:
        read_municipality(t, requested == "intro_municipality", out, municipalities)
    return out


def _read_permit(t: str, permit_m, requested: str | None, today: date, out: Reading) -> None:
    year = int(permit_m.group(2)) if permit_m else year_answer(t, today)
    if year is None:
        return
    problem = _year_problem(year, today)
    if problem:
        out.problems.append(problem)
        return
    if year == 2005:
        # Before or after 1 September 2005 decides: a month is needed.
        parsed = _date(t, today, prefer_future=False)
        if isinstance(parsed, ParsedDate) and parsed.date.year == 2005:
            out.slots["intro_permit_year"] = date_value(parsed)
        else:
            out.problems.append("intro_permit_2005")
        return
    out.slots["intro_permit_year"] = year


def _event_date_problem(d: date, event: str | None, today: date) -> str | None:
    if (d - today).days > 366:
        return "intro_date_future"  # more than a year ahead: not a due date
    if (today - d).days > 366 * 2:
        return "intro_date_old"
    return None


def read_municipality(t: str, asked: bool, out: Reading, municipalities: MunicipalityMatcher) -> None:
    """The municipality: when asked, any text; otherwise only 'jeg bor i X'."""
    if asked and _DONT_KNOW.search(t):
        out.slots["intro_municipality"] = UNKNOWN
        return
    m = _LIVES_IN.search(t)
    if not asked and not m:
        return
    query = m.group(1) if m and not asked else t
    if m and asked:
        query = m.group(1)
    query = query.rstrip("?!.").strip()  # rstrip: `[?!.]+$` was quadratic on "....x"
    if not query:
        return
    match = municipalities.find(query)
    if match.found:
        out.slots["intro_municipality"] = match.municipality.number
        if match.status is not MatchStatus.EXACT or len(t.split()) > 4:
            out.weak.add("intro_municipality")
        return
    if not asked:
        return
    if match.status is MatchStatus.AMBIGUOUS and match.candidates:
        out.problems.append("intro_municipality_ambiguous")
        out.choices = [(c.municipality.official_name, c.municipality.official_name)
                       for c in match.candidates]
        return
    out.problems.append("intro_municipality_unknown")
    out.choices = [(c.municipality.name, c.municipality.official_name) for c in match.candidates]


# --- kindergarten ----------------------------------------------------------------------------------
def read_kindergarten(text: str, requested: str | None, known: dict, today: date) -> Reading:
    t = parse.clean(text)
    out = Reading()
    if not t or parse.looks_like_markup(t):
        return out
    low = t.lower()
    if requested != "kg_birth_date" and not re.search(r"\b(født|fødd|termin|fyller|bursdag)\b", low):
        return out
    prefer_future = bool(re.search(r"\b(termin|skal|venter|kommer)\b", low))
    parsed = _date(t, today, prefer_future)
    if parsed == "invalid":
        out.problems.append("kg_birth_date_invalid")
        return out
    if parsed is None:
        year = year_answer(t, today) if requested == "kg_birth_date" else None
        if year is not None:
            out.problems.append("kg_birth_date_month")
        return out
    d = parsed.date
    if (d - today).days > 366:
        out.problems.append("kg_birth_date_future")
    elif d.year < today.year - KG_OLDEST_YEARS:
        out.problems.append("kg_birth_date_old")
    else:
        out.slots["kg_birth_date"] = date_value(parsed)
    return out
