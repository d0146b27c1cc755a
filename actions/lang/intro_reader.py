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
from .dates import InvalidDate, ParsedDate, parse_date, relative_year, years_in
from .municipality_names import MatchStatus, MunicipalityMatcher
from .numbers import parse_number
from .reading import Reading

OLDEST_YEAR = 1950  # a residence permit or an arrival before this is a typing error
UNKNOWN = "unknown"
MAX_CHILD_AGE = 17
KG_OLDEST_YEARS = 6

_ADOPTION = re.compile(r"\badop\w*", re.I)
_BIRTH = re.compile(r"\b(baby\w*|føde\w*|fød(d|t|sel\w*)|gravid\w*|termin\w*|nyfødt\w*|nyfødd\w*|barsel\w*|"
                    r"venter (et )?barn|ventar (eit )?barn|venter (en |ei )?(baby|gutt|jente)|får barn|"
                    r"skal ha barn|fikk barn|fekk barn|få barn|ha barn|har fått|fikk (?:en|ei|et) (?:gutt|jente|baby|sønn|datter)|"
                    r"(barnet|babyen|gutten|jenta|sønnen|dattera|datteren) (kom|kommer|er født|ble født|vart fødd))\b",
                    re.I)
_PAST = re.compile(r"\b(født|fødd|fikk|fekk|kom|var|vart|ble|har fått|startet|starta|begynte|søkte|sendte)\b", re.I)
_PERMIT = re.compile(r"(tillatelse|tillating|opphold|opphald|løyve|permit)\D{0,40}?(\d{4})", re.I)
_PERMIT_DATE_YEAR = re.compile(r"(tillatelse|tillating|opphold|opphald|løyve|permit)[^\n]{0,40}?\b((?:19|20)\d\d)\b", re.I)
_PERMIT_WORD = re.compile(r"tillatelse|tillating|opphold|opphald|løyve|permit|asyl", re.I)
_ARRIVAL = re.compile(r"\b(kom|ankom|kommet|flyttet|flytta|arrived|came)\b\D{0,40}?(\d{4})", re.I)
_ARRIVAL_WORD = re.compile(r"\b(ankom\w*|arrived|came)\b|\b(kom|kommet|flyttet|flytta|kam)\b.{0,25}"
                           r"\b(norge|noreg|hit|landet)\b", re.I)
_LEAVE_START_WORD = re.compile(r"permisjon\w*\s+(\w+\s+){0,4}?(start\w*|begyn\w*|fra)\b|"
                               r"\b(start\w*|begyn\w*)\s+(\w+\s+){0,3}?permisjon", re.I)
_PROGRAMME_START = re.compile(r"\b(start\w*|begyn\w*)\b.{0,25}\b(program\w*|intro\w*|kurs\w*|skole\w*)|"
                              r"\b(program\w*|intro\w*)\b.{0,12}\b(siden|sidan)\b", re.I)
_SENTENCE = re.compile(r"(?<![\d.!?;])[.!?;]+(?=\s|$)|(?<=\d)[.!?]+(?=\s[A-ZÆØÅ]|\s\s+[A-ZÆØÅ])|(?<![.!?])[.!?]+$|"
                       r"\n+|,\s*|(?<!\s)\s+(?:og|men|Og|Men)\s")
_YEARS_AGO = re.compile(r"\bfor\s+(\d{1,2}|ett|et|ein|eitt|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti)"
                        r"\s+år\s+siden\b", re.I)
_DONT_KNOW = re.compile(r"\b(vet ikke|veit ikke|veit ikkje|vet ikkje|vet ik|vet ikk|usikker|hopp over|vil ikke si|"
                        r"vil ikkje seie|vil ikke svare|ingen kommune|don'?t know|aner ikke|husker ikke|"
                        r"hugsar ikkje|husker ikkje|ikke sikker|ikkje sikker|vet ikke ennå|ukjent|"
                        r"ikke bestemt|ikkje bestemt|vet ikke helt|vet ikkje heilt|idk|skip)\b", re.I)
