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
