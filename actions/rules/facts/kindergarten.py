"""Kindergarten: slot values -> the rules core, and the prefill of data/interview/kindergarten.yml."""
from __future__ import annotations

from datetime import date
from typing import Any, Mapping

from .. import kindergarten as kg
from .intro_leave import date_of, precision_of


def birth_date_from_leave(slots: Mapping[str, Any], known: Mapping[str, Any]) -> dict:
    """A birth or due date told in another topic is the child's date here too: the intro leave
    (not a month-only due date), the parental leave (pl_date, an ISO date, unless an adoption) or
    the breastfeeding topic (bf_child_birth)."""
    if known.get("kg_birth_date") is not None:
        return {}
    value = slots.get("intro_date")
    if slots.get("intro_event") == "birth" and precision_of(value) == "day" and date_of(value) is not None:
        return {"kg_birth_date": value}
    for slot, event_ok in (("pl_date", slots.get("pl_event") in ("born", "expected")),
                           ("bf_child_birth", True)):
        day = date_of(slots.get(slot)) if event_ok else None
        if day is not None:
            return {"kg_birth_date": {"date": day.isoformat(), "precision": "day"}}
    return {}


def kindergarten_reminder(facts: Mapping[str, Any], today: date) -> kg.ApplicationReminder | None:
    birth = date_of(facts.get("kg_birth_date"))
    if birth is None:
        return None
    right = kg.statutory_right(birth)
    return kg.application_reminder(birth, right.right_from, today)


def next_application_deadline(today: date) -> date:
    """The next deadline of the main intake, on or after today."""
    nxt = kg.application_deadline(today.year)
    return nxt if nxt >= today else kg.application_deadline(today.year + 1)


def deadline_passed(facts: Mapping[str, Any], today: date) -> bool:
    """The main-intake deadline for the child's place has passed: when the family applied decides
    whether it has the right (data/interview/kindergarten.yml asks kg_applied)."""
    try:
        reminder = kindergarten_reminder(facts, today)
    except (kg.KindergartenRuleNotSupported, ValueError):
        return False
    return reminder is not None and reminder.deadline_passed


def application_check(facts: Mapping[str, Any], today: date) -> kg.ApplicationCheck | None:
    """kg_applied (a date, "no" or "unknown") -> the rules core's check, or None when not asked."""
    reminder = kindergarten_reminder(facts, today)
    value = facts.get("kg_applied")
    if reminder is None or value is None:
        return None
    if value == "unknown":
        return kg.application_check(reminder, None, known=False)
    return kg.application_check(reminder, date_of(value))