_BOTH_YES = re.compile(r"\b(begge|båe|vi to|også (han|hun|mannen|kona|partneren|far|mor)|"
                       r"(mannen|kona|partneren|faren|moren|kjæresten) (min |mi )?(går|er|deltar) "
                       r"(også )?(i|på))\b", re.I)
_BOTH_NO = re.compile(r"\b(bare (jeg|meg|eg|mor|far|han|hun)|berre (eg|meg|mor|far|han|ho)|kun (jeg|meg|eg)|"
                      r"bare en av oss|berre ein av oss|bare én|"
                      r"ikke (han|hun|mannen|kona|partneren|begge)|(han|hun|mannen|kona|partneren) "
                      r"(går|er|deltar) ikke|alene|aleine|jobber)\b", re.I)
_LIVES_IN = re.compile(r"\b(?:bor|bur|bor vi|bur vi|bor jeg|bur eg)\s+(?:i|på)\s+([^,.!?;\n]+)", re.I)
_NAMED_MUNICIPALITY = re.compile(r"\b(?:i|fra)\s+([A-ZÆØÅ][\wæøå-]+(?:\s+[A-ZÆØÅ][\wæøå-]+)?)\s+kommune\b")
_SAME_DAY = re.compile(r"\b(samme dag|same dag|fra fødselen|frå fødselen|fra fødsel|med en gang|da barnet kom|"
                       r"fra start|vet ikke|veit ikke|veit ikkje|vet ikkje)\b", re.I)
_FUTURE = re.compile(r"\b(termin|skal|venter|ventar|kommer|blir|får|starter|begynner)\b", re.I)


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
    """A parsed date, None, or 'invalid' for a date that does not exist. A date without a year
    takes 'i fjor' / 'i år' / 'neste år' when the text says it ('i august i fjor')."""
    if re.search(r"\b(nyfødt|nyfødd|nyfødde|født i dag|fødd i dag)\b", text, re.I):
        return ParsedDate(today)
    try:
        parsed = parse_date(text, today, prefer_future=prefer_future)
    except InvalidDate:
        return "invalid"
    year = relative_year(text, today)
    if parsed is not None and year is not None and not years_in(text) and parsed.date.year != year:
        try:
            parsed = ParsedDate(parsed.date.replace(year=year), parsed.precision)
        except ValueError:  # 29 February
            return "invalid"
    return parsed


# --- introduction-programme leave ----------------------------------------------------------------
def clauses(text: str) -> list[str]:
    """The message cut into clauses (sentences, comma parts, 'og' parts): each fact is read from the
    clause that names it, so a permit year and a birth date in one message don't mix."""
    return [c.strip() for c in _SENTENCE.split(text) if c and c.strip()]


def _kind_of_clause(c: str) -> str:
    if _PERMIT_WORD.search(c):
        return "permit"
    if _ARRIVAL_WORD.search(c):
        return "arrival"
    if _LEAVE_START_WORD.search(c):
        return "leave_start"
    if _PROGRAMME_START.search(c) and not event_of(c):
        return "programme_start"
    return "other"


def dont_know(text: str) -> bool:
    return bool(_DONT_KNOW.search(text))


