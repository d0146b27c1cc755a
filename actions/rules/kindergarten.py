"""Rett til barnehageplass, barnehageloven § 16 (formerly § 12 a), and the application deadline.

Pure functions over plain data, no Rasa imports and no Norwegian answer text. Source:
docs/sources/rules.md section 5 (FUB, kommune pages quoting the law, Innst. 237 L (2023-2024)).

* The child turns 1 by the end of August -> a right to a place from August that year.
* Turns 1 in September, October or November -> a place by the end of the month the child turns 1;
  the municipality may offer August instead, and the parents choose.
* Turns 1 in December -> from August the following year (at about 20 months).
* The right presupposes applying by the municipality's deadline for the main intake (hovedopptak),
  most often 1 March; the municipality sets the deadline itself. Later applicants go on a waiting
  list. The right is to a place in the municipality where the child lives, not in a given
  kindergarten.

Glossary:

==============================  ===========================================
Norwegian                       identifier
==============================  ===========================================
rett til barnehageplass         ``statutory_right`` / ``KindergartenRight``
fyller ett år                   ``turns_one``
hovedopptak                     ``main intake`` (``intake_year``)
søknadsfrist                    ``deadline`` / ``application_deadline``
barnehageår (august-juli)       ``kindergarten_year``
ventet tilbake fra permisjon    ``planned_return``
==============================  ===========================================
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from enum import Enum

from dateutil.relativedelta import relativedelta

from .legal import Evidence, Explained, LegalRef, Note
from .params import ParameterNotInForce, ParameterTable


class KindergartenNote(str, Enum):
    """Kindergarten: the codes of the notes the rules attach to a result. The Norwegian text for
    each (or the mark that it is shown only through its source) is in actions/lang/note_texts.py."""

    MUST_APPLY_BY_DEADLINE = "must_apply_by_deadline"
    PLACE_IN_HOME_MUNICIPALITY = "place_in_home_municipality"
    SECTION_AND_WORDING_UNCONFIRMED = "section_and_wording_unconfirmed"
    MUNICIPALITY_MAY_OFFER_AUGUST = "municipality_may_offer_august"
    DEADLINE_SET_BY_MUNICIPALITY = "deadline_set_by_municipality"
    RETURN_BEFORE_RIGHT = "return_before_right"
    DEADLINE_PASSED = "deadline_passed"
    APPLY_BY = "apply_by"


PAGE_LOVDATA_KINDERGARTEN = "lovdata.no/lov/2005-06-17-64"
PAGE_FUB = "foreldreutvalgene.no"

REF_RIGHT = LegalRef("barnehageloven § 16", PAGE_LOVDATA_KINDERGARTEN)
# docs/sources/rules.md 5 / 8.10: the renumbering to § 16 is confirmed only via FUB; also the exact wording
# "fra august" vs "innen utgangen av august".
REF_RIGHT_WORDING = LegalRef("barnehageloven § 16", PAGE_LOVDATA_KINDERGARTEN, Evidence.UNCONFIRMED)
REF_DEADLINE = LegalRef("barnehageloven § 16 og kommunens opptaksregler", PAGE_FUB)
REF_WHERE = LegalRef("barnehageloven § 16", PAGE_FUB)

# The rule is older than this; the tool vouches for the version described in 2024-2026 sources
# (Innst. 237 L (2023-2024), FUB). Looked up on the child's first birthday.
RULE_KNOWN_FROM = date(2024, 1, 1)
AUGUST = 8

KINDERGARTEN = ParameterTable("barnehage")
(KINDERGARTEN
 .add("august_group_last_month", AUGUST, RULE_KNOWN_FROM, None, REF_RIGHT)  # turns 1 by end of Aug
 .add("end_of_month_group", (9, 10, 11), RULE_KNOWN_FROM, None, REF_RIGHT)  # Sep-Nov
 .add("intake_month", AUGUST, RULE_KNOWN_FROM, None, REF_RIGHT)
 .add("default_deadline_month_day", (3, 1), RULE_KNOWN_FROM, None, REF_DEADLINE)
 .add("right_age_years", 1, RULE_KNOWN_FROM, None, REF_RIGHT))  # the right starts at age one


class KindergartenRuleNotSupported(ValueError):
    def __init__(self, on: date):
        super().__init__(f"the kindergarten right is modelled for children turning 1 from "
                         f"{RULE_KNOWN_FROM.isoformat()}; asked for {on.isoformat()}")
        self.on = on


class RightGroup(str, Enum):
    BY_AUGUST = "by_august"  # turns 1 in January-August: from August that year
    END_OF_BIRTH_MONTH = "end_of_birth_month"  # turns 1 in September-November
    NEXT_AUGUST = "next_august"  # turns 1 in December: August the following year


@dataclass(frozen=True)
class KindergartenRight(Explained):
    birth_date: date
    turns_one: date
    group: RightGroup
    right_year: int
    right_month: int  # the month the right starts (Aug, or the birth month for Sep-Nov)
    guaranteed_by: date  # last day by which the municipality must have given the place
    may_offer_august: bool  # Sep-Nov: the municipality may offer August; parents choose
    notes: tuple[Note, ...] = ()
    ref: LegalRef = REF_RIGHT

    @property
    def right_from(self) -> date:
        """First day of the month the right starts."""
        return date(self.right_year, self.right_month, 1)

    @property
    def age_months_at_right(self) -> int:
        d = relativedelta(self.right_from, self.birth_date.replace(day=1))
        return d.years * 12 + d.months


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def statutory_right(birth_date: date) -> KindergartenRight:
    """When the child has a right to a kindergarten place (barnehageloven § 16), given that the
    parents applied by the municipality's deadline for the main intake."""
    try:
        turns_one = birth_date + relativedelta(years=KINDERGARTEN.value("right_age_years", birth_date))
    except ParameterNotInForce:
        first = KINDERGARTEN.starts("right_age_years")[0]  # a birth before the table: its first row
        turns_one = birth_date + relativedelta(years=KINDERGARTEN.value("right_age_years", first))
    try:
        last_aug = KINDERGARTEN.get("august_group_last_month", turns_one)
        eom = KINDERGARTEN.get("end_of_month_group", turns_one)
        intake = KINDERGARTEN.value("intake_month", turns_one)
    except ParameterNotInForce as exc:
        raise KindergartenRuleNotSupported(turns_one) from exc
    m, y = turns_one.month, turns_one.year
    notes = [Note(KindergartenNote.MUST_APPLY_BY_DEADLINE, REF_DEADLINE),
             Note(KindergartenNote.PLACE_IN_HOME_MUNICIPALITY, REF_WHERE),
             Note(KindergartenNote.SECTION_AND_WORDING_UNCONFIRMED, REF_RIGHT_WORDING)]
    if m <= last_aug.value:
        group, ry, rm, may_aug = RightGroup.BY_AUGUST, y, intake, False
    elif m in eom.value:
        group, ry, rm, may_aug = RightGroup.END_OF_BIRTH_MONTH, y, m, True
        notes.append(Note(KindergartenNote.MUNICIPALITY_MAY_OFFER_AUGUST, eom.ref, (("year", y),)))
    else:
        group, ry, rm, may_aug = RightGroup.NEXT_AUGUST, y + 1, intake, False
    return KindergartenRight(birth_date, turns_one, group, ry, rm, _month_end(ry, rm), may_aug,
                             tuple(notes), last_aug.ref)


