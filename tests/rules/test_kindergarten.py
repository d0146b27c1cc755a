"""Golden tests for actions.rules.kindergarten (barnehageloven § 16, rules.md section 5)."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actions.rules import kindergarten as kg
from actions.rules.kindergarten import RightGroup

TODAY = date(2026, 11, 22)


# One golden row per birth month (children born in 2026, turning 1 in 2027):
# (birth, group, right_from, guaranteed_by, age in months when the right starts)
@pytest.mark.parametrize("birth, group, right_from, guaranteed_by, months", [
    (date(2026, 1, 15), RightGroup.BY_AUGUST, date(2027, 8, 1), date(2027, 8, 31), 19),
    (date(2026, 2, 28), RightGroup.BY_AUGUST, date(2027, 8, 1), date(2027, 8, 31), 18),
    (date(2026, 3, 1), RightGroup.BY_AUGUST, date(2027, 8, 1), date(2027, 8, 31), 17),
    (date(2026, 4, 30), RightGroup.BY_AUGUST, date(2027, 8, 1), date(2027, 8, 31), 16),
    (date(2026, 5, 17), RightGroup.BY_AUGUST, date(2027, 8, 1), date(2027, 8, 31), 15),
    (date(2026, 6, 1), RightGroup.BY_AUGUST, date(2027, 8, 1), date(2027, 8, 31), 14),
    (date(2026, 7, 31), RightGroup.BY_AUGUST, date(2027, 8, 1), date(2027, 8, 31), 13),
    (date(2026, 8, 31), RightGroup.BY_AUGUST, date(2027, 8, 1), date(2027, 8, 31), 12),
    (date(2026, 9, 1), RightGroup.END_OF_BIRTH_MONTH, date(2027, 9, 1), date(2027, 9, 30), 12),
    (date(2026, 10, 15), RightGroup.END_OF_BIRTH_MONTH, date(2027, 10, 1), date(2027, 10, 31), 12),
    (date(2026, 11, 30), RightGroup.END_OF_BIRTH_MONTH, date(2027, 11, 1), date(2027, 11, 30), 12),
    (date(2026, 12, 1), RightGroup.NEXT_AUGUST, date(2028, 8, 1), date(2028, 8, 31), 20),
])
def test_right_for_each_birth_month(birth, group, right_from, guaranteed_by, months):
    right = kg.statutory_right(birth)
    assert right.group is group
    assert right.right_from == right_from
    assert right.guaranteed_by == guaranteed_by
    assert right.age_months_at_right == months
    assert right.may_offer_august is (group is RightGroup.END_OF_BIRTH_MONTH)
    assert right.ref.law == "barnehageloven § 16"
    assert right.note("must_apply_by_deadline") is not None
    assert right.note("place_in_home_municipality") is not None
    assert right.note("section_and_wording_unconfirmed").ref.unconfirmed
    if right.may_offer_august:
        assert right.note("municipality_may_offer_august").get("year") == 2027


def test_leap_day_birth():
    right = kg.statutory_right(date(2024, 2, 29))
    assert right.turns_one == date(2025, 2, 28)
    assert right.right_from == date(2025, 8, 1)


def test_rule_not_modelled_for_old_births():
    with pytest.raises(kg.KindergartenRuleNotSupported):
        kg.statutory_right(date(2022, 6, 1))


@pytest.mark.parametrize("on, year", [
    (date(2027, 8, 1), 2027), (date(2027, 7, 31), 2026), (date(2027, 12, 31), 2027), (date(2028, 1, 1), 2027),
])
def test_kindergarten_year(on, year):
    assert kg.kindergarten_year(on) == year


def test_reminder_return_in_october_2027():
    rem = kg.application_reminder(date(2026, 10, 5), date(2027, 10, 1), TODAY)
    assert rem.intake_year == 2027
    assert rem.deadline == date(2027, 3, 1)
    assert not rem.deadline_passed and rem.next_deadline is None
    assert not rem.return_before_right
    assert rem.deadline_is_default
    assert rem.note("apply_by").get("deadline") == date(2027, 3, 1)
    assert rem.note("deadline_set_by_municipality") is not None


@pytest.mark.parametrize("birth, back, deadline, before_right", [
    (date(2026, 3, 1), date(2027, 8, 15), date(2027, 3, 1), False),  # August intake
    (date(2026, 1, 10), date(2027, 11, 1), date(2027, 3, 1), False),  # later in the same year
    (date(2026, 11, 20), date(2027, 11, 25), date(2027, 3, 1), False),  # turns 1 in November
    (date(2026, 9, 3), date(2027, 8, 1), date(2027, 3, 1), True),  # before the right; August offer possible
    (date(2026, 12, 24), date(2028, 1, 3), date(2028, 3, 1), True),  # December child: right from Aug 2028
    (date(2026, 12, 24), date(2028, 9, 1), date(2028, 3, 1), False),
    (date(2026, 5, 5), date(2027, 3, 1), date(2027, 3, 1), True),  # back before August: right from Aug
    (date(2026, 2, 2), date(2028, 2, 1), date(2027, 3, 1), False),  # back in Feb: the 2027/28 year
])
def test_reminder_deadlines(birth, back, deadline, before_right):
    rem = kg.application_reminder(birth, back, TODAY)
    assert rem.deadline == deadline
    assert rem.return_before_right is before_right
    assert (rem.note("return_before_right") is not None) is before_right
    assert rem.deadline <= rem.need_from


def test_reminder_deadline_passed():
    # born March 2025: right from August 2026; back in February 2027 -> the 2026 intake (1 March 2026)
    rem = kg.application_reminder(date(2025, 3, 10), date(2027, 2, 1), TODAY)
    assert rem.deadline == date(2026, 3, 1)
    assert rem.deadline_passed
    assert rem.next_deadline == date(2027, 3, 1)
    note = rem.note("deadline_passed")
    assert note.get("waiting_list") is True and note.get("next_deadline") == date(2027, 3, 1)


def test_deadline_day_itself_is_not_passed():
    birth, back = date(2026, 4, 1), date(2027, 8, 1)
    assert not kg.application_reminder(birth, back, date(2027, 3, 1)).deadline_passed
    late = kg.application_reminder(birth, back, date(2027, 3, 2))
    assert late.deadline_passed and late.next_deadline == date(2028, 3, 1)
    early_in_year = kg.application_reminder(birth, back, date(2027, 3, 2))
    assert early_in_year.next_deadline == date(2028, 3, 1)


def test_return_before_birth_is_rejected():
    with pytest.raises(ValueError):
        kg.application_reminder(date(2026, 5, 1), date(2026, 4, 1), TODAY)


def test_municipality_sets_its_own_deadline():
    rem = kg.application_reminder(date(2026, 10, 5), date(2027, 10, 1), TODAY, deadline=(2, 15))
    assert rem.deadline == date(2027, 2, 15)
    assert not rem.deadline_is_default
    assert rem.note("deadline_set_by_municipality") is None
    assert kg.application_deadline(2027) == date(2027, 3, 1)
    assert kg.application_deadline(2027, (1, 31)) == date(2027, 1, 31)


@settings(max_examples=300, deadline=None)
@given(st.dates(date(2023, 1, 1), date(2032, 12, 31)), st.integers(1, 40))
def test_right_properties(birth, months_later):
    right = kg.statutory_right(birth)
    assert 12 <= right.age_months_at_right <= 20
    assert right.right_from >= right.turns_one.replace(day=1)
    assert right.right_month in (8, 9, 10, 11)
    index = birth.month - 1 + months_later
    back = date(birth.year + index // 12, index % 12 + 1, 1)
    rem = kg.application_reminder(birth, back, TODAY)
    assert rem.deadline.month == 3 and rem.deadline.day == 1
    assert rem.deadline < rem.need_from
    assert rem.deadline_passed is (TODAY > rem.deadline)


# --- issue 13: when the application was sent ------------------------------------------------------
def test_application_check_in_time_late_not_applied_and_unknown():
    from datetime import date as _d

    from actions.rules.kindergarten import application_check, application_reminder, statutory_right
    today = _d(2026, 11, 22)
    birth = _d(2025, 1, 10)  # turns 1 in January 2026: a place from August 2026, deadline 1 March 2026
    rem = application_reminder(birth, statutory_right(birth).right_from, today)
    assert rem.deadline == _d(2026, 3, 1) and rem.deadline_passed
    assert application_check(rem, _d(2026, 2, 20)).in_time is True
    late = application_check(rem, _d(2026, 4, 1))
    assert late.in_time is False and late.next_deadline == _d(2027, 3, 1)
    assert late.right_from_next_intake == _d(2027, 8, 1)
    assert application_check(rem, None).in_time is None
    assert application_check(rem, None, known=False).known is False
