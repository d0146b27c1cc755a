"""Kindergarten: slot values -> the rules core, and the prefill of data/interview/kindergarten.yml."""
from __future__ import annotations

from datetime import date
from typing import Any, Mapping

from .. import kindergarten as kg
from .intro_leave import date_of, precision_of


def birth_date_from_leave(slots: Mapping[str, Any], known: Mapping[str, Any]) -> dict:
    """After the intro-leave answer the birth date is known already (not a month-only due date)."""
    value = slots.get("intro_date")
    if (known.get("kg_birth_date") is None and slots.get("intro_event") == "birth"
            and precision_of(value) == "day" and date_of(value) is not None):
        return {"kg_birth_date": value}
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