def kindergarten_year(on: date, intake_month: int = AUGUST) -> int:
    """The barnehageår (August-July) that contains ``on``, named by the year it starts."""
    return on.year if on.month >= intake_month else on.year - 1


def _default_deadline(intake_year: int) -> tuple[int, int]:
    """The usual main-intake deadline (1 March) in force for the intake in August `intake_year`
    (looked up on 1 January that year; the table starts in 2024, earlier years use its first row)."""
    first = KINDERGARTEN.starts("default_deadline_month_day")[0]
    return KINDERGARTEN.value("default_deadline_month_day", max(date(intake_year, 1, 1), first))


def application_deadline(intake_year: int, deadline: tuple[int, int] | None = None) -> date:
    """The main-intake deadline for the kindergarten year starting in August ``intake_year``.
    ``deadline`` is (month, day), set by the municipality; default 1 March."""
    month, day = deadline or _default_deadline(intake_year)
    return date(intake_year, month, day)


@dataclass(frozen=True)
class ApplicationReminder(Explained):
    """Which main intake a family must apply to, and by when, to have a place at the return from
    leave. ``deadline_passed`` is relative to ``today``."""

    right: KindergartenRight
    planned_return: date
    today: date
    need_from: date  # max(planned return, start of the right)
    intake_year: int  # the kindergarten year (from August) whose main intake covers need_from
    deadline: date
    deadline_passed: bool
    return_before_right: bool  # the family returns before the child has a statutory right
    deadline_is_default: bool  # True when the municipality's own deadline was not given
    next_deadline: date | None  # when passed: the next main-intake deadline from today
    notes: tuple[Note, ...] = ()

    def _sourced(self):
        return ((self.right.ref,), self.right.notes, self.notes)


