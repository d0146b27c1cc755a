"""Introduksjonsprogrammet: which law applies, omsorgspermisjon at birth/adoption, the municipality's
duty to offer something during the leave, the full-time norm, and the work-oriented programme for
people with kollektiv beskyttelse.

Pure functions over plain data, no Rasa imports and no Norwegian answer text. Sources:
shared/reference/rules.md section 4 and the seeds

* ``000_890baa1009d03040.txt`` - IMDi «Tilbud i omsorgspermisjon» (integreringsforskriften § 16 and
  the old introduksjonsloven rule § 5-3 quoted side by side),
* ``002_df017d62dd9e7a2e.txt`` - IMDi on the programme (full time, 47 weeks, roles, phases),
* ``004_4b776989ff11b864.txt`` - IMDi «Arbeidsrettet introduksjonsprogram» (kollektiv beskyttelse).

Every number lives in ``INTRO`` (dated, with a `LegalRef` beside it). Glossary:

==============================================  ==========================================
Norwegian                                       identifier
==============================================  ==========================================
integreringsloven (2021)                        ``IntroLaw.INTEGRATION_ACT``
introduksjonsloven (2003)                       ``IntroLaw.INTRODUCTION_ACT``
oppholdstillatelse / ankomst                    ``permit`` / ``arrival``
omsorgspermisjon (uten introduksjonsstønad)     ``leave_rights`` / ``LeaveResult``
fødsel / adopsjon                               ``FamilyEvent.BIRTH`` / ``ADOPTION``
dager forbeholdt far / mor (virkedager)         ``ReservedDays`` (``working days``)
fri med stønad etter fødsel                     ``DaysOffWithBenefit``
oppfølging og norskopplæring eller språktrening ``offer_duty`` / ``OfferDutyResult``
fra og med den fjerde måneden av permisjonen    ``fourth_month_start``
norskopplæring (tellende i NIR) / norsktrening  ``OfferKind.NORWEGIAN_TUITION`` / ``NORWEGIAN_PRACTICE``
møteplass (åpen barnehage, barselgruppe, ...)   ``OfferCategory.MEETING_PLACE``
fulltid, helårsprogram (47 uker)                ``full_time_norm``
programrådgiver, voksenopplæring, NAV           ``ProgrammeRole``
individuell plan                                ``INDIVIDUAL_PLAN``
kollektiv beskyttelse, arbeidsrettet innhold    ``work_oriented_requirement``
midlertidige regler (kap. 6A)                   ``temporary_rules_status``
==============================================  ==========================================
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import Union

from dateutil.relativedelta import relativedelta


from .legal import Evidence, LegalRef, Note
from .params import ParameterNotInForce, ParameterTable

# --- pages and seeds ------------------------------------------------------------------------------
PAGE_IMDI_INTRO = "introduksjonsprogrammet.imdi.no"
PAGE_IMDI = "imdi.no"
PAGE_LOVDATA_INTEGRATION_ACT = "lovdata.no/lov/2020-11-06-127"
PAGE_LOVDATA_INTRODUCTION_ACT = "lovdata.no/lov/2003-07-04-80"

SEED_LEAVE = "000_890baa1009d03040.txt"
SEED_PROGRAMME = "002_df017d62dd9e7a2e.txt"
SEED_COLLECTIVE = "004_4b776989ff11b864.txt"

# --- legal references -----------------------------------------------------------------------------
REF_WHICH_LAW = LegalRef("integreringsloven § 51 og integreringsforskriften § 72 (overgangsregler)",
                         PAGE_IMDI_INTRO)
# The law text itself was not read; the year-only and cut-over-day readings are our own.
REF_WHICH_LAW_READING = LegalRef("integreringsloven § 51 (overgangsregler)", PAGE_IMDI_INTRO,
                                 Evidence.UNCONFIRMED)
REF_LEAVE_NEW = LegalRef("integreringsforskriften § 16", PAGE_IMDI_INTRO, seed=SEED_LEAVE)
REF_LEAVE_OLD = LegalRef("introduksjonsloven med forskrift § 5-3", PAGE_IMDI_INTRO, seed=SEED_LEAVE)
# rules.md 4.2 / 8.7: the section number "§ 16" comes only from the IMDi text.
REF_LEAVE_SECTION_NUMBER = LegalRef("integreringsforskriften § 16", PAGE_IMDI_INTRO,
                                    Evidence.UNCONFIRMED, seed=SEED_LEAVE)
# rules.md 4.2: whether the old law reserved days for the mother is not stated anywhere retrieved.
REF_MOTHER_DAYS_OLD = LegalRef("introduksjonsloven med forskrift § 5-3", PAGE_IMDI_INTRO,
                               Evidence.UNCONFIRMED, seed=SEED_LEAVE)
# rules.md 4.2: "dager" means virkedager (IMDi juridisk veileder kap. 4).
REF_WORKING_DAYS = LegalRef("integreringsforskriften kap. 4 (IMDis juridiske veileder)", PAGE_IMDI)
REF_DAYS_OFF = LegalRef("integreringsforskriften §§ 11-12", PAGE_IMDI)
# The shared pool ("til sammen opptil ti måneder", quotas carved "av omsorgspermisjonen") is read
# from the wording; no source says it in so many words.
REF_SHARED_POOL = LegalRef("integreringsforskriften § 16 første og fjerde ledd", PAGE_IMDI_INTRO,
                           Evidence.DERIVED, seed=SEED_LEAVE)
# rules.md 4.2: the old rules had exceptions when the father was ill or the mother single; whether
# the same apply under integreringsforskriften beyond the illness exception is not confirmed.
REF_EXCEPTIONS_OTHER = LegalRef("integreringsforskriften § 16 femte ledd", PAGE_IMDI_INTRO,
                                Evidence.UNCONFIRMED, seed=SEED_LEAVE)
# rules.md 8.11: counting "fra og med den fjerde måneden av permisjonstiden".
REF_FOURTH_MONTH_COUNTING = LegalRef("integreringsforskriften § 16 andre ledd", PAGE_IMDI_INTRO,
                                     Evidence.UNCONFIRMED, seed=SEED_LEAVE)
# The adoption leave window (the "first year" limit is only stated for births).
REF_ADOPTION_WINDOW = LegalRef("integreringsforskriften § 16 tredje ledd", PAGE_IMDI_INTRO,
                               Evidence.UNCONFIRMED, seed=SEED_LEAVE)
# IMDi's recommendations (not legal duties) for the offer during leave.
REF_OFFER_GUIDANCE = LegalRef("IMDi: Tilbud i omsorgspermisjon (veiledning)", PAGE_IMDI_INTRO,
                              seed=SEED_LEAVE)
REF_PROGRAMME = LegalRef("integreringsloven kap. 4 / introduksjonsloven § 4 (veiledende retningslinje)",
                         PAGE_IMDI_INTRO, seed=SEED_PROGRAMME)
REF_PROGRAMME_YEAR = LegalRef("IMDi: helårsprogram (47 uker)", PAGE_IMDI_INTRO, Evidence.DERIVED,
                              seed=SEED_PROGRAMME)
REF_LESSON_MINUTES = LegalRef("IMDi: Omfang og innhold - integreringsloven", PAGE_IMDI)
REF_ROLES = LegalRef("rundskriv Q-27/2015 og IMDi", PAGE_IMDI_INTRO, seed=SEED_PROGRAMME)
REF_COLLECTIVE = LegalRef("integreringsforskriften § 43 h (kap. 8A)", PAGE_IMDI_INTRO,
                          seed=SEED_COLLECTIVE)
REF_CHAPTER_6A = LegalRef("integreringsloven kap. 6A", PAGE_IMDI)
# rules.md 4.4 / 8.8: status after 1 July 2026 is not confirmed (Prop. 81 L (2024-2025)).
REF_CHAPTER_6A_AFTER = LegalRef("integreringsloven kap. 6A og integreringsforskriften § 43 h",
                                PAGE_IMDI, Evidence.UNCONFIRMED, seed=SEED_COLLECTIVE)

# --- the two laws ---------------------------------------------------------------------------------
INTEGRATION_ACT_IN_FORCE = date(2021, 1, 1)
INTRODUCTION_ACT_FIRST_PERMIT = date(2005, 9, 1)
INTRODUCTION_ACT_LAST_PERMIT = date(2020, 12, 31)
FATHER_QUOTA_OLD_LAW_FROM = date(2010, 9, 2)  # "for barn født etter 1. september 2010"

# Kollektiv beskyttelse (integreringsloven kap. 6A / integreringsforskriften kap. 8A)
CHAPTER_6A_IN_FORCE = date(2022, 6, 15)
WORK_ORIENTED_FROM = date(2024, 2, 1)  # for participants starting on or after this date
TEMPORARY_RULES_KNOWN_UNTIL = date(2026, 6, 30)  # "gjelder foreløpig til 1. juli 2026"


class IntroLaw(str, Enum):
    INTEGRATION_ACT = "integreringsloven"  # lov 6. november 2020 nr. 127, i kraft 1. januar 2021
    INTRODUCTION_ACT = "introduksjonsloven"  # lov 4. juli 2003 nr. 80

    @property
    def page(self) -> str:
        return (PAGE_LOVDATA_INTEGRATION_ACT if self is IntroLaw.INTEGRATION_ACT
                else PAGE_LOVDATA_INTRODUCTION_ACT)


# --- dated parameters -----------------------------------------------------------------------------
# Leave rules are looked up on the date of birth or adoption (omsorgsovertakelse). Programme norms
# and the work-oriented rules are looked up on the date asked about (or the programme start).
# The introduksjonsloven leave rules are modelled in the version IMDi quotes, which took its form
# with the father's quota for children born after 1 September 2010; earlier births are not modelled.
_NEW, _OLD = IntroLaw.INTEGRATION_ACT, IntroLaw.INTRODUCTION_ACT
_N0, _O0 = INTEGRATION_ACT_IN_FORCE, FATHER_QUOTA_OLD_LAW_FROM

INTRO = ParameterTable("introduksjonsprogram")
(INTRO
 # omsorgspermisjon (permisjon uten introduksjonsstønad ved fødsel og adopsjon)
 .add(("leave_max_months", _NEW), 10, _N0, None, REF_LEAVE_NEW)
 .add(("leave_max_months", _OLD), 10, _O0, None, REF_LEAVE_OLD)
 .add(("adoption_child_age_below", _NEW), 15, _N0, None, REF_LEAVE_NEW)
 .add(("adoption_child_age_below", _OLD), 15, _O0, None, REF_LEAVE_OLD)
 .add(("reserved_days_father", _NEW), 75, _N0, None, REF_LEAVE_NEW)
 .add(("reserved_days_mother", _NEW), 75, _N0, None, REF_LEAVE_NEW)
 .add(("reserved_days_father", _OLD), 50, _O0, None, REF_LEAVE_OLD)
 .add(("offer_from_leave_month", _NEW), 4, _N0, None, REF_LEAVE_NEW)
 .add(("offer_from_leave_month", _OLD), 4, _O0, None, REF_LEAVE_OLD)
 # fri med stønad (integreringsforskriften §§ 11-12; rules.md 4.2 "both laws")
 .add("days_off_mother_after_birth", 20, _O0, None, REF_DAYS_OFF)
 .add("days_off_father_after_birth", 7, _O0, None, REF_DAYS_OFF)
 .add("days_off_pregnancy", 10, _O0, None, REF_DAYS_OFF)
 # the programme (seed 002, rules.md 4.3)
 .add("full_time_hours", 37.5, _N0, None, REF_PROGRAMME)
 .add("full_time_hours_self_study", 30.0, _N0, None, REF_PROGRAMME)
 .add("holiday_weeks", 5, _N0, None, REF_PROGRAMME_YEAR)
 .add("programme_weeks_per_year", 47, _N0, None, REF_PROGRAMME_YEAR)
 .add("norwegian_lesson_minutes", 45, _N0, None, REF_LESSON_MINUTES)
 .add("norwegian_lesson_counted_minutes", 75, _N0, None, REF_LESSON_MINUTES)
 # kollektiv beskyttelse (seed 004, rules.md 4.4): temporary, known until 30 June 2026
 .add("chapter_6a_in_force", True, CHAPTER_6A_IN_FORCE, TEMPORARY_RULES_KNOWN_UNTIL, REF_CHAPTER_6A)
 .add("work_oriented_min_hours", 15, WORK_ORIENTED_FROM, TEMPORARY_RULES_KNOWN_UNTIL, REF_COLLECTIVE)
 .add("work_oriented_min_hours_part_time", 10, WORK_ORIENTED_FROM, TEMPORARY_RULES_KNOWN_UNTIL,
      REF_COLLECTIVE)
 .add("part_time_max_percent", 60, WORK_ORIENTED_FROM, TEMPORARY_RULES_KNOWN_UNTIL, REF_COLLECTIVE)
 .add("work_oriented_from_programme_month", 4, WORK_ORIENTED_FROM, TEMPORARY_RULES_KNOWN_UNTIL,
      REF_COLLECTIVE))


def _refs(*groups) -> tuple[LegalRef, ...]:
    seen: dict[LegalRef, None] = {}
    for group in groups:
        for item in group:
            seen.setdefault(item if isinstance(item, LegalRef) else item.ref, None)
    return tuple(seen)


def _note(notes: tuple[Note, ...], code: str) -> Note | None:
    return next((n for n in notes if n.code == code), None)


# =================================================================================================
# 1. Which law applies
# =================================================================================================
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
class LawResult:
    input: LawInput
    outcome: LawOutcome
    notes: tuple[Note, ...] = ()
    ref: LegalRef = REF_WHICH_LAW

    @property
    def law(self) -> IntroLaw | None:
        return {LawOutcome.INTEGRATION_ACT: IntroLaw.INTEGRATION_ACT,
                LawOutcome.INTRODUCTION_ACT: IntroLaw.INTRODUCTION_ACT}.get(self.outcome)

    @property
    def refs(self) -> tuple[LegalRef, ...]:
        return _refs((self.ref,), self.notes)

    def note(self, code: str) -> Note | None:
        return _note(self.notes, code)


def which_law(permit: DateOrYear, arrival: DateOrYear | None = None) -> LawResult:
    """Integreringsloven or introduksjonsloven (rules.md 4.1).

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
        notes.append(Note("permit_from_2021", REF_WHICH_LAW))
        return done(LawOutcome.INTEGRATION_ACT)

    # permit before 2021 (when a year: the whole year is before 2021)
    if arrival is not None and _first(arrival) >= INTEGRATION_ACT_IN_FORCE:
        notes.append(Note("permit_before_2021_arrived_after", REF_WHICH_LAW))
        if not isinstance(arrival, date) and arrival == INTEGRATION_ACT_IN_FORCE.year:
            notes.append(Note("arrival_year_counted_as_after", REF_WHICH_LAW_READING,
                              (("year", arrival), ("cutoff", INTEGRATION_ACT_IN_FORCE))))
        elif arrival == INTEGRATION_ACT_IN_FORCE:
            notes.append(Note("arrival_on_cutoff_day", REF_WHICH_LAW_READING,
                              (("cutoff", INTEGRATION_ACT_IN_FORCE),)))
        if _last(permit) < INTRODUCTION_ACT_FIRST_PERMIT:
            # Unusual: a permit from before 2005 and arrival after 2021. Say it needs checking.
            notes.append(Note("old_permit_check_with_municipality", REF_WHICH_LAW_READING))
        return done(LawOutcome.INTEGRATION_ACT)

    if _last(permit) < INTRODUCTION_ACT_FIRST_PERMIT:
        notes.append(Note("permit_before_2005", REF_WHICH_LAW,
                          (("first_permit_date", INTRODUCTION_ACT_FIRST_PERMIT),)))
        return done(LawOutcome.NOT_COVERED)
    if _first(permit) < INTRODUCTION_ACT_FIRST_PERMIT:  # only a year, and it is 2005
        notes.append(Note("permit_year_2005_ambiguous", REF_WHICH_LAW,
                          (("first_permit_date", INTRODUCTION_ACT_FIRST_PERMIT),)))
        return done(LawOutcome.NEED_PERMIT_DATE)
    if arrival is None:
        notes.append(Note("arrival_decides", REF_WHICH_LAW, (("cutoff", INTEGRATION_ACT_IN_FORCE),)))
        return done(LawOutcome.NEED_ARRIVAL)
    # permit 1 Sep 2005 - 31 Dec 2020 and arrival before 2021
    notes.append(Note("permit_2005_2020_arrived_before_2021", REF_WHICH_LAW))
    return done(LawOutcome.INTRODUCTION_ACT)


