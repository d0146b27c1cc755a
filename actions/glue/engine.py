"""The interview engine: one Rasa form validation for every topic, driven by its spec
(data/interview/<topic>.yml, loaded by actions.interview.spec).

For each form the engine
- asks only what the goal still needs: `required_slots` are the spec's facts whose condition holds
  for what is known, in the spec's order (docassemble-style; no order is coded here);
- reads the whole user message with the topic's reader (actions/lang), so every fact the message
  holds is taken, not just the one asked;
- steps aside when the message is a control question or another topic and holds no answer (a rule
  answers, then the form goes on), and replies kindly to bad input with 'utter_invalid_<code>';
- on a changed answer ("nei, fire barn") clears the facts that depend on it (the spec's
  `dependents`, unless their `keep_when` still holds), so only those are asked again.

A topic needs no class here: `validator(spec)` builds the FormValidationAction at import time for
every spec (rasa_sdk registers every concrete Action subclass), and `answer_action(spec)` builds a
generic answer action for specs that name a `rules` function and a `render` function.
"""
from __future__ import annotations

import inspect
import re
from abc import ABC, abstractmethod
import logging
from datetime import date
from functools import lru_cache
from typing import Any, Callable

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.catalogue.municipalities import municipalities
from actions.interview.spec import TopicSpec, fact, load_specs
from actions.lang.municipality_names import MunicipalityMatcher
from actions.rules.facts import breastfeeding as bf_facts

from .common import (
    ALWAYS_INTERRUPT,
    INTERRUPT_CONFIDENCE,
    INTERRUPT_INTENTS,
    TOPIC_INTENTS,
    after_user_message,
    latest_intent,
    latest_text,
    loop_activated_this_turn,
    send,
    today,
)

logger = logging.getLogger(__name__)
# A question ("...?", or one that starts with a question word) about another topic, at least this
# sure, leaves the form even when it also holds facts.
TOPIC_QUESTION_CONFIDENCE = 0.7
# A short follow-up after a topic's answer ("til når varer permisjonen?") that NLU sends to another
# topic's form goes back to the answer it follows: topic -> (its answer action, reader of the
# follow-up). The topics' glue modules register here (actions/glue/intro.py).
FOLLOW_UPS: dict[str, tuple[str, Callable[[str], bool]]] = {}
# Topics whose answer may be corrected after it was given ("nei, termin er 10. mars"): the glue of
# each registers its topic here (their answer actions then listen again).
CORRECTABLE: set[str] = set()
_QUESTION = re.compile(r"\?|^\s*(når|hvor|hva|hvordan|kan|har|får|kor|kva|korleis|kva tid|er det)\b", re.I)


@lru_cache(maxsize=1)
def municipality_matcher() -> MunicipalityMatcher:
    return MunicipalityMatcher(municipalities())


# What a reader may be given besides the text (a spec lists the names it needs in `reader_context`).
CONTEXT: dict[str, Callable[[date], Any]] = {
    "municipalities": lambda on: municipality_matcher(),
    "full_day_hours": bf_facts.full_day_hours,
}


def coerce(value: Any, kind: str) -> Any:
    """A slot value as the spec's type says (float slots come back as 3.0)."""
    if value is None:
        return None
    try:
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
    except (TypeError, ValueError):
        return None
    return value


def _type_of(spec: TopicSpec, slot: str) -> str:
    try:
        return spec.fact(slot).type
    except KeyError:
        try:
            return fact(slot).type
        except KeyError:
            return "any"


def known_facts(spec: TopicSpec, tracker: Tracker) -> dict[str, Any]:
    """The answers so far, as plain values of the spec's types."""
    return {s: coerce(tracker.get_slot(s), _type_of(spec, s)) for s in spec.known_slots}


def read_message(spec: TopicSpec, text: str, requested: str | None, known: dict, on: date,
                 activating: bool):
    """Run the topic's reader with what its signature asks for."""
    params = inspect.signature(spec.reader).parameters
    kwargs = {name: CONTEXT[name](on) for name in spec.reader_context}
    if "activating" in params:
        kwargs["activating"] = activating
    return spec.reader(text, requested, known, on, **kwargs)


