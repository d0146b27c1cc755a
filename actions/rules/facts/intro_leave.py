"""Leave in the introduction programme: slot values -> rules input, and the conditions of
data/interview/intro_leave.yml (which law applies decides what else is asked)."""
from __future__ import annotations

from datetime import date
from typing import Any, Mapping

from .. import intro_programme as ip

RECENT_DAYS = 31  # an event further back than this: ask when the leave starts
UNKNOWN = "unknown"  # the user does not know ("vet ikke"): the common case is assumed and said


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


def assumed_permit(facts: Mapping[str, Any]) -> bool:
    """The permit year is not known: the law in force for new permits (integreringsloven) is assumed."""
    return facts.get("intro_permit_year") == UNKNOWN


def assumed_arrival(facts: Mapping[str, Any]) -> bool:
    """The arrival year is not known: arrival before the cut-over (the usual case for a permit
    before 2021) is assumed."""
    return facts.get("intro_arrival_year") == UNKNOWN


def arrival_year(facts: Mapping[str, Any]) -> int | None:
    value = facts.get("intro_arrival_year")
    try:
        return None if value is None or value == UNKNOWN else int(value)
    except (TypeError, ValueError):
        return None


def arrival_decides(facts: Mapping[str, Any], today: date | None = None) -> bool:
    """An arrival from 2021 gives integreringsloven whatever the permit year: the permit is not
    needed (predicate of data/interview/intro_leave.yml)."""
    year = arrival_year(facts)
    return (facts.get("intro_permit_year") is None and year is not None
            and year >= ip.INTEGRATION_ACT_IN_FORCE.year)


def law_of(facts: Mapping[str, Any], with_arrival: bool = True) -> ip.LawResult | None:
    if assumed_permit(facts):
        return ip.which_law(ip.INTEGRATION_ACT_IN_FORCE.year)
    if arrival_decides(facts):
        # Any permit before 2021 with this arrival, or any permit from 2021: the same law.
        return ip.which_law(ip.INTEGRATION_ACT_IN_FORCE.year - 1, arrival_year(facts))
    permit = permit_value(facts.get("intro_permit_year"))
    if permit is None:
        return None
    arrival = facts.get("intro_arrival_year") if with_arrival else None
    if arrival == UNKNOWN:
        arrival = ip.INTEGRATION_ACT_IN_FORCE.year - 1
    try:
        arrival = int(arrival) if arrival is not None else None
    except (TypeError, ValueError):
        arrival = None
    return ip.which_law(permit, arrival)


def child_age(facts: Mapping[str, Any]) -> int | None:
    value = facts.get("intro_child_age")
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None  # "unknown": under the age limit is assumed


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


def date_from_kindergarten(slots: Mapping[str, Any], known: Mapping[str, Any]) -> dict:
    """Prefill of data/interview/intro_leave.yml: a birth or due date told in the kindergarten
    topic is the child's date here too."""
    value = slots.get("kg_birth_date")
    if known.get("intro_date") is None and date_of(value) is not None:
        out = {"intro_date": value}
        if known.get("intro_event") is None:
            out["intro_event"] = "birth"
        return out
    return {}
