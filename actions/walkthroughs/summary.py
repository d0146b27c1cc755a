"""A walkthrough's facts -> the rules core -> a Summary: the situation, the rights with their
sources, the key dates, the participant's choices, the next steps, and a simpler copy for the
participant. Every figure and date comes from actions/rules (through the topic glue's helpers and
renderers); nothing is restated here. Rendered by actions/lang/summary_{text,html,pdf,ics}.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

import holidays

from actions.glue.intro import leave_answer
from actions.lang import render as render_care
from actions.lang import render_intro
from actions.rules.facts.care_days import children_from
from actions.lang.dates import format_date
from actions.lang.figures import ordinal
from actions.lang.intro_reader import date_of
from actions.lang.simple import care_days_simple
from actions.walkthroughs.texts import fact_text
from actions.rules import care_days as care_rules
from actions.rules import intro_programme as ip
from actions.rules import kindergarten as kg
from actions.rules.figures import today_figures
from rasa_ext.masking import mask

from .flow import applicable
from .script import Script

DISCLAIMER = ("Dette er veiledning, ikke et vedtak. Det er kommunen, NAV eller jobben som bestemmer. "
              "Her står ikke navn eller fødselsnummer.")


@dataclass(frozen=True)
class KeyDate:
    code: str  # offer_start | reserved_days_end | leave_end | kindergarten_deadline | meeting | ...
    label: str
    day: date
    note: str = ""

    @property
    def text(self) -> str:
        return format_date(self.day, weekday=True)


@dataclass
class Summary:
    script_id: str
    script_name: str
    made_on: date
    situation: list[tuple[str, str]] = field(default_factory=list)
    rights: list[str] = field(default_factory=list)  # each names its source
    sources: list[str] = field(default_factory=list)
    dates: list[KeyDate] = field(default_factory=list)
    choices: list[tuple[str, str]] = field(default_factory=list)
    next_steps: list[str] = field(default_factory=list)
    simple: list[str] = field(default_factory=list)  # the participant's copy (LIX <= 30)
    complete: bool = True
    disclaimer: str = DISCLAIMER

    @property
    def title(self) -> str:
        return f"Oppsummering: {self.script_name}"

    def date(self, code: str) -> KeyDate | None:
        return next((d for d in self.dates if d.code == code), None)

    def as_dict(self) -> dict:
        return {"script": self.script_id, "name": self.script_name, "made_on": self.made_on.isoformat(),
                "situation": [list(x) for x in self.situation], "rights": self.rights,
                "sources": self.sources,
                "dates": [{"code": d.code, "label": d.label, "date": d.day.isoformat(), "text": d.text,
                           "note": d.note} for d in self.dates],
                "choices": [list(x) for x in self.choices], "next_steps": self.next_steps,
                "simple": self.simple, "complete": self.complete}


CHOICE_FACTS = ("cw_wishes", "cw_norwegian_level", "cw_childcare", "cw_next_steps")
_SOURCE = re.compile(r"Kilder?: ([^\n]*?)(?:\.\s|\.$|$)")


def _sources(texts: list[str]) -> list[str]:
    found: dict[str, None] = {}
    for text in texts:
        for m in _SOURCE.finditer(text):
            for part in re.split(r";\s*", m.group(1)):
                found.setdefault(part.strip().rstrip("."), None)
    return [s for s in found if s]


def _situation(script: Script, known: dict, on: date) -> tuple[list, list]:
    situation, choices = [], []
    for step in applicable(script, known, on):
        pair = (step.title, fact_text(step.fact, known.get(step.fact)))
        (choices if step.fact in CHOICE_FACTS else situation).append(pair)
    return situation, choices


def working_day_before(d: date) -> date:
    """The same day, or the last working day before it (no weekend, no Norwegian public holiday)."""
    closed = holidays.Norway(years=(d.year - 1, d.year), include_sundays=False)
    while d.weekday() >= 5 or d in closed:
        d -= timedelta(days=1)
    return d


def _meeting(before: date, days: int, on: date) -> date | None:
    """The suggested follow-up meeting: `days` before the leave ends, on a working day."""
    meeting = working_day_before(before - timedelta(days=days))
    return meeting if meeting >= on else None


def _intro_leave(s: Summary, script: Script, known: dict, on: date) -> None:
    try:
        a = leave_answer(known, on)
    except ValueError:
        s.complete = False
        s.rights.append("Jeg vet ikke når deltakeren fikk oppholdstillatelse. Da vet jeg ikke hvilken "
                        "lov som gjelder. Spør deltakeren, og gå gjennom steget på nytt.")
        return
    law = render_intro.law_message(a)
    s.rights.append(law[law.index(" Da ") + 1:] if " Da " in law else law)
    leave = a.leave
    if leave is None or not leave.entitled:
        if leave is not None:
            s.rights.append(render_intro.intro_leave(a).messages[1])
        s.complete = leave is not None
        s.simple += render_intro.intro_leave_simple(a)
        return
    s.rights += [render_intro.length_message(a), render_intro.reserved_message(a),
                 render_intro.offer_message(a), render_intro.kindergarten_message(a)]
    start = leave.input.leave_start
    duty = leave.offer
    if start is not None:
        s.dates.append(KeyDate("leave_start", "Permisjonen starter", start))
    if duty is not None and duty.offer_period_arises:
        month = ordinal(today_figures(on)["intro_offer_month"].value)
        s.dates.append(KeyDate("offer_start", "Kommunen skal gi tilbud fra denne dagen", duty.offer_from,
                               f"Den {month} måneden av permisjonen. Tilbudet er frivillig."))
    if leave.reserved:
        last = leave.latest_end or leave.leave_window_end
        if last is not None:
            s.dates.append(KeyDate("reserved_days_end", "Siste dag for dagene satt av til far og mor",
                                   last, "Dager som ikke er brukt, faller bort."))
    if leave.latest_end is not None:
        s.dates.append(KeyDate("leave_end", "Permisjonen slutter senest", leave.latest_end))
        meeting = _meeting(leave.latest_end, script.meeting_days_before_end, on)
        if meeting:
            s.dates.append(KeyDate("meeting", "Møte før permisjonen slutter (forslag)", meeting,
                                   "Norsk, planen videre, pass av barnet og barnehage."))
    if a.reminder is not None:
        s.dates.append(KeyDate("kindergarten_deadline", "Frist for å søke barnehageplass",
                               a.reminder.deadline, "Sjekk fristen i kommunen."))
    s.next_steps += [
        "Før permisjonen starter, skal deltakeren få vite hva kommunen har. Så kan hun eller han velge.",
        "Hun eller han velger selv om hun eller han vil være med.",
    ]
    if a.reminder is not None and not a.reminder.deadline_passed:
        s.next_steps.append(f"Søk barnehageplass innen {format_date(a.reminder.deadline)}.")
    meeting = s.date("meeting")
    if meeting:
        s.next_steps.append(f"Ha et møte rundt {format_date(meeting.day)}. Bruk da "
                            "«Før permisjonen slutter».")
    s.simple += render_intro.intro_leave_simple(a)


def _leave_end(s: Summary, script: Script, known: dict, on: date) -> None:
    birth = date_of(known.get("kg_birth_date"))
    back = date_of(known.get("cw_return_date"))
    if back is not None:
        s.dates.append(KeyDate("return", "Tilbake i programmet", back))
        s.dates.append(KeyDate("leave_end", "Siste dag av permisjonen", back - timedelta(days=1)))
        meeting = _meeting(back, script.meeting_days_before_end, on)
        if meeting:
            s.dates.append(KeyDate("meeting", "Møte før permisjonen slutter (forslag)", meeting,
                                   "Norsk, planen videre, pass av barnet og barnehage."))
    reminder = None
    if birth is not None and back is not None and back >= birth:
        try:
            reminder = kg.application_reminder(birth, back, on)
        except (kg.KindergartenRuleNotSupported, ValueError):
            reminder = None
    if reminder is not None:
        s.rights.append(render_intro.kindergarten_reminder_text(reminder) + " "
                        + render_care.sources_line((reminder.right.ref, kg.REF_DEADLINE)))
        s.dates.append(KeyDate("kindergarten_right", "Barnet har rett til barnehageplass fra",
                               reminder.right.right_from))
        s.dates.append(KeyDate("kindergarten_deadline", "Frist for å søke barnehageplass",
                               reminder.deadline, "Sjekk fristen i kommunen."))
        s.simple += render_intro.kindergarten_simple(reminder)
    else:
        s.complete = False
        s.rights.append(render_intro.kindergarten_message(render_intro.LeaveAnswer(
            law=ip.which_law(on.year))))
    duty = ip.offer_duty(back or on)
    s.rights.append("Mot slutten av permisjonen bør dere ha et møte. Der snakker dere om norsken, "
                    "planen videre, pass av barnet og barnehage. " + render_care.sources_line((duty.ref,)))
    chosen = known.get("cw_next_steps") or []
    if chosen:
        s.next_steps.append("Skriv inn i den individuelle planen: " + fact_text("cw_next_steps", chosen) + ".")
    else:
        s.next_steps.append("Avtal neste steg i den individuelle planen.")
    if reminder is not None and not reminder.deadline_passed and known.get("cw_childcare") != "not_needed":
        s.next_steps.append(f"Søk barnehageplass innen {format_date(reminder.deadline)}.")
    elif reminder is not None and reminder.deadline_passed:
        s.next_steps.append("Fristen for barnehage har gått ut. Søk så fort som mulig.")
    if known.get("cw_norwegian_level") == "not_tested":
        s.next_steps.append("Avtal en prøve i norsk.")
    if back is not None:
        s.simple.append(f"Du skal tilbake til programmet {format_date(back)}.")


def _care_days(s: Summary, script: Script, known: dict, on: date) -> None:
    if not known.get("children_count"):
        s.complete = False
        s.rights.append("Jeg vet ikke hvor mange barn familien har. Gå gjennom steget «Barn».")
        return
    year = int(known.get("care_year") or on.year)
    try:
        result = care_rules.compute(care_rules.CareDaysInput(
            children=children_from(known, year),
            situation=care_rules.CareSituation(known.get("care_situation") or "together"),
            year=year, work_type=care_rules.WorkType(known.get("work_type") or "unknown")))
    except care_rules.YearNotSupported:
        s.complete = False
        s.rights.append("Jeg kan ikke regne ut dager for det året.")
        return
    messages = render_care.care_days(result).messages
    s.rights += [m for m in messages[1:] if m and not m.startswith("Vil du vite")]
    if result.note("transfer_possible") is not None:
        s.rights += render_care.transfer_text(result)
    s.dates.append(KeyDate("care_days_year_end", f"Omsorgsdagene for {year} gjelder til og med",
                           date(year, 12, 31), f"{result.total} dager i {year}."))
    if result.in_scope:
        s.next_steps.append("Si fra til arbeidsgiveren den første dagen barnet er sykt."
                            if result.input.work_type is care_rules.WorkType.EMPLOYEE else
                            "Søk NAV om omsorgspenger når du har brukt dagene du dekker selv.")
    if result.note("chronic_needs_decision") or result.note("alone_must_apply"):
        s.next_steps.append("Søk NAV om de ekstra dagene.")
    s.next_steps.append("Les mer på nav.no/omsorgspenger.")
    s.simple += care_days_simple(result)


BUILDERS = {"intro_leave": _intro_leave, "leave_end": _leave_end, "care_days": _care_days}


def build(script: Script, known: dict, on: date) -> Summary:
    s = Summary(script.id, script.name, on)
    s.situation, s.choices = _situation(script, known, on)
    BUILDERS[script.kind](s, script, known, on)
    s.sources = _sources(s.rights)
    s.dates.sort(key=lambda d: d.day)
    # no identifiers in a summary, even if one was typed where a list answer was expected
    s.rights = [mask(t) for t in s.rights]
    s.simple = [mask(t) for t in s.simple]
    if not any("Spør" in t for t in s.simple):
        s.simple.append("Spør programrådgiveren hvis du lurer på noe.")
    s.situation = [(a, mask(b)) for a, b in s.situation]
    return s