# =================================================================================================
# 2. Omsorgspermisjon at birth or adoption (seed 000)
# =================================================================================================
class FamilyEvent(str, Enum):
    BIRTH = "birth"  # fødsel
    ADOPTION = "adoption"  # adopsjon (the date is the omsorgsovertakelse)


class ParentRole(str, Enum):
    MOTHER = "mother"
    FATHER = "father"


class LeaveRulesNotSupported(ValueError):
    """The leave rules for this law are not modelled for a child born/adopted on this date."""

    def __init__(self, law: IntroLaw, on: date):
        super().__init__(f"leave rules under {law.value} are not modelled for {on.isoformat()}")
        self.law = law
        self.on = on


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
class LeaveResult:
    input: LeaveInput
    entitled: bool
    reason: str  # code: ok | adopted_child_too_old
    max_months: int
    leave_window_end: date | None  # last day leave may be taken (birth: day before 1st birthday)
    latest_end: date | None  # last day of a 10-month leave from leave_start, within the window
    reserved: tuple[ReservedDays, ...] = ()
    days_off_with_benefit: tuple[DaysOffWithBenefit, ...] = ()
    offer: "OfferDutyResult | None" = None
    notes: tuple[Note, ...] = ()
    ref: LegalRef = REF_LEAVE_NEW
    offer_from_month: int | None = None  # the municipality's offer is owed from this month of the leave

    @property
    def refs(self) -> tuple[LegalRef, ...]:
        offer_refs = self.offer.refs if self.offer else ()
        return _refs((self.ref,), self.reserved, self.days_off_with_benefit, self.notes, offer_refs)

    def note(self, code: str) -> Note | None:
        return _note(self.notes, code)

    def reserved_for(self, parent: ParentRole) -> ReservedDays | None:
        return next((r for r in self.reserved if r.parent is parent), None)


