"""Care days: form validation and the answer action (Rasa glue only)."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet

from actions.lang import render
from actions.lang.care_days_reader import (absence_months_from, children_from, needs_chronic_birth_years,
                                           read)
from actions.lang.simple import care_days_simple
from actions.rules import care_days as rules

from .common import send, send_parts, slot_int, today
from .forms import TopicFormValidation

FORM = "care_days_form"
KNOWN_SLOTS = ("children_count", "children_birth_years", "care_situation", "absence_months", "chronic_any",
               "chronic_count", "chronic_birth_years", "work_type", "care_year")


def known_slots(tracker: Tracker) -> dict[str, Any]:
    known = {name: tracker.get_slot(name) for name in KNOWN_SLOTS}
    for name in ("children_count", "chronic_count", "care_year"):
        known[name] = slot_int(tracker, name)
    return known


def care_days_questions(known: dict[str, Any]) -> list[str]:
    """The questions this family needs, in order: only what the answer depends on."""
    slots = ["children_count", "children_birth_years", "care_situation"]
    if known.get("care_situation") == "temporarily_alone":
        slots.append("absence_months")  # § 9-6 (3): doubled only for a long absence
    slots.append("chronic_any")
    if known.get("chronic_any") and (known.get("children_count") or 0) > 1:
        slots.append("chronic_count")
    if needs_chronic_birth_years(known):
        slots.append("chronic_birth_years")
    slots.append("work_type")
    return slots


def compute_from_slots(tracker: Tracker) -> rules.CareDaysResult:
    """The rules-core result for what the user has told us (slots -> plain data -> rules)."""
    known = known_slots(tracker)
    year = known.get("care_year") or today().year
    return rules.compute(rules.CareDaysInput(
        children=children_from(known, year),
        situation=rules.CareSituation(known.get("care_situation") or "together"),
        year=year,
        work_type=rules.WorkType(known.get("work_type") or "unknown"),
        absence_months=absence_months_from(known),
    ))


class ValidateCareDaysForm(TopicFormValidation):
    form = FORM
    topic_intent = "ask_care_days"
    start_response = "utter_care_days_start"
    resume_marker = ("children_count", "care_situation")

    def known(self, tracker):
        return known_slots(tracker)

    def questions(self, known):
        return care_days_questions(known)

    def read(self, text, requested, known, activating):
        return read(text, requested, known, today())


class ActionCareDaysAnswer(Action):
    def name(self) -> str:
        return "action_care_days_answer"

    async def run(self, dispatcher, tracker, domain):
        try:
            result = compute_from_slots(tracker)
        except rules.YearNotSupported:
            dispatcher.utter_message(response="utter_invalid_care_year_range")
            return [SlotSet("care_year", None)]
        send(dispatcher, render.care_days(result))
        return [SlotSet("last_topic", "care_days")]


class ActionCareDaysDetail(Action):
    def name(self) -> str:
        return "action_care_days_detail"

    async def run(self, dispatcher, tracker, domain):
        detail = next(tracker.get_latest_entity_values("care_detail"), None)
        if detail == "transfer" and tracker.get_slot("children_count"):
            for text in render.transfer_text(compute_from_slots(tracker)):
                dispatcher.utter_message(text=text)
            return []
        response = {"carers": "utter_care_days_carers"}.get(detail or "", "utter_care_days_not_covered")
        send_parts(dispatcher, domain, response)
        return []


class ActionSimpleCareDays(Action):
    """'Forklar enklere' after a care-days answer (see ActionExplainSimpler)."""

    def name(self) -> str:
        return "action_simple_care_days"

    async def run(self, dispatcher, tracker, domain):
        if not tracker.get_slot("children_count"):
            dispatcher.utter_message(response="utter_explain_simpler_general")
            return []
        for text in care_days_simple(compute_from_slots(tracker)):
            dispatcher.utter_message(text=text)
        return []
