"""Reading answers about parental leave (foreldrepenger): one user message -> slot candidates,
problems and notices.

Pure (no Rasa): the glue passes the text, the question asked (`requested`), what is known so far
and today's date. Problems are codes; the glue sends `utter_invalid_<code>` and asks again.
Notices are (code, values) pairs the glue sends as `utter_<code>` (e.g. "uke 33 -> its Monday").

Parental leave slots: pl_role (mother | father | co_mother | adoptive), pl_event (born | expected |
adoption), pl_date (ISO: birth date, due date or the day the adopters take over care),
pl_premature (bool, born only), pl_due (ISO due date, premature births only), pl_coverage (100 | 80),
pl_coverage_explained (bool: "Vet ikke" was explained once), pl_children (1, 2, 3 = 3 or more),
pl_rights (both | me | other | alone).

The questions, their order and conditions are in data/interview/parental_leave.yml; the rules
input is built by actions.rules.facts.parental_leave.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from actions.rules import parental_benefit as pb
from actions.rules.facts.parental_leave import SIDE

from . import parse
from .dates import InvalidDate, format_date, parse_date
from .numbers import parse_number
from .reading import Reading

DUE_MAX_AHEAD = timedelta(weeks=44)  # a due date further ahead is not a pregnancy yet
ADOPTION_MAX_AHEAD = relativedelta(years=1)
DUE_AFTER_BIRTH_MAX = timedelta(weeks=20)  # a due date more than 20 weeks after the birth is a typo


def _iso(value) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


# --- parental leave -----------------------------------------------------------------------------
_ROLE_WORDS = [
    ("co_mother", r"medm[oø]r\w*"),
    ("adoptive", r"adopt\w*"),
    ("father", r"far|faren|pappa|pappaen|father|dad|vordende far|fars"),
    ("mother", r"mor|moren|mora|mamma|mammaen|mother|mom|mum|vordende mor|gravid"),
]
_ROLE_STATED = re.compile(r"\b(?:jeg|eg|i)\s+(?:er|blir|skal bli|am|e)\s+(?:en\s+|ein\s+|ei\s+|den\s+)?"
                          r"(?:vordende\s+)?(medm[oø]r\w*|adoptivforelder\w*|adoptivmor|adoptivfar|far|pappa|"
                          r"mor|mamma|gravid|faren|moren)\b", re.I)
_EXPECTED = re.compile(r"\b(venter|ventar|kommer|termin\w*|gravid|skal ha|skal få|får barn|forventet|"
                       r"due|skal føde|blir født)\b", re.I)
_BORN = re.compile(r"\b(født|fødd|ble født|vart fødd|kom\b|har fått|fikk|fekk|er kommet|nyfødt|"
                   r"barnet er født|babyen er født)", re.I)
_ADOPTION = re.compile(r"\badopt\w*|omsorgsovertakelse\w*", re.I)
_DATE_WORDS = re.compile(r"\b(født|fødd|termin\w*|kommer|kom|dato\w*|den|adopt\w*|overtar|omsorgen|"
                         r"nei|feil|egentlig|rettelse)\b", re.I)
_PREMATURE_YES = re.compile(r"\b(for tidlig|prematur\w*|før uke 3\d|før veke 3\d|ja)\b", re.I)
_PREMATURE_NO = re.compile(r"\b(ikke for tidlig|ikkje for tidleg|i tide|til termin|etter uke 3\d|"
                           r"normal\w*|nei)\b", re.I)
_PREMATURE_PHRASE = re.compile(r"\b(før|etter)\s+(uke|veke)\s*\d+", re.I)
_COVERAGE_UNKNOWN = re.compile(r"\b(vet ikke|veit ikkje|vet ikkje|usikker|aner ikke|hva er forskjellen|"
                               r"forskjell|hjelp meg|velg for meg|ikke bestemt)\b", re.I)
_TWINS = re.compile(r"\btvilling\w*", re.I)
_TRIPLETS = re.compile(r"\b(trilling\w*|firling\w*|fire barn|tre barn)\b", re.I)
_RIGHTS = [
    ("alone", r"\b(alene|aleine|åleine|aleneomsorg|eneomsorg|alenemor|alenefar)\b"),
    ("other", r"\b(bare|kun|berre)\s+(den andre|han|hun|ho|partneren|mannen|kona|samboeren|"
              r"kjæresten)\b|\bden andre har rett\b|\bjeg har ikke rett\b|\bikke jeg\b"),
    ("me", r"\b(bare|kun|berre)\s+(jeg|meg|eg|meg selv)\b|\bjeg har rett\b|\bbare min\b"),
    ("both", r"\bbegge\b|\bvi har rett\b|\bbegge to\b"),
]
_RIGHTS_PARENT = re.compile(r"\b(?:bare|kun|berre)\s+(medmor|far|faren|pappa|mor|moren|mamma)\b", re.I)


def _role(t: str, requested: str | None, activating: bool) -> str | None:
    low = t.lower()
    m = _ROLE_STATED.search(low)
    if m:
        word = m.group(1)
        if word == "gravid":
            return "mother"
        for code, pattern in _ROLE_WORDS:
            if re.fullmatch(pattern, word):
                return code
    if requested == "pl_role" or activating:
        if activating and _RIGHTS_PARENT.search(low):
            return None
        for code, pattern in _ROLE_WORDS:
            if re.search(rf"\b({pattern})\b", low):
                if code in ("father", "mother") and activating and requested != "pl_role":
                    # "far" in "hvor mange uker får far" is the topic, not the asker.
                    continue
                return code
    return None


def _event(t: str) -> str | None:
    if _ADOPTION.search(t):
        return "adoption"
    if _BORN.search(t) and not re.search(r"\bblir født\b", t, re.I):
        return "born"
    if _EXPECTED.search(t):
        return "expected"
    return None


def check_event_date(event: str | None, d: date, today: date) -> str | None:
    """The problem code for a date that cannot be the event's date, or None."""
    if event == "expected":
        if d < today:
            return "pl_due_past"
        if d > today + DUE_MAX_AHEAD:
            return "pl_due_far"
    elif event == "born":
        if d > today:
            return "pl_birth_future"
        if d <= today - relativedelta(years=3) or d < pb.V2014:
            return "pl_birth_old"
    elif event == "adoption":
        if d > today + ADOPTION_MAX_AHEAD:
            return "pl_adoption_far"
        if d <= today - relativedelta(years=3) or d < pb.V2014:
            return "pl_adoption_old"
    return None


