"""One validation loop for every topic form.

Each form reads the whole user message with its pure reader (actions/lang/*_reader.py), steps
aside when the message is a control question or another topic and holds no answer (so a rule
answers, then the form goes on), replies kindly to bad input with 'utter_invalid_<code>', and asks
only the questions the answer needs (dynamic required slots). Subclasses say what differs.
"""
from __future__ import annotations

from abc import abstractmethod
from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from .common import (
    ALWAYS_INTERRUPT,
    INTERRUPT_CONFIDENCE,
    INTERRUPT_INTENTS,
    TOPIC_INTENTS,
    after_user_message,
    latest_intent,
    latest_text,
    loop_activated_this_turn,
)


class TopicFormValidation(FormValidationAction):
    """Abstract: rasa_sdk registers only the concrete forms.

    `read` returns an actions.lang.reading.Reading.
    """

    form = ""
    topic_intent = ""
    start_response: str | None = None  # sent once when the form starts fresh
    resume_marker: tuple[str, ...] = ()  # answers that show the form was started before

    def name(self) -> str:
        return f"validate_{self.form}"

    @abstractmethod
    def known(self, tracker: Tracker) -> dict[str, Any]:
        """The answers so far, as plain values."""

    @abstractmethod
    def questions(self, known: dict[str, Any]) -> list[str]:
        """The questions this situation needs, in order."""

    @abstractmethod
    def read(self, text: str, requested: str | None, known: dict[str, Any], activating: bool):
        """One message -> a reading (see the class docstring)."""

    def prefill(self, tracker: Tracker, known: dict[str, Any]) -> dict[str, Any]:
        """Answers this form can take from another topic's slots when it starts."""
        return {}

    def on_change(self, name: str, value: Any, known: dict[str, Any]) -> dict[str, Any]:
        """Slots to reset when an answer changes (e.g. a date another answer depends on)."""
        return {}

    def resumed(self, known: dict[str, Any]) -> bool:
        markers = self.resume_marker or tuple(self.questions(known))
        return any(known.get(s) is not None for s in markers)

    async def required_slots(self, domain_slots, dispatcher, tracker, domain):
        return self.questions(self.known(tracker))

    def steps_aside(self, intent: str | None, confidence: float, reading) -> bool:
        """A control question or another topic, with no answer in it: let a rule answer."""
        if confidence < INTERRUPT_CONFIDENCE:
            return False
        if intent in ALWAYS_INTERRUPT:
            return True
        interrupts = INTERRUPT_INTENTS | (TOPIC_INTENTS - {self.topic_intent})
        # Problems don't count: a question read as an answer ("hvorfor?" as a municipality) is not one.
        return intent in interrupts and all(s in reading.weak for s in reading.slots)

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> list:
        known = self.known(tracker)
        requested = tracker.get_slot("requested_slot")
        activating = ((tracker.active_loop or {}).get("name") != self.form
                      or loop_activated_this_turn(tracker, self.form))
        if activating:
            requested = None
        resumed = self.resumed(known)
        events: list = []
        if activating:
            for name, value in self.prefill(tracker, known).items():
                events.append(SlotSet(name, value))
                known[name] = value
        if after_user_message(tracker, self.form):
            reading = self.read(latest_text(tracker), requested, known, activating)
            intent, confidence = latest_intent(tracker)
            if not activating and self.steps_aside(intent, confidence, reading):
                return []  # reject: a rule answers the question, then the form goes on
            if reading.empty and not activating and requested:
                dispatcher.utter_message(response=f"utter_invalid_{requested}")
                return [SlotSet(requested, None), SlotSet("requested_slot", requested)]
            buttons = [{"title": t, "payload": p} for t, p in reading.choices] or None
            for problem in reading.problems:
                dispatcher.utter_message(response=f"utter_invalid_{problem}", buttons=buttons)
            for code, values in reading.notices:
                dispatcher.utter_message(response=f"utter_{code}", **values)
            for name, value in reading.slots.items():
                if known.get(name) not in (None, value):
                    for reset, reset_value in self.on_change(name, value, known).items():
                        events.append(SlotSet(reset, reset_value))
                        known[reset] = reset_value
                events.append(SlotSet(name, value))
                known[name] = value
            if reading.problems and requested and requested not in reading.slots:
                events.append(SlotSet(requested, None))
        missing = [s for s in self.questions(known) if known.get(s) is None]
        if activating and missing and not resumed and self.start_response:
            dispatcher.utter_message(response=self.start_response)
        events.append(SlotSet("requested_slot", missing[0] if missing else None))
        return events
