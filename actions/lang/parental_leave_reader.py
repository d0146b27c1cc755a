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
_ROLE_STATED = re.compile(r"\b(?:jeg|eg|i)\s+(?:er|blir|skal bli|am|e)\s+(?:en\s+|ein\s+|ei\s+|den\s+|the\s+|a\s+)?"
                          r"(?:vordende\s+)?(medm[oø]r\w*|adoptivforelder\w*|adoptivmor|adoptivfar|far|pappa|father|dad|mother|mom|"
                          r"mor|mamma|gravid|faren|moren)\b", re.I)
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
_WEEKS_EARLY = re.compile(r"\b(\d{1,2}|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv)\s+(uker|veker)\s+"
                          r"(for tidlig|for tidleg|før termin)\b", re.I)
# "ett barn", "en baby", "bare ein unge", "1 barn" anywhere in a message (not "80 prosent").
_CHILDREN_STATED = re.compile(r"\b(?:bare |berre |kun )?(ett|eitt|ein|en|ei|én|1|2|to)\s+(?:barn|baby|babyer|unge|"
                              r"spedbarn|nyfødt)\b(?!\s+(fra før|til|som|i barnehagen))", re.I)
_CHILD_WORDS = {"ett": 1, "eitt": 1, "ein": 1, "en": 1, "ei": 1, "én": 1, "1": 1, "2": 2, "to": 2}
_TRIPLETS = re.compile(r"\b(trilling\w*|firling\w*|fire barn|tre barn)\b", re.I)
_RIGHTS = [
    ("alone", r"\b(alene|aleine|åleine|aleneomsorg|eneomsorg|alenemor|alenefar|alenemamma|alenepappa|"
              r"enslig (mor|far))\b"),
    ("other", r"\b(bare|kun|berre)\s+(den andre|han|hun|ho|partneren|mannen|kona|samboeren|"
              r"kjæresten)\b|\bden andre har rett\b|\bjeg har ikke rett\b|\bikke jeg\b"),
    ("other", r"\b(jeg|eg) (jobber|jobbar|arbeider) ikke\b|\b(jeg|eg) har ikke (jobbet|jobba|hatt jobb)\b"),
    ("me", r"\b(bare|kun|berre)\s+(jeg|meg|eg|meg selv)\b|\bjeg har rett\b|\bbare min\b|"
           r"\b(han|hun|ho|mannen|kona|partneren|samboeren|faren|moren|pappaen|mammaen)( min| mi)? "
           r"(jobber|jobbar|arbeider|har) ikke\b"),
    ("both", r"\bbegge\b|\bvi har rett\b|\bbegge to\b"),
]
_RIGHTS_PARENT = re.compile(r"\b(?:bare|kun|berre)\s+(medmor|far|faren|pappa|mor|moren|mamma)\b", re.I)


_ROLE_HERE = re.compile(r"\b(medm[oø]r|mor|mamma|far|pappa)\s+her\b|\bher er (medm[oø]r|mor|mamma|far|pappa)\b|"
                        r"\bsom (medm[oø]r|mor|mamma|far|pappa)\b|\b(?:jeg|eg)\s+(?:skal bli|blir)\s+(medm[oø]r|mor|far)\b|"
                        r"^\W*(gravid)\b|\b(?:jeg|eg) (?:er )?(gravid)\b",
                        re.I)


# Who gave birth tells who asks: "kona mi fødte" -> far; "jeg og mannen min fikk" -> mor.
_PARTNER_GAVE_BIRTH = re.compile(r"\b(kona|kone|kona mi|min kone)\s+(mi\s+)?(fødte|har født|føder|skal føde|er gravid|"
                                 r"venter|har termin)\b", re.I)
_WITH_HUSBAND = re.compile(r"\b(jeg og mannen min|mannen min og jeg|min mann og jeg|jeg og min mann|"
                           r"eg og mannen min)\b", re.I)


_ALONE_PARENT = re.compile(r"\b(alene|aleine|enslig|single)\s?-?(mor|mamma|far|pappa)\b", re.I)