def read_parental(text: str, requested: str | None, known: dict, today: date,
                  activating: bool = False) -> Reading:
    t = parse.clean(text)
    out = Reading()
    if not t or parse.looks_like_markup(t):
        return out
    low = t.lower()

    # Who is asking.
    role = _role(t, requested, activating)
    if role:
        out.slots["pl_role"] = role
        if role == "adoptive":
            out.slots["pl_event"] = "adoption"
        elif known.get("pl_event") == "adoption":
            out.slots["pl_event"] = None
            out.slots["pl_date"] = None
    elif requested == "pl_role" and _ADOPTION.search(low):
        out.slots["pl_role"] = "adoptive"
        out.slots["pl_event"] = "adoption"

    # Born, expected or adoption.
    event = _event(t)
    if event == "adoption" and (activating or requested in ("pl_role", "pl_event")):
        out.slots["pl_event"] = "adoption"
        out.slots.setdefault("pl_role", "adoptive")
    elif event in ("born", "expected") and (role or "") != "adoptive":
        if requested == "pl_event" or activating or known.get("pl_role") != "adoptive":
            if event != known.get("pl_event") or requested == "pl_event":
                # A correction: the engine clears the date, which meant something else (the spec's
                # dependents of pl_event).
                out.slots["pl_event"] = event
    if event == "born" and re.search(r"\b(for tidlig|prematur\w*)\b", low):
        out.slots["pl_premature"] = True
    current_event = out.slots.get("pl_event", known.get("pl_event"))

    # Dates: the event date, and a due date after "termin" when the child is born.
    date_text = _PREMATURE_PHRASE.sub(" ", t)
    read_dates = (requested in ("pl_date", "pl_due") or activating or bool(_DATE_WORDS.search(date_text)))
    if read_dates:
        _read_dates(date_text, requested, known, today, current_event, out)
        current_event = out.slots.get("pl_event", current_event)

    # Premature (born only).
    if requested == "pl_premature" and "pl_premature" not in out.slots:
        if _PREMATURE_NO.search(low) and not re.search(r"\bja\b", low):
            out.slots["pl_premature"] = False
        elif _PREMATURE_YES.search(low):
            out.slots["pl_premature"] = True

    # Coverage.
    if requested == "pl_coverage" or re.search(r"prosent|%", low):
        _read_coverage(low, requested, known, out)

    # Children in this birth.
    n = None
    if _TRIPLETS.search(low):
        n = 3
    elif _TWINS.search(low):
        n = 2
    elif requested == "pl_children" and not re.search(r"prosent|%", low):  # "80 prosent" is coverage
        if re.search(r"\b(ett|en|ein|eitt|ei|bare ett|bare en|én)\b", low):
            n = 1
        else:
            n = parse.children_count(t, asked=True)
            if n is None:
                n = parse_number(t)
    if n is not None:
        if n < 1:
            out.problems.append("pl_children_low")
        else:
            out.slots["pl_children"] = min(n, 3)

    # Who has the right to foreldrepenger.
    rights = _read_rights(low, out.slots.get("pl_role", known.get("pl_role")))
    if rights and (requested == "pl_rights" or re.search(r"\brett\b|\balene\b|aleneomsorg", low)):
        out.slots["pl_rights"] = rights
    return out


