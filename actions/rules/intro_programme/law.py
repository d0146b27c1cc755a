"""Which law applies: integreringsloven or introduksjonsloven (docs/sources/rules.md 4.1)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Union

from ..legal import Explained, LegalRef, Note
from .tables import (
    INTEGRATION_ACT_IN_FORCE,
    INTRODUCTION_ACT_FIRST_PERMIT,
    REF_WHICH_LAW,
    REF_WHICH_LAW_READING,
    IntroLaw,
    IntroNote,
)

DateOrYear = Union[date, int]
MIN_YEAR, MAX_YEAR = 1900, 2100


def _check(value: DateOrYear | None, what: str) -> None:
    if value is None or isinstance(value, date):
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be a date or a year, got {value!r}")
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise ValueError(f"{what} year out of range: {value}")


def _first(value: DateOrYear) -> date:
    return value if isinstance(value, date) else date(value, 1, 1)


def _last(value: DateOrYear) -> date:
    return value if isinstance(value, date) else date(value, 12, 31)


class LawOutcome(str, Enum):
    INTEGRATION_ACT = "integration_act"
    INTRODUCTION_ACT = "introduction_act"
    NOT_COVERED = "not_covered"  # first permit before 1 September 2005: neither law's programme
    NEED_ARRIVAL = "need_arrival"  # permit before 2021: the arrival date decides
    NEED_PERMIT_DATE = "need_permit_date"  # permit year 2005: before or after 1 September?


@dataclass(frozen=True)
class LawInput:
    permit: DateOrYear  # first residence permit giving rett og plikt (date or year)
    arrival: DateOrYear | None = None  # arrival in Norway (date or year), if known


@dataclass(frozen=True)
class LawResult(Explained):
    input: LawInput
    outcome: LawOutcome
    notes: tuple[Note, ...] = ()
    ref: LegalRef = REF_WHICH_LAW

    @property
    def law(self) -> IntroLaw | None:
        return {LawOutcome.INTEGRATION_ACT: IntroLaw.INTEGRATION_ACT,
                LawOutcome.INTRODUCTION_ACT: IntroLaw.INTRODUCTION_ACT}.get(self.outcome)


def which_law(permit: DateOrYear, arrival: DateOrYear | None = None) -> LawResult:
    """Integreringsloven or introduksjonsloven (docs/sources/rules.md 4.1).

    * integreringsloven: residence permit on or after 1 January 2021, or a permit before 2021 and
      arrival in Norway after 1 January 2021;
    * introduksjonsloven: first permit between 1 September 2005 and 31 December 2020 and arrival
      before 1 January 2021;
    * a first permit before 1 September 2005 falls under neither programme (``NOT_COVERED``).

    Years alone work. "Arrived after 1 January 2021" is read as arrival on or after that day (the
    opposite rule says "before 1 January 2021"), so an arrival year of 2021 or later counts as after
    the cut-over; the result says so in a note (``arrival_year_counted_as_after``). A permit year of
    2005 is ambiguous (before or after 1 September) and gives ``NEED_PERMIT_DATE`` unless the arrival
    already decides.
    """
    _check(permit, "permit")
    _check(arrival, "arrival")
    inp = LawInput(permit, arrival)
    notes: list[Note] = []

    def done(outcome: LawOutcome) -> LawResult:
        return LawResult(inp, outcome, tuple(notes))

    if _first(permit) >= INTEGRATION_ACT_IN_FORCE:
        notes.append(Note(IntroNote.PERMIT_FROM_2021, REF_WHICH_LAW))
        return done(LawOutcome.INTEGRATION_ACT)

    # permit before 2021 (when a year: the whole year is before 2021)
    if arrival is not None and _first(arrival) >= INTEGRATION_ACT_IN_FORCE:
        notes.append(Note(IntroNote.PERMIT_BEFORE_2021_ARRIVED_AFTER, REF_WHICH_LAW))
        if not isinstance(arrival, date) and arrival == INTEGRATION_ACT_IN_FORCE.year:
            notes.append(Note(IntroNote.ARRIVAL_YEAR_COUNTED_AS_AFTER, REF_WHICH_LAW_READING,
                              (("year", arrival), ("cutoff", INTEGRATION_ACT_IN_FORCE))))
        elif arrival == INTEGRATION_ACT_IN_FORCE:
            notes.append(Note(IntroNote.ARRIVAL_ON_CUTOFF_DAY, REF_WHICH_LAW_READING,
                              (("cutoff", INTEGRATION_ACT_IN_FORCE),)))
        if _last(permit) < INTRODUCTION_ACT_FIRST_PERMIT:
            # Unusual: a permit from before 2005 and arrival after 2021. Say it needs checking.
            notes.append(Note(IntroNote.OLD_PERMIT_CHECK_WITH_MUNICIPALITY, REF_WHICH_LAW_READING))
        return done(LawOutcome.INTEGRATION_ACT)

    if _last(permit) < INTRODUCTION_ACT_FIRST_PERMIT:
        notes.append(Note(IntroNote.PERMIT_BEFORE_2005, REF_WHICH_LAW,
                          (("first_permit_date", INTRODUCTION_ACT_FIRST_PERMIT),)))
        return done(LawOutcome.NOT_COVERED)
    if _first(permit) < INTRODUCTION_ACT_FIRST_PERMIT:  # only a year, and it is 2005
        notes.append(Note(IntroNote.PERMIT_YEAR_2005_AMBIGUOUS, REF_WHICH_LAW,
                          (("first_permit_date", INTRODUCTION_ACT_FIRST_PERMIT),)))
        return done(LawOutcome.NEED_PERMIT_DATE)
    if arrival is None:
        notes.append(Note(IntroNote.ARRIVAL_DECIDES, REF_WHICH_LAW, (("cutoff", INTEGRATION_ACT_IN_FORCE),)))
        return done(LawOutcome.NEED_ARRIVAL)
    # permit 1 Sep 2005 - 31 Dec 2020 and arrival before 2021
    notes.append(Note(IntroNote.PERMIT_2005_2020_ARRIVED_BEFORE_2021, REF_WHICH_LAW))
    return done(LawOutcome.INTRODUCTION_ACT)