def leave_rights(inp: LeaveInput) -> LeaveResult:
    """Omsorgspermisjon uten introduksjonsstønad (integreringsforskriften § 16 / introduksjonsloven
    § 5-3 as quoted by IMDi, seed 000).

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
            notes.append(Note("adopted_child_too_old", limit.ref, (("age_below", limit.value),)))
            return LeaveResult(inp, False, "adopted_child_too_old", max_months_p.value, None, None,
                               notes=tuple(notes), ref=ref)
        notes.append(Note("adoption_under_limit", limit.ref, (("age_below", limit.value),)))

    notes.append(Note("no_benefit_during_leave", ref))
    notes.append(Note("shared_pool", REF_SHARED_POOL, (("max_months", max_months_p.value),)))
    if law is IntroLaw.INTEGRATION_ACT:
        notes.append(Note("section_number_unconfirmed", REF_LEAVE_SECTION_NUMBER))
    if inp.parent_not_caring:
        notes.append(Note("other_carer_may_use_right", ref))

    # the leave window
    if inp.event is FamilyEvent.BIRTH:
        window_end = on + relativedelta(years=1) - timedelta(days=1)
        notes.append(Note("within_first_year", ref, (("window_end", window_end),)))
    else:
        window_end = None
        notes.append(Note("adoption_window_unconfirmed", REF_ADOPTION_WINDOW))

    latest_end = None
    if inp.leave_start is not None:
        if inp.leave_start < on:
            raise ValueError("leave cannot start before the birth or adoption")
        full = inp.leave_start + relativedelta(months=max_months_p.value) - timedelta(days=1)
        if window_end is not None and inp.leave_start > window_end:
            notes.append(Note("leave_start_after_first_year", ref, (("window_end", window_end),)))
        elif window_end is not None and full > window_end:
            latest_end = window_end
            notes.append(Note("leave_cut_by_first_year", ref, (("window_end", window_end),)))
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
        notes.append(Note("no_quota_unless_both_in_programme", INTRO.get(("leave_max_months", law), on).ref))
        return ()
    notes.append(Note("days_are_working_days", REF_WORKING_DAYS))
    exception = inp.father_ill_or_in_institution
    father_p = INTRO.get(("reserved_days_father", law), on)
    father = ReservedDays(ParentRole.FATHER, father_p.value, father_p.ref,
                          lapses_if_unused=not exception, exception_possible=exception)
    notes.append(Note("unused_reserved_days_lapse", father_p.ref))
    if exception:
        notes.append(Note("father_illness_exception", father_p.ref,
                          (("needs_doctor_statement", True), ("discretionary", True))))
    if law is IntroLaw.INTEGRATION_ACT:
        mother_p = INTRO.get(("reserved_days_mother", law), on)
        mother = ReservedDays(ParentRole.MOTHER, mother_p.value, mother_p.ref)
        notes.append(Note("other_exceptions_unconfirmed", REF_EXCEPTIONS_OTHER))
    else:
        mother = ReservedDays(ParentRole.MOTHER, None, REF_MOTHER_DAYS_OLD, lapses_if_unused=False)
        notes.append(Note("mother_quota_unconfirmed", REF_MOTHER_DAYS_OLD))
        notes.append(Note("father_quota_from", father_p.ref,
                          (("born_or_adopted_after", FATHER_QUOTA_OLD_LAW_FROM - timedelta(days=1)),)))
    return father, mother


def _days_off(inp: LeaveInput) -> tuple[DaysOffWithBenefit, ...]:
    if inp.event is not FamilyEvent.BIRTH:
        return ()
    on = inp.event_date
    mother = INTRO.get("days_off_mother_after_birth", on)
    father = INTRO.get("days_off_father_after_birth", on)
    return (DaysOffWithBenefit(ParentRole.MOTHER, mother.value, "none", mother.ref),
            DaysOffWithBenefit(ParentRole.FATHER, father.value, "lives_with_mother_or_assisting_person",
                               father.ref))


# =================================================================================================
# 3. The municipality's duty during the leave (seed 000)
# =================================================================================================
class OfferCategory(str, Enum):
    LANGUAGE = "language"  # norskopplæring eller norsktrening
    MEETING_PLACE = "meeting_place"  # egnet møteplass


class OfferKind(str, Enum):
    """Kinds of offer during omsorgspermisjon (seed 000). The value is the stable code stored in the
    catalogue; ``term`` is the Norwegian term used by IMDi.

    ``counts_in_nir``: norskopplæring given by qualified teachers that follows the curriculum (and
    holds good quality) gives hours that count and are registered in NIR (Nasjonalt
    introduksjonsregister); norsktrening and meeting places do not.
    """

    term: str
    category: OfferCategory
    counts_in_nir: bool
    needs_qualified_teacher: bool
    follows_curriculum: bool

    def __new__(cls, value: str, term: str, category: OfferCategory, counts_in_nir: bool = False,
                needs_qualified_teacher: bool = False, follows_curriculum: bool = False):
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.term = term
        obj.category = category
        obj.counts_in_nir = counts_in_nir
        obj.needs_qualified_teacher = needs_qualified_teacher
        obj.follows_curriculum = follows_curriculum
        return obj

    NORWEGIAN_TUITION = ("norskopplaering", "norskopplæring", OfferCategory.LANGUAGE, True, True, True)
    NORWEGIAN_PRACTICE = ("norsktrening", "norsktrening", OfferCategory.LANGUAGE)
    OPEN_KINDERGARTEN = ("aapen_barnehage", "åpen barnehage", OfferCategory.MEETING_PLACE)
    LANGUAGE_GROUP = ("spraakgruppe", "språkgruppe", OfferCategory.MEETING_PLACE)
    FAMILY_GUIDANCE = ("familieveiledning", "veiledning fra barne- og familieveileder/-senter",
                       OfferCategory.MEETING_PLACE)
    POSTNATAL_GROUP = ("barselgruppe", "barselgruppe", OfferCategory.MEETING_PLACE)
    POSTNATAL_TRAINING = ("barseltrening", "barseltrening", OfferCategory.MEETING_PLACE)
    OTHER = ("annet", "andre tiltak i kommunen eller frivillig sektor", OfferCategory.MEETING_PLACE)

    @classmethod
    def parse(cls, text: str) -> "OfferKind":
        """Accept the code ("norskopplaering") or the Norwegian term ("norskopplæring")."""
        key = " ".join(str(text).strip().lower().split())
        for kind in cls:
            if key in (kind.value, kind.term.lower()):
                return kind
        raise ValueError(f"unknown offer kind: {text!r}")


# Topics of the meeting IMDi recommends near the end of the leave.
END_MEETING_TOPICS = ("norwegian_level", "further_plan", "childcare", "kindergarten_deadline")


def fourth_month_start(leave_start: date, month: int = 4) -> date:
    """First day of the ``month``-th month of a period starting on ``leave_start``
    ("fra og med den fjerde måneden av permisjonstiden").

    Working interpretation ([U], rules.md 8.11): months are calendar months counted from the start
    date, so the fourth month begins ``start + relativedelta(months=3)``. When the target month is
    shorter, the date is clipped to its last day (the same reading as for month deadlines in
    domstolloven § 148): 31 January -> 30 April, 30 November 2023 -> 29 February 2024,
    29 February 2024 -> 29 May 2024. The offer is owed from (and including) that date.
    """
    if month < 1:
        raise ValueError("month must be >= 1")
    return leave_start + relativedelta(months=month - 1)


@dataclass(frozen=True)
class OfferDutyResult:
    """Kommunens plikt: oppfølging og norskopplæring eller språktrening fra og med den fjerde måneden
    av permisjonstiden, tilpasset den enkelte. Voluntary for the participant."""

    leave_start: date
    law: IntroLaw
    offer_from: date
    leave_end: date | None
    offer_period_arises: bool  # False when the leave ends before the fourth month
    mandatory_for_municipality: bool = True
    voluntary_for_participant: bool = True
    adapted_to_individual: bool = True
    groups_where_possible: bool = True
    kinds: tuple[OfferKind, ...] = tuple(OfferKind)
    childcare_alongside_recommended: bool = True
    info_before_leave_min_times: int = 1  # must inform at least once before the leave
    end_meeting_recommended: bool = True
    end_meeting_topics: tuple[str, ...] = END_MEETING_TOPICS
    notes: tuple[Note, ...] = ()
    ref: LegalRef = REF_LEAVE_NEW

    @property
    def refs(self) -> tuple[LegalRef, ...]:
        return _refs((self.ref,), self.notes)

    def note(self, code: str) -> Note | None:
        return _note(self.notes, code)


def offer_duty(leave_start: date, law: IntroLaw = IntroLaw.INTEGRATION_ACT,
               leave_end: date | None = None) -> OfferDutyResult:
    """When the municipality must offer follow-up and Norwegian training or language practice.

    Both laws have the same duty (seed 000: "videreføres"). The parameter is looked up on the leave
    start date; the leave end, if known, tells whether a fourth month exists at all.
    """
    key = ("offer_from_leave_month", law)
    try:
        month = INTRO.get(key, leave_start)
    except ParameterNotInForce as exc:
        raise LeaveRulesNotSupported(law, leave_start) from exc
    start = fourth_month_start(leave_start, month.value)
    if leave_end is not None and leave_end < leave_start:
        raise ValueError("leave_end before leave_start")
    arises = leave_end is None or leave_end >= start
    notes = [
        Note("offer_from", month.ref, (("date", start), ("month", month.value))),
        Note("fourth_month_counting", REF_FOURTH_MONTH_COUNTING, (("date", start),)),
        Note("voluntary", month.ref),
        Note("info_before_leave", REF_OFFER_GUIDANCE, (("min_times", 1),)),
        Note("end_meeting", REF_OFFER_GUIDANCE, (("topics", END_MEETING_TOPICS),)),
        Note("childcare_alongside", REF_OFFER_GUIDANCE),
        Note("negative_social_control_awareness", REF_OFFER_GUIDANCE),
    ]
    if not arises:
        notes.append(Note("leave_ends_before_offer", month.ref, (("offer_from", start),)))
    return OfferDutyResult(leave_start, law, start, leave_end, arises, notes=tuple(notes),
                           ref=month.ref)


# =================================================================================================
# 4. The programme (seed 002)
# =================================================================================================
@dataclass(frozen=True)
class FullTimeNorm:
    """Fulltid og helårsprogram: 37.5 h/week, or 30 h/week when the measures demand much
    self-study (forberedelser og etterarbeid); 5 weeks of holiday, so a 47-week year."""

    on: date
    mostly_self_study: bool
    hours_per_week: float
    range_hours: tuple[float, float]  # the span that leaves room for discretion
    weeks_per_year: int
    holiday_weeks: int
    lesson_minutes: int  # a 45-minute Norwegian lesson ...
    lesson_counted_minutes: int  # ... counts as 75 minutes
    ref: LegalRef = REF_PROGRAMME
    notes: tuple[Note, ...] = ()

    @property
    def hours_per_year(self) -> float:
        return self.hours_per_week * self.weeks_per_year

    @property
    def refs(self) -> tuple[LegalRef, ...]:
        return _refs((self.ref,), self.notes)


def full_time_norm(on: date, mostly_self_study: bool = False) -> FullTimeNorm:
    full = INTRO.get("full_time_hours", on)
    study = INTRO.get("full_time_hours_self_study", on)
    weeks = INTRO.get("programme_weeks_per_year", on)
    holiday = INTRO.get("holiday_weeks", on)
    lesson = INTRO.get("norwegian_lesson_minutes", on)
    counted = INTRO.get("norwegian_lesson_counted_minutes", on)
    chosen = study if mostly_self_study else full
    notes = (Note("weeks_per_year", weeks.ref, (("weeks", weeks.value), ("holiday_weeks", holiday.value))),
             Note("lesson_counting", counted.ref, (("lesson", lesson.value), ("counted", counted.value))),
             Note("discretion_between", chosen.ref, (("low", study.value), ("high", full.value))))
    return FullTimeNorm(on, mostly_self_study, chosen.value, (study.value, full.value), weeks.value,
                        holiday.value, lesson.value, counted.value, chosen.ref, notes)


class ProgrammeRole(str, Enum):
    """Aktører i introduksjonsprogrammet. ``tasks`` are codes for the roles' tasks (seed 002)."""

    tasks: tuple[str, ...]

    def __new__(cls, value: str, tasks: tuple[str, ...]):
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.tasks = tasks
        return obj

    PARTICIPANT = ("participant", (  # programdeltaker
        "take_part_in_mapping", "find_documents_for_translation", "give_information_for_plan",
        "help_revise_plan"))
    PROGRAMME_ADVISER = ("programme_adviser", (  # programrådgiver
        "extended_mapping", "help_set_goals_and_measures", "follow_up_and_revise_plan",
        "documents_and_translation", "refer_to_recognition_of_education", "guidance",
        "talk_at_transition_to_education_or_work", "coordinate_cooperation", "case_handling"))
    ADULT_EDUCATION_CENTRE = ("adult_education_centre", (  # voksenopplæringssenter
        "intake_interview", "teach_norwegian_and_social_studies", "primary_education_for_adults",
        "norwegian_tests", "social_studies_tests", "plan_with_participant_and_adviser",
        "report_progress", "adapted_norwegian_tuition", "follow_up_language_practice"))
    NAV = ("nav", (  # Arbeids- og velferdsetaten
        "labour_market_information", "early_cooperation", "work_and_education_guidance",
        "needs_and_work_ability_assessment", "help_with_individual_plan", "register_in_arena",
        "team_meetings", "labour_market_measures", "follow_up_measures", "transition_after_programme",
        "job_placement"))


