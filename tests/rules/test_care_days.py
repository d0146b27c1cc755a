"""Omsorgsdager: seed 003's table, the reference's examples (rules.md section 1) and invariants."""
from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actions.rules import care_days as cd
from actions.rules.care_days import CareDaysInput, CareSituation, Child, Partner, WorkType, compute
from actions.rules.legal import Evidence

YEAR = 2026
TOGETHER, ALONE = CareSituation.TOGETHER, CareSituation.ALONE


def family(n: int, chronic: int = 0, year: int = YEAR) -> tuple[Child, ...]:
    """n children aged 2..n+1 in `year`, the first `chronic` of them ill."""
    return tuple(Child(year - 2 - i, i < chronic) for i in range(n))


def days(n, chronic=0, situation=TOGETHER, year=YEAR) -> int:
    return compute(CareDaysInput(family(n, chronic, year), situation, year)).total


# Seed 003 (Virke's table, "per forelder" / "alene om omsorgen"), every row.
@pytest.mark.parametrize("children,chronic,situation,expected", [
    (1, 0, TOGETHER, 10), (2, 0, TOGETHER, 10),
    (2, 1, TOGETHER, 20), (1, 1, TOGETHER, 20),
    (1, 0, ALONE, 20), (2, 0, ALONE, 20),
    (2, 1, ALONE, 40),
    (3, 0, TOGETHER, 15), (4, 0, TOGETHER, 15),
    (3, 0, ALONE, 30),
    (3, 1, TOGETHER, 25), (3, 1, ALONE, 50),
    (3, 2, TOGETHER, 35), (3, 2, ALONE, 70),
    (3, 3, TOGETHER, 45), (3, 3, ALONE, 90),
])
def test_seed_003_table(children, chronic, situation, expected):
    assert days(children, chronic, situation) == expected


# rules.md 1.2: the UiO table for utvidet rett ("per parent" / "per single parent").
@pytest.mark.parametrize("children,chronic,per_parent,single", [
    (1, 1, 20, 40), (2, 1, 20, 40), (2, 2, 30, 60), (3, 1, 25, 50), (3, 2, 35, 70), (3, 3, 45, 90),
])
def test_reference_uio_table(children, chronic, per_parent, single):
    assert days(children, chronic, TOGETHER) == per_parent
    assert days(children, chronic, ALONE) == single


def test_reference_alone_for_one_chronically_ill_child_of_three():
    # rules.md 1.2: grunnrett 15 + alene 10 + chronic-alone 20 = 45 (NAV beregningsmodul.test.ts)
    kids = (Child(2015, chronic=True, alone=True), Child(2018, alone=False), Child(2020, alone=False))
    result = compute(CareDaysInput(kids, ALONE, YEAR))
    assert [(p.code, p.days) for p in result.parts] == [("base", 15), ("alone_extra", 10), ("chronic_extra", 20)]
    assert result.total == 45


def test_shared_residence_gives_ordinary_days_to_each_parent():
    result = compute(CareDaysInput(family(2), CareSituation.SHARED_RESIDENCE, YEAR))
    assert result.total == 10
    assert result.note("shared_residence") is not None
    assert not result.doubled


TEMP = CareSituation.TEMPORARILY_ALONE


def test_temporarily_alone_for_6_months_or_more_doubles_but_cannot_transfer():
    result = compute(CareDaysInput(family(2, 1), TEMP, YEAR, absence_months=6))
    assert result.total == 40 and result.doubled
    assert result.note("temporarily_alone").get("min_months") == 6
    assert cd.transfer(result, Partner.SPOUSE).reason == "temporarily_alone"
    assert cd.transfer(result, Partner.SPOUSE).days == 0
    assert compute(CareDaysInput(family(1), TEMP, YEAR, absence_months=math.inf)).total == 20


def test_four_months_in_prison_is_not_alone():
    # Issue 10.1: § 9-6 (3) "i lang tid"; NAV practice: at least 6 months. 4 months -> 10, not 20.
    result = compute(CareDaysInput(family(1), TEMP, YEAR, WorkType.EMPLOYEE, absence_months=4))
    assert result.total == 10 and not result.doubled
    assert result.situation is TOGETHER
    assert [p.code for p in result.parts] == ["base"]
    note = result.note("absence_too_short")
    assert note.get("min_months") == 6 and note.get("absence_months") == 4
    assert result.note("temporarily_alone") is None
    assert cd.transfer(result, Partner.SPOUSE).reason == "not_alone"


@pytest.mark.parametrize("months,expected", [(0.25, 10), (5.99, 10), (6, 20), (12, 20), (math.inf, 20)])
def test_absence_threshold_is_6_months(months, expected):
    assert compute(CareDaysInput(family(2), TEMP, YEAR, absence_months=months)).total == expected


