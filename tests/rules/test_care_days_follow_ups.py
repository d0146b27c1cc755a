"""Care-days follow-ups in the rules core (issue 13): days left, rights_until, transfer."""
from __future__ import annotations

from datetime import date

from actions.rules import care_days as cd


def _result(children, situation=cd.CareSituation.ALONE, used=None, disability=False):
    return cd.compute(cd.CareDaysInput(tuple(children), situation, 2026, days_used=used,
                                       other_parent_disability=disability))


def test_days_left_from_days_used():
    assert _result([cd.Child(2019), cd.Child(2023)], used=4).days_left == 16
    assert _result([cd.Child(2019)], used=25).days_left == 0
    assert _result([cd.Child(2019)]).days_left is None


def test_rights_until_the_year_the_youngest_turns_12_or_18_when_ill():
    assert cd.rights_until(_result([cd.Child(2017), cd.Child(2020)])).year == 2032
    until = cd.rights_until(_result([cd.Child(2012, True)]))
    assert (until.year, until.age_limit, until.chronic) == (2030, 18, True)


def test_transfer_uses_nav_formula_and_the_partner():
    result = _result([cd.Child(2016), cd.Child(2018)], used=15)
    assert cd.transfer(result, cd.Partner.SPOUSE, days_used=15).days == 5
    assert cd.transfer(result, cd.Partner.NONE).reason == "not_partner"
    assert cd.transfer(result, cd.Partner.COHABITANT, months_together=8).reason == "cohabitant_too_short"
    assert cd.transfer_period(result.in_scope, date(2026, 11, 22))[1] == date(2030, 12, 31)


def test_uforetrygd_alone_does_not_double():
    result = _result([cd.Child(2020)], cd.CareSituation.TOGETHER, disability=True)
    assert result.total == 10 and result.note("disability_benefit") is not None