INDIVIDUAL_PLAN = "individual_plan"  # individuell plan: the participant's main responsibility

# Eksempel på fire faser (seed 002): not time-bound, individual, with gliding transitions.
PROGRAMME_PHASES: dict[int, tuple[str, ...]] = {
    1: ("norwegian_tuition", "social_studies_in_mother_tongue", "get_to_know_local_community",
        "ict_course", "talks_with_contact_person", "recognition_and_translation_of_documents"),
    2: ("norwegian_tuition", "social_studies_education_and_work", "language_practice_placement",
        "talks_with_contact_person", "theme_groups", "self_study", "ngo_conversation_practice",
        "refugee_guide", "prior_learning_assessment"),
    3: ("norwegian_tuition", "social_studies_education_and_work", "job_seeking",
        "talks_with_contact_person", "norwegian_with_work_practice", "work_practice",
        "vocational_training_with_practice", "nav_measures_for_newcomers"),
    4: ("ordinary_education", "ordinary_qualification", "nav_measures", "work"),
}
PHASES_REF = REF_ROLES


# =================================================================================================
# 5. Work-oriented programme for kollektiv beskyttelse (seed 004)
# =================================================================================================
@dataclass(frozen=True)
class TemporaryRulesStatus:
    """Whether the temporary rules (integreringsloven kap. 6A) are known to apply on a date.

    They "gjelder foreløpig til 1. juli 2026". Their status from that day is [U] (rules.md 8.8):
    ``known_to_apply`` is then None and ``must_check_with_municipality`` True.
    """

    on: date
    known_to_apply: bool | None
    must_check_with_municipality: bool
    known_until: date
    notes: tuple[Note, ...] = ()

    @property
    def refs(self) -> tuple[LegalRef, ...]:
        return _refs(self.notes)


