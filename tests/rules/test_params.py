"""The dated parameter tables (actions/rules/params.py): a missing or odd date is "not in force",
never a TypeError, so every caller that handles ParameterNotInForce is safe (issue 13: the
assumption for "vet ikke" at bf_hours, `assume_from: full_day_hours`, was asked without a date)."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from actions.interview.spec import load_specs
from actions.rules.facts.breastfeeding import full_day_hours
from actions.rules.legal import LegalRef
from actions.rules.params import ParameterNotInForce, ParameterTable
from actions.rules.work_leave import WORK_LEAVE

REF = next(iter(WORK_LEAVE.versions("state_full_day_hours"))).ref


def _table() -> ParameterTable:
    assert isinstance(REF, LegalRef)
    return ParameterTable("test").add("x", 1, date(2020, 1, 1), date(2020, 12, 31), REF)


@pytest.mark.parametrize("on", [None, "2020-06-01", 20200601])
def test_no_date_is_not_in_force_never_a_type_error(on):
    table = _table()
    assert not table.versions("x")[0].covers(on)
    with pytest.raises(ParameterNotInForce) as err:
        table.value("x", on)
    assert "not a date" in str(err.value)


def test_a_datetime_counts_as_its_day():
    table = _table()
    assert table.value("x", datetime(2020, 12, 31, 23, 59)) == 1
    with pytest.raises(ParameterNotInForce):
        table.value("x", datetime(2021, 1, 1, 0, 0))


def test_full_day_hours_without_a_date_is_none():
    assert full_day_hours(None) is None
    assert full_day_hours(date(2026, 11, 22)) == 7.5
    assert full_day_hours(date(1990, 1, 1)) is None  # before any agreement the tool knows


def test_every_assumption_for_vet_ikke_can_be_asked_without_a_date():
    for spec in load_specs().values():
        for fact in spec.facts:
            fact.unknown.value(None)  # no exception, whatever the spec's assume_from
    assert load_specs()["breastfeeding"].fact("bf_hours").unknown.value(date(2026, 11, 22)) == 7.5