def read_intro(text: str, requested: str | None, known: dict, today: date,
               municipalities: MunicipalityMatcher | None = None) -> Reading:
    t = parse.clean(text)
    out = Reading()
    if not t or parse.looks_like_markup(t):
        return out
    low = t.lower()
    parts = []
    for c in clauses(t):
        kind = _kind_of_clause(c)
        if kind in ("permit", "arrival"):
            # "min sønn født 12.10.2026 tillatelse 2022": the rest after the year is about the child.
            rest = _ARRIVAL.sub(" ", _PERMIT.sub(" ", c))
            if event_of(rest) and not _PERMIT_WORD.search(rest):
                parts.append((rest, "other"))
        parts.append((c, kind))
    unsure = dont_know(t)

    # Which law: the year of the residence permit and of the arrival.
    permit_m = _PERMIT.search(t)
    # "kom hit i 2023" is the arrival; "barnet kom i oktober 2026" is not.
    arrival_m = next((m for c, _ in parts if not event_of(c) for m in [_ARRIVAL.search(c)] if m), None)
    if permit_m is None:  # "fikk tillatelse 3. mars 2022": the year of a date in the permit clause
        permit_m = next((m for c, k in parts if k == "permit" and not event_of(c)
                         for m in [_PERMIT_DATE_YEAR.search(c)] if m), None)
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
    # A date in the answer to the permit or arrival question ("for to år siden") is that year, not
    # the child's date, unless the clause says it is about the child.
    year_answer_asked = requested in ("intro_permit_year", "intro_arrival_year")
    dated = [(c, k) for c, k in parts if k == "other" and not (year_answer_asked and not event_of(c))
             and _date(c, today, True) is not None]
    if requested == "intro_event" and event is None:
        if re.search(r"\b(føde|fødsel|barn)\b", low) or dated:
            event = "birth"  # a date for the question "birth or adoption?" is a birth (or due) date
    if event:
        out.slots["intro_event"] = event
    current_event = out.slots.get("intro_event", known.get("intro_event"))

    # The adopted child's age: asked, or said with the adoption ("en gutt på 4 år").
    if "intro_child_age" not in out.slots and (requested == "intro_child_age" or
                                               (current_event == "adoption" and _ADOPTION.search(t))):
        ages = parse.ages_in(t)
        age = (ages[0] if len(ages) == 1 else
               (parse_number(t) if requested == "intro_child_age" and not years_in(t) else None))
        if age is not None:
            if 0 <= age <= MAX_CHILD_AGE:
                out.slots["intro_child_age"] = age
            else:
                out.problems.append("intro_child_age_range")

    # The date of birth (or due date) or adoption: from the clause that is about the child.
    if requested == "intro_date" or ((event or current_event) and requested != "intro_leave_start"):
        candidates = [c for c, k in parts if k == "other" and event_of(c)] + [c for c, k in dated]
        if requested == "intro_date" and not candidates:
            candidates = [c for c, k in parts if k in ("other", "leave_start")]
        for clause in candidates:
            prefer_future = not _PAST.search(clause) or bool(_FUTURE.search(clause))
            parsed = _date(clause, today, prefer_future)
            if parsed is None:
                continue
            if parsed == "invalid":
                out.problems.append("intro_date_invalid")
            else:
                problem = _event_date_problem(parsed.date, current_event, today)
                if problem:
                    out.problems.append(problem)
                else:
                    out.slots["intro_date"] = date_value(parsed)
            break

    # When the leave starts: asked when the event is some time back, or said ("permisjonen startet ...").
    event_day = date_of(out.slots.get("intro_date", known.get("intro_date")))
    start_clauses = [c for c, k in parts if k == "leave_start"]
    if requested == "intro_leave_start" and not start_clauses and "intro_date" not in out.slots:
        start_clauses = [t]
    for clause in start_clauses:
        if _SAME_DAY.search(clause.lower()) and event_day:
            out.slots["intro_leave_start"] = {"date": event_day.isoformat(), "precision": "day"}
            break
        # Without a year: the date nearest after the birth or adoption (a past event: this year's).
        prefer_future = (bool(_FUTURE.search(clause)) if event_day is None or event_day > today
                         else bool(_FUTURE.search(clause)) and not _PAST.search(clause))
        parsed = _date(clause, today, prefer_future=prefer_future)
        if isinstance(parsed, ParsedDate) and event_day and parsed.date < event_day and not years_in(clause):
            parsed = ParsedDate(parsed.date.replace(year=parsed.date.year + 1), parsed.precision) \
                if not (parsed.date.month == 2 and parsed.date.day == 29) else parsed
        if parsed == "invalid":
            out.problems.append("intro_date_invalid")
        elif parsed is not None:
            if event_day and parsed.date < event_day:
                if requested == "intro_leave_start":
                    out.problems.append("intro_leave_start_before_event")
            else:
                out.slots["intro_leave_start"] = date_value(parsed)
        break

    # Both parents in the programme?
    asked_both = requested == "intro_both_in_programme"
    both = both_in_programme(t, asked_both)
    short_begge = len(t.split()) <= 4 and (re.search(r"\b(begge|båe)\b", low) or _BOTH_NO.search(low))
    if both is not None and (asked_both or short_begge or re.search(r"program|intro|deltak", low)):
        out.slots["intro_both_in_programme"] = both

    # The municipality.
    if municipalities is not None:
        read_municipality(t, requested == "intro_municipality", out, municipalities)

    # "vet ikke" is an answer to every question: the common case is assumed and said in the answer.
    if unsure and requested and requested not in out.slots and requested != "intro_municipality":
        out.slots[requested] = "birth" if requested == "intro_event" else UNKNOWN
        if requested == "intro_event":
            out.notices.append(("intro_event_assumed", {}))  # the common case, said
        if requested == "intro_leave_start" and event_day:
            out.slots[requested] = {"date": event_day.isoformat(), "precision": "day"}
        out.problems = [p for p in out.problems if not p.startswith("intro_year")]
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
    m = _LIVES_IN.search(t) or _NAMED_MUNICIPALITY.search(t)
    if not asked and not m:
        words = t.rstrip("?!.").split()
        if 0 < len(words) <= 2 and not any(ch.isdigit() for ch in t):
            match = municipalities.find(t.rstrip("?!.").strip())
            if match.found and match.status is MatchStatus.EXACT:
                out.slots["intro_municipality"] = match.municipality.number
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
_KG_BIRTH_WORDS = re.compile(r"\b(født|fødd|termin\w*|fyller|fyll|bursdag|blir|vert|kom|kommer|nyfødt|"
                             r"nyfødd|måneder|månader|mnd)\b", re.I)
