"""Care days: the answer actions (Rasa glue only). The form is run by actions.glue.engine from
data/interview/care_days.yml."""
from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet

from actions.lang import render
from actions.lang.simple import care_days_simple
from actions.rules import care_days as rules
from actions.rules.facts import care_days as facts_map

from .common import send, send_parts, today
from .engine import SPECS, known_facts, validator

SPEC = SPECS["care_days"]  # data/interview/care_days.yml: the questions, conditions and inputs
ValidateCareDaysForm = validator(SPEC)  # made by the engine (no class per topic)


def compute_from_slots(tracker: Tracker) -> rules.CareDaysResult:
    """The rules-core result for what the user has told us (slots -> plain data -> rules)."""
    return rules.compute(SPEC.to_input(known_facts(SPEC, tracker), today()))


def follow_up_reply(question: str | None, result: rules.CareDaysResult, facts: dict):
    """The answer to a follow-up (care_question) from the same result, or None."""
    if question == "transfer":
        partner = facts_map.partner_from(facts)
        if partner is rules.Partner.COHABITANT and facts.get("months_together") == facts_map.UNKNOWN:
            partner = None  # "vet ikke": the general rule with the 12-month condition
        transferred = None if partner is None and result.situation is rules.CareSituation.ALONE else \
            rules.transfer(result, partner or rules.Partner.SPOUSE, facts_map.months_together_from(facts),
                           facts_map.days_used_from(facts) or 0)
        years_known = isinstance(facts.get("children_birth_years"), list)
        period = rules.transfer_period(result.in_scope, today()) if years_known else None
        return render.transfer_reply(result, transferred, partner.value if partner else None, period)
    if question == "how_long":
        return render.how_long_reply(result, rules.rights_until(result),
                                     isinstance(facts.get("children_birth_years"), list))
    if question == "payer":
        return render.payer_reply(result)
    if question == "use_all":
        return render.use_all_reply(result)
    if question == "left":
        return render.days_left_reply(result, facts.get("days_used") == facts_map.UNKNOWN)
    return None


class ActionCareDaysAnswer(Action):
    def name(self) -> str:
        return "action_care_days_answer"

    async def run(self, dispatcher, tracker, domain):
        try:
            result = compute_from_slots(tracker)
        except rules.YearNotSupported:
            dispatcher.utter_message(response="utter_invalid_care_year_range")
            return [SlotSet("care_year", None)]
        facts = known_facts(SPEC, tracker)
        question = facts.get("care_question")
        # A follow-up after an answer ("kan jeg overføre dager?", "hvor lenge varer de?") gets its
        # own answer from the same result; in the first question it comes after the full answer.
        answered_before = tracker.get_slot("last_topic") == "care_days"
        extra = follow_up_reply(question, result, facts)
        if extra is None or not answered_before:
            reply = render.care_days(result, facts.get("days_used") == facts_map.UNKNOWN)
            if extra is not None and question not in ("left", "payer"):
                reply.messages.pop()  # "Vil du vite noe mer?" comes after the follow-up
                reply.buttons = []
                send(dispatcher, reply)
                send(dispatcher, extra)
            else:
                send(dispatcher, reply)
        else:
            send(dispatcher, extra)
        return [SlotSet("last_topic", "care_days"), SlotSet("care_question", None)]


class ActionCareDaysDetail(Action):
    def name(self) -> str:
        return "action_care_days_detail"

    async def run(self, dispatcher, tracker, domain):
        detail = next(tracker.get_latest_entity_values("care_detail"), None)
        if detail == "transfer" and tracker.get_slot("children_count"):
            facts = known_facts(SPEC, tracker)
            result = compute_from_slots(tracker)
            if result.situation is rules.CareSituation.ALONE and facts.get("partner_kind") is None:
                # Who gets the days decides the answer: the form asks it (spouse or cohabitant, how long).
                return [SlotSet("care_question", "transfer"), FollowupAction(SPEC.form)]
            send(dispatcher, follow_up_reply("transfer", result, facts))
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