def dependents_to_clear(spec: TopicSpec, before: dict, known: dict, read: dict, on: date) -> list[str]:
    """The facts to ask again after the reading `read` changed answers in `known` (updated in place).
    A dependent is kept while its `keep_when` holds; what is cleared clears its own dependents."""
    queue = [s for s, v in read.items() if before.get(s) is not None and before.get(s) != v]
    cleared: list[str] = []
    while queue:
        slot = queue.pop(0)
        if slot not in spec.slots:
            continue
        for dep in spec.fact(slot).dependents:
            if dep in read or dep in cleared or known.get(dep) is None:
                continue
            keep = spec.fact(dep).keep_when
            if keep is not None and keep(known, on, spec.predicates):
                continue
            known[dep] = None
            cleared.append(dep)
            queue.append(dep)
    return cleared


class SpecFormValidation(FormValidationAction):
    """Abstract (no spec, so rasa_sdk does not register it): `validator(spec)` makes the concrete
    class for each form."""

    @property
    @abstractmethod
    def spec(self) -> TopicSpec:
        """The topic's interview spec (a class attribute in the concrete classes)."""

    def name(self) -> str:
        return f"validate_{self.spec.form}"

    def resumed(self, known: dict, on: date) -> bool:
        markers = self.spec.resume_marker or tuple(self.spec.questions(known, on))
        return any(known.get(s) is not None for s in markers)

    async def required_slots(self, domain_slots, dispatcher, tracker, domain):
        return self.spec.questions(known_facts(self.spec, tracker), today())

    @staticmethod
    def steps_aside(spec: TopicSpec, intent: str | None, confidence: float, reading,
                    requested: str | None = None, text: str = "") -> bool:
        """A control question or another topic, with no answer in it: let a rule answer."""
        if confidence < INTERRUPT_CONFIDENCE:
            return False
        if intent in ALWAYS_INTERRUPT:
            return True
        interrupts = INTERRUPT_INTENTS | (TOPIC_INTENTS - {spec.intent})
        if (intent in TOPIC_INTENTS - {spec.intent} and confidence >= TOPIC_QUESTION_CONFIDENCE
                and requested and requested not in reading.slots and _QUESTION.search(text or "")):
            # A question about another topic goes there even when it holds facts; that topic's
            # form reads them itself ("når har barnet rett til barnehage? han er født 5. mai").
            return True
        # Problems don't count: a question read as an answer ("hvorfor?" as a municipality) is not one.
        return intent in interrupts and all(s in reading.weak for s in reading.slots)

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> list:
        spec, on = self.spec, today()
        known = known_facts(spec, tracker)
        requested = tracker.get_slot("requested_slot")
        activating = ((tracker.active_loop or {}).get("name") != spec.form
                      or loop_activated_this_turn(tracker, spec.form))
        if activating:
            requested = None
        resumed = self.resumed(known, on)
        events: list = []
        if activating and spec.prefill is not None:
            for name, value in spec.prefill(tracker.current_slot_values(), known).items():
                events.append(SlotSet(name, value))
                known[name] = value
        last = tracker.get_slot("last_topic")
        if (activating and last != spec.topic and last in FOLLOW_UPS
                and after_user_message(tracker, spec.form) and FOLLOW_UPS[last][1](latest_text(tracker))):
            return [SlotSet("requested_slot", None), ActiveLoop(None), FollowupAction(FOLLOW_UPS[last][0])]
        if after_user_message(tracker, spec.form):
            reading = read_message(spec, latest_text(tracker), requested, known, on, activating)
            intent, confidence = latest_intent(tracker)
            if not activating and self.steps_aside(spec, intent, confidence, reading, requested,
                                                   latest_text(tracker)):
                return []  # reject: a rule answers the question, then the form goes on
            if reading.empty and not activating and requested:
                dispatcher.utter_message(response=f"utter_invalid_{requested}")
                return [SlotSet(requested, None), SlotSet("requested_slot", requested)]
            buttons = [{"title": t, "payload": p} for t, p in reading.choices] or None
            for problem in reading.problems:
                dispatcher.utter_message(response=f"utter_invalid_{problem}", buttons=buttons)
            for code, values in reading.notices:
                dispatcher.utter_message(response=f"utter_{code}", **values)
            before = dict(known)
            for name, value in reading.slots.items():
                events.append(SlotSet(name, value))
                known[name] = value
            for name in dependents_to_clear(spec, before, known, reading.slots, on):
                events.append(SlotSet(name, None))
            if reading.problems and requested and requested not in reading.slots:
                events.append(SlotSet(requested, None))
        missing = spec.missing(known, on)
        if activating and missing and not resumed and spec.start:
            dispatcher.utter_message(response=spec.start)
        events.append(SlotSet("requested_slot", missing[0] if missing else None))
        return events


