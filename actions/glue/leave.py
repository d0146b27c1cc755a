"""Leave around birth and adoption (issue 3): the parental-leave and breastfeeding forms and their
answer actions (Rasa glue only; reading in actions.lang.leave_reader, rendering in
actions.lang.render_leave, rules in actions.rules.parental_benefit / work_leave)."""
from __future__ import annotations

from datetime import date
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet

from actions.lang import render_leave
from actions.lang.leave_reader import (
    asks_coverage_difference,
    breastfeeding_questions,
    needs_employer,
    parental_input,
    parental_questions,
    read_breastfeeding,
    read_parental,
)
from actions.rules import parental_benefit as pb
from actions.rules import work_leave as wl

from .common import as_int, latest_text, send, today
from .forms import TopicFormValidation

PL_FORM = "parental_leave_form"
BF_FORM = "breastfeeding_form"
PL_SLOTS = ("pl_role", "pl_event", "pl_date", "pl_premature", "pl_due", "pl_coverage",
            "pl_coverage_explained", "pl_children", "pl_rights")
BF_SLOTS = ("bf_child_birth", "bf_hours", "bf_employer")


def pl_known(tracker: Tracker) -> dict[str, Any]:
    known = {name: tracker.get_slot(name) for name in PL_SLOTS}
    for name in ("pl_coverage", "pl_children"):
        known[name] = as_int(known[name])
    return known


def bf_known(tracker: Tracker) -> dict[str, Any]:
    known = {name: tracker.get_slot(name) for name in BF_SLOTS}
    try:
        known["bf_hours"] = None if known["bf_hours"] is None else float(known["bf_hours"])
    except (TypeError, ValueError):
        known["bf_hours"] = None
    return known


class ValidateParentalLeaveForm(TopicFormValidation):
    form = PL_FORM
    topic_intent = "ask_parental_leave"
    start_response = "utter_parental_leave_start"
    resume_marker = ("pl_role", "pl_date")

    def known(self, tracker):
        return pl_known(tracker)

    def questions(self, known):
        return parental_questions(known)

    def read(self, text, requested, known, activating):
        return read_parental(text, requested, known, today(), activating)


class ValidateBreastfeedingForm(TopicFormValidation):
    form = BF_FORM
    topic_intent = "ask_breastfeeding"
    start_response = "utter_breastfeeding_start"
    resume_marker = ("bf_child_birth", "bf_hours")

    def known(self, tracker):
        return bf_known(tracker)

    def questions(self, known):
        return breastfeeding_questions(known, today())

    def read(self, text, requested, known, activating):
        return read_breastfeeding(text, requested, known, today(), activating)


def parental_result(tracker: Tracker, **override) -> pb.ParentalBenefitResult:
    known = {**pl_known(tracker), **override}
    return pb.compute(parental_input(known))


def breastfeeding_result(tracker: Tracker) -> tuple[wl.BreastfeedingResult, bool]:
    known = bf_known(tracker)
    on = today()
    asked = needs_employer(known, on)
    employer = (known.get("bf_employer") if asked else None) or "private"
    result = wl.breastfeeding_time(date.fromisoformat(known["bf_child_birth"]), on,
                                   float(known.get("bf_hours") or 0.0), employer)
    return result, asked and known.get("bf_employer") is not None


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
        send(dispatcher, render_leave.parental_leave(result, tracker.get_slot("pl_role"), today()))
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
