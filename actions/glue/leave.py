"""Leave around birth and adoption (issue 3): the parental-leave and breastfeeding answer actions
(Rasa glue only). The forms are run by actions.glue.engine from data/interview/parental_leave.yml
and breastfeeding.yml; reading in actions.lang.parental_leave_reader / breastfeeding_reader,
rendering in actions.lang.render_leave, rules in actions.rules.parental_benefit / work_leave."""
from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet

from actions.lang import render_leave
from actions.lang.parental_leave_reader import asks_coverage_difference
from actions.rules import parental_benefit as pb
from actions.rules import work_leave as wl
from actions.rules.facts.parental_leave import plan_details

from .common import latest_text, send, today
from .engine import SPECS, known_facts, validator

PL_SPEC = SPECS["parental_leave"]  # data/interview/parental_leave.yml
BF_SPEC = SPECS["breastfeeding"]  # data/interview/breastfeeding.yml
ValidateParentalLeaveForm = validator(PL_SPEC)  # made by the engine (no class per topic)
ValidateBreastfeedingForm = validator(BF_SPEC)


def parental_result(tracker: Tracker, **override) -> pb.ParentalBenefitResult:
    known = {**known_facts(PL_SPEC, tracker), **override}
    return pb.compute(PL_SPEC.to_input(known, today()))


def breastfeeding_result(tracker: Tracker) -> tuple[wl.BreastfeedingResult, bool]:
    args = BF_SPEC.to_input(known_facts(BF_SPEC, tracker), today())
    asked = args.pop("employer_asked")
    return wl.breastfeeding_time(**args), asked


def _answered_before(tracker: Tracker, action: str) -> bool:
    """True when the answer was given earlier in the conversation (before this user message)."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen_user = True
        elif seen_user and event.get("event") == "action" and event.get("name") == action:
            return True
    return False


def send_coverage_difference(dispatcher, tracker: Tracker) -> None:
    full = reduced = None
    if tracker.get_slot("pl_date"):
        try:
            full = parental_result(tracker, pl_coverage=100)
            reduced = parental_result(tracker, pl_coverage=80)
        except (pb.EventDateNotSupported, ValueError):
            full = reduced = None
    if full is None or reduced is None:
        on = today()
        full = pb.compute(pb.ParentalBenefitInput.for_birth(due_date=on, coverage=100))
        reduced = pb.compute(pb.ParentalBenefitInput.for_birth(due_date=on, coverage=80))
    for text in render_leave.coverage_difference(full, reduced):
        dispatcher.utter_message(text=text)


class ActionParentalLeaveAnswer(Action):
    def name(self) -> str:
        return "action_parental_leave_answer"

    async def run(self, dispatcher, tracker, domain):
        try:
            result = parental_result(tracker)
        except (pb.EventDateNotSupported, ValueError):
            dispatcher.utter_message(response="utter_invalid_pl_date")
            return [SlotSet("pl_date", None)]
        if (asks_coverage_difference(latest_text(tracker))
                and _answered_before(tracker, self.name())):
            # The plan was given already; the user typed the follow-up question.
            send_coverage_difference(dispatcher, tracker)
            return [SlotSet("last_topic", "parental_leave")]
        role = tracker.get_slot("pl_role")
        send(dispatcher, render_leave.parental_leave(result, role, today(), plan_details(result, role)))
        return [SlotSet("last_topic", "parental_leave")]


class ActionParentalLeaveDetail(Action):
    """'Hva er forskjellen på 100 og 80 prosent?' for this family (or in general)."""

    def name(self) -> str:
        return "action_parental_leave_detail"

    async def run(self, dispatcher, tracker, domain):
        send_coverage_difference(dispatcher, tracker)
        return []


class ActionSimpleParentalLeave(Action):
    """'Forklar enklere' after a parental-leave answer."""

    def name(self) -> str:
        return "action_simple_parental_leave"

    async def run(self, dispatcher, tracker, domain):
        try:
            result = parental_result(tracker)
        except (pb.EventDateNotSupported, ValueError):
            dispatcher.utter_message(response="utter_explain_simpler_general")
            return []
        for text in render_leave.parental_leave_simple(result):
            dispatcher.utter_message(text=text)
        return []


class ActionBreastfeedingAnswer(Action):
    def name(self) -> str:
        return "action_breastfeeding_answer"

    async def run(self, dispatcher, tracker, domain):
        try:
            result, asked = breastfeeding_result(tracker)
        except (ValueError, TypeError, KeyError):
            dispatcher.utter_message(response="utter_invalid_bf_child_birth")
            return [SlotSet("bf_child_birth", None)]
        send(dispatcher, render_leave.breastfeeding(result, asked))
        return [SlotSet("last_topic", "breastfeeding")]


class ActionSimpleBreastfeeding(Action):
    def name(self) -> str:
        return "action_simple_breastfeeding"

    async def run(self, dispatcher, tracker, domain):
        try:
            result, _ = breastfeeding_result(tracker)
        except (ValueError, TypeError, KeyError):
            dispatcher.utter_message(response="utter_explain_simpler_general")
            return []
        for text in render_leave.breastfeeding_simple(result):
            dispatcher.utter_message(text=text)
        return []
