"""The right to leave from work around birth and adoption: arbeidsmiljøloven kapittel 12, and the
state-sector agreement rules described in docs/sources/seeds/001 (a 2018–2020 HR page of a state college).

Pure functions over plain data. Sources: docs/sources/rules.md section 3 and docs/sources/seeds/001.
The law gives the right to be away; pay comes from folketrygden (see parental_benefit) or from an
agreement (tariffavtale). Every answer says which parts are statutory (`Basis.STATUTORY`) and which
come from an agreement (`Basis.AGREEMENT`).

Note codes (`Note.code`): care_leave_timing, care_leave_other_parent_adoption,
care_leave_other_assistant, care_leave_paid_state, care_leave_check_agreement, not_employee,
self_employed_parental_benefit, step_child_adoption, child_too_old, includes_pregnancy_and_mother_weeks,
always_while_benefit_paid, extra_follows_first_year, partial_removes_extra, partial_written_agreement,
partial_significant_inconvenience, partial_graded_benefit, partial_not_around_birth,
partial_frame_start [U], no_statutory_notice, breastfeeding_time_needed,
breastfeeding_unpaid_after_first_year,
breastfeeding_short_day, breastfeeding_paid_start [U], breastfeeding_state_agreement,
breastfeeding_full_time_assumed, agreement_may_give_more, state_care_leave_pension,
state_care_leave_part_time_discretionary, state_care_leave_not_state, state_care_leave_child_too_old.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum
from typing import Hashable

from dateutil.relativedelta import relativedelta

from .legal import PAGE_LOVDATA_AML, Evidence, Explained, LegalRef, Note
from .params import ParameterNotInForce, ParameterTable
from .parental_benefit import PAGE_NAV_FORELDREPENGER

SEED_001 = "001_7264ca781deeb0b6.txt"
# The state agreements (hovedtariffavtalene i staten, fellesbestemmelsene) are published there.
PAGE_STATE_AGREEMENT = "regjeringen.no (hovedtariffavtalene i staten)"
PAGE_ARBEIDSTILSYNET = "arbeidstilsynet.no"

_S, _C, _I, _U = Evidence.STATED, Evidence.CONFIRMED, Evidence.DERIVED, Evidence.UNCONFIRMED

class WorkLeaveNote(str, Enum):
    """Leave from work (aml. kapittel 12) and ammefri: the codes of the notes the rules attach to a result. The Norwegian text for
    each (or the mark that it is shown only through its source) is in actions/lang/note_texts.py."""

    SELF_EMPLOYED_PARENTAL_BENEFIT = "self_employed_parental_benefit"
    NOT_EMPLOYEE = "not_employee"
    STEP_CHILD_ADOPTION = "step_child_adoption"
    CHILD_TOO_OLD = "child_too_old"
    CARE_LEAVE_TIMING = "care_leave_timing"
    CARE_LEAVE_OTHER_PARENT_ADOPTION = "care_leave_other_parent_adoption"
    CARE_LEAVE_OTHER_ASSISTANT = "care_leave_other_assistant"
    CARE_LEAVE_PAID_STATE = "care_leave_paid_state"
    CARE_LEAVE_CHECK_AGREEMENT = "care_leave_check_agreement"
    INCLUDES_PREGNANCY_AND_MOTHER_WEEKS = "includes_pregnancy_and_mother_weeks"
    ALWAYS_WHILE_BENEFIT_PAID = "always_while_benefit_paid"
    EXTRA_FOLLOWS_FIRST_YEAR = "extra_follows_first_year"
    PARTIAL_REMOVES_EXTRA = "partial_removes_extra"
    PARTIAL_WRITTEN_AGREEMENT = "partial_written_agreement"
    PARTIAL_SIGNIFICANT_INCONVENIENCE = "partial_significant_inconvenience"
    PARTIAL_GRADED_BENEFIT = "partial_graded_benefit"
    PARTIAL_NOT_AROUND_BIRTH = "partial_not_around_birth"
    PARTIAL_FRAME_START = "partial_frame_start"
    NO_STATUTORY_NOTICE = "no_statutory_notice"
    BREASTFEEDING_TIME_NEEDED = "breastfeeding_time_needed"
    BREASTFEEDING_UNPAID_AFTER_FIRST_YEAR = "breastfeeding_unpaid_after_first_year"
    BREASTFEEDING_SHORT_DAY = "breastfeeding_short_day"
    BREASTFEEDING_PAID_START = "breastfeeding_paid_start"
    BREASTFEEDING_FULL_TIME_ASSUMED = "breastfeeding_full_time_assumed"
    BREASTFEEDING_STATE_AGREEMENT = "breastfeeding_state_agreement"
    AGREEMENT_MAY_GIVE_MORE = "agreement_may_give_more"
    STATE_CARE_LEAVE_NOT_STATE = "state_care_leave_not_state"
    STATE_CARE_LEAVE_CHILD_TOO_OLD = "state_care_leave_child_too_old"
    STATE_CARE_LEAVE_PENSION = "state_care_leave_pension"
    STATE_CARE_LEAVE_PART_TIME_DISCRETIONARY = "state_care_leave_part_time_discretionary"


# --- legal references ---------------------------------------------------------------------------
REF_CARE_LEAVE = LegalRef("arbeidsmiljøloven § 12-3 første ledd", PAGE_LOVDATA_AML)
REF_CARE_LEAVE_ADOPTION = LegalRef("arbeidsmiljøloven § 12-3 andre ledd", PAGE_LOVDATA_AML)
REF_CARE_LEAVE_TIMING = LegalRef("arbeidsmiljøloven § 12-3", PAGE_ARBEIDSTILSYNET)
REF_CARE_LEAVE_STATE = LegalRef("tariffavtale i staten (omsorgspermisjon 2 uker med lønn)",
                                PAGE_STATE_AGREEMENT, _S, seed=SEED_001)
REF_CARE_LEAVE_AGREEMENT = LegalRef("tariffavtale (lønn under omsorgspermisjon)", PAGE_ARBEIDSTILSYNET, _S)
REF_EMPLOYEE_ONLY = LegalRef("arbeidsmiljøloven § 1-2 (gjelder arbeidstakere)", PAGE_LOVDATA_AML, _I)
REF_FATHER_10_DAYS = LegalRef("folketrygdloven § 14-9 sjette ledd", PAGE_NAV_FORELDREPENGER, _C)
REF_PREGNANCY = LegalRef("arbeidsmiljøloven § 12-2", PAGE_LOVDATA_AML)
REF_MOTHER_SIX_WEEKS = LegalRef("arbeidsmiljøloven § 12-4", PAGE_LOVDATA_AML, _U)  # current wording not read
REF_PARENTAL = LegalRef("arbeidsmiljøloven § 12-5 første ledd", PAGE_LOVDATA_AML)
REF_PARENTAL_EXTRA = LegalRef("arbeidsmiljøloven § 12-5 andre ledd", PAGE_LOVDATA_AML)
REF_PARTIAL = LegalRef("arbeidsmiljøloven § 12-6", PAGE_LOVDATA_AML)
REF_PARTIAL_FRAME_START = LegalRef("arbeidsmiljøloven § 12-6 (fra når treårsrammen regnes)",
                                   PAGE_LOVDATA_AML, _U)
REF_GRADED_BENEFIT = LegalRef("folketrygdloven § 14-16", PAGE_NAV_FORELDREPENGER)
REF_NOTICE = LegalRef("arbeidsmiljøloven § 12-7", PAGE_LOVDATA_AML)
REF_BREASTFEEDING = LegalRef("arbeidsmiljøloven § 12-8 første ledd", PAGE_LOVDATA_AML)
REF_BREASTFEEDING_PAID = LegalRef("arbeidsmiljøloven § 12-8 andre ledd", PAGE_LOVDATA_AML)
# nhoreiseliv.no says paid ammefri from 1 July 2013, juristforbundet.no from 1 January 2014.
REF_BREASTFEEDING_PAID_START = LegalRef("arbeidsmiljøloven § 12-8 andre ledd (ikrafttredelse)",
                                        PAGE_LOVDATA_AML, _U)
REF_BREASTFEEDING_STATE = LegalRef("tariffavtale i staten (fri til amming med lønn)", PAGE_STATE_AGREEMENT,
                                   _S, seed=SEED_001)
# "Hel arbeidsdag" read as the state's ordinary full day, 37.5 h / 5 days.
REF_STATE_FULL_DAY = LegalRef("tariffavtale i staten (hel arbeidsdag)", PAGE_STATE_AGREEMENT, _I,
                              seed=SEED_001)
REF_AGREEMENT_MORE = LegalRef("tariffavtale", PAGE_ARBEIDSTILSYNET, _S)
REF_STATE_CARE_LEAVE = LegalRef("fellesbestemmelsene i staten § 20 (omsorgspermisjon uten lønn)",
                                PAGE_STATE_AGREEMENT, _S, seed=SEED_001)
REF_STATE_PENSION = LegalRef("Statens pensjonskasse (SPK.no)", "spk.no", _S, seed=SEED_001)

# --- dated parameters ---------------------------------------------------------------------------
AML_FROM = date(2006, 1, 1)  # arbeidsmiljøloven 2005 in force
PAID_BREASTFEEDING_FROM = date(2013, 7, 1)  # [U] 1 July 2013 (nhoreiseliv.no) ...
PAID_BREASTFEEDING_FROM_OTHER_SOURCE = date(2014, 1, 1)  # ... or 1 January 2014 (juristforbundet.no)
STATE_AGREEMENT_FROM = date(2018, 1, 1)  # earliest year docs/sources/seeds/001 documents (published 23 April 2018)

WORK_LEAVE = ParameterTable("permisjon_aml_kap12")
(WORK_LEAVE
 .add("care_leave_weeks", 2, AML_FROM, None, REF_CARE_LEAVE)
 .add("care_leave_age_limit", 15, AML_FROM, None, REF_CARE_LEAVE_ADOPTION)
 .add("care_leave_timing_weeks", 2, AML_FROM, None, REF_CARE_LEAVE_TIMING)
 .add("pregnancy_leave_weeks", 12, AML_FROM, None, REF_PREGNANCY)
 .add("mother_after_birth_weeks", 6, AML_FROM, None, REF_MOTHER_SIX_WEEKS)
 .add("parental_joint_months", 12, AML_FROM, None, REF_PARENTAL)
 .add("parental_extra_months", 12, AML_FROM, None, REF_PARENTAL_EXTRA)
 .add("parental_extra_months_alone", 24, AML_FROM, None, REF_PARENTAL_EXTRA)
 .add("partial_frame_years", 3, AML_FROM, None, REF_PARTIAL)
 .add("partial_not_before_birth_weeks", 3, AML_FROM, None, REF_PARTIAL)
 .add("partial_not_after_birth_weeks", 6, AML_FROM, None, REF_PARTIAL)
 # § 12-7: (leave longer than, notice) — over 2 weeks: 1 week; over 12 weeks: 4 weeks; over 1 year: 12 weeks.
 .add("notice_tiers", ((relativedelta(weeks=2), 1), (relativedelta(weeks=12), 4),
                       (relativedelta(years=1), 12)), AML_FROM, None, REF_NOTICE)
 .add("breastfeeding_paid_hours", 1.0, PAID_BREASTFEEDING_FROM, None, REF_BREASTFEEDING_PAID)
 .add("breastfeeding_min_day_hours", 7.0, PAID_BREASTFEEDING_FROM, None, REF_BREASTFEEDING_PAID)
 .add("breastfeeding_paid_child_years", 1, PAID_BREASTFEEDING_FROM, None, REF_BREASTFEEDING_PAID)
 .add("state_breastfeeding_paid_hours", 2.0, STATE_AGREEMENT_FROM, None, REF_BREASTFEEDING_STATE)
 .add("state_breastfeeding_child_years", 2, STATE_AGREEMENT_FROM, None, REF_BREASTFEEDING_STATE)
 .add("state_full_day_hours", 7.5, STATE_AGREEMENT_FROM, None, REF_STATE_FULL_DAY)
 .add("state_care_leave_years", 3, STATE_AGREEMENT_FROM, None, REF_STATE_CARE_LEAVE)
 .add("state_care_leave_part_time_years", 6, STATE_AGREEMENT_FROM, None, REF_STATE_CARE_LEAVE)
 .add("state_care_leave_child_age", 12, STATE_AGREEMENT_FROM, None, REF_STATE_CARE_LEAVE))


def _at(key: Hashable, on: date | None):
    """The version in force on the date in question (the birth, the omsorgsovertakelse, the leave
    start). Without a date (a general question) the newest version, the one in force from its
    start date on: every row here runs to FAR_FUTURE."""
    if on is None:
        on = WORK_LEAVE.starts(key)[-1]
    return WORK_LEAVE.get(key, on)


def _maybe(key: Hashable, on: date):
    try:
        return WORK_LEAVE.get(key, on)
    except ParameterNotInForce:
        return None


def _day_before(d: date) -> date:
    return d - timedelta(days=1)


# --- enums --------------------------------------------------------------------------------------
class EmployerType(str, Enum):
    STATE = "state"  # staten
    MUNICIPAL = "municipal"  # kommune / fylkeskommune
    PRIVATE = "private"  # privat
    SELF_EMPLOYED = "self_employed"  # selvstendig næringsdrivende: no employer, aml. does not apply


class Basis(str, Enum):
    """Where a right comes from."""

    STATUTORY = "statutory"  # lov (arbeidsmiljøloven / folketrygdloven)
    AGREEMENT = "agreement"  # tariffavtale / arbeidsgiverens regler
    NONE = "none"


class PayStatus(str, Enum):
    PAID = "paid"
    UNPAID = "unpaid"
    DEPENDS_ON_AGREEMENT = "depends_on_agreement"  # many agreements pay it; we cannot see the user's
    NOT_APPLICABLE = "not_applicable"


class CareLeaveRole(str, Enum):
    FATHER_OR_CO_MOTHER = "father_or_co_mother"  # far / medmor ved fødsel
    OTHER_ASSISTANT = "other_assistant"  # annen som bistår mor når foreldrene ikke bor sammen
    ADOPTIVE_PARENT = "adoptive_parent"  # adoptivforelder
    FOSTER_PARENT = "foster_parent"  # fosterforelder


_AT_BIRTH = frozenset({CareLeaveRole.FATHER_OR_CO_MOTHER, CareLeaveRole.OTHER_ASSISTANT})


# --- § 12-3 omsorgspermisjon (2 weeks) ------------------------------------------------------------
@dataclass(frozen=True)
class CareLeaveResult(Explained):
    role: CareLeaveRole
    employer: EmployerType
    entitled: bool
    weeks: int
    statutory_pay: PayStatus  # always UNPAID when entitled: the law gives leave, not pay
    pay: PayStatus  # what the user can expect: PAID (state agreement), DEPENDS_ON_AGREEMENT, ...
    pay_basis: Basis
    ref: LegalRef
    notes: tuple[Note, ...] = field(default=())


def care_leave(role: CareLeaveRole | str, employer: EmployerType | str, *,
               child_age: int | None = None, step_child_adoption: bool = False,
               on: date | None = None) -> CareLeaveResult:
    """Two weeks' omsorgspermisjon (aml. § 12-3): far/medmor at the birth (or another person who
    assists the mother when the parents do not live together); adoptive and foster parents when
    they take over care — not for step-child adoption or a child over 15. `on`: the date of the
    birth or omsorgsovertakelse (the rules in force then)."""
    role, employer = CareLeaveRole(role), EmployerType(employer)
    at_birth = role in _AT_BIRTH
    weeks = _at("care_leave_weeks", on)
    ref = REF_CARE_LEAVE if at_birth else REF_CARE_LEAVE_ADOPTION
    notes: list[Note] = []

    def refused(code: str, note_ref: LegalRef, *values: tuple[str, object]) -> CareLeaveResult:
        return CareLeaveResult(role, employer, False, 0, PayStatus.NOT_APPLICABLE,
                               PayStatus.NOT_APPLICABLE, Basis.NONE, ref,
                               (*notes, Note(code, note_ref, tuple(values))))

    if employer is EmployerType.SELF_EMPLOYED:
        if at_birth:
            notes.append(Note(WorkLeaveNote.SELF_EMPLOYED_PARENTAL_BENEFIT, REF_FATHER_10_DAYS))
        return refused(WorkLeaveNote.NOT_EMPLOYEE, REF_EMPLOYEE_ONLY)
    if not at_birth:
        limit = _at("care_leave_age_limit", on)
        if step_child_adoption:
            return refused(WorkLeaveNote.STEP_CHILD_ADOPTION, REF_CARE_LEAVE_ADOPTION)
        if child_age is not None and child_age >= limit.value:
            return refused(WorkLeaveNote.CHILD_TOO_OLD, REF_CARE_LEAVE_ADOPTION, ("age_limit", limit.value))

    if at_birth:
        notes.append(Note(WorkLeaveNote.CARE_LEAVE_TIMING, REF_CARE_LEAVE_TIMING, (
            ("weeks_before", _at("care_leave_timing_weeks", on).value),
            ("weeks_after_mother_home", _at("care_leave_timing_weeks", on).value))))
    else:
        notes.append(Note(WorkLeaveNote.CARE_LEAVE_OTHER_PARENT_ADOPTION, REF_CARE_LEAVE_STATE))
    if role is CareLeaveRole.OTHER_ASSISTANT:
        notes.append(Note(WorkLeaveNote.CARE_LEAVE_OTHER_ASSISTANT, REF_CARE_LEAVE))
    if employer is EmployerType.STATE:
        pay, basis = PayStatus.PAID, Basis.AGREEMENT
        notes.append(Note(WorkLeaveNote.CARE_LEAVE_PAID_STATE, REF_CARE_LEAVE_STATE))
    else:
        pay, basis = PayStatus.DEPENDS_ON_AGREEMENT, Basis.AGREEMENT
        notes.append(Note(WorkLeaveNote.CARE_LEAVE_CHECK_AGREEMENT, REF_CARE_LEAVE_AGREEMENT))
    return CareLeaveResult(role, employer, True, weeks.value, PayStatus.UNPAID, pay, basis, ref,
                           tuple(notes))


# --- § 12-5 foreldrepermisjon -------------------------------------------------------------------
@dataclass(frozen=True)
class ParentalLeaveResult(Explained):
    alone: bool
    joint_months: int  # together, plus always while foreldrepenger are paid (statutory, § 12-5 (1))
    extra_months_each: int  # unpaid, per parent per birth, right after the first year (§ 12-5 (2))
    basis: Basis
    ref: LegalRef
    extra_ref: LegalRef
    notes: tuple[Note, ...] = field(default=())


def parental_leave(alone: bool = False, on: date | None = None) -> ParentalLeaveResult:
    """Foreldrepermisjon (aml. § 12-5): 12 months together, always while foreldrepenger are paid;
    then up to 12 months unpaid for each parent (2 years for a parent alone with the care)."""
    joint = _at("parental_joint_months", on)
    extra = _at("parental_extra_months_alone" if alone else "parental_extra_months", on)
    notes = (
        Note(WorkLeaveNote.INCLUDES_PREGNANCY_AND_MOTHER_WEEKS, REF_PARENTAL, (
            ("pregnancy_weeks", _at("pregnancy_leave_weeks", on).value),
            ("mother_weeks", _at("mother_after_birth_weeks", on).value))),
        Note(WorkLeaveNote.ALWAYS_WHILE_BENEFIT_PAID, REF_PARENTAL),
        Note(WorkLeaveNote.EXTRA_FOLLOWS_FIRST_YEAR, REF_PARENTAL_EXTRA),
        Note(WorkLeaveNote.PARTIAL_REMOVES_EXTRA, REF_PARTIAL),
    )
    return ParentalLeaveResult(alone, joint.value, extra.value, Basis.STATUTORY, joint.ref,
                               extra.ref, notes)


# --- § 12-6 delvis permisjon --------------------------------------------------------------------
@dataclass(frozen=True)
class PartialLeaveResult(Explained):
    frame_years: int
    frame_end: date | None  # last day of the frame, when a start date was given [U counting point]
    basis: Basis
    ref: LegalRef
    notes: tuple[Note, ...] = field(default=())


def partial_leave(frame_start: date | None = None, on: date | None = None) -> PartialLeaveResult:
    """Delvis permisjon (aml. § 12-6): § 12-5 (1) leave taken partly, within a 3-year frame.

    `frame_start` is the date the frame is counted from (the birth or the omsorgsovertakelse is the
    working reading; the law text was not read) [U]. `on` defaults to `frame_start`."""
    on = on or frame_start
    years = _at("partial_frame_years", on)
    notes = [
        Note(WorkLeaveNote.PARTIAL_WRITTEN_AGREEMENT, REF_PARTIAL),
        Note(WorkLeaveNote.PARTIAL_SIGNIFICANT_INCONVENIENCE, REF_PARTIAL),
        Note(WorkLeaveNote.PARTIAL_GRADED_BENEFIT, REF_GRADED_BENEFIT),
        Note(WorkLeaveNote.PARTIAL_NOT_AROUND_BIRTH, REF_PARTIAL, (
            ("weeks_before", _at("partial_not_before_birth_weeks", on).value),
            ("weeks_after", _at("partial_not_after_birth_weeks", on).value))),
        Note(WorkLeaveNote.PARTIAL_REMOVES_EXTRA, REF_PARTIAL),
    ]
    frame_end = None
    if frame_start is not None:
        frame_end = _day_before(frame_start + relativedelta(years=years.value))
        notes.append(Note(WorkLeaveNote.PARTIAL_FRAME_START, REF_PARTIAL_FRAME_START))
    return PartialLeaveResult(years.value, frame_end, Basis.STATUTORY, years.ref, tuple(notes))


# --- § 12-7 varsling ----------------------------------------------------------------------------
@dataclass(frozen=True)
class NoticeResult(Explained):
    leave_days: int  # calendar days, both ends included
    notice_weeks: int  # 0: no statutory notice (tell the employer as early as you can)
    latest_notice_date: date | None  # when a start date is known
    basis: Basis
    ref: LegalRef
    notes: tuple[Note, ...] = field(default=())


def _notice_weeks(start: date, end_exclusive: date, on: date | None) -> int:
    weeks = 0
    for longer_than, notice in _at("notice_tiers", on).value:
        if end_exclusive > start + longer_than:
            weeks = notice
    return weeks


def notice_period(leave_days: int, on: date | None = None) -> NoticeResult:
    """Notice to the employer (aml. § 12-7) for a planned leave of `leave_days` calendar days:
    over 2 weeks: 1 week; over 12 weeks: 4 weeks; over 1 year: 12 weeks.

    Without dates a year counts as 365 days; use `notice_for_leave` when the dates are known."""
    if leave_days < 0:
        raise ValueError("leave_days must be >= 0")
    anchor = date(2001, 1, 1)  # a year with 365 days after it
    weeks = _notice_weeks(anchor, anchor + timedelta(days=leave_days), on)
    notes = () if weeks else (Note(WorkLeaveNote.NO_STATUTORY_NOTICE, REF_NOTICE),)
    return NoticeResult(leave_days, weeks, None, Basis.STATUTORY, REF_NOTICE, notes)


def notice_for_leave(start: date, end: date) -> NoticeResult:
    """Notice for a leave from `start` through `end` (inclusive), with the latest date to give it."""
    if end < start:
        raise ValueError("end before start")
    weeks = _notice_weeks(start, end + timedelta(days=1), start)
    latest = start - relativedelta(weeks=weeks) if weeks else None
    notes = () if weeks else (Note(WorkLeaveNote.NO_STATUTORY_NOTICE, REF_NOTICE),)
    return NoticeResult((end - start).days + 1, weeks, latest, Basis.STATUTORY, REF_NOTICE, notes)


# --- § 12-8 ammefri -----------------------------------------------------------------------------
@dataclass(frozen=True)
class BreastfeedingResult(Explained):
    child_birth_date: date
    on: date
    hours_per_day: float
    employer: EmployerType
    time_off: bool  # the right to the time off needed (statutory, any child age)
    time_off_basis: Basis
    paid: bool
    paid_hours: float  # max paid hours per working day (0.0 when unpaid)
    paid_basis: Basis  # STATUTORY, AGREEMENT or NONE
    statutory_paid_hours: float
    agreement_paid_hours: float  # 0.0 when no known agreement gives paid time
    ref: LegalRef
    notes: tuple[Note, ...] = field(default=())


def breastfeeding_time(child_birth_date: date, on: date, hours_per_day: float,
                       employer: EmployerType | str, *, full_time: bool | None = None) -> BreastfeedingResult:
    """Ammefri on the date `on` (aml. § 12-8; state agreement from docs/sources/seeds/001).

    Law: the time needed (e.g. ½ hour twice a day or a day up to 1 hour shorter); paid up to 1 hour a
    day in the child's first year on working days of 7 hours or more; unpaid after that.
    State agreement: up to 2 hours a day paid until the child turns 2, for a full working day
    (`full_time`; when not given, 7.5 hours or more counts as full)."""
    employer = EmployerType(employer)
    if on < child_birth_date:
        raise ValueError("the child is not born on that date")
    notes: list[Note] = []
    if employer is EmployerType.SELF_EMPLOYED:
        return BreastfeedingResult(child_birth_date, on, hours_per_day, employer, False, Basis.NONE,
                                   False, 0.0, Basis.NONE, 0.0, 0.0, REF_EMPLOYEE_ONLY,
                                   (Note(WorkLeaveNote.NOT_EMPLOYEE, REF_EMPLOYEE_ONLY),))
    notes.append(Note(WorkLeaveNote.BREASTFEEDING_TIME_NEEDED, REF_BREASTFEEDING))

    statutory = 0.0
    paid_hours = _maybe("breastfeeding_paid_hours", on)
    if paid_hours is not None:
        min_day = WORK_LEAVE.value("breastfeeding_min_day_hours", on)
        child_years = WORK_LEAVE.value("breastfeeding_paid_child_years", on)
        paid_until = child_birth_date + relativedelta(years=child_years)
        if on >= paid_until:
            notes.append(Note(WorkLeaveNote.BREASTFEEDING_UNPAID_AFTER_FIRST_YEAR, REF_BREASTFEEDING_PAID,
                              (("paid_until", _day_before(paid_until)),)))
        elif hours_per_day < min_day:
            notes.append(Note(WorkLeaveNote.BREASTFEEDING_SHORT_DAY, REF_BREASTFEEDING_PAID,
                              (("min_day_hours", min_day),)))
        else:
            statutory = float(paid_hours.value)
            if on < PAID_BREASTFEEDING_FROM_OTHER_SOURCE:
                notes.append(Note(WorkLeaveNote.BREASTFEEDING_PAID_START, REF_BREASTFEEDING_PAID_START))

    agreement = 0.0
    if employer is EmployerType.STATE:
        state_hours = _maybe("state_breastfeeding_paid_hours", on)
        if state_hours is not None:
            if full_time is None:
                full_day = WORK_LEAVE.value("state_full_day_hours", on)
                full_time = hours_per_day >= full_day
                notes.append(Note(WorkLeaveNote.BREASTFEEDING_FULL_TIME_ASSUMED, REF_STATE_FULL_DAY,
                                  (("full_day_hours", full_day),)))
            child_years = WORK_LEAVE.value("state_breastfeeding_child_years", on)
            paid_until = child_birth_date + relativedelta(years=child_years)
            if full_time and on < paid_until:
                agreement = float(state_hours.value)
            notes.append(Note(WorkLeaveNote.BREASTFEEDING_STATE_AGREEMENT, REF_BREASTFEEDING_STATE, (
                ("hours", state_hours.value), ("child_years", child_years),
                ("paid_until", _day_before(paid_until)))))
    else:
        notes.append(Note(WorkLeaveNote.AGREEMENT_MAY_GIVE_MORE, REF_AGREEMENT_MORE))

    if agreement > statutory:
        paid_hours_out, basis, ref = agreement, Basis.AGREEMENT, REF_BREASTFEEDING_STATE
    elif statutory > 0:
        paid_hours_out, basis, ref = statutory, Basis.STATUTORY, REF_BREASTFEEDING_PAID
    else:
        paid_hours_out, basis, ref = 0.0, Basis.NONE, REF_BREASTFEEDING
    return BreastfeedingResult(child_birth_date, on, hours_per_day, employer, True, Basis.STATUTORY,
                               paid_hours_out > 0, paid_hours_out, basis, statutory, agreement, ref,
                               tuple(notes))


# --- state sector: unpaid care leave for children up to 12 (docs/sources/seeds/001, agreement) ----------------
@dataclass(frozen=True)
class StateCareLeaveResult(Explained):
    applies: bool  # the state agreement covers this employer and the child is under the age limit
    max_years: int  # full leave: a right (agreement)
    max_years_part_time: int  # as part-time leave: the employer *may* grant up to this
    last_day: date  # the day before the child turns 12
    basis: Basis
    ref: LegalRef
    notes: tuple[Note, ...] = field(default=())


def state_unpaid_care_leave(child_birth_date: date, on: date, employer: EmployerType | str, *,
                            part_time: bool = False) -> StateCareLeaveResult:
    """Unpaid omsorgspermisjon in the state sector: up to 3 years before the child turns 12; the
    employer may grant up to 6 years when taken part-time (fellesbestemmelsene § 20, docs/sources/seeds/001)."""
    employer = EmployerType(employer)
    on_param = on if on >= STATE_AGREEMENT_FROM else STATE_AGREEMENT_FROM
    years = WORK_LEAVE.get("state_care_leave_years", on_param)
    part_years = WORK_LEAVE.value("state_care_leave_part_time_years", on_param)
    age = WORK_LEAVE.value("state_care_leave_child_age", on_param)
    last_day = _day_before(child_birth_date + relativedelta(years=age))
    notes: list[Note] = []
    applies = True
    if employer is not EmployerType.STATE:
        applies = False
        notes.append(Note(WorkLeaveNote.STATE_CARE_LEAVE_NOT_STATE, REF_STATE_CARE_LEAVE))
    elif on > last_day:
        applies = False
        notes.append(Note(WorkLeaveNote.STATE_CARE_LEAVE_CHILD_TOO_OLD, REF_STATE_CARE_LEAVE, (("age", age),)))
    if applies:
        notes.append(Note(WorkLeaveNote.STATE_CARE_LEAVE_PENSION, REF_STATE_PENSION))
        if part_time:
            notes.append(Note(WorkLeaveNote.STATE_CARE_LEAVE_PART_TIME_DISCRETIONARY, REF_STATE_CARE_LEAVE,
                              (("years", part_years),)))
    return StateCareLeaveResult(applies, years.value, part_years, last_day, Basis.AGREEMENT,
                                years.ref, tuple(notes))

