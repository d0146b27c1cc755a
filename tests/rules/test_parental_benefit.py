"""Golden and property tests for actions.rules.parental_benefit (rules.md section 2, seed 001)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actions.rules.legal import Evidence
from actions.rules.parental_benefit import (
    CUT_OVERS, Account, Allowance, Coverage, EventDateNotSupported, FamilyEvent, ParentalBenefitInput,
    Rights, RuleVersion, as_weeks, closely_spaced, compute, father_around_birth_window, is_public_holiday,
    mother_windows, premature_extra_days, premature_qualifies, rule_version, use_deadline, working_days)

D = date
F, R = 100, 80


def W(weeks: int, days: int = 0) -> int:
    """Weeks and days as stønadsdager, the way rules.md writes them."""
    return weeks * 5 + days


def birth(on: date, **kw) -> "object":
    return compute(ParentalBenefitInput.for_birth(on, **kw))


def adoption(on: date, **kw) -> "object":
    return compute(ParentalBenefitInput.for_adoption(on, **kw))


# One family-event date inside each rule version.
IN_2014 = D(2016, 5, 10)
IN_2018 = D(2018, 9, 1)
IN_2019 = D(2020, 3, 3)
IN_2024 = D(2025, 1, 15)

# --- rules.md 2.2 and 2.3: both parents entitled, birth ------------------------------------------
# (før fødsel, mødrekvote, fedrekvote, fellesperiode, total)
BOTH_BIRTH = [
    (IN_2014, F, RuleVersion.V2014_07, (W(3), W(10), W(10), W(26), W(49))),
    (IN_2014, R, RuleVersion.V2014_07, (W(3), W(10), W(10), W(36), W(59))),
    (IN_2018, F, RuleVersion.V2018_07, (W(3), W(15), W(15), W(16), W(49))),
    (IN_2018, R, RuleVersion.V2018_07, (W(3), W(15), W(15), W(26), W(59))),
    (IN_2019, F, RuleVersion.V2019_01, (W(3), W(15), W(15), W(16), W(49))),
    (IN_2019, R, RuleVersion.V2019_01, (W(3), W(19), W(19), W(18), W(59))),
    (IN_2024, F, RuleVersion.V2024_07, (15, 75, 75, 80, 245)),
    (IN_2024, R, RuleVersion.V2024_07, (15, 95, 95, 101, 306)),
]


@pytest.mark.parametrize("on, cov, version, expected", BOTH_BIRTH)
def test_both_rights_birth_tables(on, cov, version, expected):
    r = birth(on, coverage=cov)
    assert r.version is version
    got = (r.days(Account.BEFORE_BIRTH), r.days(Account.MOTHER_QUOTA), r.days(Account.FATHER_QUOTA),
           r.days(Account.SHARED), r.total)
    assert got == expected
    assert r.days(Account.PARENTAL_BENEFIT) == 0
    assert all(p.ref is not None for p in r.accounts)


def test_2024_totals_in_weeks():
    assert birth(IN_2024, coverage=R).total_weeks == (61, 1)
    assert birth(IN_2024, coverage=R).days(Account.SHARED) == W(20, 1)
    assert birth(IN_2024, coverage=F).total_weeks == (49, 0)


def test_pre_2018_numbers_are_stated_not_confirmed():
    r = birth(IN_2014, coverage=F)
    assert {p.ref.evidence for p in r.accounts} <= {Evidence.STATED}
    r = birth(IN_2024, coverage=R)
    assert r.accounts[1].ref.evidence is Evidence.CONFIRMED


# --- seed 001 (the 2019 HR page): 49/59 weeks birth, 46/56 adoption ------------------------------
@pytest.mark.parametrize("cov, dist, total, adoption_total", [
    (F, (3, 15, 15, 16), 49, 46),
    (R, (3, 19, 19, 18), 59, 56),
])
def test_seed_001_table_2019(cov, dist, total, adoption_total):
    r = birth(D(2019, 1, 1), coverage=cov)
    assert (r.days(Account.BEFORE_BIRTH), r.days(Account.MOTHER_QUOTA), r.days(Account.FATHER_QUOTA),
            r.days(Account.SHARED)) == tuple(W(w) for w in dist)
    assert r.total == W(total)
    assert adoption(D(2019, 1, 1), coverage=cov).total == W(adoption_total)


# --- rules.md 2.2 "other situations" and 2.3 adoption totals, every version -----------------------
ONE_PARENT = {  # (100 %, 80 %) for the single "foreldrepenger" account
    IN_2014: (230, 280), IN_2018: (230, 280), IN_2019: (230, 280), IN_2024: (230, 291)}
ONLY_FATHER = {IN_2014: (200, 250), IN_2018: (200, 250), IN_2019: (200, 250), IN_2024: (200, 261)}


@pytest.mark.parametrize("on", [IN_2014, IN_2018, IN_2019, IN_2024])
@pytest.mark.parametrize("cov", [F, R])
def test_adoption_both_rights(on, cov):
    r = adoption(on, coverage=cov, adopted_child_age=3)
    assert r.days(Account.BEFORE_BIRTH) == 0
    expected = {F: W(46), R: W(58, 1) if on == IN_2024 else W(56)}[cov]
    assert r.total == expected
    assert r.days(Account.MOTHER_QUOTA) == r.days(Account.FATHER_QUOTA)


@pytest.mark.parametrize("on", [IN_2014, IN_2018, IN_2019, IN_2024])
@pytest.mark.parametrize("cov", [F, R])
@pytest.mark.parametrize("rights", [Rights.ONLY_MOTHER, Rights.MOTHER_ALONE])
def test_only_mother_and_mother_alone_birth(on, cov, rights):
    r = birth(on, coverage=cov, rights=rights)
    single = ONE_PARENT[on][0 if cov == F else 1]
    assert r.days(Account.BEFORE_BIRTH) == 15
    assert r.days(Account.PARENTAL_BENEFIT) == single
    assert r.days(Account.MOTHER_QUOTA) == r.days(Account.SHARED) == 0
    assert r.total == 15 + single
    assert r.allowance(Allowance.FATHER_AROUND_BIRTH) is None


def test_only_mother_2024_matches_rules_md():
    assert birth(IN_2024, coverage=F, rights=Rights.ONLY_MOTHER).total_weeks == (49, 0)
    assert birth(IN_2024, coverage=R, rights=Rights.ONLY_MOTHER).total_weeks == (61, 1)
    assert birth(IN_2024, coverage=R, rights=Rights.MOTHER_ALONE).total_weeks == (61, 1)
    assert birth(IN_2024, rights=Rights.ONLY_MOTHER).note("no_requirements_on_father") is not None


@pytest.mark.parametrize("on", [IN_2014, IN_2018, IN_2019, IN_2024])
@pytest.mark.parametrize("cov", [F, R])
def test_father_alone(on, cov):
    r = birth(on, coverage=cov, rights=Rights.FATHER_ALONE)
    assert r.days(Account.BEFORE_BIRTH) == 0
    assert r.total == ONE_PARENT[on][0 if cov == F else 1]
    a = adoption(on, coverage=cov, rights=Rights.FATHER_ALONE)
    assert a.total == r.total


@pytest.mark.parametrize("on", [IN_2014, IN_2018, IN_2019, IN_2024])
@pytest.mark.parametrize("cov", [F, R])
def test_only_father_totals(on, cov):
    r = birth(on, coverage=cov, rights=Rights.ONLY_FATHER)
    assert r.days(Account.BEFORE_BIRTH) == 0
    assert r.total == ONLY_FATHER[on][0 if cov == F else 1]
    assert r.note("activity_requirement") is not None
    assert adoption(on, coverage=cov, rights=Rights.ONLY_FATHER).total == r.total


def test_only_father_2024_in_weeks():
    assert birth(IN_2024, rights=Rights.ONLY_FATHER).total_weeks == (40, 0)
    assert birth(IN_2024, coverage=R, rights=Rights.ONLY_FATHER).total_weeks == (52, 1)


def test_only_father_before_2018_is_unconfirmed():
    r = birth(IN_2014, rights=Rights.ONLY_FATHER)
    assert r.accounts[0].ref.evidence is Evidence.UNCONFIRMED


# --- rules.md 2.5: bare far rett, days without aktivitetskrav, by birth date ----------------------
@pytest.mark.parametrize("on, days, minimum_right", [
    (D(2022, 8, 1), None, False),  # day before the 2 August 2022 cut-over
    (D(2022, 8, 2), 40, True),
    (D(2024, 7, 1), 40, True),
    (D(2024, 8, 1), 40, True),  # day before the 2 August 2024 cut-over
    (D(2024, 8, 2), 50, True),
    (D(2026, 1, 1), 50, True),
])
@pytest.mark.parametrize("cov", [F, R])
def test_only_father_minimum_right_by_birth_date(on, days, minimum_right, cov):
    r = birth(on, coverage=cov, rights=Rights.ONLY_FATHER)
    a = r.allowance(Allowance.ACTIVITY_FREE)
    if days is None:
        assert a is None
    else:
        assert (a.days, a.minimum_right, a.within) == (days, minimum_right, (Account.PARENTAL_BENEFIT,))
        assert a.components == (("standard", days),)
    # minsterett is part of the total, never added on top
    assert r.total == r.days(Account.PARENTAL_BENEFIT)


def test_only_father_minimum_right_adoption_2024():
    a = adoption(D(2024, 12, 1), coverage=R, rights=Rights.ONLY_FATHER).allowance(Allowance.ACTIVITY_FREE)
    assert a.days == 50


@pytest.mark.parametrize("on, cov, days, minimum_right, evidence", [
    (IN_2014, F, 50, False, Evidence.UNCONFIRMED),
    (IN_2014, R, 50, False, Evidence.UNCONFIRMED),
    (IN_2018, F, 75, False, Evidence.UNCONFIRMED),
    (IN_2018, R, 75, False, Evidence.UNCONFIRMED),
    (IN_2019, F, 75, False, Evidence.CONFIRMED),
    (IN_2019, R, 95, False, Evidence.CONFIRMED),
    (D(2022, 8, 2), F, 75, True, Evidence.CONFIRMED),
    (D(2022, 8, 2), R, 95, True, Evidence.CONFIRMED),
    (IN_2024, F, 75, True, Evidence.CONFIRMED),
    (IN_2024, R, 95, True, Evidence.CONFIRMED),
])
def test_mother_disabled(on, cov, days, minimum_right, evidence):
    r = birth(on, coverage=cov, rights=Rights.ONLY_FATHER, mother_disabled=True)
    a = r.allowance(Allowance.ACTIVITY_FREE)
    assert (a.days, a.minimum_right, a.ref.evidence) == (days, minimum_right, evidence)
    assert a.components == (("disabled_mother", days),)


def test_mother_disabled_plus_twins_80_2024():
    # rules.md 2.4: 106 + 95 = 201 (NAV MinsterettTest.wlb_bfhr_mor_ufør_flerbarn)
    r = birth(IN_2024, coverage=R, rights=Rights.ONLY_FATHER, mother_disabled=True, children=2)
    a = r.allowance(Allowance.ACTIVITY_FREE)
    assert a.days == 201
    assert a.components == (("disabled_mother", 95), ("multiple_births", 106))


@pytest.mark.parametrize("children, cov, days", [(2, F, 85), (2, R, 106), (3, F, 230), (3, R, 288)])
def test_only_father_multiples_replace_standard_minimum(children, cov, days):
    a = birth(IN_2024, coverage=cov, rights=Rights.ONLY_FATHER, children=children).allowance(
        Allowance.ACTIVITY_FREE)
    assert a.days == days and a.components == (("multiple_births", days),)


def test_only_father_multiples_before_minimum_right():
    a = birth(IN_2019, coverage=F, rights=Rights.ONLY_FATHER, children=2).allowance(Allowance.ACTIVITY_FREE)
    assert (a.days, a.minimum_right) == (85, False)


# --- NAV's summary table (rules.md 2.2): 1 / 2 / 3+ children --------------------------------------
NAV_SUMMARY = [
    (Rights.BOTH, 1, W(49), W(61, 1)),
    (Rights.BOTH, 2, W(66), W(82, 2)),
    (Rights.BOTH, 3, W(95), W(118, 4)),
    (Rights.ONLY_FATHER, 1, W(40), W(52, 1)),
    (Rights.ONLY_FATHER, 2, W(57), W(73, 2)),
    (Rights.ONLY_FATHER, 3, W(86), W(109, 4)),
    (Rights.FATHER_ALONE, 1, W(46), W(58, 1)),
    (Rights.FATHER_ALONE, 2, W(63), W(79, 2)),
    (Rights.FATHER_ALONE, 3, W(92), W(115, 4)),
]


@pytest.mark.parametrize("rights, children, full, reduced", NAV_SUMMARY)
def test_nav_summary_table(rights, children, full, reduced):
    assert birth(IN_2024, coverage=F, rights=rights, children=children).total == full
    assert birth(IN_2024, coverage=R, rights=rights, children=children).total == reduced


def test_four_children_count_as_three_plus():
    assert birth(IN_2024, coverage=R, children=4).total == W(118, 4)


# --- rules.md 2.4: multiple births per period ----------------------------------------------------
MULTIPLES = [
    (IN_2014, 2, W(5), W(7)),
    (IN_2014, 3, W(10), W(14)),  # +5 / +7 weeks per extra child
    (IN_2014, 4, W(15), W(21)),
    (IN_2018, 2, W(17), W(21)),
    (IN_2018, 3, W(46), W(56)),
    (IN_2019, 2, 85, 105),
    (IN_2019, 3, 230, 280),
    (IN_2024, 2, W(17), W(21, 1)),
    (IN_2024, 3, W(46), W(57, 3)),
]


@pytest.mark.parametrize("on, children, full, reduced", MULTIPLES)
def test_multiple_births(on, children, full, reduced):
    for cov, extra in ((F, full), (R, reduced)):
        single = birth(on, coverage=cov)
        r = birth(on, coverage=cov, children=children)
        assert r.days(Account.MULTIPLE_BIRTHS) == extra
        assert r.total == single.total + extra
        part = next(p for p in r.accounts if p.account is Account.MULTIPLE_BIRTHS)
        assert part.added_to is Account.SHARED
        assert r.account_total(Account.SHARED) == single.days(Account.SHARED) + extra
        # flerbarnsdager may be taken by far/medmor without aktivitetskrav
        assert r.allowance(Allowance.MULTIPLE_BIRTHS_ACTIVITY_FREE).days == extra
        # one parent entitled: added to "foreldrepenger"
        m = birth(on, coverage=cov, children=children, rights=Rights.MOTHER_ALONE)
        assert m.account_total(Account.PARENTAL_BENEFIT) == m.days(Account.PARENTAL_BENEFIT) + extra


def test_multiple_adoption_2024():
    assert adoption(IN_2024, coverage=R, children=2).total == 291 + 106
    assert adoption(IN_2024, coverage=F, children=3).total == 230 + 230


# --- rules.md 2.6: far/medmor 10 days around the birth --------------------------------------------
@pytest.mark.parametrize("rights, has", [
    (Rights.BOTH, True), (Rights.ONLY_FATHER, True), (Rights.FATHER_ALONE, True),
    (Rights.ONLY_MOTHER, False), (Rights.MOTHER_ALONE, False)])
def test_father_around_birth(rights, has):
    r = birth(D(2022, 8, 2), rights=rights)
    a = r.allowance(Allowance.FATHER_AROUND_BIRTH)
    if has:
        assert a.days == 10
        assert a.within == ((Account.FATHER_QUOTA,) if rights is Rights.BOTH else (Account.PARENTAL_BENEFIT,))
    else:
        assert a is None
    # it is part of the quota, not extra days
    assert r.total == birth(D(2022, 8, 1), rights=rights).total


def test_father_around_birth_not_before_2_august_2022_nor_adoption():
    r = birth(D(2022, 8, 1))
    assert r.allowance(Allowance.FATHER_AROUND_BIRTH) is None
    assert r.note("father_around_birth_not_in_force").get("from") == D(2022, 8, 2)
    assert adoption(IN_2024).allowance(Allowance.FATHER_AROUND_BIRTH) is None


def test_father_window_examples():
    # born 5 days before termin: earlier date is the birth
    w = father_around_birth_window(due_date=D(2025, 3, 10), birth_date=D(2025, 3, 5))
    assert (w.start, w.end) == (D(2025, 2, 19), D(2025, 4, 15))
    # born a week after termin: the window opens 2 weeks before termin, closes 6 weeks after birth
    w = father_around_birth_window(due_date=D(2025, 3, 10), birth_date=D(2025, 3, 17))
    assert (w.start, w.end) == (D(2025, 2, 24), D(2025, 4, 27))
    assert w.contains(D(2025, 2, 24)) and w.contains(D(2025, 4, 27))
    assert not w.contains(D(2025, 2, 23)) and not w.contains(D(2025, 4, 28))
    # not yet born: termin stands in for the birth
    w = father_around_birth_window(due_date=D(2025, 3, 10))
    assert (w.start, w.end) == (D(2025, 2, 24), D(2025, 4, 20))
    # rule starts with births on 2 August 2022
    assert father_around_birth_window(birth_date=D(2022, 8, 1)) is None
    w = father_around_birth_window(birth_date=D(2022, 8, 2))
    assert (w.start, w.end) == (D(2022, 7, 19), D(2022, 9, 12))
    with pytest.raises(ValueError):
        father_around_birth_window()


# --- rules.md 2.9: mother's start window -------------------------------------------------------
def test_mother_windows_born_on_termin():
    w = mother_windows(D(2025, 6, 30))
    assert w.earliest_start == D(2025, 4, 7)  # 12 weeks before termin
    assert (w.reserved_before_birth.start, w.reserved_before_birth.end) == (D(2025, 6, 9), D(2025, 6, 29))
    assert (w.reserved_after_birth.start, w.reserved_after_birth.end) == (D(2025, 6, 30), D(2025, 8, 10))


def test_mother_windows_born_early():
    w = mother_windows(D(2025, 6, 30), birth_date=D(2025, 6, 20))
    assert (w.reserved_before_birth.start, w.reserved_before_birth.end) == (D(2025, 6, 9), D(2025, 6, 19))
    assert (w.reserved_after_birth.start, w.reserved_after_birth.end) == (D(2025, 6, 20), D(2025, 7, 31))
    # born 4 weeks early: nothing of the 3 weeks before termin is left before the birth
    assert mother_windows(D(2025, 6, 30), birth_date=D(2025, 6, 2)).reserved_before_birth is None


def test_birth_notes_mother_windows():
    r = birth(IN_2024)
    assert r.note("before_birth_reserved").get("weeks") == 3
    assert r.note("before_birth_reserved").get("earliest_weeks") == 12
    assert r.note("mother_six_weeks").get("weeks") == 6
    assert adoption(IN_2024).note("before_birth_reserved") is None


# --- rules.md 2.7: premature births ---------------------------------------------------------------
def test_premature_threshold_nav_examples():
    # NAV PrematurukerUtilTest: exactly 7 weeks (49 days) is not enough; 52 days is the threshold
    assert not premature_qualifies(D(2019, 7, 1), D(2019, 8, 19))
    assert not premature_qualifies(D(2019, 7, 1), D(2019, 8, 22))  # birth + 52 == termin
    assert premature_qualifies(D(2019, 7, 1), D(2019, 8, 23))  # birth + 52 < termin
    assert not premature_qualifies(D(2019, 6, 30), D(2019, 8, 25))  # before 1 July 2019
    assert not premature_qualifies(D(2019, 8, 1), D(2019, 8, 1))


def test_premature_summer_2019_no_holidays():
    # 2019-07-01 (Mon) .. 2019-08-22 (Thu): 7 weeks + 4 days = 39 working days, no holiday
    assert premature_extra_days(D(2019, 7, 1), D(2019, 8, 23)) == 39
    r = birth(D(2019, 7, 1), due_date=D(2019, 8, 23))
    assert r.days(Account.PREMATURE) == 39
    assert r.account_total(Account.SHARED) == 80 + 39
    assert r.total == 245 + 39


def test_premature_across_easter_2025_counts_holidays_like_nav():
    # 2025-03-03 .. 2025-05-04: 45 weekdays. NAV counts Monday to Friday and leaves skjærtorsdag,
    # langfredag, 2. påskedag and 1. mai in (PrematurukerUtil.beregnAntallVirkedager; rules.md 2.7).
    assert [d for d in (D(2025, 4, 17), D(2025, 4, 18), D(2025, 4, 21), D(2025, 5, 1))
            if is_public_holiday(d)] == [D(2025, 4, 17), D(2025, 4, 18), D(2025, 4, 21), D(2025, 5, 1)]
    assert premature_extra_days(D(2025, 3, 3), D(2025, 5, 5)) == 45
    assert premature_extra_days(D(2025, 3, 3), D(2025, 5, 5), exclude_holidays=True) == 41
    r = birth(D(2025, 3, 3), due_date=D(2025, 5, 5), coverage=R)
    assert r.days(Account.PREMATURE) == 45
    assert r.total == 306 + 45
    assert r.note("premature_extension").get("to") == D(2025, 5, 4)
    assert r.note("premature_pleiepenger_deduction").ref.evidence is Evidence.UNCONFIRMED


def test_premature_issue_example_2026_holidays_are_not_skipped():
    # Issue 10.3: born 2026-03-02, termin 2026-05-18 -> 55 days (Easter, 1 May, Ascension and
    # 17 May 2026 are left in), not 50.
    assert premature_extra_days(D(2026, 3, 2), D(2026, 5, 18)) == 55
    r = birth(D(2026, 3, 2), due_date=D(2026, 5, 18))
    assert r.days(Account.PREMATURE) == 55
    assert r.account_total(Account.SHARED) == 80 + 55
    assert r.note("premature_extension").get("days") == 55


def test_premature_across_17_may_2024():
    # 2024-04-15 .. 2024-06-09: 40 weekdays (1. mai, Kristi himmelfart, 17. mai, 2. pinsedag count)
    assert premature_extra_days(D(2024, 4, 15), D(2024, 6, 10)) == 40
    assert premature_extra_days(D(2024, 4, 15), D(2024, 6, 10), exclude_holidays=True) == 36
    r = birth(D(2024, 4, 15), due_date=D(2024, 6, 10))
    assert r.version is RuleVersion.V2019_01
    assert r.days(Account.PREMATURE) == 40


def test_premature_across_christmas_and_new_year():
    # 2025-11-03 .. 2026-01-04: 45 weekdays (25.12, 26.12 and 1.1 count)
    assert premature_extra_days(D(2025, 11, 3), D(2026, 1, 5)) == 45
    assert premature_extra_days(D(2025, 11, 3), D(2026, 1, 5), exclude_holidays=True) == 42


def test_premature_one_parent_goes_to_parental_benefit():
    r = birth(D(2025, 3, 3), due_date=D(2025, 5, 5), rights=Rights.FATHER_ALONE)
    part = next(p for p in r.accounts if p.account is Account.PREMATURE)
    assert part.added_to is Account.PARENTAL_BENEFIT
    assert r.account_total(Account.PARENTAL_BENEFIT) == 230 + 45


def test_premature_multiples_get_both_additions():
    # Issue 10.4 / rules.md 2.7: NAV OpprettKontoer adds tilleggFlerbarn + tilleggPrematur.
    # Twins born 2026-01-05, termin 2026-03-09, 100 %: 80 + 85 + 45 = 210 days of fellesperiode.
    r = birth(D(2026, 1, 5), due_date=D(2026, 3, 9), children=2)
    assert r.days(Account.MULTIPLE_BIRTHS) == 85
    assert r.days(Account.PREMATURE) == 45
    assert r.account_total(Account.SHARED) == 210
    assert r.total == 245 + 85 + 45
    assert r.note("premature_extension").get("days") == 45
    assert all(n.code != "premature_covered_by_multiples" for n in r.notes)


def test_premature_multiples_one_parent_both_go_to_parental_benefit():
    r = birth(D(2026, 1, 5), due_date=D(2026, 3, 9), children=2, rights=Rights.MOTHER_ALONE)
    assert r.account_total(Account.PARENTAL_BENEFIT) == 230 + 85 + 45


def test_premature_before_1_july_2019_not_in_force():
    r = birth(D(2019, 6, 30), due_date=D(2019, 8, 25))
    assert r.days(Account.PREMATURE) == 0
    assert r.note("premature_not_in_force").get("from") == D(2019, 7, 1)


def test_premature_needs_both_dates_and_birth():
    assert birth(D(2025, 3, 3)).days(Account.PREMATURE) == 0
    r = compute(ParentalBenefitInput.for_birth(due_date=D(2025, 5, 5)))
    assert r.days(Account.PREMATURE) == 0
    assert r.note("estimated_from_due_date") is not None


# --- rules.md 2.8: closely spaced births ----------------------------------------------------------
def test_closely_spaced_boundary_is_inclusive():
    a = D(2023, 1, 10)
    assert closely_spaced(a, a + timedelta(weeks=48))
    assert not closely_spaced(a, a + timedelta(weeks=48, days=1))
    assert not closely_spaced(D(2022, 8, 1), D(2022, 9, 1))  # before 2 August 2022


def test_closely_spaced_both_birth():
    r = birth(D(2023, 1, 10), next_event_date=D(2023, 12, 12))
    m, f = r.allowance(Allowance.CLOSELY_SPACED_MOTHER), r.allowance(Allowance.CLOSELY_SPACED_FATHER)
    assert (m.days, m.within, m.minimum_right) == (110, (Account.MOTHER_QUOTA, Account.SHARED), True)
    assert (f.days, f.within) == (40, (Account.FATHER_QUOTA, Account.SHARED))
    assert r.note("closely_spaced").get("limit_date") == D(2023, 12, 12)
    assert r.total == 245  # not extra days
    later = birth(D(2023, 1, 10), next_event_date=D(2023, 12, 13))
    assert later.allowance(Allowance.CLOSELY_SPACED_MOTHER) is None
    assert later.note("next_child_ends_period") is not None


def test_closely_spaced_adoption_and_one_parent():
    r = adoption(D(2023, 1, 10), next_event_date=D(2023, 6, 1))
    assert r.allowance(Allowance.CLOSELY_SPACED_MOTHER).days == 40
    assert r.allowance(Allowance.CLOSELY_SPACED_FATHER).days == 40
    r = birth(D(2023, 1, 10), rights=Rights.ONLY_MOTHER, next_event_date=D(2023, 6, 1))
    assert r.allowance(Allowance.CLOSELY_SPACED_MOTHER).within == (Account.PARENTAL_BENEFIT,)
    assert r.allowance(Allowance.CLOSELY_SPACED_FATHER) is None
    r = birth(D(2023, 1, 10), rights=Rights.ONLY_FATHER, next_event_date=D(2023, 6, 1))
    assert r.allowance(Allowance.CLOSELY_SPACED_MOTHER) is None
    assert r.allowance(Allowance.CLOSELY_SPACED_FATHER).days == 40


def test_closely_spaced_not_in_force_before_2_august_2022():
    r = birth(D(2022, 8, 1), next_event_date=D(2023, 1, 1))
    assert r.allowance(Allowance.CLOSELY_SPACED_MOTHER) is None
    assert r.note("closely_spaced_not_in_force") is not None


# --- rules.md 2.9: deadline, adoption limits ------------------------------------------------------
def test_deadline():
    assert use_deadline(FamilyEvent.BIRTH, D(2025, 3, 10)) == D(2028, 3, 9)
    assert use_deadline(FamilyEvent.ADOPTION, D(2025, 3, 10)) == D(2028, 3, 9)
    assert use_deadline(FamilyEvent.BIRTH, D(2024, 2, 29)) == D(2027, 2, 27)
    assert birth(D(2025, 3, 10)).note("deadline").get("last_day") == D(2028, 3, 9)


def test_adoption_age_limit_and_step_child():
    assert adoption(IN_2024, adopted_child_age=14).eligible
    too_old = adoption(IN_2024, adopted_child_age=15)
    assert not too_old.eligible and too_old.total == 0
    assert too_old.note("adopted_child_too_old").get("age_limit") == 15
    step = adoption(IN_2024, adopted_child_age=2, step_child_adoption=True)
    assert not step.eligible and step.note("step_child_adoption") is not None
    assert adoption(IN_2024).note("adoption_age_limit").get("age_limit") == 15


# --- rule versions and cut-overs --------------------------------------------------------------
@pytest.mark.parametrize("before, on, expected", [
    (D(2018, 6, 30), D(2018, 7, 1), RuleVersion.V2018_07),
    (D(2018, 12, 31), D(2019, 1, 1), RuleVersion.V2019_01),
    (D(2024, 6, 30), D(2024, 7, 1), RuleVersion.V2024_07),
])
def test_cut_over_day_before_and_day_of(before, on, expected):
    assert rule_version(on) is expected
    assert rule_version(before) is not expected


def test_2024_cut_over_numbers():
    assert birth(D(2024, 6, 30), coverage=R).total == 295
    assert birth(D(2024, 7, 1), coverage=R).total == 306


def test_before_july_2014_not_supported():
    assert rule_version(D(2014, 7, 1)) is RuleVersion.V2014_07
    for day in (D(2014, 6, 30), D(2013, 7, 1)):  # 2013–14 row of rules.md 2.3 is outside the tool
        with pytest.raises(EventDateNotSupported):
            rule_version(day)
        with pytest.raises(EventDateNotSupported):
            birth(day)


def test_2019_edge_note_is_unconfirmed():
    n = birth(D(2018, 11, 1), coverage=R).note("edge_2019")
    assert n is not None and n.ref.evidence is Evidence.UNCONFIRMED
    assert birth(D(2018, 11, 1), coverage=F).note("edge_2019") is None  # 100 % did not change
    assert birth(D(2019, 2, 1), coverage=R).note("edge_2019") is not None  # start could be in 2018
    assert birth(D(2019, 4, 1), coverage=R).note("edge_2019") is None
    assert adoption(D(2019, 2, 1), coverage=R).note("edge_2019") is None


def test_birth_date_decides_over_due_date():
    r = birth(D(2024, 6, 28), due_date=D(2024, 7, 5), coverage=R)
    assert r.version is RuleVersion.V2019_01 and r.total == 295
    n = r.note("due_and_birth_under_different_rules")
    assert n.get("change_date") == D(2024, 7, 1)
    r = birth(D(2024, 8, 2), due_date=D(2024, 7, 30), rights=Rights.ONLY_FATHER)
    assert r.allowance(Allowance.ACTIVITY_FREE).days == 50
    assert r.note("due_and_birth_under_different_rules").get("change_date") == D(2024, 8, 2)


def test_input_validation_and_coercion():
    inp = ParentalBenefitInput.for_birth(D(2025, 1, 1), coverage=80, rights="only_father")
    assert inp.coverage is Coverage.REDUCED and inp.rights is Rights.ONLY_FATHER
    with pytest.raises(ValueError):
        ParentalBenefitInput(FamilyEvent.BIRTH)
    with pytest.raises(ValueError):
        ParentalBenefitInput(FamilyEvent.ADOPTION)
    with pytest.raises(ValueError):
        ParentalBenefitInput.for_birth(D(2025, 1, 1), children=0)
    with pytest.raises(ValueError):
        Coverage(90)


def test_as_weeks():
    assert as_weeks(306) == (61, 1)
    assert as_weeks(245) == (49, 0)
    assert as_weeks(594) == (118, 4)


def test_every_number_has_a_reference():
    r = birth(D(2025, 3, 3), due_date=D(2025, 5, 5), coverage=R, next_event_date=D(2025, 12, 1))
    for item in (*r.accounts, *r.allowances, *r.notes):
        assert item.ref.law and item.ref.page
    assert r.refs[0] == r.version_ref


# --- property tests -------------------------------------------------------------------------------
dates = st.dates(min_value=D(2014, 7, 1), max_value=D(2030, 12, 31))


@st.composite
def inputs(draw):
    event = draw(st.sampled_from(list(FamilyEvent)))
    on = draw(dates)
    common = dict(
        coverage=draw(st.sampled_from(list(Coverage))),
        children=draw(st.integers(1, 4)),
        rights=draw(st.sampled_from(list(Rights))),
        mother_disabled=draw(st.booleans()),
        next_event_date=draw(st.none() | st.integers(0, 500).map(lambda k: on + timedelta(days=k))),
    )
    if event is FamilyEvent.ADOPTION:
        return ParentalBenefitInput.for_adoption(on, adopted_child_age=draw(st.none() | st.integers(0, 14)),
                                                 **common)
    due = draw(st.none() | st.integers(-20, 120).map(lambda k: on + timedelta(days=k)))
    return ParentalBenefitInput.for_birth(on, due_date=due, **common)


@settings(max_examples=200, deadline=None)
@given(inputs())
def test_total_is_sum_of_parts(inp):
    r = compute(inp)
    assert r.total == sum(p.days for p in r.accounts)
    main = (Account.BEFORE_BIRTH, Account.MOTHER_QUOTA, Account.FATHER_QUOTA, Account.SHARED,
            Account.PARENTAL_BENEFIT)
    assert r.total == sum(r.account_total(a) for a in main)
    assert all(p.days > 0 for p in r.accounts)
    for a in r.allowances:
        assert 0 < a.days <= sum(r.account_total(x) for x in a.within)


@settings(max_examples=200, deadline=None)
@given(inputs())
def test_80_percent_never_fewer_days(inp):
    full = compute(replace(inp, coverage=Coverage.FULL))
    reduced = compute(replace(inp, coverage=Coverage.REDUCED))
    assert reduced.total >= full.total
    for account in Account:
        assert reduced.account_total(account) >= full.account_total(account)
    for a in full.allowances:
        assert reduced.allowance(a.allowance).days >= a.days


@settings(max_examples=200, deadline=None)
@given(dates)
def test_version_is_the_last_cut_over_on_or_before(day):
    expected = max(c for c in CUT_OVERS if c <= day)
    assert rule_version(day).starts == expected


@pytest.mark.parametrize("cut", CUT_OVERS[1:])
def test_version_changes_exactly_at_each_cut_over(cut):
    assert rule_version(cut) is not rule_version(cut - timedelta(days=1))
    assert rule_version(cut).starts == cut
    assert rule_version(cut + timedelta(days=1)) is rule_version(cut)


@settings(max_examples=200, deadline=None)
@given(inputs())
def test_adoption_never_has_days_before_birth(inp):
    r = compute(replace(inp, event=FamilyEvent.ADOPTION, care_date=inp.event_date,
                        birth_date=None, due_date=None))
    assert r.days(Account.BEFORE_BIRTH) == 0
    assert r.days(Account.PREMATURE) == 0
    assert r.allowance(Allowance.FATHER_AROUND_BIRTH) is None


@settings(max_examples=200, deadline=None)
@given(dates, st.integers(0, 140))
def test_premature_days_bounded(birth_date, gap):
    due = birth_date + timedelta(days=gap)
    days = premature_extra_days(birth_date, due)
    assert 0 <= premature_extra_days(birth_date, due, exclude_holidays=True) <= days <= gap
    assert working_days(birth_date, due, exclude_holidays=False) >= days


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2000))
def test_as_weeks_roundtrip(days):
    weeks, rest = as_weeks(days)
    assert weeks * 5 + rest == days and 0 <= rest < 5
