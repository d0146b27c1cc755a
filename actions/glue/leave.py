"""Leave around birth and adoption (issue 3): the parental-leave and breastfeeding answer actions
(Rasa glue only). The forms are run by actions.glue.engine from data/interview/parental_leave.yml
and breastfeeding.yml; reading in actions.lang.parental_leave_reader / breastfeeding_reader,
rendering in actions.lang.render_leave, rules in actions.rules.parental_benefit / work_leave."""
from __future__ import annotations

import re
from datetime import date

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet

from actions.lang import render_leave
from actions.lang.parental_leave_reader import asks_coverage_difference, follow_up_kind
from actions.rules import parental_benefit as pb
from actions.rules import work_leave as wl
from actions.rules.facts.parental_leave import early_case, plan_details

from .common import latest_intent, latest_text, send, today
from .engine import SPECS, dependents_to_clear, known_facts, read_message, validator

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
        send_parental_answer(dispatcher, tracker, known_facts(PL_SPEC, tracker),
                             _answered_before(tracker, self.name()))
        return [SlotSet("last_topic", "parental_leave")]


def send_parental_answer(dispatcher, tracker: Tracker, known: dict, answered_before: bool) -> None:
    """The plan, or, when the plan was given already and the user asks a follow-up about it, the
    answer to that question from the same result."""
    on, text = today(), latest_text(tracker)
    role = known.get("pl_role")
    early = early_case(known)
    if early is not None:  # before the first rule version the tables hold
        day = date.fromisoformat(str(known.get("pl_date")))
        send(dispatcher, render_leave.early_case(role, known.get("pl_event"), day, early))
        return
    try:
        result = pb.compute(PL_SPEC.to_input(known, on))
    except (pb.EventDateNotSupported, ValueError):
        dispatcher.utter_message(response="utter_invalid_pl_date")
        return
    if answered_before and asks_coverage_difference(text):
        # The plan was given already; the user typed the follow-up question.
        send_coverage_difference(dispatcher, tracker)
        return
    details = plan_details(result, role)
    kind = follow_up_kind(text) if answered_before and result.eligible else None
    texts = render_leave.follow_up(kind, result, on, details) if kind else []
    if texts:
        for t in texts:
            if t:
                dispatcher.utter_message(text=t)
        return
    send(dispatcher, render_leave.parental_leave(result, role, on, details))


class ActionAnswerWithoutQuestion(Action):
    """A message that is not a question ("nei, 5. mars", "tvillinger") after an answer: read it as a
    change of that answer's facts and answer again; otherwise the usual reply (issue 13)."""

    def name(self) -> str:
        return "action_answer_without_question"

    async def run(self, dispatcher, tracker, domain):
        events = self.handle(dispatcher, tracker)
        if events is None:
            events = self.start_from_facts(dispatcher, tracker)
        if events is not None:
            return events
        intent, _ = latest_intent(tracker)
        dispatcher.utter_message(response="utter_deny_no_context" if intent == "deny" else "utter_what_can_i_do")
        return []

    @staticmethod
    def handle(dispatcher, tracker) -> list | None:
        """The events when the message changes a parental-leave or breastfeeding answer, asks a
        follow-up on it, or tells such facts without a question; None when it does none of these
        (action_correct_answer then tries the other topics)."""
        topic = tracker.get_slot("last_topic")
        spec = SPECS.get(topic or "")
        text = latest_text(tracker)
        intent, _ = latest_intent(tracker)
        if spec is not None and topic in ("parental_leave", "breastfeeding") and text:
            on = today()
            known = known_facts(spec, tracker)
            reading = read_message(spec, text, None, known, on, True)
            strong = {k: v for k, v in reading.slots.items() if k not in reading.weak}
            follow = topic == "parental_leave" and follow_up_kind(text) is not None
            if strong or follow:
                for problem in reading.problems:
                    dispatcher.utter_message(response=f"utter_invalid_{problem}")
                for code, values in reading.notices:
                    dispatcher.utter_message(response=f"utter_{code}", **values)
                before = dict(known)
                events = [SlotSet(k, v) for k, v in strong.items()]
                known.update(strong)
                for name in dependents_to_clear(spec, before, known, strong, on):
                    events.append(SlotSet(name, None))
                if spec.missing(known, on):
                    return events + [FollowupAction(spec.form)]
                if topic == "parental_leave":
                    send_parental_answer(dispatcher, tracker, known, answered_before=not strong)
                else:
                    args = spec.to_input(known, on)
                    asked = args.pop("employer_asked")
                    send(dispatcher, render_leave.breastfeeding(wl.breastfeeding_time(**args), asked))
                return events + [SlotSet("last_topic", topic)]
        return None

    @staticmethod
    def start_from_facts(dispatcher, tracker) -> list | None:
        """Facts about a birth or breastfeeding told without a question ("Jeg er mor, termin 3.
        mars"): start that topic's form with what the message says; None when it holds none.
        Asked after the last topic's own reader found nothing to correct."""
        text = latest_text(tracker)
        if text and not tracker.active_loop_name:
            on = today()
            for spec, hint in ((PL_SPEC, None), (BF_SPEC, _BREASTFEEDING_WORDS)):
                if hint is not None and not hint.search(text):
                    continue
                reading = read_message(spec, text, None, {}, on, True)
                strong = {k: v for k, v in reading.slots.items() if k not in reading.weak}
                if spec is PL_SPEC and not {"pl_event", "pl_date", "pl_role"} & set(strong):
                    continue
                # The form starts after this action, so it does not read the message: keep what it says.
                if any(strong.get(m) is not None for m in spec.resume_marker):
                    dispatcher.utter_message(response=spec.start)  # the form takes it as resumed
                for problem in reading.problems:
                    dispatcher.utter_message(response=f"utter_invalid_{problem}")
                for code, values in reading.notices:
                    dispatcher.utter_message(response=f"utter_{code}", **values)
                return [SlotSet(k, v) for k, v in strong.items()] + [FollowupAction(spec.form)]
        return None


_BREASTFEEDING_WORDS = re.compile(r"\b(amm\w*|brystmelk|pumpe\w*)\b", re.I)


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
