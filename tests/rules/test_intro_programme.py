"""Golden tests for actions.rules.intro_programme (rules.md section 4; seeds 000, 002, 004)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from actions.rules import intro_programme as ip
from actions.rules.intro_programme import (FamilyEvent, IntroLaw, LawOutcome, LeaveInput, OfferKind,
                                           ParentRole, WorkOrientedStatus)
from actions.rules.legal import Evidence
from actions.rules.params import ParameterNotInForce

NEW, OLD = IntroLaw.INTEGRATION_ACT, IntroLaw.INTRODUCTION_ACT
TODAY = date(2026, 11, 22)


# --- which law ------------------------------------------------------------------------------------
@pytest.mark.parametrize("permit, arrival, outcome", [
    # integreringsloven: permit from 1 January 2021 ...
    (date(2021, 1, 1), None, LawOutcome.INTEGRATION_ACT),
    (2021, None, LawOutcome.INTEGRATION_ACT),
    (2024, 2019, LawOutcome.INTEGRATION_ACT),  # arrival before does not matter
    # ... or permit before 2021 and arrival after 1 January 2021
    (2020, 2021, LawOutcome.INTEGRATION_ACT),
    (date(2020, 12, 31), date(2021, 3, 1), LawOutcome.INTEGRATION_ACT),
    (2010, date(2021, 1, 1), LawOutcome.INTEGRATION_ACT),
    # introduksjonsloven: permit 1 Sep 2005 - 31 Dec 2020 and arrival before 2021
    (2020, 2020, LawOutcome.INTRODUCTION_ACT),
    (date(2020, 12, 31), date(2020, 12, 31), LawOutcome.INTRODUCTION_ACT),
    (date(2005, 9, 1), date(2005, 9, 1), LawOutcome.INTRODUCTION_ACT),
    (2006, 2006, LawOutcome.INTRODUCTION_ACT),
    # neither: first permit before 1 September 2005
    (date(2005, 8, 31), 2005, LawOutcome.NOT_COVERED),
    (2004, 2004, LawOutcome.NOT_COVERED),
    (1999, None, LawOutcome.NOT_COVERED),
    # open questions
    (2019, None, LawOutcome.NEED_ARRIVAL),
    (date(2006, 1, 1), None, LawOutcome.NEED_ARRIVAL),
    (2005, 2006, LawOutcome.NEED_PERMIT_DATE),
])
def test_which_law(permit, arrival, outcome):
    result = ip.which_law(permit, arrival)
    assert result.outcome is outcome
    assert result.input.permit == permit and result.input.arrival == arrival
    expected_law = {LawOutcome.INTEGRATION_ACT: NEW, LawOutcome.INTRODUCTION_ACT: OLD}.get(outcome)
    assert result.law is expected_law
    assert result.refs[0] is ip.REF_WHICH_LAW


def test_arrival_year_2021_is_counted_as_after_and_says_so():
    result = ip.which_law(2020, 2021)
    note = result.note("arrival_year_counted_as_after")
    assert note is not None and note.get("year") == 2021
    assert note.ref.evidence is Evidence.UNCONFIRMED
    # a full date later in 2021 needs no such remark
    assert ip.which_law(2020, date(2021, 6, 1)).note("arrival_year_counted_as_after") is None


def test_arrival_exactly_on_cutoff_day_is_flagged():
    result = ip.which_law(date(2019, 5, 1), date(2021, 1, 1))
    assert result.law is NEW
    assert result.note("arrival_on_cutoff_day").ref.unconfirmed


def test_old_permit_and_late_arrival_must_be_checked():
    result = ip.which_law(2003, 2022)
    assert result.law is NEW
    assert result.note("old_permit_check_with_municipality").ref.unconfirmed


def test_which_law_rejects_nonsense():
    with pytest.raises(ValueError):
        ip.which_law(1850)
    with pytest.raises(ValueError):
        ip.which_law(2020, 3000)
    with pytest.raises(TypeError):
        ip.which_law(True)
    with pytest.raises(TypeError):
        ip.which_law("2020")


def _reference_law(permit: date, arrival: date) -> IntroLaw | None:
    if permit >= date(2021, 1, 1) or arrival >= date(2021, 1, 1):
        return NEW
    if permit >= date(2005, 9, 1):
        return OLD
    return None


@settings(max_examples=300, deadline=None)
@given(st.dates(date(2000, 1, 1), date(2030, 12, 31)), st.dates(date(2000, 1, 1), date(2030, 12, 31)))
def test_which_law_matches_reference_and_years_agree_with_dates(permit, arrival):
    by_date = ip.which_law(permit, arrival)
    assert by_date.law is _reference_law(permit, arrival)
    if permit.year != 2005:
        assert ip.which_law(permit.year, arrival.year).outcome is by_date.outcome


# --- omsorgspermisjon -----------------------------------------------------------------------------
def test_leave_integration_act_both_parents():
    birth = date(2026, 3, 10)
    res = ip.leave_rights(LeaveInput(NEW, FamilyEvent.BIRTH, birth, both_parents_in_programme=True,
                                     leave_start=birth))
    assert res.entitled and res.reason == "ok"
    assert res.max_months == 10
    assert res.leave_window_end == date(2027, 3, 9)  # the child's first year
    assert res.latest_end == date(2027, 1, 9)  # 10 months from the start
    father, mother = res.reserved_for(ParentRole.FATHER), res.reserved_for(ParentRole.MOTHER)
    assert (father.days, mother.days) == (75, 75)
    assert father.lapses_if_unused and not father.exception_possible
    assert father.ref.seed == ip.SEED_LEAVE and not father.unconfirmed
    assert res.note("no_benefit_during_leave") is not None
    assert res.note("unused_reserved_days_lapse") is not None
    assert res.note("days_are_working_days") is not None
    assert res.note("section_number_unconfirmed").ref.unconfirmed
    assert res.offer is not None and res.offer.offer_from == date(2026, 6, 10)
    assert res.ref is ip.REF_LEAVE_NEW


def test_leave_separate_days_off_with_benefit_after_birth():
    res = ip.leave_rights(LeaveInput(NEW, FamilyEvent.BIRTH, date(2026, 1, 5)))
    days = {d.parent: d for d in res.days_off_with_benefit}
    assert days[ParentRole.MOTHER].days == 20
    assert days[ParentRole.FATHER].days == 7
    assert days[ParentRole.FATHER].condition == "lives_with_mother_or_assisting_person"
    assert days[ParentRole.MOTHER].ref is ip.REF_DAYS_OFF


def test_leave_is_cut_by_the_first_year():
    birth = date(2026, 3, 10)
    res = ip.leave_rights(LeaveInput(NEW, FamilyEvent.BIRTH, birth, leave_start=date(2026, 6, 1)))
    assert res.latest_end == date(2027, 3, 9)
    assert res.note("leave_cut_by_first_year") is not None


def test_leave_starting_after_the_first_year():
    res = ip.leave_rights(LeaveInput(NEW, FamilyEvent.BIRTH, date(2026, 3, 10),
                                     leave_start=date(2027, 3, 10)))
    assert res.latest_end is None and res.offer is None
    assert res.note("leave_start_after_first_year").get("window_end") == date(2027, 3, 9)


def test_leave_introduction_act_father_50_working_days_mother_unconfirmed():
    res = ip.leave_rights(LeaveInput(OLD, FamilyEvent.BIRTH, date(2019, 5, 1),
                                     both_parents_in_programme=True))
    father, mother = res.reserved_for(ParentRole.FATHER), res.reserved_for(ParentRole.MOTHER)
    assert father.days == 50 and father.lapses_if_unused
    assert father.ref is ip.REF_LEAVE_OLD
    assert mother.days is None and mother.unconfirmed
    assert res.note("mother_quota_unconfirmed").ref.evidence is Evidence.UNCONFIRMED
    assert res.note("father_quota_from").get("born_or_adopted_after") == date(2010, 9, 1)
    assert res.max_months == 10


def test_introduction_act_quota_only_for_children_after_1_september_2010():
    ok = ip.leave_rights(LeaveInput(OLD, FamilyEvent.BIRTH, date(2010, 9, 2), both_parents_in_programme=True))
    assert ok.reserved_for(ParentRole.FATHER).days == 50
    with pytest.raises(ip.LeaveRulesNotSupported):
        ip.leave_rights(LeaveInput(OLD, FamilyEvent.BIRTH, date(2010, 9, 1), both_parents_in_programme=True))


def test_integration_act_rules_start_2021():
    with pytest.raises(ip.LeaveRulesNotSupported):
        ip.leave_rights(LeaveInput(NEW, FamilyEvent.BIRTH, date(2020, 12, 31)))


@pytest.mark.parametrize("law", [NEW, OLD])
@pytest.mark.parametrize("age, entitled", [(0, True), (3, True), (14, True), (15, False), (17, False)])
def test_adoption_child_under_15(law, age, entitled):
    res = ip.leave_rights(LeaveInput(law, FamilyEvent.ADOPTION, date(2025, 4, 1),
                                     both_parents_in_programme=True, child_age_at_adoption=age,
                                     leave_start=date(2025, 4, 1)))
    assert res.entitled is entitled
    if entitled:
        assert res.max_months == 10
        assert res.leave_window_end is None  # no "first year" limit stated for adoption
        assert res.note("adoption_window_unconfirmed").ref.unconfirmed
        assert res.days_off_with_benefit == ()
        assert res.offer.offer_from == date(2025, 7, 1)
        assert res.latest_end == date(2026, 1, 31)
    else:
        assert res.reason == "adopted_child_too_old"
        assert res.note("adopted_child_too_old").get("age_below") == 15
        assert res.reserved == () and res.offer is None


def test_adoption_needs_age():
    with pytest.raises(ValueError):
        ip.leave_rights(LeaveInput(NEW, FamilyEvent.ADOPTION, date(2025, 4, 1)))


def test_no_quota_unless_both_parents_take_part():
    res = ip.leave_rights(LeaveInput(NEW, FamilyEvent.BIRTH, date(2026, 2, 1),
                                     both_parents_in_programme=False))
    assert res.reserved == ()
    assert res.note("no_quota_unless_both_in_programme") is not None


def test_father_illness_exception_needs_doctor_statement():
    res = ip.leave_rights(LeaveInput(NEW, FamilyEvent.BIRTH, date(2026, 2, 1), both_parents_in_programme=True,
                                     father_ill_or_in_institution=True))
    father = res.reserved_for(ParentRole.FATHER)
    assert father.exception_possible and not father.lapses_if_unused
    note = res.note("father_illness_exception")
    assert note.get("needs_doctor_statement") is True and note.get("discretionary") is True


def test_other_carer_may_use_the_right():
    res = ip.leave_rights(LeaveInput(NEW, FamilyEvent.BIRTH, date(2026, 2, 1), parent_not_caring=True))
    assert res.note("other_carer_may_use_right") is not None


def test_leave_cannot_start_before_birth():
    with pytest.raises(ValueError):
        ip.leave_rights(LeaveInput(NEW, FamilyEvent.BIRTH, date(2026, 2, 1), leave_start=date(2026, 1, 31)))


def test_all_unconfirmed_refs_are_tagged():
    res = ip.leave_rights(LeaveInput(OLD, FamilyEvent.BIRTH, date(2020, 2, 1), both_parents_in_programme=True,
                                     leave_start=date(2020, 2, 1)))
    tagged = {r.law for r in res.refs if r.unconfirmed}
    assert any("5-3" in law for law in tagged)  # mother's days under the old law
    assert any("andre ledd" in law for law in tagged)  # fourth-month counting


# --- the municipality's offer from the fourth month -------------------------------------------------
@pytest.mark.parametrize("start, fourth_month", [
    (date(2026, 3, 10), date(2026, 6, 10)),
    (date(2026, 1, 1), date(2026, 4, 1)),
    (date(2026, 1, 31), date(2026, 4, 30)),  # month-end: clipped to the last day of April
    (date(2024, 1, 31), date(2024, 4, 30)),
    (date(2025, 10, 31), date(2026, 1, 31)),
    (date(2025, 12, 31), date(2026, 3, 31)),
    (date(2023, 11, 28), date(2024, 2, 28)),  # 29 February adjacent
    (date(2023, 11, 29), date(2024, 2, 29)),
    (date(2023, 11, 30), date(2024, 2, 29)),
    (date(2024, 11, 29), date(2025, 2, 28)),
    (date(2024, 11, 30), date(2025, 2, 28)),
    (date(2024, 2, 29), date(2024, 5, 29)),
    (date(2024, 2, 28), date(2024, 5, 28)),
    (date(2024, 3, 1), date(2024, 6, 1)),
    (date(2023, 12, 1), date(2024, 3, 1)),
])
def test_offer_from_fourth_month(start, fourth_month):
    assert ip.fourth_month_start(start) == fourth_month
    duty = ip.offer_duty(start, NEW)
    assert duty.offer_from == fourth_month
    assert duty.note("offer_from").get("date") == fourth_month
    assert duty.note("fourth_month_counting").ref.evidence is Evidence.UNCONFIRMED
    assert ip.offer_duty(start, OLD).offer_from == fourth_month  # same duty under both laws


@settings(max_examples=300, deadline=None)
@given(st.dates(date(2021, 1, 1), date(2035, 12, 31)), st.integers(0, 400))
def test_fourth_month_properties(start, gap):
    f = ip.fourth_month_start(start)
    assert 89 <= (f - start).days <= 92
    assert start + relativedelta(months=2) < f  # the third month is not over before it
    later = start + timedelta(days=gap)
    assert ip.fourth_month_start(later) >= f  # monotone


def test_offer_duty_facts():
    duty = ip.offer_duty(date(2026, 2, 1), NEW)
    assert duty.mandatory_for_municipality and duty.voluntary_for_participant
    assert duty.adapted_to_individual and duty.groups_where_possible
    assert duty.info_before_leave_min_times == 1
    assert duty.end_meeting_recommended
    assert "kindergarten_deadline" in duty.end_meeting_topics
    assert "norwegian_level" in duty.end_meeting_topics
    assert set(duty.kinds) == set(OfferKind)
    assert duty.childcare_alongside_recommended
    assert duty.note("voluntary") is not None
    assert duty.note("negative_social_control_awareness") is not None
    assert duty.offer_period_arises


def test_offer_duty_when_leave_ends_before_fourth_month():
    duty = ip.offer_duty(date(2026, 2, 1), NEW, leave_end=date(2026, 4, 30))
    assert duty.offer_from == date(2026, 5, 1)
    assert not duty.offer_period_arises
    assert duty.note("leave_ends_before_offer") is not None
    assert ip.offer_duty(date(2026, 2, 1), NEW, leave_end=date(2026, 5, 1)).offer_period_arises


def test_offer_kinds():
    assert OfferKind.NORWEGIAN_TUITION.counts_in_nir
    assert OfferKind.NORWEGIAN_TUITION.needs_qualified_teacher
    assert OfferKind.NORWEGIAN_TUITION.follows_curriculum
    assert [k for k in OfferKind if k.counts_in_nir] == [OfferKind.NORWEGIAN_TUITION]
    assert not OfferKind.NORWEGIAN_PRACTICE.counts_in_nir
    assert OfferKind.NORWEGIAN_PRACTICE.category is ip.OfferCategory.LANGUAGE
    for kind in (OfferKind.OPEN_KINDERGARTEN, OfferKind.LANGUAGE_GROUP, OfferKind.FAMILY_GUIDANCE,
                 OfferKind.POSTNATAL_GROUP, OfferKind.POSTNATAL_TRAINING, OfferKind.OTHER):
        assert kind.category is ip.OfferCategory.MEETING_PLACE
    assert OfferKind.parse("norskopplaering") is OfferKind.NORWEGIAN_TUITION
    assert OfferKind.parse(" Norskopplæring ") is OfferKind.NORWEGIAN_TUITION
    assert OfferKind.parse("åpen barnehage") is OfferKind.OPEN_KINDERGARTEN
    assert OfferKind("barselgruppe") is OfferKind.POSTNATAL_GROUP
    with pytest.raises(ValueError):
        OfferKind.parse("yoga")


# --- the programme ----------------------------------------------------------------------------------
def test_full_time_norm():
    norm = ip.full_time_norm(TODAY)
    assert norm.hours_per_week == 37.5
    assert norm.weeks_per_year == 47 and norm.holiday_weeks == 5
    assert norm.weeks_per_year + norm.holiday_weeks == 52
    assert norm.hours_per_year == 1762.5
    assert norm.range_hours == (30.0, 37.5)
    assert (norm.lesson_minutes, norm.lesson_counted_minutes) == (45, 75)
    assert norm.ref.seed == ip.SEED_PROGRAMME
    study = ip.full_time_norm(TODAY, mostly_self_study=True)
    assert study.hours_per_week == 30.0
    with pytest.raises(ParameterNotInForce):
        ip.full_time_norm(date(2020, 6, 1))


def test_roles_and_phases():
    assert {r.value for r in ip.ProgrammeRole} == {"participant", "programme_adviser",
                                                  "adult_education_centre", "nav"}
    assert "help_revise_plan" in ip.ProgrammeRole.PARTICIPANT.tasks
    assert "teach_norwegian_and_social_studies" in ip.ProgrammeRole.ADULT_EDUCATION_CENTRE.tasks
    assert "job_placement" in ip.ProgrammeRole.NAV.tasks
    assert sorted(ip.PROGRAMME_PHASES) == [1, 2, 3, 4]
    assert all("norwegian_tuition" in ip.PROGRAMME_PHASES[p] for p in (1, 2, 3))
    assert "work" in ip.PROGRAMME_PHASES[4]
    assert "language_practice_placement" in ip.PROGRAMME_PHASES[2]


# --- kollektiv beskyttelse -------------------------------------------------------------------------
def test_work_oriented_applies_from_fourth_month():
    res = ip.work_oriented_requirement(date(2024, 2, 1), date(2024, 5, 1))
    assert res.status is WorkOrientedStatus.APPLIES
    assert res.min_hours_per_week == 15 and res.may_lower_to_hours is None
    assert res.requirement_from == date(2024, 5, 1)
    assert not res.must_check_with_municipality
    assert res.ref.seed == ip.SEED_COLLECTIVE
    before = ip.work_oriented_requirement(date(2024, 2, 1), date(2024, 4, 30))
    assert before.status is WorkOrientedStatus.NOT_YET and before.min_hours_per_week == 15


@pytest.mark.parametrize("pct, lower", [(None, None), (100, None), (61, None), (60, 10), (50, 10)])
def test_work_oriented_part_time(pct, lower):
    res = ip.work_oriented_requirement(date(2025, 1, 6), date(2025, 6, 1), part_time_percent=pct)
    assert res.min_hours_per_week == 15
    assert res.may_lower_to_hours == lower


def test_work_oriented_only_for_starts_from_1_february_2024():
    res = ip.work_oriented_requirement(date(2024, 1, 31), date(2024, 6, 1))
    assert res.status is WorkOrientedStatus.STARTED_BEFORE_RULE
    assert res.min_hours_per_week is None


@pytest.mark.parametrize("on, known, check", [
    (date(2022, 6, 14), False, False),
    (date(2022, 6, 15), True, False),
    (date(2026, 6, 30), True, False),
    (date(2026, 7, 1), None, True),
    (TODAY, None, True),
])
def test_temporary_rules_status(on, known, check):
    status = ip.temporary_rules_status(on)
    assert status.known_to_apply is known
    assert status.must_check_with_municipality is check
    if check:
        assert all(r.unconfirmed for r in status.refs)


def test_work_oriented_after_1_july_2026_must_be_checked():
    for start, on in [(date(2025, 3, 1), date(2026, 7, 1)), (date(2025, 3, 1), TODAY),
                      (date(2026, 8, 1), date(2026, 6, 1))]:
        res = ip.work_oriented_requirement(start, on)
        assert res.status is WorkOrientedStatus.UNKNOWN_AFTER_EXPIRY
        assert res.min_hours_per_week is None
        assert res.note("check_with_municipality").ref.unconfirmed
    assert ip.work_oriented_requirement(date(2025, 3, 1), TODAY).must_check_with_municipality
    last_day = ip.work_oriented_requirement(date(2025, 3, 1), date(2026, 6, 30))
    assert last_day.status is WorkOrientedStatus.APPLIES and last_day.min_hours_per_week == 15


def test_work_oriented_bad_percent():
    with pytest.raises(ValueError):
        ip.work_oriented_requirement(date(2025, 1, 1), date(2025, 6, 1), part_time_percent=0)


def test_every_parameter_has_a_ref_and_seeded_rules_name_their_seed():
    for key in ip.INTRO.keys():
        for p in ip.INTRO.versions(key):
            assert p.ref.law and p.ref.page
    for key in (("reserved_days_father", NEW), ("reserved_days_father", OLD), ("leave_max_months", NEW)):
        assert ip.INTRO.versions(key)[-1].ref.seed == ip.SEED_LEAVE
    assert ip.INTRO.versions("work_oriented_min_hours")[-1].ref.seed == ip.SEED_COLLECTIVE
    assert ip.INTRO.versions("full_time_hours")[-1].ref.seed == ip.SEED_PROGRAMME