def temporary_rules_status(on: date) -> TemporaryRulesStatus:
    if on < CHAPTER_6A_IN_FORCE:
        return TemporaryRulesStatus(on, False, False, TEMPORARY_RULES_KNOWN_UNTIL,
                                    (Note("before_chapter_6a", REF_CHAPTER_6A,
                                          (("in_force", CHAPTER_6A_IN_FORCE),)),))
    if on <= TEMPORARY_RULES_KNOWN_UNTIL:
        return TemporaryRulesStatus(on, True, False, TEMPORARY_RULES_KNOWN_UNTIL,
                                    (Note("temporary_until", REF_CHAPTER_6A,
                                          (("until", TEMPORARY_RULES_KNOWN_UNTIL + timedelta(days=1)),)),))
    return TemporaryRulesStatus(on, None, True, TEMPORARY_RULES_KNOWN_UNTIL,
                                (Note("check_with_municipality", REF_CHAPTER_6A_AFTER,
                                      (("expired_or_changed_after", TEMPORARY_RULES_KNOWN_UNTIL),)),))


class WorkOrientedStatus(str, Enum):
    APPLIES = "applies"  # known to apply on the date asked about
    NOT_YET = "not_yet"  # applies, but only from the fourth month of the programme
    STARTED_BEFORE_RULE = "started_before_rule"  # programme started before 1 February 2024
    UNKNOWN_AFTER_EXPIRY = "unknown_after_expiry"  # on/after 1 July 2026 or start after 30 June 2026


