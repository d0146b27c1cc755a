"""Pages, seeds, legal references and the dated parameter table of the introduction programme
(docs/sources/rules.md section 4, docs/sources/seeds/000, 002, 004)."""
from __future__ import annotations

from datetime import date
from enum import Enum

from ..legal import Evidence, LegalRef
from ..params import ParameterTable


class IntroNote(str, Enum):
    """Introduction programme: the codes of the notes the rules attach to a result. The Norwegian text for
    each (or the mark that it is shown only through its source) is in actions/lang/note_texts.py."""

    PERMIT_FROM_2021 = "permit_from_2021"
    PERMIT_BEFORE_2021_ARRIVED_AFTER = "permit_before_2021_arrived_after"
    ARRIVAL_YEAR_COUNTED_AS_AFTER = "arrival_year_counted_as_after"
    ARRIVAL_ON_CUTOFF_DAY = "arrival_on_cutoff_day"
    OLD_PERMIT_CHECK_WITH_MUNICIPALITY = "old_permit_check_with_municipality"
    PERMIT_BEFORE_2005 = "permit_before_2005"
    PERMIT_YEAR_2005_AMBIGUOUS = "permit_year_2005_ambiguous"
    ARRIVAL_DECIDES = "arrival_decides"
    PERMIT_2005_2020_ARRIVED_BEFORE_2021 = "permit_2005_2020_arrived_before_2021"
    ADOPTED_CHILD_TOO_OLD = "adopted_child_too_old"
    ADOPTION_UNDER_LIMIT = "adoption_under_limit"
    NO_BENEFIT_DURING_LEAVE = "no_benefit_during_leave"
    SHARED_POOL = "shared_pool"
    SECTION_NUMBER_UNCONFIRMED = "section_number_unconfirmed"
    OTHER_CARER_MAY_USE_RIGHT = "other_carer_may_use_right"
    WITHIN_FIRST_YEAR = "within_first_year"
    ADOPTION_WINDOW_UNCONFIRMED = "adoption_window_unconfirmed"
    LEAVE_START_AFTER_FIRST_YEAR = "leave_start_after_first_year"
    LEAVE_CUT_BY_FIRST_YEAR = "leave_cut_by_first_year"
    NO_QUOTA_UNLESS_BOTH_IN_PROGRAMME = "no_quota_unless_both_in_programme"
    DAYS_ARE_WORKING_DAYS = "days_are_working_days"
    UNUSED_RESERVED_DAYS_LAPSE = "unused_reserved_days_lapse"
    FATHER_ILLNESS_EXCEPTION = "father_illness_exception"
    OTHER_EXCEPTIONS_UNCONFIRMED = "other_exceptions_unconfirmed"
    MOTHER_QUOTA_UNCONFIRMED = "mother_quota_unconfirmed"
    FATHER_QUOTA_FROM = "father_quota_from"
    OFFER_FROM = "offer_from"
    FOURTH_MONTH_COUNTING = "fourth_month_counting"
    VOLUNTARY = "voluntary"
    INFO_BEFORE_LEAVE = "info_before_leave"
    END_MEETING = "end_meeting"
    CHILDCARE_ALONGSIDE = "childcare_alongside"
    NEGATIVE_SOCIAL_CONTROL_AWARENESS = "negative_social_control_awareness"
    LEAVE_ENDS_BEFORE_OFFER = "leave_ends_before_offer"
    WEEKS_PER_YEAR = "weeks_per_year"
    LESSON_COUNTING = "lesson_counting"
    DISCRETION_BETWEEN = "discretion_between"
    BEFORE_CHAPTER_6A = "before_chapter_6a"
    TEMPORARY_UNTIL = "temporary_until"
    CHECK_WITH_MUNICIPALITY = "check_with_municipality"
    STARTED_BEFORE_RULE = "started_before_rule"
    MIN_HOURS = "min_hours"
    PART_TIME_MAY_LOWER = "part_time_may_lower"
    TEMPORARY_RULE = "temporary_rule"


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
# Introduksjonsloven's own regulation (introduksjonsforskriften), § 5-3 as quoted in docs/sources/seeds/000.
REF_LEAVE_OLD = LegalRef("introduksjonsforskriften § 5-3", PAGE_IMDI_INTRO, seed=SEED_LEAVE)
# docs/sources/rules.md 4.2 / 8.7: the section number "§ 16" comes only from the IMDi text.
REF_LEAVE_SECTION_NUMBER = LegalRef("integreringsforskriften § 16", PAGE_IMDI_INTRO,
                                    Evidence.UNCONFIRMED, seed=SEED_LEAVE)
# docs/sources/rules.md 4.2: whether the old law reserved days for the mother is not stated anywhere retrieved.
REF_MOTHER_DAYS_OLD = LegalRef("introduksjonsforskriften § 5-3", PAGE_IMDI_INTRO,
                               Evidence.UNCONFIRMED, seed=SEED_LEAVE)
# docs/sources/rules.md 4.2: "dager" means virkedager (IMDi juridisk veileder kap. 4).
# (That is chapter 4 of IMDi's guide, not of the regulation.) Under introduksjonsloven the
# regulation itself says "50 virkedager" (docs/sources/seeds/000).
REF_WORKING_DAYS = LegalRef("IMDis juridiske veileder til integreringsforskriften, kap. 4", PAGE_IMDI)
REF_WORKING_DAYS_OLD = LegalRef("introduksjonsforskriften § 5-3 fjerde ledd", PAGE_IMDI_INTRO,
                                seed=SEED_LEAVE)