_KG_APPLIED = re.compile(r"\b(søkte|søkt|søknad\w*|sendte|sende|søkje|søkja|søker|søkjer|applied)\b", re.I)
_KG_NOT_APPLIED = re.compile(r"\b(ikke søkt|ikkje søkt|ikke sendt|ikkje sendt|ikke ennå|ikke enda|"
                             r"ikkje enno|ikkje endå|har ikke|har ikkje|nei|ikke|ikkje|not yet)\b", re.I)
_KG_TURNS = re.compile(r"\b(?:fyller|fyll|blir|vert|blir|turns)\s+(\d{1,2}|ett|eitt|et|ein|en|to|tre|fire|fem)\s+år\b", re.I)
_KG_MONTHS_OLD = re.compile(r"\b(?:er|is)?\s*(\d{1,2}|en|ein|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv)"
                            r"\s*(?:måneder|månader|måned|månad|mnd|months?)\b", re.I)
NOT_APPLIED = "no"


def _kg_birth_from_age(clause: str, today: date) -> ParsedDate | None:
    """'blir 1 år i desember' -> December last year; 'er 8 måneder' -> the month 8 months back."""
    m = _KG_TURNS.search(clause)
    if m:
        n = 1 if m.group(1).lower() in ("ett", "eitt", "et", "ein", "en") else parse_number(m.group(1))
        rest = clause[m.end():]
        try:
            when = parse_date(rest, today, prefer_future=True) if rest.strip() else None
        except InvalidDate:
            when = None
        if when is not None and n is not None:
            from dateutil.relativedelta import relativedelta
            return ParsedDate(when.date - relativedelta(years=n), when.precision)
        return None
    m = _KG_MONTHS_OLD.search(clause)
    if m and not re.search(r"\bom\s+\S+\s+(måneder|månader|mnd)", clause, re.I):
        n = parse_number(m.group(1))
        if n is not None and 0 <= n <= 36:
            from dateutil.relativedelta import relativedelta
            back = today - relativedelta(months=n)
            return ParsedDate(back.replace(day=1), "month")
    return None


