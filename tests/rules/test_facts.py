"""Facts -> rules input and the interview predicates (actions/rules/facts)."""
from __future__ import annotations

from datetime import date

from actions.lang.care_days_reader import ALL_YOUNG
from actions.rules.facts.care_days import children_from, needs_chronic_birth_years

TODAY = date(2026, 11, 22)


def test_which_child_is_ill_is_asked_only_when_it_matters():
    known = {"children_count": 3, "children_birth_years": [2010, 2018, 2020], "chronic_count": 1,
             "care_year": 2026}
    assert needs_chronic_birth_years(known, TODAY)  # the 16-year-old counts only if it is the ill one
    assert not needs_chronic_birth_years({**known, "children_birth_years": [2016, 2018, 2020]}, TODAY)
    assert not needs_chronic_birth_years({**known, "chronic_count": 3}, TODAY)
    assert not needs_chronic_birth_years({**known, "children_birth_years": ALL_YOUNG}, TODAY)


def test_children_from_marks_the_named_ill_child():
    kids = children_from({"children_count": 3, "children_birth_years": [2010, 2018, 2020], "chronic_count": 1,
                          "chronic_birth_years": [2010]}, 2026)
    assert [(c.birth_year, c.chronic) for c in kids] == [(2010, True), (2018, False), (2020, False)]
    young = children_from({"children_count": 2, "children_birth_years": ALL_YOUNG, "chronic_count": 1}, 2026)
    assert len(young) == 2 and sum(c.chronic for c in young) == 1


# --- parental leave (issue 13) -----------------------------------------------------------------
def test_continuous_period_and_deadline_from_the_plan():
    from actions.rules import parental_benefit as pb
    from actions.rules.facts.parental_leave import parental_input, plan_details

    facts = {"pl_role": "mother", "pl_event": "expected", "pl_date": "2027-03-03", "pl_coverage": 100,
             "pl_children": 1, "pl_rights": "both"}
    details = plan_details(pb.compute(parental_input(facts)), "mother")
    # 3 weeks before termin, then 49 weeks one after the other; the child turns 3 on 3 March 2030.
    assert details.continuous == (date(2027, 2, 10), date(2028, 1, 18))
    assert details.last_day == date(2030, 3, 2)
    reduced = plan_details(pb.compute(parental_input({**facts, "pl_coverage": 80})), "mother")
    assert reduced.continuous == (date(2027, 2, 10), date(2028, 4, 12))  # 61 weeks and 1 working day


def test_father_side_is_asked_the_termin_and_old_dates_need_no_quota_questions():
    from actions.interview.spec import load_specs

    spec = load_specs()["parental_leave"]
    today = date(2026, 11, 22)
    father = {"pl_role": "father", "pl_event": "born", "pl_date": "2026-11-10"}
    assert spec.missing(father, today)[0] == "pl_due"
    mother = {"pl_role": "mother", "pl_event": "born", "pl_date": "2026-11-10"}
    assert spec.missing(mother, today)[0] == "pl_premature"
    early = {"pl_role": "mother", "pl_event": "born", "pl_date": "2012-05-05"}
    assert spec.missing(early, today) == []
    too_old = {"pl_role": "adoptive", "pl_event": "adoption", "pl_date": "2027-04-01", "pl_adopted_age": 16}
    assert spec.missing(too_old, today) == []
    adoption = {"pl_role": "adoptive", "pl_event": "adoption", "pl_date": "2027-04-01"}
    assert spec.missing(adoption, today)[0] == "pl_adopted_age"


def test_early_case_before_the_known_rules():
    from actions.rules.facts.parental_leave import early_case

    case = early_case({"pl_date": "2012-05-05"})
    assert case.earliest == date(2014, 7, 1) and case.years == 3 and case.last_day == date(2015, 5, 4)
    assert early_case({"pl_date": "2022-03-03"}) is None