def _role(t: str, requested: str | None, activating: bool) -> str | None:
    low = t.lower()
    alone = _ALONE_PARENT.search(low)
    if alone:
        return "mother" if alone.group(2) in ("mor", "mamma") else "father"
    if not _ROLE_STATED.search(low) and not _ROLE_HERE.search(low):
        if _PARTNER_GAVE_BIRTH.search(low):
            return "father"
        if _WITH_HUSBAND.search(low):
            return "mother"
    here = _ROLE_HERE.search(low)
    if here:
        word = next(g for g in here.groups() if g)
        for code, pattern in _ROLE_WORDS:
            if re.fullmatch(pattern, word):
                return code
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


# Born or expected, told by the verbs (issue 13): "fikk", "kom", "ble født", "er født" vs "venter",
# "termin", "skal ha", "ikke født ennå". A strong phrase may change a known answer in the middle of
# the form; a weak one ("kommer", "født") only answers the question or starts the form.
_NOT_BORN = re.compile(r"\b(ikke|ikkje|ennå ikke|enda ikke)\s+(født|fødd|kommet|kome)\b|"
                       r"\b(født|fødd|kommet|kome)\s+(ennå|enda|enno)\b(?<!født ennå)", re.I)
_BORN_STRONG = re.compile(r"\b(ble født|ble fødd|blei født|vart fødd|vart født|er født|er fødd|fikk|fekk|"
                          r"har fått|har fått|fødte|kom|kommet|kome|nyfødt|termin var|var termin)\b", re.I)
_BORN_WEAK = re.compile(r"\b(født|fødd|baby(en)? er her)\b", re.I)
_EXPECTED_STRONG = re.compile(r"\b(venter|ventar|gravid|skal ha (barn|baby|tvillinger)|skal få (barn|baby)|"
                              r"skal føde|skal bli født|blir født|forventet|due)\b", re.I)
# "termin" alone is weak: after a birth it names the due date that was ("husker ikke termin").
_EXPECTED_WEAK = re.compile(r"\b(kommer|skal ha|skal få|får barn|termin er|har termin|termin\w*)\b", re.I)
_FUTURE_WHEN = re.compile(r"\bnår\s+(\w+\s+){0,2}(er|blir)\s+(født|fødd)\b", re.I)  # "når barnet er født"


def event_of(t: str) -> tuple[str | None, bool]:
    """('born' | 'expected' | 'adoption' | None, strong)."""
    if _ADOPTION.search(t):
        return "adoption", True
    low = re.sub(r"\b(fikk|fekk) (vi |jeg |eg )?(vite|høre|beskjed)\b", " ", t.lower())
    low = _FUTURE_WHEN.sub(" ", low)
    if _NOT_BORN.search(low) or re.search(r"\bikke (født|fødd|kommet) (ennå|enda|enno)\b", low):
        return "expected", True
    if _BORN_STRONG.search(low) and not (
            re.search(r"\b(venter|ventar|gravid)\b", low) and not re.search(r"\b(ble|vart|er) født\b", low)):
        return "born", True
    if _EXPECTED_STRONG.search(low):
        return "expected", True
    if _BORN_WEAK.search(low):
        return "born", False
    if _EXPECTED_WEAK.search(low):
        return "expected", False
    return None, False


def _event(t: str) -> str | None:
    return event_of(t)[0]


OLDEST = relativedelta(years=40)  # an older date is a typo, not a child of the family
DUE_BEFORE_BIRTH_MAX = timedelta(weeks=6)  # termin up to 6 weeks before the birth (born late)


def check_event_date(event: str | None, d: date, today: date) -> str | None:
    """The problem code for a date that cannot be the event's date, or None. A birth or adoption
    long ago is not refused (issue 13): the answer gives the rules of that time and says that the
    time to use the weeks has passed."""
    if event == "expected":
        if d < today:
            return "pl_due_past"
        if d > today + DUE_MAX_AHEAD:
            return "pl_due_far"
    elif event == "born":
        if d > today:
            return "pl_birth_future"
        if d < today - OLDEST:
            return "pl_birth_old"
    elif event == "adoption":
        if d > today + ADOPTION_MAX_AHEAD:
            return "pl_adoption_far"
        if d < today - OLDEST:
            return "pl_adoption_old"
    return None