def read_kindergarten(text: str, requested: str | None, known: dict, today: date) -> Reading:
    """The child's birth (or due) date, in any form ('født 14. september', 'termin i mars',
    'blir 1 år i desember', 'er 8 måneder'), and when the application was sent ('vi søkte
    20. februar', 'ikke søkt ennå', 'vet ikke'), each from its own clause."""
    t = parse.clean(text)
    out = Reading()
    if not t or parse.looks_like_markup(t):
        return out
    parts = clauses(t)
    applied = [c for c in parts if _KG_APPLIED.search(c)]
    other = [c for c in parts if c not in applied]
    birth_asked = requested == "kg_birth_date"

    # The birth date: a clause that names the child's birth or age, or any clause when it is asked.
    for clause in other:
        by_age = _kg_birth_from_age(clause, today)
        if by_age is not None:
            _set_kg_birth(by_age, today, out)
            break
        if not (birth_asked or _KG_BIRTH_WORDS.search(clause)):
            continue
        prefer_future = bool(re.search(r"\b(termin\w*|skal|venter|ventar|kommer)\b", clause, re.I))
        parsed = _date(clause, today, prefer_future)
        if parsed == "invalid":
            out.problems.append("kg_birth_date_invalid")
            break
        if parsed is None:
            year = year_answer(clause, today) if birth_asked else None
            if year is not None:
                out.problems.append("kg_birth_date_month")
                break
            continue
        _set_kg_birth(parsed, today, out)
        break

    # When the application was sent.
    applied_asked = requested == "kg_applied"
    for clause in (applied or (parts if applied_asked and "kg_birth_date" not in out.slots else [])):
        parsed = _date(clause, today, prefer_future=False)
        if isinstance(parsed, ParsedDate) and parsed.date <= today:
            out.slots["kg_applied"] = date_value(parsed)
            break
        if dont_know(clause):
            out.slots["kg_applied"] = UNKNOWN
            break
        if _KG_NOT_APPLIED.search(clause):
            out.slots["kg_applied"] = NOT_APPLIED
            break
        if applied_asked and parse.yes_no(clause) is True:
            out.slots["kg_applied"] = UNKNOWN  # applied, date not said: both cases are shown
            break
    if requested and requested not in out.slots and not out.problems and dont_know(t):
        out.slots[requested] = UNKNOWN
    return out


def _set_kg_birth(parsed: ParsedDate, today: date, out: Reading) -> None:
    d = parsed.date
    if (d - today).days > 366:
        out.problems.append("kg_birth_date_future")
    elif d.year < today.year - KG_OLDEST_YEARS:
        out.problems.append("kg_birth_date_old")
    else:
        out.slots["kg_birth_date"] = date_value(parsed)


# --- follow-up questions after an answer ----------------------------------------------------------
_FOLLOW_UPS = (
    ("kindergarten_before", re.compile(r"\bfør\b.{0,30}\b(ett|eitt|1|et)\s+år|\bfør (han|hun|ho|barnet|babyen) "
                                       r"(er|fyller|fyll|blir)\b|\btidligere plass\b|\bfør august\b|"
                                       r"\b(under|yngre enn) (ett|eitt|1) år", re.I)),
    ("earlier", re.compile(r"\b(tidligere|tidlegare|for tidlig|for tidleg|før termin|prematur\w*|"
                           r"kommer før|født før|fødd før|kommer tidlig|senere|seinare|etter termin|over termin)\b",
                           re.I)),
    ("offer", re.compile(r"\bkommunen\b.{0,40}\b(tilbud|tilbod|norsk|start\w*|begyn\w*|gi)\b|"
                         r"\b(tilbud|tilbod)\w*\b.{0,30}\b(når|fra|start\w*|begyn\w*)\b|"
                         r"\bnår\b.{0,30}\b(tilbud|tilbod|norskopplæring|norsktrening|norsk)\b", re.I)),
    ("until", re.compile(r"\b(til når|til kva tid|når slutter|når sluttar|når er .{0,20}slutt|hvor lenge varer|"
                         r"kor lenge varer|siste dag|når må jeg tilbake|når skal jeg tilbake|når må eg tilbake|"
                         r"når er permisjonen over|når er den over|sluttdato|til hvilken dato|hvilken dato|hvor lenge|"
                         r"(være|vere|komme) tilbake|siste dag\w*)\b", re.I)),
)


def follow_up_of(text: str) -> str | None:
    """Which follow-up a short question after an answer asks: 'until' (when the leave ends),
    'offer' (when the municipality must start its offer), 'earlier' (the child comes earlier or
    later than the due date), 'kindergarten_before' (a place before the right starts); or None."""
    t = parse.clean(text)
    if not t or len(t) > 200:
        return None
    for kind, pattern in _FOLLOW_UPS:
        if pattern.search(t):
            return kind
    return None