def _read_dates(t: str, requested: str | None, known: dict, today: date, event: str | None,
                out: Reading) -> None:
    low = t.lower()
    born = event == "born"
    main_text, due_text = t, None
    m = re.search(r"\btermin\w*", low)
    if born and m and requested != "pl_due":
        main_text, due_text = t[:m.start()], t[m.start():]
    if requested == "pl_due":
        main_text, due_text = "", t
    # Birth dates are in the past; due dates ahead.
    if main_text:
        try:
            parsed = parse_date(main_text, today, prefer_future=not born)
        except InvalidDate:
            out.problems.append("pl_date_invalid")
            return
        if parsed is not None:
            if parsed.precision == "month":
                out.problems.append("pl_date_month")
            else:
                d = parsed.date
                if event is None:
                    event = "expected" if d > today else "born"
                    out.slots["pl_event"] = event
                    born = event == "born"
                problem = check_event_date(event, d, today)
                if problem:
                    out.problems.append(problem)
                else:
                    out.slots["pl_date"] = d.isoformat()
                    if parsed.precision == "week":
                        out.notices.append(("pl_date_week", {"date": format_date(d, weekday=True)}))
    if due_text and born:
        try:
            parsed = parse_date(due_text, today, prefer_future=False)
        except InvalidDate:
            out.problems.append("pl_date_invalid")
            return
        if parsed is None:
            return
        birth = _iso(out.slots.get("pl_date") or known.get("pl_date"))
        d = parsed.date
        if birth is None:
            return
        # Without a year the due date is the next one after the birth.
        if d <= birth and not re.search(r"\d{4}", due_text):
            d = d + relativedelta(years=1)
        if d <= birth or d > birth + DUE_AFTER_BIRTH_MAX:
            out.problems.append("pl_due_invalid")
            return
        out.slots["pl_due"] = d.isoformat()
        out.slots["pl_premature"] = True
        if parsed.precision == "week":
            out.notices.append(("pl_date_week", {"date": format_date(d, weekday=True)}))


def _read_coverage(low: str, requested: str | None, known: dict, out: Reading) -> None:
    full = re.search(r"(?<!\d)100(?!\d)|\bhundre\b|\bfull\b|\bhel\b", low)
    reduced = re.search(r"(?<!\d)80(?!\d)|\båtti\b", low)
    if full and not reduced:
        out.slots["pl_coverage"] = 100
    elif reduced and not full:
        out.slots["pl_coverage"] = 80
    elif requested == "pl_coverage" and (_COVERAGE_UNKNOWN.search(low) or (full and reduced)):
        if known.get("pl_coverage_explained"):
            out.slots["pl_coverage"] = 100
            out.notices.append(("pl_coverage_assumed", {}))
        else:
            out.problems.append("pl_coverage_unknown")
            out.slots["pl_coverage_explained"] = True


def _read_rights(low: str, role: str | None) -> str | None:
    m = _RIGHTS_PARENT.search(low)
    if m and role:
        word = m.group(1)
        side = "father" if word in ("medmor", "far", "faren", "pappa") else "mother"
        return "me" if SIDE.get(role) == side else "other"
    for code, pattern in _RIGHTS:
        if re.search(pattern, low):
            return code
    return None


# Two searches instead of `word.*number|number.*word`, whose `.*` made the time quadratic.
_COVERAGE_WORD = re.compile(r"\b(forskjell\w*|lønner seg|best|velge)\b", re.I)
_COVERAGE_NUMBER = re.compile(r"\b(80|100)\b")


def asks_coverage_difference(text: str) -> bool:
    """'Hva er forskjellen på 100 og 80 prosent?' typed instead of pressing the button."""
    t = parse.clean(text)
    return bool(_COVERAGE_WORD.search(t) and _COVERAGE_NUMBER.search(t))
