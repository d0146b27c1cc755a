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

# "Vet ikke" in the forms people write it (bokmål, nynorsk, learner spellings, English), and the
# "Hopp over" button: a valid answer to every question; the spec's `unknown` says what it means.
DONT_KNOW = re.compile(
    r"\b(?:vet|veit|ved|vett|vait|wet)\s*(?:ikke|ikkje|ikk|ik|ike|ikek|ikkr|ikkee|ei)\b"
    r"|\b(?:vetikke|veitikkje|vetike)\b"
    r"|\b(?:aner|husker|huskar|minnes)\s+(?:ikke|ikkje|ike)\b|\bingen\s+anelse\b"
    r"|\b(?:ikke|ikkje|ike)\s+(?:sikker|sikkert|viss)\b|\busikker\b"
    r"|\bhopp(?:e|er)?\s+over\b|\bskip\b|\b(?:don'?t|do\s+not)\s+know\b|\bno\s+idea\b|\bnie\s+wiem\b",
    re.IGNORECASE)
HUMAN_BUTTON = {"title": "Snakk med et menneske", "payload": "/human_handover"}
DONT_KNOW_BUTTON = {"title": "Vet ikke", "payload": "Vet ikke"}
SKIP_BUTTON = {"title": "Hopp over", "payload": "Hopp over"}
SWITCH_CONFIDENCE = 0.8  # a question about another topic this sure switches even with facts in it
QUESTION = re.compile(r"\?|^\s*(?:hva|hvor|hvordan|hvem|hvilke\w*|hvorfor|når|kva|kor|korleis|kven|kvifor"
                      r"|kan (?:jeg|vi|eg|man)|får (?:jeg|vi|eg|man)|har (?:jeg|vi|eg) rett)\b", re.I)
MISSES_SLOT = "interview_misses"  # "<slot>:<n>": answers in a row that missed the open question


def is_question(text: str) -> bool:
    return bool(QUESTION.search(text or ""))


def says_dont_know(text: str) -> bool:
    return bool(DONT_KNOW.search(text or ""))


def misses_before(tracker: Tracker, slot: str | None) -> int:
    """How many answers in a row missed the question `slot` (kept in a slot: replicas share only
    the tracker)."""
    value = str(tracker.get_slot(MISSES_SLOT) or "")
    name, _, count = value.rpartition(":")
    return int(count) if slot and name == slot and count.isdigit() else 0