@dataclass(frozen=True)
class WorkOrientedResult:
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

    @property
    def refs(self) -> tuple[LegalRef, ...]:
        return _refs((self.ref,), self.notes, self.temporary.notes)

    def note(self, code: str) -> Note | None:
        return _note(self.notes, code)


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
        notes.append(Note("started_before_rule", REF_COLLECTIVE, (("rule_from", WORK_ORIENTED_FROM),)))
        return result(WorkOrientedStatus.STARTED_BEFORE_RULE)
    if temp.known_to_apply is not True or programme_start > TEMPORARY_RULES_KNOWN_UNTIL:
        notes.append(Note("check_with_municipality", REF_CHAPTER_6A_AFTER,
                          (("known_until", TEMPORARY_RULES_KNOWN_UNTIL),)))
        return result(WorkOrientedStatus.UNKNOWN_AFTER_EXPIRY)

    hours = INTRO.get("work_oriented_min_hours", programme_start)
    month = INTRO.get("work_oriented_from_programme_month", programme_start)
    max_pct = INTRO.get("part_time_max_percent", programme_start)
    lower = None
    notes.append(Note("min_hours", hours.ref, (("hours", hours.value), ("from_month", month.value),
                                               ("from_date", requirement_from))))
    if part_time_percent is not None and part_time_percent <= max_pct.value:
        low = INTRO.get("work_oriented_min_hours_part_time", programme_start)
        lower = low.value
        notes.append(Note("part_time_may_lower", low.ref, (("hours", low.value),
                                                           ("max_percent", max_pct.value))))
    notes.append(Note("temporary_rule", REF_CHAPTER_6A,
                      (("until", TEMPORARY_RULES_KNOWN_UNTIL + timedelta(days=1)),)))
    status = WorkOrientedStatus.APPLIES if on >= requirement_from else WorkOrientedStatus.NOT_YET
    return result(status, hours.value, lower)