def application_reminder(birth_date: date, planned_return: date, today: date,
                         deadline: tuple[int, int] | None = None) -> ApplicationReminder:
    """Given the birth date and the planned return from leave, the main intake the family must
    apply to and its deadline (e.g. return in October 2027 -> apply by 1 March 2027).

    ``planned_return`` may be any day in the month of return. ``deadline`` is the municipality's
    (month, day) when known; otherwise 1 March is used and ``deadline_is_default`` is set.
    A return before the child's right starts (e.g. a December child and a return in January) is
    flagged: the statutory right then only covers the later intake, and an earlier place depends on
    free places (løpende opptak).
    """
    if planned_return < birth_date:
        raise ValueError("planned_return is before the birth")
    right = statutory_right(birth_date)
    intake_month = KINDERGARTEN.value("intake_month", right.turns_one)
    return_before_right = planned_return < right.right_from
    # Sep-Nov children: the right is "by the end of the birth month", so a return earlier in that
    # month is covered by the same intake; only the month matters.
    need_from = max(planned_return, right.right_from)
    intake_year = kindergarten_year(need_from, intake_month)
    dl = application_deadline(intake_year, deadline)
    passed = today > dl
    notes: list[Note] = []
    if deadline is None:
        notes.append(Note(KindergartenNote.DEADLINE_SET_BY_MUNICIPALITY, REF_DEADLINE,
                          (("default", _default_deadline(intake_year)),)))
    if return_before_right:
        notes.append(Note(KindergartenNote.RETURN_BEFORE_RIGHT, REF_RIGHT, (("right_from", right.right_from),)))
    next_dl = None
    if passed:
        year = today.year
        next_dl = application_deadline(year, deadline)
        if next_dl < today:
            next_dl = application_deadline(year + 1, deadline)
        notes.append(Note(KindergartenNote.DEADLINE_PASSED, REF_DEADLINE,
                          (("deadline", dl), ("next_deadline", next_dl), ("waiting_list", True))))
    else:
        notes.append(Note(KindergartenNote.APPLY_BY, REF_DEADLINE, (("deadline", dl), ("intake_year", intake_year))))
    return ApplicationReminder(right, planned_return, today, need_from, intake_year, dl, passed,
                               return_before_right, deadline is None, next_dl, tuple(notes))


@dataclass(frozen=True)
class ApplicationCheck(Explained):
    """Whether the family applied by the main-intake deadline of the place it needs (the statutory
    right presupposes it), and what the next deadline gives when it did not.

    ``applied_on`` None with ``known`` True: not applied yet; ``known`` False: the family does not
    know (both cases are explained). ``in_time`` None when not known."""

    reminder: ApplicationReminder
    known: bool
    applied_on: date | None
    in_time: bool | None
    next_deadline: date | None  # the next main-intake deadline from today, when the first has passed
    right_from_next_intake: date | None  # the start of the place the next main intake gives
    ref: LegalRef = REF_DEADLINE

    def _sourced(self):
        return ((self.ref, self.reminder.right.ref),)


def application_check(reminder: ApplicationReminder, applied_on: date | None,
                      known: bool = True) -> ApplicationCheck:
    """Applied on `applied_on` (None: not applied; `known` False: not known) for the place in
    `reminder`: in time when on or before its deadline; otherwise the waiting list, and the next
    main intake (August of the next deadline's year, or the child's own right if later)."""
    in_time = None if not known or applied_on is None else applied_on <= reminder.deadline
    nxt = reminder.next_deadline
    right_next = None
    if nxt is not None:
        intake_month = KINDERGARTEN.value("intake_month", reminder.right.turns_one)
        right_next = max(reminder.right.right_from, date(nxt.year, intake_month, 1))
    if applied_on is None and known and not reminder.deadline_passed:
        in_time = None
    return ApplicationCheck(reminder, known, applied_on, in_time, nxt, right_next)