class SpecAnswer(Action, ABC):
    """Abstract (no spec): the generic answer of a topic whose spec names `rules` and `render`:
    facts -> rules input (by the facts' `input` names or the spec's `rules_input`) -> the rules
    function -> the Norwegian renderer -> the channel."""

    @property
    @abstractmethod
    def spec(self) -> TopicSpec:
        """The topic's interview spec (a class attribute in the concrete classes)."""

    def name(self) -> str:
        return self.spec.answer

    async def run(self, dispatcher, tracker, domain):
        spec, on = self.spec, today()
        result = spec.rules(spec.to_input(known_facts(spec, tracker), on))
        send(dispatcher, spec.render(result))
        return [SlotSet("last_topic", spec.topic)]


VALIDATORS: dict[str, type] = {}
ANSWERS: dict[str, type] = {}


def _class_name(prefix: str, topic: str) -> str:
    return prefix + "".join(part.title() for part in topic.split("_"))


def validator(spec: TopicSpec) -> type:
    """The FormValidationAction class of a spec's form (made once per form)."""
    if spec.form not in VALIDATORS or VALIDATORS[spec.form].spec is not spec:
        VALIDATORS[spec.form] = type(_class_name("Validate", spec.topic) + "Form", (SpecFormValidation,),
                                     {"spec": spec, "__module__": __name__})
    return VALIDATORS[spec.form]


def answer_action(spec: TopicSpec) -> type | None:
    """The generic answer action, for specs with `rules` and `render` (None otherwise)."""
    if spec.rules is None or spec.render is None or not spec.answer:
        return None
    if spec.answer not in ANSWERS or ANSWERS[spec.answer].spec is not spec:
        ANSWERS[spec.answer] = type(_class_name("Answer", spec.topic), (SpecAnswer,),
                                    {"spec": spec, "__module__": __name__})
    return ANSWERS[spec.answer]


SPECS = load_specs()
for _spec in SPECS.values():
    validator(_spec)
    answer_action(_spec)


def correction_after_answer(tracker: Tracker) -> list | None:
    """After a topic's answer (`last_topic`), a message that changes one of its facts ("unnskyld,
    termin er 10. mars") is a correction: the facts are updated, what depends on them is cleared,
    and the form asks what is now missing or the answer is given again. None: not a correction."""
    topic = tracker.get_slot("last_topic")
    spec = SPECS.get(topic)
    if spec is None or topic not in CORRECTABLE or (tracker.active_loop or {}).get("name"):
        return None
    on = today()
    known = known_facts(spec, tracker)
    reading = read_message(spec, latest_text(tracker), None, known, on, activating=False)
    changed = {s: v for s, v in reading.slots.items()
               if s in spec.known_slots and s not in reading.weak and known.get(s) is not None
               and known.get(s) != v}
    if not changed:
        return None
    before = dict(known)
    known.update(changed)
    cleared = dependents_to_clear(spec, before, known, changed, on)
    events: list = [SlotSet(k, v) for k, v in changed.items()] + [SlotSet(k, None) for k in cleared]
    return events + [FollowupAction(spec.form if spec.missing(known, on) else spec.answer)]


class ActionInformNoQuestion(Action):
    """Facts with no question open: a correction of the last answer, or what the bot can do."""

    def name(self) -> str:
        return "action_inform_no_question"

    async def run(self, dispatcher, tracker, domain):
        events = correction_after_answer(tracker)
        if events is None:
            dispatcher.utter_message(response="utter_what_can_i_do")
            return []
        return events