_DONT_KNOW = re.compile(r"\b(vet ikke|veit ikkje|vet ikkje|veit ikke|husker ikke|hugsar ikkje|husker ikkje|"
                        r"aner ikke|usikker|ikke sikker|vet ikke ennå|vet ikke enda|vet ikke helt)\b|^\s*vet\s*ikke",
                        re.I)
_AGE_NUMBER = (r"(\d{1,2}|null|en|ett|ein|eitt|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|tretten|"
               r"fjorten|femten|seksten|sytten|atten)")
_AGE = re.compile(rf"(?<![\d.,])(?:{_AGE_NUMBER})\s*(?:-\s*)?(år\b|åring\w*|års?\b)", re.I)
_AGE_MONTHS = re.compile(rf"(?<![\d.,]){_AGE_NUMBER}\s*(måned\w*|månad\w*|mnd|uker|veker)\b", re.I)
_AGE_BABY = re.compile(r"\b(baby|spedbarn|nyfødt)\b", re.I)
_AGE_WORDS = {"null": 0, "en": 1, "ett": 1, "ein": 1, "eitt": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5,
              "seks": 6, "sju": 7, "syv": 7, "åtte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12,
              "tretten": 13, "fjorten": 14, "femten": 15, "seksten": 16, "sytten": 17, "atten": 18}


def _age_value(raw: str) -> int | None:
    raw = raw.lower()
    return int(raw) if raw.isdigit() else _AGE_WORDS.get(raw)


def read_adopted_age(text: str, asked: bool) -> int | None:
    """The adopted child's age in whole years ('en gutt på 4 år', '4-åring', 'fem år', '8 måneder' -> 0);
    -1 for 'vet ikke' when asked; None when the text does not say."""
    m = _AGE.search(text)
    if m:
        return _age_value(m.group(1))
    if _AGE_MONTHS.search(text) or _AGE_BABY.search(text):
        return 0
    if asked:
        if _DONT_KNOW.search(text):
            return -1
        m = re.search(rf"(?<![\d.,])\b{_AGE_NUMBER}\b(?![.,]?\d)", text, re.I)
        if m and not re.search(r"\d{4}|\d{1,2}\.\s*\w", text):
            return _age_value(m.group(1))
    return None


# "Hva er fellesperioden?" inside the form: explained (a problem code, so the question comes again).
_TERMS = [
    ("pl_term_shared", r"fellesperiode\w*"),
    ("pl_term_quota", r"mødrekvote\w*|fedrekvote\w*|medmorkvote\w*|\bkvote\w*"),
    ("pl_term_activity", r"aktivitetskrav\w*"),
    ("pl_term_care_leave", r"omsorgspermisjon\w*"),
]
_TERM_QUESTION = re.compile(r"\b(hva er|hva betyr|hva menes med|kva er|kva betyr|what is|forklar)\b", re.I)