# Days off with benefit after a birth (20 / 7 days): the same numbers under both laws (docs/sources/rules.md 4.2,
# IMDi), each in its own regulation. For introduksjonsloven the retrieved texts do not give the
# section number; docs/sources/seeds/000 shows its leave rules in chapter 5 of introduksjonsforskriften.
REF_DAYS_OFF = LegalRef("integreringsforskriften §§ 11-12", PAGE_IMDI)
REF_DAYS_OFF_OLD = LegalRef("introduksjonsforskriften kapittel 5 (fravær og permisjon)", PAGE_IMDI)
# The shared pool ("til sammen opptil ti måneder", quotas carved "av omsorgspermisjonen") is read
# from the wording; no source says it in so many words.
REF_SHARED_POOL = LegalRef("integreringsforskriften § 16 første og fjerde ledd", PAGE_IMDI_INTRO,
                           Evidence.DERIVED, seed=SEED_LEAVE)
REF_SHARED_POOL_OLD = LegalRef("introduksjonsforskriften § 5-3 første og fjerde ledd", PAGE_IMDI_INTRO,
                               Evidence.DERIVED, seed=SEED_LEAVE)
# docs/sources/rules.md 4.2: the old rules had exceptions when the father was ill or the mother single; whether
# the same apply under integreringsforskriften beyond the illness exception is not confirmed.
REF_EXCEPTIONS_OTHER = LegalRef("integreringsforskriften § 16 femte ledd", PAGE_IMDI_INTRO,
                                Evidence.UNCONFIRMED, seed=SEED_LEAVE)
# docs/sources/rules.md 8.11: counting "fra og med den fjerde måneden av permisjonstiden".
REF_FOURTH_MONTH_COUNTING = LegalRef("integreringsforskriften § 16 andre ledd", PAGE_IMDI_INTRO,
                                     Evidence.UNCONFIRMED, seed=SEED_LEAVE)
REF_FOURTH_MONTH_COUNTING_OLD = LegalRef("introduksjonsforskriften § 5-3 andre ledd", PAGE_IMDI_INTRO,
                                         Evidence.UNCONFIRMED, seed=SEED_LEAVE)
# The adoption leave window (the "first year" limit is only stated for births).
REF_ADOPTION_WINDOW = LegalRef("integreringsforskriften § 16 tredje ledd", PAGE_IMDI_INTRO,
                               Evidence.UNCONFIRMED, seed=SEED_LEAVE)
REF_ADOPTION_WINDOW_OLD = LegalRef("introduksjonsforskriften § 5-3 tredje ledd", PAGE_IMDI_INTRO,
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
# docs/sources/rules.md 4.4 / 8.8: status after 1 July 2026 is not confirmed (Prop. 81 L (2024-2025)).
REF_CHAPTER_6A_AFTER = LegalRef("integreringsloven kap. 6A og integreringsforskriften § 43 h",
                                PAGE_IMDI, Evidence.UNCONFIRMED, seed=SEED_COLLECTIVE)

# --- the two laws ---------------------------------------------------------------------------------
INTEGRATION_ACT_IN_FORCE = date(2021, 1, 1)
INTRODUCTION_ACT_FIRST_PERMIT = date(2005, 9, 1)
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
 # fri med stønad (integreringsforskriften §§ 11-12; docs/sources/rules.md 4.2 "both laws")
 .add(("days_off_mother_after_birth", _NEW), 20, _N0, None, REF_DAYS_OFF)
 .add(("days_off_father_after_birth", _NEW), 7, _N0, None, REF_DAYS_OFF)
 .add(("days_off_mother_after_birth", _OLD), 20, _O0, None, REF_DAYS_OFF_OLD)
 .add(("days_off_father_after_birth", _OLD), 7, _O0, None, REF_DAYS_OFF_OLD)
 # the programme (docs/sources/seeds/002, docs/sources/rules.md 4.3)
 .add("full_time_hours", 37.5, _N0, None, REF_PROGRAMME)
 .add("full_time_hours_self_study", 30.0, _N0, None, REF_PROGRAMME)
 .add("holiday_weeks", 5, _N0, None, REF_PROGRAMME_YEAR)
 .add("programme_weeks_per_year", 47, _N0, None, REF_PROGRAMME_YEAR)
 .add("norwegian_lesson_minutes", 45, _N0, None, REF_LESSON_MINUTES)
 .add("norwegian_lesson_counted_minutes", 75, _N0, None, REF_LESSON_MINUTES)
 # kollektiv beskyttelse (docs/sources/seeds/004, docs/sources/rules.md 4.4): temporary, known until 30 June 2026
 .add("work_oriented_min_hours", 15, WORK_ORIENTED_FROM, TEMPORARY_RULES_KNOWN_UNTIL, REF_COLLECTIVE)
 .add("work_oriented_min_hours_part_time", 10, WORK_ORIENTED_FROM, TEMPORARY_RULES_KNOWN_UNTIL,
      REF_COLLECTIVE)
 .add("part_time_max_percent", 60, WORK_ORIENTED_FROM, TEMPORARY_RULES_KNOWN_UNTIL, REF_COLLECTIVE)
 .add("work_oriented_from_programme_month", 4, WORK_ORIENTED_FROM, TEMPORARY_RULES_KNOWN_UNTIL,
      REF_COLLECTIVE))


class LeaveRulesNotSupported(ValueError):
    """The leave rules for this law are not modelled for a child born/adopted on this date."""

    def __init__(self, law: IntroLaw, on: date):
        super().__init__(f"leave rules under {law.value} are not modelled for {on.isoformat()}")
        self.law = law
        self.on = on