def test_unknown_absence_gives_the_ordinary_days_and_says_what_6_months_would_give():
    result = compute(CareDaysInput(family(2, 1), TEMP, YEAR))  # absence_months=None: "vet ikke"
    assert result.total == 20 and not result.doubled
    note = result.note("absence_unknown")
    assert note.get("min_months") == 6 and note.get("doubled_total") == 40


def test_the_6_months_are_nav_practice_not_statute():
    p = cd.CARE_DAYS.get("temporarily_alone_min_months", date(YEAR, 1, 1))
    assert p.value == 6 and p.ref.evidence is Evidence.CONFIRMED and "NAVs praksis" in p.ref.law
    assert cd.REF_TEMP_ALONE.evidence is Evidence.STATED
    result = compute(CareDaysInput(family(1), TEMP, YEAR, absence_months=4))
    assert result.note("absence_too_short").ref.evidence is Evidence.CONFIRMED


# Age limit: through the calendar year the child turns 12 (18 when chronically ill).
@pytest.mark.parametrize("birth_year,chronic,counts", [
    (YEAR - 12, False, True), (YEAR - 13, False, False), (YEAR, False, True),
    (YEAR - 18, True, True), (YEAR - 19, True, False), (YEAR - 13, True, True),
    (YEAR + 1, False, False),  # not born yet in that year
])
def test_age_limit(birth_year, chronic, counts):
    assert cd.in_scope(Child(birth_year, chronic), YEAR) is counts


def test_children_past_the_limit_do_not_count_and_are_explained():
    kids = (Child(2010), Child(2014), Child(2020))  # 16, 12, 6 in 2026
    result = compute(CareDaysInput(kids, TOGETHER, YEAR))
    assert len(result.in_scope) == 2 and result.total == 10
    note = result.note("too_old")
    assert note.get("count") == 1 and note.get("age_limit") == 12 and note.get("age_limit_chronic") == 18


def test_no_child_in_scope_gives_zero_and_no_parts():
    result = compute(CareDaysInput((Child(2000),), ALONE, YEAR))
    assert result.total == 0 and result.parts == ()


def test_chronic_child_over_12_counts_for_the_base_right_too():
    # NAV's calculator: harOmsorg = UNDER12 || kroniskSykt
    result = compute(CareDaysInput((Child(YEAR - 15, True),), TOGETHER, YEAR))
    assert result.total == 20


def test_years_before_2023_are_not_guessed():
    with pytest.raises(cd.YearNotSupported):
        compute(CareDaysInput(family(1), TOGETHER, 2022))


# Transfer (§ 9-6 sjette ledd; NAV rammemeldinger Beregninger.kt).
def test_transfer_to_spouse_at_once_and_cohabitant_after_12_months():
    result = compute(CareDaysInput(family(2), ALONE, YEAR))  # 20 days, base 10
    assert cd.transfer(result, Partner.SPOUSE).days == 10
    assert cd.transfer(result, Partner.COHABITANT, months_together=11).reason == "cohabitant_too_short"
    assert cd.transfer(result, Partner.COHABITANT, months_together=12).days == 10


@pytest.mark.parametrize("used,shared,expected", [(0, 0, 10), (10, 0, 10), (15, 0, 5), (15, 3, 2), (25, 0, 0)])
def test_transfer_days_available_formula(used, shared, expected):
    result = compute(CareDaysInput(family(2), ALONE, YEAR))
    assert cd.transfer(result, Partner.SPOUSE, days_used=used, days_already_shared=shared).days == expected


@pytest.mark.parametrize("births,expected_end", [
    ((date(2018, 2, 15),), date(2030, 12, 31)),
    ((date(2018, 2, 15), date(2020, 6, 1)), date(2032, 12, 31)),
])
def test_transfer_period_reference_examples(births, expected_end):
    # rules.md 1.5, NAV rammemeldinger OverordnetPeriodeTest: notified 2021-09-29
    kids = tuple(Child(b.year) for b in births)
    assert cd.transfer_period(kids, date(2021, 9, 29)) == (date(2021, 9, 29), expected_end)


def test_transfer_period_runs_to_18_for_a_chronically_ill_child():
    assert cd.transfer_period((Child(2018, True),), date(2026, 1, 5))[1] == date(2036, 12, 31)
    assert cd.transfer_period((Child(2000),), date(2026, 1, 5)) is None


def test_transfer_needs_alone_status():
    result = compute(CareDaysInput(family(2), TOGETHER, YEAR))
    assert cd.transfer(result, Partner.SPOUSE).reason == "not_alone"


def test_alone_mentions_transfer_and_the_unconfirmed_joint_child_rule():
    result = compute(CareDaysInput(family(2), ALONE, YEAR))
    assert result.note("transfer_possible").get("max_days") == 10
    assert result.note("new_joint_child").ref.evidence is Evidence.UNCONFIRMED


