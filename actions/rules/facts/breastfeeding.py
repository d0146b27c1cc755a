"""Breastfeeding time (ammefri): facts -> rules input, and the conditions of
data/interview/breastfeeding.yml."""
from __future__ import annotations

from datetime import date
from typing import Any, Mapping

from dateutil.relativedelta import relativedelta

from .. import work_leave as wl
from ..params import ParameterNotInForce


def _iso(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def full_day_hours(on: date | None) -> float | None:
    """The hours of a full working day in the state agreement ("heltid" in an answer) on `on`;
    None when no agreement is known on that date, or no date is given (the reader then asks for
    the hours; as the spec's `unknown: assume_from`, None means no assumption)."""
    try:
        return float(wl.WORK_LEAVE.value("state_full_day_hours", on))
    except ParameterNotInForce:
        return None


def needs_employer(facts: Mapping[str, Any], today: date) -> bool:
    """The employer type only changes the answer when a state agreement could pay more than the law:
    the child is younger than the agreement's age limit and the day is a full state working day."""
    birth = _iso(facts.get("bf_child_birth"))
    hours = facts.get("bf_hours")
    if birth is None or hours is None:
        return True
    try:
        years = wl.WORK_LEAVE.value("state_breastfeeding_child_years", today)
        full_day = wl.WORK_LEAVE.value("state_full_day_hours", today)
    except ParameterNotInForce:  # no state agreement known on that date
        return False
    return today < birth + relativedelta(years=years) and float(hours) >= full_day


def breastfeeding_input(facts: Mapping[str, Any], today: date) -> dict:
    """The arguments of work_leave.breastfeeding_time, and whether the employer was asked."""
    asked = needs_employer(facts, today)
    employer = (facts.get("bf_employer") if asked else None) or "private"
    if employer == "unknown":  # "vet ikke": the law alone, and the answer does not name an employer
        employer, asked = "private", False
    birth = _iso(facts.get("bf_child_birth"))
    if birth is None:
        raise ValueError("bf_child_birth is required")
    return {"child_birth_date": birth, "on": today, "hours_per_day": float(facts.get("bf_hours") or 0.0),
            "employer": employer, "employer_asked": asked and facts.get("bf_employer") is not None}