def read_parental(text: str, requested: str | None, known: dict, today: date,
                  activating: bool = False) -> Reading:
    t = parse.clean(text)
    out = Reading()
    if not t or parse.looks_like_markup(t):
        return out
    low = t.lower()
    if requested and not activating and _TERM_QUESTION.search(low):
        for code, pattern in _TERMS:
            if re.search(pattern, low):
                out.problems.append(code)
                return out

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
    event, strong = event_of(t)
    if event == "adoption" and (activating or requested in ("pl_role", "pl_event")):
        out.slots["pl_event"] = "adoption"
        out.slots.setdefault("pl_role", "adoptive")
    elif event in ("born", "expected") and (role or "") != "adoptive":
        # A weak word ("kommer", "født") changes a known answer only when it answers that question.
        answers = requested == "pl_event" or activating or known.get("pl_event") is None or strong
        if answers and (requested == "pl_event" or activating or known.get("pl_role") != "adoptive"):
            if event != known.get("pl_event") or requested == "pl_event":
                # A correction: the engine clears the date, which meant something else (the spec's
                # dependents of pl_event).
                out.slots["pl_event"] = event
    if event == "born" and re.search(r"\b(for tidlig|prematur\w*)\b", low):
        out.slots["pl_premature"] = True
    early = _WEEKS_EARLY.search(low)
    current_event = out.slots.get("pl_event", known.get("pl_event"))

    # Dates: the event date, and a due date after "termin" when the child is born.
    date_text = _PREMATURE_PHRASE.sub(" ", t)
    read_dates = (requested in ("pl_date", "pl_due") or activating or bool(_DATE_WORDS.search(date_text)))
    if read_dates:
        _read_dates(_WEEKS_EARLY.sub(" ", date_text), requested, known, today, current_event, out)
        current_event = out.slots.get("pl_event", current_event)
    birth_day = _iso(out.slots.get("pl_date") or known.get("pl_date"))
    if early and current_event == "born" and birth_day is not None and "pl_due" not in out.slots:
        weeks = _age_value(early.group(1))
        if weeks:  # termin = the birth + that many weeks
            due = birth_day + timedelta(weeks=weeks)
            out.slots["pl_due"] = due.isoformat()
            out.slots["pl_premature"] = True
            out.notices.append(("pl_date_read", {"date": "termin " + format_date(due, weekday=True)}))

    # Premature (born only).
    if requested == "pl_premature" and "pl_premature" not in out.slots:
        if _DONT_KNOW.search(low):
            out.slots["pl_premature"] = False  # the common case, said back
            out.notices.append(("pl_premature_assumed", {}))
        elif _PREMATURE_NO.search(low) and not re.search(r"\bja\b", low):
            out.slots["pl_premature"] = False
        elif _PREMATURE_YES.search(low):
            out.slots["pl_premature"] = True

    # Coverage ("80 prosent", or a bare "80"/"100" that is no date, count or other unit).
    bare = re.search(r"(?<![\d.,/-])(80|100)(?![\d.,/-])(?!\s*(dag|uke|veke|kr|år|time|måned|barn))", low)
    if requested == "pl_coverage" or re.search(r"prosent|%|dekning", low) or bare:
        _read_coverage(low, requested, known, out)

    # Children in this birth.
    n = None
    stated = _CHILDREN_STATED.search(low)
    if _TRIPLETS.search(low):
        n = 3
    elif _TWINS.search(low):
        n = 2
    elif stated and out.slots.get("pl_event", known.get("pl_event")) != "adoption" or (
            stated and requested == "pl_children"):
        n = _CHILD_WORDS.get(stated.group(1), None) or parse_number(stated.group(1))
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
    if rights and (requested == "pl_rights" or re.search(r"\brett\b|\balene\w*|aleneomsorg|\benslig\b|\bjobb\w*|\barbeider\b",
                                                         low)):
        out.slots["pl_rights"] = rights
    elif requested == "pl_rights" and _DONT_KNOW.search(low):
        # The common case, said back so that it can be corrected.
        out.slots["pl_rights"] = "both"
        out.notices.append(("pl_rights_assumed", {}))

    # The adopted child's age.
    if out.slots.get("pl_event", known.get("pl_event")) == "adoption":
        asked = requested == "pl_adopted_age"
        age_text = _ADOPTION_DATE_PARTS.sub(" ", t)
        age = read_adopted_age(age_text, asked)
        if age is not None:
            if age > 18 and asked:
                out.problems.append("pl_adopted_age")
            else:
                out.slots["pl_adopted_age"] = age
    return out


