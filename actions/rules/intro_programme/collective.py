"""Work-oriented programme for people with kollektiv beskyttelse (docs/sources/seeds/004, docs/sources/rules.md 4.4)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from ..legal import Explained, LegalRef, Note
from .offer import fourth_month_start
from .tables import (
    CHAPTER_6A_IN_FORCE,
    INTRO,
    REF_CHAPTER_6A,
    REF_CHAPTER_6A_AFTER,
    REF_COLLECTIVE,
    TEMPORARY_RULES_KNOWN_UNTIL,
    WORK_ORIENTED_FROM,
    IntroNote,
)


@dataclass(frozen=True)
class TemporaryRulesStatus(Explained):
    """Whether the temporary rules (integreringsloven kap. 6A) are known to apply on a date.

    They "gjelder foreløpig til 1. juli 2026". Their status from that day is [U] (docs/sources/rules.md 8.8):
    ``known_to_apply`` is then None and ``must_check_with_municipality`` True.
    """

    on: date
    known_to_apply: bool | None
    must_check_with_municipality: bool
    known_until: date
    notes: tuple[Note, ...] = ()

    def _sourced(self):
        return (self.notes,)


def temporary_rules_status(on: date) -> TemporaryRulesStatus:
    if on < CHAPTER_6A_IN_FORCE:
        return TemporaryRulesStatus(on, False, False, TEMPORARY_RULES_KNOWN_UNTIL,
                                    (Note(IntroNote.BEFORE_CHAPTER_6A, REF_CHAPTER_6A,
                                          (("in_force", CHAPTER_6A_IN_FORCE),)),))
    if on <= TEMPORARY_RULES_KNOWN_UNTIL:
        return TemporaryRulesStatus(on, True, False, TEMPORARY_RULES_KNOWN_UNTIL,
                                    (Note(IntroNote.TEMPORARY_UNTIL, REF_CHAPTER_6A,
                                          (("until", TEMPORARY_RULES_KNOWN_UNTIL + timedelta(days=1)),)),))
    return TemporaryRulesStatus(on, None, True, TEMPORARY_RULES_KNOWN_UNTIL,
                                (Note(IntroNote.CHECK_WITH_MUNICIPALITY, REF_CHAPTER_6A_AFTER,
                                      (("expired_or_changed_after", TEMPORARY_RULES_KNOWN_UNTIL),)),))


class WorkOrientedStatus(str, Enum):
    APPLIES = "applies"  # known to apply on the date asked about
    NOT_YET = "not_yet"  # applies, but only from the fourth month of the programme
    STARTED_BEFORE_RULE = "started_before_rule"  # programme started before 1 February 2024
    UNKNOWN_AFTER_EXPIRY = "unknown_after_expiry"  # on/after 1 July 2026 or start after 30 June 2026


@dataclass(frozen=True)
class WorkOrientedResult(Explained):
    """Arbeidsrettet introduksjonsprogram (integreringsforskriften § 43 h): at least 15 hours a week
    of work-oriented content on average from the fourth month of the programme, for participants with
    collective protection starting on or after 1 February 2024; with a part-time programme of up to
    60 % the municipality may lower it to 10 hours. Work practice, part-time work, short vocational
    courses, NAV measures and more count."""

    programme_start: date
    on: date
    part_time_percent: float | None
    status: WorkOrientedStatus
    min_hours_per_week: int | None  # the requirement (None when not known to apply)
    may_lower_to_hours: int | None  # set when the part-time reduction is available
    requirement_from: date  # first day of the fourth month of the programme
    temporary: TemporaryRulesStatus
    ways_to_meet: tuple[str, ...] = ("work_practice", "part_time_work", "short_vocational_course",
                                     "nav_measure", "other")
    notes: tuple[Note, ...] = ()
    ref: LegalRef = REF_COLLECTIVE

    @property
    def must_check_with_municipality(self) -> bool:
        return self.temporary.must_check_with_municipality

    def _sourced(self):
        return ((self.ref,), self.notes, self.temporary.notes)


def work_oriented_requirement(programme_start: date, on: date,
                              part_time_percent: float | None = None) -> WorkOrientedResult:
    """The work-oriented requirement for a participant with kollektiv beskyttelse.

    ``on`` is the date asked about (normally today). ``part_time_percent`` is the programme's share of
    full time (None = full time). The rule is temporary: on or after 1 July 2026 the result is
    ``UNKNOWN_AFTER_EXPIRY`` and must be checked with the municipality.
    """
    if part_time_percent is not None and not 0 < part_time_percent <= 100:
        raise ValueError("part_time_percent must be in (0, 100]")
    temp = temporary_rules_status(on)
    requirement_from = fourth_month_start(programme_start)
    notes: list[Note] = []

    def result(status, hours=None, lower=None) -> WorkOrientedResult:
        return WorkOrientedResult(programme_start, on, part_time_percent, status, hours, lower,
                                  requirement_from, temp, notes=tuple(notes))

    if programme_start < WORK_ORIENTED_FROM:
        notes.append(Note(IntroNote.STARTED_BEFORE_RULE, REF_COLLECTIVE, (("rule_from", WORK_ORIENTED_FROM),)))
        return result(WorkOrientedStatus.STARTED_BEFORE_RULE)
    if temp.known_to_apply is not True or programme_start > TEMPORARY_RULES_KNOWN_UNTIL:
        notes.append(Note(IntroNote.CHECK_WITH_MUNICIPALITY, REF_CHAPTER_6A_AFTER,
                          (("known_until", TEMPORARY_RULES_KNOWN_UNTIL),)))
        return result(WorkOrientedStatus.UNKNOWN_AFTER_EXPIRY)

    hours = INTRO.get("work_oriented_min_hours", programme_start)
    month = INTRO.get("work_oriented_from_programme_month", programme_start)
    max_pct = INTRO.get("part_time_max_percent", programme_start)
    lower = None
    notes.append(Note(IntroNote.MIN_HOURS, hours.ref, (("hours", hours.value), ("from_month", month.value),
                                               ("from_date", requirement_from))))
    if part_time_percent is not None and part_time_percent <= max_pct.value:
        low = INTRO.get("work_oriented_min_hours_part_time", programme_start)
        lower = low.value
        notes.append(Note(IntroNote.PART_TIME_MAY_LOWER, low.ref, (("hours", low.value),
                                                           ("max_percent", max_pct.value))))
    notes.append(Note(IntroNote.TEMPORARY_RULE, REF_CHAPTER_6A,
                      (("until", TEMPORARY_RULES_KNOWN_UNTIL + timedelta(days=1)),)))
    status = WorkOrientedStatus.APPLIES if on >= requirement_from else WorkOrientedStatus.NOT_YET
    return result(status, hours.value, lower)
