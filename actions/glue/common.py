"""Helpers shared by the form validators and actions."""
from __future__ import annotations

import logging
import os
from datetime import date

from rasa_sdk import Tracker

from actions.interview.spec import load_interrupts, load_specs
from actions.lang.render import Reply

logger = logging.getLogger(__name__)

# Derived from the interview specs (data/interview/): the control intents that may interrupt a
# form when the message carries no answer, the topics, and what is answered first even when the
# message also holds an answer (safety before the form).
_INTERRUPTS = load_interrupts()
INTERRUPT_INTENTS = set(_INTERRUPTS["interrupts"])
TOPIC_INTENTS = {s.intent for s in load_specs().values()} | set(_INTERRUPTS.get("overviews") or ())
ALWAYS_INTERRUPT = {i for i, how in _INTERRUPTS["interrupts"].items() if how.get("always")}
INTERRUPT_CONFIDENCE = float(_INTERRUPTS.get("confidence", 0.5))
# Between a user message and the form it switched to: these actions do not answer it.
SWITCH_STEPS = {_INTERRUPTS.get("switch_action", "action_switch_topic")}


def today() -> date:
    """Today's date; FAMILIEVEILEDER_TODAY (YYYY-MM-DD) fixes it for reproducible tests."""
    fixed = os.environ.get("FAMILIEVEILEDER_TODAY")
    return date.fromisoformat(fixed) if fixed else date.today()


def latest_text(tracker: Tracker) -> str:
    """The text to read answers from. When the user picked a 'Mente du …?' button (a payload
    such as '/ask_intro_leave'), the facts are in the unclear message before it ("skal ha baby i
    mars"), so that one is read instead."""
    text = (tracker.latest_message or {}).get("text") or ""
    if text.startswith("/"):
        earlier = _message_before_clarification(tracker)
        if earlier is not None:
            return earlier
    return text


def _message_before_clarification(tracker: Tracker) -> str | None:
    users_seen = 0
    clarified = False
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "user":
            users_seen += 1
            if users_seen == 2:
                return (event.get("text") or "") if clarified else None
        elif kind == "action" and users_seen == 1 and event.get("name") == "action_clarify":
            clarified = True
    return None


def latest_intent(tracker: Tracker) -> tuple[str | None, float]:
    intent = (tracker.latest_message or {}).get("intent") or {}
    return intent.get("name"), float(intent.get("confidence") or 0.0)


def send(dispatcher, reply: Reply) -> None:
    """Send a rendered reply: one message per bubble, buttons under the last."""
    last = len(reply.messages) - 1
    for i, text in enumerate(reply.messages):
        buttons = [{"title": t, "payload": p} for t, p in reply.buttons] if i == last else []
        dispatcher.utter_message(text=text, buttons=buttons or None)


def after_user_message(tracker: Tracker, loop_name: str) -> bool:
    """True when the form runs right after a user message (so the message is an answer), False
    when it resumes after another action (e.g. after explaining why it asks)."""
    skipped_own = False
    for event in reversed(tracker.events):
        if event.get("event") != "action":
            continue
        name = event.get("name")
        if name == loop_name and not skipped_own:
            skipped_own = True
            continue
        if name in ROUTING_ACTIONS or name in SWITCH_STEPS:
            continue  # they hand the message on to this form: its facts are still to be read
        return name == "action_listen"
    return True


# Actions that only route the user's message to a form (a topic switch, a correction or a
# question read as `inform`); the form they start still reads the message.
ROUTING_ACTIONS = {"action_switch_topic", "action_correct_answer"}


def loop_activated_this_turn(tracker: Tracker, loop_name: str) -> bool:
    """True when the form was (re)activated by the latest user message (an ActiveLoop event for it
    stands after that message): the message may then hold several answers at once."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "active_loop" and event.get("name") == loop_name:
            return True
    return False


def send_parts(dispatcher, domain: dict, base: str) -> bool:
    """Send a response written in parts (utter_x, utter_x_2, utter_x_3, ...), in order.
    Rasa treats several texts under one response name as variations, so parts get own names."""
    responses = domain.get("responses") or {}
    if base not in responses:
        return False
    dispatcher.utter_message(response=base)
    i = 2
    while f"{base}_{i}" in responses:
        dispatcher.utter_message(response=f"{base}_{i}")
        i += 1
    return True