# Dates are not ages: "1. februar 2027" holds no "år".
_ADOPTION_DATE_PARTS = re.compile(r"\b\d{1,2}\.\s*\w+\s+\d{4}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{4}\b")


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
        if _DONT_KNOW.search(low) and not re.search(r"\d", low):
            out.slots["pl_due"] = "unknown"  # the rules then count from the birth
            return
    # Birth dates are in the past; due dates ahead; without a year the nearest such date is meant.
    if main_text:
        try:
            parsed = parse_date(main_text, today, prefer_future=not born, prefer_past=born)
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
                    if born and not parsed.explicit:  # read again as a past date
                        d = parse_date(main_text, today, prefer_future=False, prefer_past=True).date
                problem = check_event_date(event, d, today)
                if problem:
                    out.problems.append(problem)
                else:
                    out.slots["pl_date"] = d.isoformat()
                    if parsed.precision == "week":
                        out.notices.append(("pl_date_week", {"date": format_date(d, weekday=True)}))
                    elif not parsed.explicit:
                        out.notices.append(("pl_date_read", {"date": format_date(d, weekday=True)}))
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
        if not parsed.explicit and parsed.precision == "day":
            # Without a year: the termin nearest the birth.
            d = min((d.replace(year=y) for y in (birth.year - 1, birth.year, birth.year + 1)
                     if not (d.month == 2 and d.day == 29)), key=lambda c: abs((c - birth).days), default=d)
        father_side = SIDE.get(out.slots.get("pl_role") or known.get("pl_role") or "") == "father"
        premature = out.slots.get("pl_premature", known.get("pl_premature"))
        # A termin before the birth (a late baby) counts for far/medmor's window; for a premature birth
        # the termin must come after the birth.
        earliest = birth - DUE_BEFORE_BIRTH_MAX if (father_side and not premature) else birth + timedelta(days=1)
        if d < earliest or d > birth + DUE_AFTER_BIRTH_MAX:
            out.problems.append("pl_due_invalid")
            return
        out.slots["pl_due"] = d.isoformat()
        if d > birth and not father_side:
            out.slots["pl_premature"] = True
        if parsed.precision == "week":
            out.notices.append(("pl_date_week", {"date": format_date(d, weekday=True)}))
        elif not parsed.explicit:
            out.notices.append(("pl_date_read", {"date": format_date(d, weekday=True)}))


def _read_coverage(low: str, requested: str | None, known: dict, out: Reading) -> None:
    full = re.search(r"(?<![\d.,/-])100(?![\d.,/-])|\bhundre\b|\bfull\b|\bhel\b", low)
    reduced = re.search(r"(?<![\d.,/-])80(?![\d.,/-])|\båtti\b", low)
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


# --- follow-up questions about a plan already given (issue 13) ----------------------------------
_FOLLOW_UPS = [
    ("split", re.compile(r"\b(hvor|kor) (mange|mye|lenge)( uker| veker)? (får|har|kan ta|tar) "
                         r"(far|faren|pappa|mor|moren|mamma|medmor|jeg|eg|hun|ho|han|kona|mannen|partneren)\b|"
                         r"\b(fedrekvote|mødrekvote|medmorkvote)\w*", re.I)),
    ("father_window", re.compile(r"\b(de )?(to|2) (uker|ukene|veker|vekene)\b.{0,40}\b(fødsel\w*|født|rundt|far|pappa)|"
                                 r"rundt fødselen|omsorgspermisjon|pappaperm\w*|\bde (to|2) ukene\b|"
                                 r"\b(to|2) (uker|veker) (fri|permisjon)|\bsamtidig\b|\bsamstundes\b", re.I)),
    ("mother_start", re.compile(r"\bnår (må|kan|skal|bør|burde) (mor|moren|jeg|eg|hun|ho|kona|mamma)\w*\s+"
                                r"(\w+\s+)?(begynne|starte|byrje|gå ut|gå hjem|slutte)|\btidligst\b|"
                                r"\b(begynne|starte|byrje) (i )?permisjon\w*", re.I)),
    ("until_when", re.compile(r"\btil når\b|\btil kva tid\b|\bsiste dag\w*|\bfrist\w*|\binnen når\b|"
                              r"\bhvor sent\b|\bkor seint\b|\bnår (slutter|sluttar|går ut|er slutt)", re.I)),
    ("transfer", re.compile(r"\boverf[øo]r\w*|\bdele\b|\bgi (bort|noen|uker|ukene|dager)\b|\bbytte\w*|"
                            r"\bkvote\w*|\bta (hans|hennes|den andres|partnerens) (uker|del)", re.I)),
    ("how_long", re.compile(r"\bhvor lenge\b|\bkor lenge\b|\bhvor lang\b|\bkor lang\b|\bvarer\b|\bvarar\b|"
                            r"\bhvor mange uker\b|\bkor mange veker\b", re.I)),
]


def follow_up_kind(text: str) -> str | None:
    """What a follow-up question about the plan asks: father_window | mother_start | until_when |
    transfer | how_long, or None (then the whole plan is given again)."""
    t = parse.clean(text)
    for kind, pattern in _FOLLOW_UPS:
        if pattern.search(t):
            return kind
    return None
