"""Tests for actions.rules.work_leave (rules.md section 3, seed 001)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actions.rules.legal import Evidence
from actions.rules.work_leave import (
    SEED_001, Basis, CareLeaveRole, EmployerType, PayStatus, breastfeeding_time, care_leave,
    notice_for_leave, notice_period, parental_leave, partial_leave, state_unpaid_care_leave)

D = date
STATE, MUNICIPAL, PRIVATE, SELF = (EmployerType.STATE, EmployerType.MUNICIPAL, EmployerType.PRIVATE,
                                   EmployerType.SELF_EMPLOYED)


# --- § 12-3 omsorgspermisjon ----------------------------------------------------------------------
def test_care_leave_father_state_is_paid_by_agreement():
    r = care_leave(CareLeaveRole.FATHER_OR_CO_MOTHER, STATE)
    assert (r.entitled, r.weeks) == (True, 2)
    assert r.statutory_pay is PayStatus.UNPAID  # the law gives leave, not pay
    assert (r.pay, r.pay_basis) == (PayStatus.PAID, Basis.AGREEMENT)
    paid = r.note("care_leave_paid_state")
    assert paid.ref.seed == SEED_001
    assert r.ref.law == "arbeidsmiljøloven § 12-3 første ledd"
    timing = r.note("care_leave_timing")
    assert (timing.get("weeks_before"), timing.get("weeks_after_mother_home")) == (2, 2)


@pytest.mark.parametrize("employer", [MUNICIPAL, PRIVATE, "private"])
def test_care_leave_elsewhere_depends_on_agreement(employer):
    r = care_leave("father_or_co_mother", employer)
    assert r.entitled and r.statutory_pay is PayStatus.UNPAID
    assert r.pay is PayStatus.DEPENDS_ON_AGREEMENT
    assert r.note("care_leave_check_agreement") is not None


def test_care_leave_other_assistant():
    r = care_leave(CareLeaveRole.OTHER_ASSISTANT, PRIVATE)
    assert r.entitled and r.note("care_leave_other_assistant") is not None


@pytest.mark.parametrize("role", [CareLeaveRole.ADOPTIVE_PARENT, CareLeaveRole.FOSTER_PARENT])
def test_care_leave_adoption_and_foster(role):
    r = care_leave(role, STATE, child_age=14)
    assert r.entitled and r.weeks == 2
    assert r.ref.law == "arbeidsmiljøloven § 12-3 andre ledd"
    assert r.note("care_leave_other_parent_adoption").ref.seed == SEED_001
    too_old = care_leave(role, STATE, child_age=15)
    assert not too_old.entitled and too_old.note("child_too_old").get("age_limit") == 15
    assert too_old.pay is PayStatus.NOT_APPLICABLE


def test_care_leave_not_for_step_child_adoption():
    r = care_leave(CareLeaveRole.ADOPTIVE_PARENT, PRIVATE, child_age=3, step_child_adoption=True)
    assert not r.entitled and r.note("step_child_adoption") is not None


def test_care_leave_self_employed():
    r = care_leave(CareLeaveRole.FATHER_OR_CO_MOTHER, SELF)
    assert not r.entitled and r.note("not_employee") is not None
    assert r.note("self_employed_parental_benefit").ref.law == "folketrygdloven § 14-9 sjette ledd"


# --- § 12-5 foreldrepermisjon, § 12-6 delvis permisjon --------------------------------------------
def test_parental_leave():
    r = parental_leave()
    assert (r.joint_months, r.extra_months_each, r.basis) == (12, 12, Basis.STATUTORY)
    n = r.note("includes_pregnancy_and_mother_weeks")
    assert (n.get("pregnancy_weeks"), n.get("mother_weeks")) == (12, 6)
    assert r.note("always_while_benefit_paid") is not None
    assert r.note("partial_removes_extra") is not None
    assert parental_leave(alone=True).extra_months_each == 24


def test_partial_leave():
    r = partial_leave()
    assert (r.frame_years, r.frame_end) == (3, None)
    n = r.note("partial_not_around_birth")
    assert (n.get("weeks_before"), n.get("weeks_after")) == (3, 6)
    assert r.note("partial_graded_benefit").ref.law == "folketrygdloven § 14-16"
    r = partial_leave(D(2025, 3, 10))
    assert r.frame_end == D(2028, 3, 9)
    assert r.note("partial_frame_start").ref.evidence is Evidence.UNCONFIRMED


# --- § 12-7 varsling ---------------------------------------------------------------------------
@pytest.mark.parametrize("days, weeks", [
    (0, 0), (14, 0), (15, 1), (84, 1), (85, 4), (365, 4), (366, 12), (700, 12)])
def test_notice_period(days, weeks):
    r = notice_period(days)
    assert r.notice_weeks == weeks
    assert [n.code for n in r.notes] == (["no_statutory_notice"] if weeks == 0 else [])


def test_notice_for_leave_dates():
    r = notice_for_leave(D(2025, 1, 1), D(2025, 1, 14))  # exactly 2 weeks
    assert (r.leave_days, r.notice_weeks, r.latest_notice_date) == (14, 0, None)
    r = notice_for_leave(D(2025, 1, 1), D(2025, 1, 15))
    assert (r.notice_weeks, r.latest_notice_date) == (1, D(2024, 12, 25))
    r = notice_for_leave(D(2025, 1, 1), D(2025, 3, 25))  # exactly 12 weeks
    assert r.notice_weeks == 1
    r = notice_for_leave(D(2025, 1, 1), D(2025, 3, 26))
    assert (r.notice_weeks, r.latest_notice_date) == (4, D(2024, 12, 4))
    r = notice_for_leave(D(2025, 1, 1), D(2025, 12, 31))  # exactly one year
    assert r.notice_weeks == 4
    r = notice_for_leave(D(2024, 1, 1), D(2024, 12, 31))  # one leap year, 366 days
    assert r.notice_weeks == 4
    r = notice_for_leave(D(2025, 1, 1), D(2026, 1, 1))
    assert (r.notice_weeks, r.latest_notice_date) == (12, D(2024, 10, 9))
    with pytest.raises(ValueError):
        notice_for_leave(D(2025, 1, 2), D(2025, 1, 1))
    with pytest.raises(ValueError):
        notice_period(-1)


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 1000), st.integers(0, 1000))
def test_notice_grows_with_leave(a, b):
    lo, hi = sorted((a, b))
    assert notice_period(lo).notice_weeks <= notice_period(hi).notice_weeks


# --- § 12-8 ammefri ----------------------------------------------------------------------------
BORN = D(2025, 3, 10)


def test_breastfeeding_private_first_year_full_day():
    r = breastfeeding_time(BORN, D(2025, 9, 1), 7.5, PRIVATE)
    assert r.time_off and r.time_off_basis is Basis.STATUTORY
    assert (r.paid, r.paid_hours, r.paid_basis) == (True, 1.0, Basis.STATUTORY)
    assert r.agreement_paid_hours == 0.0
    assert r.note("agreement_may_give_more") is not None


def test_breastfeeding_boundaries_first_year_and_seven_hours():
    assert breastfeeding_time(BORN, D(2026, 3, 9), 7.0, PRIVATE).paid  # last day of the first year, 7 h
    after = breastfeeding_time(BORN, D(2026, 3, 10), 7.5, PRIVATE)
    assert not after.paid and after.time_off
    assert after.note("breastfeeding_unpaid_after_first_year").get("paid_until") == D(2026, 3, 9)
    short = breastfeeding_time(BORN, D(2025, 9, 1), 6.5, MUNICIPAL)
    assert not short.paid and short.note("breastfeeding_short_day").get("min_day_hours") == 7.0


def test_breastfeeding_state_agreement():
    r = breastfeeding_time(BORN, D(2025, 9, 1), 7.5, STATE)
    assert (r.paid_hours, r.paid_basis) == (2.0, Basis.AGREEMENT)
    assert (r.statutory_paid_hours, r.agreement_paid_hours) == (1.0, 2.0)
    assert r.ref.seed == SEED_001
    assert r.note("breastfeeding_full_time_assumed").get("full_day_hours") == 7.5
    # second year: only the agreement pays
    r = breastfeeding_time(BORN, D(2026, 9, 1), 7.5, STATE)
    assert (r.paid_hours, r.paid_basis, r.statutory_paid_hours) == (2.0, Basis.AGREEMENT, 0.0)
    assert breastfeeding_time(BORN, D(2027, 3, 9), 7.5, STATE).paid
    r = breastfeeding_time(BORN, D(2027, 3, 10), 7.5, STATE)  # the child has turned 2
    assert not r.paid and r.time_off


def test_breastfeeding_state_part_time():
    r = breastfeeding_time(BORN, D(2025, 9, 1), 7.0, STATE)  # not a full day, but 7 hours
    assert (r.paid_hours, r.paid_basis) == (1.0, Basis.STATUTORY)
    r = breastfeeding_time(BORN, D(2025, 9, 1), 7.0, STATE, full_time=True)
    assert (r.paid_hours, r.paid_basis) == (2.0, Basis.AGREEMENT)
    assert r.note("breastfeeding_full_time_assumed") is None
    assert not breastfeeding_time(BORN, D(2026, 9, 1), 6.0, STATE).paid


def test_breastfeeding_self_employed_and_invalid():
    r = breastfeeding_time(BORN, D(2025, 9, 1), 8, SELF)
    assert not r.time_off and not r.paid and r.note("not_employee") is not None
    with pytest.raises(ValueError):
        breastfeeding_time(BORN, D(2025, 3, 9), 7.5, PRIVATE)


def test_breastfeeding_paid_start_is_unconfirmed():
    r = breastfeeding_time(D(2013, 8, 1), D(2013, 9, 1), 7.5, PRIVATE)
    assert r.paid and r.note("breastfeeding_paid_start").ref.evidence is Evidence.UNCONFIRMED
    old = breastfeeding_time(D(2013, 1, 1), D(2013, 6, 1), 7.5, PRIVATE)
    assert not old.paid and old.time_off


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 1200), st.floats(0, 10), st.sampled_from([MUNICIPAL, PRIVATE]))
def test_state_never_pays_less_than_the_law(age_days, hours, other):
    on = BORN + timedelta(days=age_days)
    state = breastfeeding_time(BORN, on, hours, STATE)
    law = breastfeeding_time(BORN, on, hours, other)
    assert state.paid_hours >= law.paid_hours == law.statutory_paid_hours
    assert state.time_off and law.time_off


# --- state sector: unpaid care leave until 12 (seed 001) ------------------------------------------
def test_state_care_leave():
    r = state_unpaid_care_leave(D(2020, 5, 1), D(2025, 1, 1), STATE)
    assert r.applies and (r.max_years, r.max_years_part_time) == (3, 6)
    assert r.last_day == D(2032, 4, 30)
    assert r.basis is Basis.AGREEMENT and r.ref.seed == SEED_001
    assert r.note("state_care_leave_pension") is not None
    assert r.note("state_care_leave_part_time_discretionary") is None
    r = state_unpaid_care_leave(D(2020, 5, 1), D(2025, 1, 1), "state", part_time=True)
    assert r.note("state_care_leave_part_time_discretionary").get("years") == 6


def test_state_care_leave_child_12_or_other_employer():
    assert state_unpaid_care_leave(D(2013, 5, 1), D(2025, 4, 30), STATE).applies
    r = state_unpaid_care_leave(D(2013, 5, 1), D(2025, 5, 1), STATE)
    assert not r.applies and r.note("state_care_leave_child_too_old").get("age") == 12
    r = state_unpaid_care_leave(D(2020, 5, 1), D(2025, 1, 1), MUNICIPAL)
    assert not r.applies and r.note("state_care_leave_not_state") is not None