# Who pays (§ 9-8, § 9-9).
def test_employer_pays_and_claims_refund_beyond_10_days_nav_pays_if_the_employer_does_not():
    # Issue 10.2 / rules.md 1.6: § 9-8 the employer pays the care days and may claim a refund from
    # NAV for the days beyond 10; NAV pays directly (§ 9-9) when the employer does not pay.
    result = compute(CareDaysInput(family(1), TOGETHER, YEAR, WorkType.EMPLOYEE))
    note = result.note("payer_employer")
    assert note.get("refund_after_days") == 10 and note.get("full_refund") is False
    assert note.ref.law == "folketrygdloven § 9-8"
    direct = result.note("payer_nav_if_employer_does_not")
    assert direct is not None and direct.ref.law == "folketrygdloven § 9-9"
    assert result.note("payer_self_employed") is None


def test_self_certification_cites_9_7_not_9_8():
    # Issue 10.5: egenmelding is documentation (§ 9-7).
    result = compute(CareDaysInput(family(1), TOGETHER, YEAR, WorkType.EMPLOYEE))
    note = result.note("self_certification")
    assert note.get("days") == 3 and note.ref.law == "folketrygdloven § 9-7"
    assert cd.CARE_DAYS.get("self_certification_days", date(YEAR, 1, 1)).ref.law == "folketrygdloven § 9-7"


def test_employer_gets_full_refund_when_only_chronic_child_over_12():
    note = compute(CareDaysInput((Child(YEAR - 14, True),), TOGETHER, YEAR)).note("payer_employer")
    assert note.get("full_refund") is True


@pytest.mark.parametrize("work", [WorkType.SELF_EMPLOYED, WorkType.FREELANCER])
def test_self_employed_cover_first_10_days(work):
    result = compute(CareDaysInput(family(1), TOGETHER, YEAR, work))
    assert result.note("payer_self_employed").get("waiting_days") == 10
    assert result.note("payer_employer") is None and result.note("payer_nav_if_employer_does_not") is None
    over_12 = compute(CareDaysInput((Child(YEAR - 15, True),), TOGETHER, YEAR, work))
    assert over_12.note("payer_self_employed").get("waiting_days") == 0


def test_every_number_has_a_legal_reference():
    result = compute(CareDaysInput(family(3, 1), ALONE, YEAR, WorkType.EMPLOYEE))
    assert all(p.ref.law.startswith("folketrygdloven") for p in result.parts)
    assert result.refs and all(r.page for r in result.refs)


def test_parameters_are_dated_data_with_references():
    for key in cd.CARE_DAYS.keys():
        for version in cd.CARE_DAYS.versions(key):
            assert version.ref.law and version.valid_from.year == 2023


# Invariants (hypothesis).
children_st = st.lists(st.builds(Child, st.integers(YEAR - 25, YEAR), st.booleans()), min_size=0, max_size=8)
situation_st = st.sampled_from(list(CareSituation))


@settings(max_examples=300, deadline=None)
@given(children_st, situation_st)
def test_no_negative_days_and_total_is_sum_of_parts(kids, situation):
    result = compute(CareDaysInput(tuple(kids), situation, YEAR))
    assert result.total >= 0
    assert result.total == sum(p.days for p in result.parts)
    assert all(p.days > 0 for p in result.parts)


@settings(max_examples=300, deadline=None)
@given(children_st)
def test_alone_never_fewer_days_than_together(kids):
    together = compute(CareDaysInput(tuple(kids), TOGETHER, YEAR)).total
    assert compute(CareDaysInput(tuple(kids), ALONE, YEAR)).total >= together
    assert compute(CareDaysInput(tuple(kids), CareSituation.TEMPORARILY_ALONE, YEAR)).total >= together


@settings(max_examples=300, deadline=None)
@given(children_st, situation_st, st.data())
def test_more_ill_children_never_fewer_days(kids, situation, data):
    if not kids:
        return
    i = data.draw(st.integers(0, len(kids) - 1))
    sicker = list(kids)
    sicker[i] = Child(kids[i].birth_year, True)
    before = compute(CareDaysInput(tuple(kids), situation, YEAR)).total
    assert compute(CareDaysInput(tuple(sicker), situation, YEAR)).total >= before


@settings(max_examples=300, deadline=None)
@given(children_st, situation_st, st.integers(YEAR - 40, YEAR - 19), st.booleans())
def test_children_past_the_age_limit_never_count(kids, situation, old_birth_year, chronic):
    base = compute(CareDaysInput(tuple(kids), situation, YEAR)).total
    plus_old = compute(CareDaysInput(tuple(kids) + (Child(old_birth_year, chronic),), situation, YEAR)).total
    assert plus_old == base


@settings(max_examples=200, deadline=None)
@given(children_st, situation_st)
def test_more_children_in_scope_never_fewer_days(kids, situation):
    base = compute(CareDaysInput(tuple(kids), situation, YEAR)).total
    assert compute(CareDaysInput(tuple(kids) + (Child(YEAR - 1),), situation, YEAR)).total >= base