def oos_topic(tracker: Tracker) -> str | None:
    for entity in (tracker.latest_message or {}).get("entities") or ():
        if entity.get("entity") == "oos_topic":
            return entity.get("value")
    return None


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
        """A control question or another topic, with no answer in it: let a rule answer. A clear
        question about another topic switches even when a reader finds facts in it ("Når får vi
        barnehageplass? Barnet er født 10. oktober" read as one child in the care-days form); so
        does a fairly sure one that does not answer the open question (that topic's form reads
        the facts itself: "når har barnet rett til barnehage? han er født 5. mai")."""
        if confidence < INTERRUPT_CONFIDENCE:
            return False
        if intent in ALWAYS_INTERRUPT:
            return True
        interrupts = INTERRUPT_INTENTS | (TOPIC_INTENTS - {spec.intent})
        other_topic = intent in TOPIC_INTENTS - {spec.intent}
        if other_topic and confidence >= SWITCH_CONFIDENCE and is_question(text):
            return True
        if (other_topic and confidence >= TOPIC_QUESTION_CONFIDENCE
                and requested and requested not in reading.slots and _QUESTION.search(text or "")):
            return True
        # Problems don't count: a question read as an answer ("hvorfor?" as a municipality) is not one.
        return intent in interrupts and all(s in reading.weak for s in reading.slots)

    # -- never loop (issue 13) ----------------------------------------------------------------
    def _question_buttons(self, slot: str) -> list[dict]:
        return [{"title": b.title, "payload": b.payload} for b in self.spec.fact(slot).buttons]

    def missed(self, dispatcher, tracker, known, requested, reading, on) -> list:
        """An answer that holds nothing for the open question: the first miss re-asks and says what
        is possible; the second also offers "vet ikke" (or skip) and a person; the third goes on as
        if the user had said "vet ikke", and says what it assumed."""
        n = misses_before(tracker, requested) + 1
        if n >= 3:
            return self.apply_unknown(dispatcher, known, requested, on, said=False)
        buttons = [{"title": t, "payload": p} for t, p in reading.choices] or None
        if reading.problems:
            for problem in reading.problems:
                dispatcher.utter_message(response=f"utter_invalid_{problem}", buttons=buttons)
        else:
            dispatcher.utter_message(response=f"utter_invalid_{requested}")
        for code, values in reading.notices:
            dispatcher.utter_message(response=f"utter_{code}", **values)
        events = [SlotSet(name, value) for name, value in reading.slots.items()]
        if n == 2:
            stops = self.spec.fact(requested).unknown.stops
            if stops:
                self._utter_find(dispatcher, requested)
            dispatcher.utter_message(
                response="utter_stuck_stop" if stops else "utter_stuck",
                buttons=[SKIP_BUTTON if stops else DONT_KNOW_BUTTON, HUMAN_BUTTON])
        return events + [SlotSet(requested, None), SlotSet(MISSES_SLOT, f"{requested}:{n}"),
                         SlotSet("requested_slot", requested)]

    def dont_know(self, dispatcher, tracker, known, requested, reading, on) -> list:
        """ "Vet ikke" (or "hopp over") at the open question: the spec's assumption, said; for a fact
        with no assumption, first how to find it (with "Hopp over" and a person), then the general rule."""
        events = [SlotSet(name, value) for name, value in reading.slots.items()]
        for name, value in reading.slots.items():
            known[name] = value
        n = misses_before(tracker, requested) + 1
        unknown = self.spec.fact(requested).unknown
        if unknown.stops and n == 1 and not re.search(r"hopp|skip", latest_text(tracker), re.I):
            self._utter_find(dispatcher, requested)
            dispatcher.utter_message(response="utter_stuck_stop", buttons=[SKIP_BUTTON, HUMAN_BUTTON])
            return events + [SlotSet(requested, None), SlotSet(MISSES_SLOT, f"{requested}:{n}"),
                             SlotSet("requested_slot", requested)]
        return events + self.apply_unknown(dispatcher, known, requested, on, said=True)

    def _utter_find(self, dispatcher, slot: str) -> None:
        responses = _domain_responses()
        dispatcher.utter_message(response=f"utter_find_{slot}" if f"utter_find_{slot}" in responses
                                 else "utter_find_general")

    def apply_unknown(self, dispatcher, known, requested, on, said: bool) -> list:
        """Go on without the answer: the assumed value (said), or stop with the general rule."""
        spec = self.spec
        value = spec.fact(requested).unknown.value(on)
        if value is None:
            if not said:
                self._utter_find(dispatcher, requested)
            dispatcher.utter_message(response="utter_interview_stopped")
            responses = _domain_responses()
            base = f"utter_topic_{spec.topic}"
            if base in responses:
                dispatcher.utter_message(response=base)
                i = 2
                while f"{base}_{i}" in responses:
                    dispatcher.utter_message(response=f"{base}_{i}")
                    i += 1
            dispatcher.utter_message(response="utter_interview_stopped_2", buttons=[HUMAN_BUTTON])
            # The form ends without its computed answer: listen next (not the answer action).
            return [SlotSet(requested, None), SlotSet(MISSES_SLOT, None), SlotSet("last_topic", spec.topic),
                    SlotSet("requested_slot", None), FollowupAction("action_listen")]
        dispatcher.utter_message(response=f"utter_assume_{requested}")
        known[requested] = value
        events = [SlotSet(requested, value), SlotSet(MISSES_SLOT, None)]
        missing = spec.missing(known, on)
        return events + [SlotSet("requested_slot", missing[0] if missing else None)]

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
        if activating and after_user_message(tracker, spec.form):
            language = next((e.get("value") for e in (tracker.latest_message or {}).get("entities") or ()
                             if e.get("entity") == "msg_language"), None)
            if language and f"utter_language_note_{language}" in _domain_responses():
                dispatcher.utter_message(response=f"utter_language_note_{language}")
        if after_user_message(tracker, spec.form):
            reading = read_message(spec, latest_text(tracker), requested, known, on, activating)
            intent, confidence = latest_intent(tracker)
            text = latest_text(tracker)
            dont_know = (not activating and bool(requested) and requested not in reading.slots
                         and intent not in ALWAYS_INTERRUPT and says_dont_know(text))
            unclear_oos = intent == "out_of_scope" and oos_topic(tracker) in (None, "annet")
            if (not activating and not dont_know and not (requested and unclear_oos)
                    and self.steps_aside(spec, intent, confidence, reading, requested, text)):
                return []  # reject: a rule answers the question, then the form goes on
            if requested and not activating:
                new_facts = any(known.get(k) != v for k, v in reading.slots.items())
                if dont_know and reading.problems and not misses_before(tracker, requested):
                    # the reader answers "vet ikke" itself first (e.g. explains the choices)
                    return self.missed(dispatcher, tracker, known, requested, reading, on)
                if dont_know:
                    return self.dont_know(dispatcher, tracker, known, requested, reading, on)
                if requested not in reading.slots and not new_facts:
                    return self.missed(dispatcher, tracker, known, requested, reading, on)
                if tracker.get_slot(MISSES_SLOT):
                    events.append(SlotSet(MISSES_SLOT, None))
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


@lru_cache(maxsize=1)
def _domain_responses() -> dict:
    from actions.interview.spec import domain_responses
    return domain_responses()


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

