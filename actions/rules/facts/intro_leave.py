"""Leave in the introduction programme: slot values -> rules input, and the conditions of
data/interview/intro_leave.yml (which law applies decides what else is asked)."""
from __future__ import annotations

from datetime import date
from typing import Any, Mapping

from .. import intro_programme as ip

RECENT_DAYS = 31  # an event further back than this: ask when the leave starts


def date_of(value: Any) -> date | None:
    """A stored date slot ({"date": ..., "precision": ...} or an ISO string) back to a date."""
    if isinstance(value, dict):
        value = value.get("date")
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return value if isinstance(value, date) else None


def precision_of(value: Any) -> str:
    return value.get("precision", "day") if isinstance(value, dict) else "day"


def permit_value(value: Any):
    """The permit slot: a year (int) or a date (dict) -> what which_law takes."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value)
    return date_of(value)


def law_of(facts: Mapping[str, Any], with_arrival: bool = True) -> ip.LawResult | None:
    permit = permit_value(facts.get("intro_permit_year"))
    if permit is None:
        return None
    arrival = facts.get("intro_arrival_year") if with_arrival else None
    return ip.which_law(permit, int(arrival) if arrival is not None else None)


def child_age(facts: Mapping[str, Any]) -> int | None:
    value = facts.get("intro_child_age")
    return None if value is None else int(value)


# --- predicates (data/interview/intro_leave.yml) ---------------------------------------------------
def arrival_needed(facts: Mapping[str, Any], today: date) -> bool:
    """The permit year alone does not decide the law: the arrival year is needed."""
    law = law_of(facts, with_arrival=False)
    return law is not None and law.outcome is ip.LawOutcome.NEED_ARRIVAL


def covered(facts: Mapping[str, Any], today: date) -> bool:
    """Not (yet) known to be outside both laws' programme."""
    law = law_of(facts)
    return law is None or law.outcome is not ip.LawOutcome.NOT_COVERED


def adopted_child_too_old(facts: Mapping[str, Any], today: date) -> bool:
    """An adopted child at or above the age limit gives no leave: no date is needed."""
    age = child_age(facts)
    if facts.get("intro_event") != "adoption" or age is None:
        return False
    return age >= ip.INTRO.value(("adoption_child_age_below", ip.IntroLaw.INTEGRATION_ACT), today)


def event_long_ago(facts: Mapping[str, Any], today: date) -> bool:
    """The birth or adoption is some time back: when the leave starts is asked."""
    day = date_of(facts.get("intro_date"))
    return day is not None and (today - day).days > RECENT_DAYS
