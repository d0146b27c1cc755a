"""Omsorgspermisjon at birth or adoption, reserved days, days off with benefit (docs/sources/seeds/000, docs/sources/rules.md 4.2)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from dateutil.relativedelta import relativedelta

from ..events import FamilyEvent
from ..legal import Explained, LegalRef, Note
from ..params import ParameterNotInForce
from .offer import OfferDutyResult, offer_duty
from .tables import (
    FATHER_QUOTA_OLD_LAW_FROM,
    INTRO,
    REF_ADOPTION_WINDOW,
    REF_ADOPTION_WINDOW_OLD,
    REF_DAYS_OFF,
    REF_EXCEPTIONS_OTHER,
    REF_LEAVE_NEW,
    REF_LEAVE_SECTION_NUMBER,
    REF_MOTHER_DAYS_OLD,
    REF_SHARED_POOL,
    REF_SHARED_POOL_OLD,
    REF_WORKING_DAYS,
    REF_WORKING_DAYS_OLD,
    IntroLaw,
    IntroNote,
    LeaveRulesNotSupported,
)


class ParentRole(str, Enum):
    MOTHER = "mother"
    FATHER = "father"


@dataclass(frozen=True)
class ReservedDays:
    """Dager av omsorgspermisjonen forbeholdt én forelder. Counted in working days (virkedager).

    ``days`` is None when no source says how many (introduksjonsloven: the mother, [U]).
    Unused reserved days lapse (``lapses_if_unused``) unless the illness exception is granted.
    """

    parent: ParentRole
    days: int | None
    ref: LegalRef
    lapses_if_unused: bool = True
    exception_possible: bool = False  # far syk/skadet, helt avhengig av hjelp / innlagt; legeerklæring

    @property
    def unconfirmed(self) -> bool:
        return self.days is None or self.ref.unconfirmed


@dataclass(frozen=True)
class DaysOffWithBenefit:
    """Fri med introduksjonsstønad etter fødsel: separate from the unpaid omsorgspermisjon."""

    parent: ParentRole
    days: int
    condition: str  # code: "none" | "lives_with_mother_or_assisting_person"
    ref: LegalRef = REF_DAYS_OFF


@dataclass(frozen=True)
class LeaveInput:
    law: IntroLaw
    event: FamilyEvent
    event_date: date  # date of birth, or of adoption (omsorgsovertakelse)
    both_parents_in_programme: bool = False
    leave_start: date | None = None
    child_age_at_adoption: int | None = None  # whole years; required for adoption
    father_ill_or_in_institution: bool = False  # documented by legeerklæring
    parent_not_caring: bool = False  # one parent does not take care of the child


@dataclass(frozen=True)
class LeaveResult(Explained):
    input: LeaveInput
    entitled: bool
    reason: str  # code: ok | adopted_child_too_old
    max_months: int
    leave_window_end: date | None  # last day leave may be taken (birth: day before 1st birthday)
    latest_end: date | None  # last day of a 10-month leave from leave_start, within the window
    reserved: tuple[ReservedDays, ...] = ()
    days_off_with_benefit: tuple[DaysOffWithBenefit, ...] = ()
    offer: OfferDutyResult | None = None
    notes: tuple[Note, ...] = ()
    ref: LegalRef = REF_LEAVE_NEW
    offer_from_month: int | None = None  # the municipality's offer is owed from this month of the leave



    def reserved_for(self, parent: ParentRole) -> ReservedDays | None:
        return next((r for r in self.reserved if r.parent is parent), None)

    def _sourced(self):
        return ((self.ref,), self.reserved, self.days_off_with_benefit, self.notes,
                self.offer.refs if self.offer else ())


def leave_rights(inp: LeaveInput) -> LeaveResult:
    """Omsorgspermisjon uten introduksjonsstønad (integreringsforskriften § 16 /
    introduksjonsforskriften § 5-3 as quoted by IMDi, docs/sources/seeds/000).

    * birth: up to 10 months in total in the child's first year (første leveår);
    * adoption: up to 10 months in total when the child is under 15;
    * no introduksjonsstønad during the leave;
    * if a parent does not take care of the child, another person who does may use that right;
    * both parents in the programme: integreringsloven reserves 75 days for the father and 75 for
      the mother; introduksjonsloven 50 working days (10 weeks) for the father for children born or
      adopted after 1 September 2010 ([U] the mother); unused reserved days lapse; the municipality
      may make an exception when the father is ill or injured and fully dependent on help, or in a
      health institution (legeerklæring);
    * days off with benefit after a birth (mother 20, father up to 7) are separate.
    """
    law, on = inp.law, inp.event_date
    try:
        max_months_p = INTRO.get(("leave_max_months", law), on)
    except ParameterNotInForce as exc:
        raise LeaveRulesNotSupported(law, on) from exc
    ref = max_months_p.ref
    notes: list[Note] = []

    if inp.event is FamilyEvent.ADOPTION:
        if inp.child_age_at_adoption is None or inp.child_age_at_adoption < 0:
            raise ValueError("adoption needs the child's age (whole years) at the adoption")
        limit = INTRO.get(("adoption_child_age_below", law), on)
        if inp.child_age_at_adoption >= limit.value:
            notes.append(Note(IntroNote.ADOPTED_CHILD_TOO_OLD, limit.ref, (("age_below", limit.value),)))
            return LeaveResult(inp, False, "adopted_child_too_old", max_months_p.value, None, None,
                               notes=tuple(notes), ref=ref)
        notes.append(Note(IntroNote.ADOPTION_UNDER_LIMIT, limit.ref, (("age_below", limit.value),)))

    notes.append(Note(IntroNote.NO_BENEFIT_DURING_LEAVE, ref))
    new_law = law is IntroLaw.INTEGRATION_ACT
    notes.append(Note(IntroNote.SHARED_POOL, REF_SHARED_POOL if new_law else REF_SHARED_POOL_OLD,
                      (("max_months", max_months_p.value),)))
    if law is IntroLaw.INTEGRATION_ACT:
        notes.append(Note(IntroNote.SECTION_NUMBER_UNCONFIRMED, REF_LEAVE_SECTION_NUMBER))
    if inp.parent_not_caring:
        notes.append(Note(IntroNote.OTHER_CARER_MAY_USE_RIGHT, ref))

    # the leave window
    if inp.event is FamilyEvent.BIRTH:
        window_end = on + relativedelta(years=1) - timedelta(days=1)
        notes.append(Note(IntroNote.WITHIN_FIRST_YEAR, ref, (("window_end", window_end),)))
    else:
        window_end = None
        notes.append(Note(IntroNote.ADOPTION_WINDOW_UNCONFIRMED,
                          REF_ADOPTION_WINDOW if new_law else REF_ADOPTION_WINDOW_OLD))

    latest_end = None
    if inp.leave_start is not None:
        if inp.leave_start < on:
            raise ValueError("leave cannot start before the birth or adoption")
        full = inp.leave_start + relativedelta(months=max_months_p.value) - timedelta(days=1)
        if window_end is not None and inp.leave_start > window_end:
            notes.append(Note(IntroNote.LEAVE_START_AFTER_FIRST_YEAR, ref, (("window_end", window_end),)))
        elif window_end is not None and full > window_end:
            latest_end = window_end
            notes.append(Note(IntroNote.LEAVE_CUT_BY_FIRST_YEAR, ref, (("window_end", window_end),)))
        else:
            latest_end = full

    reserved = _reserved_days(inp, notes)
    days_off = _days_off(inp)
    offer = (offer_duty(inp.leave_start, inp.law, leave_end=latest_end)
             if inp.leave_start and latest_end else None)
    offer_month = INTRO.value(("offer_from_leave_month", law), on)
    return LeaveResult(inp, True, "ok", max_months_p.value, window_end, latest_end, reserved,
                       days_off, offer, tuple(notes), ref, offer_from_month=offer_month)


def _reserved_days(inp: LeaveInput, notes: list[Note]) -> tuple[ReservedDays, ...]:
    law, on = inp.law, inp.event_date
    if not inp.both_parents_in_programme:
        notes.append(Note(IntroNote.NO_QUOTA_UNLESS_BOTH_IN_PROGRAMME, INTRO.get(("leave_max_months", law), on).ref))
        return ()
    notes.append(Note(IntroNote.DAYS_ARE_WORKING_DAYS,
                      REF_WORKING_DAYS if law is IntroLaw.INTEGRATION_ACT else REF_WORKING_DAYS_OLD))
    exception = inp.father_ill_or_in_institution
    father_p = INTRO.get(("reserved_days_father", law), on)
    father = ReservedDays(ParentRole.FATHER, father_p.value, father_p.ref,
                          lapses_if_unused=not exception, exception_possible=exception)
    notes.append(Note(IntroNote.UNUSED_RESERVED_DAYS_LAPSE, father_p.ref))
    if exception:
        notes.append(Note(IntroNote.FATHER_ILLNESS_EXCEPTION, father_p.ref,
                          (("needs_doctor_statement", True), ("discretionary", True))))
    if law is IntroLaw.INTEGRATION_ACT:
        mother_p = INTRO.get(("reserved_days_mother", law), on)
        mother = ReservedDays(ParentRole.MOTHER, mother_p.value, mother_p.ref)
        notes.append(Note(IntroNote.OTHER_EXCEPTIONS_UNCONFIRMED, REF_EXCEPTIONS_OTHER))
    else:
        mother = ReservedDays(ParentRole.MOTHER, None, REF_MOTHER_DAYS_OLD, lapses_if_unused=False)
        notes.append(Note(IntroNote.MOTHER_QUOTA_UNCONFIRMED, REF_MOTHER_DAYS_OLD))
        notes.append(Note(IntroNote.FATHER_QUOTA_FROM, father_p.ref,
                          (("born_or_adopted_after", FATHER_QUOTA_OLD_LAW_FROM - timedelta(days=1)),)))
    return father, mother


def _days_off(inp: LeaveInput) -> tuple[DaysOffWithBenefit, ...]:
    if inp.event is not FamilyEvent.BIRTH:
        return ()
    on = inp.event_date
    mother = INTRO.get(("days_off_mother_after_birth", inp.law), on)
    father = INTRO.get(("days_off_father_after_birth", inp.law), on)
    return (DaysOffWithBenefit(ParentRole.MOTHER, mother.value, "none", mother.ref),
            DaysOffWithBenefit(ParentRole.FATHER, father.value, "lives_with_mother_or_assisting_person",
                               father.ref))
