"""Care days: the answer actions (Rasa glue only). The form is run by actions.glue.engine from
data/interview/care_days.yml."""
from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet

from actions.lang import render
from actions.lang.simple import care_days_simple
from actions.rules import care_days as rules

from .common import send, send_parts, today
from .engine import SPECS, known_facts, validator

SPEC = SPECS["care_days"]  # data/interview/care_days.yml: the questions, conditions and inputs
ValidateCareDaysForm = validator(SPEC)  # made by the engine (no class per topic)


def compute_from_slots(tracker: Tracker) -> rules.CareDaysResult:
    """The rules-core result for what the user has told us (slots -> plain data -> rules)."""
    return rules.compute(SPEC.to_input(known_facts(SPEC, tracker), today()))


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
