"""Caseworker walkthroughs (issue 9): the thin Rasa layer over actions/walkthroughs.

Only a message that came through the caseworker channel (signed mark in its metadata, conversation
id cw:<caseworker>:<id>) can start or run a walkthrough; any other gets a friendly refusal and
nothing changes. The form `walkthrough_form` keeps the loop: every message goes to
validate_walkthrough_form, which runs one step of actions.walkthroughs.flow; the summary is stored
after each step, so the caseworker page shows it as it grows.
"""
from __future__ import annotations

import asyncio
import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet

from actions.lang import summary_html, summary_ics, summary_pdf
from actions.lang.summary_text import chat_messages
from actions.walkthroughs import flow, store
from actions.walkthroughs import script as scripts_mod
from actions.walkthroughs import summary as summary_mod
from actions.walkthroughs.access import marked_caseworker
from actions.walkthroughs.facts import known_facts

from .common import after_user_message, latest_intent, latest_text, today

logger = logging.getLogger(__name__)
FORM = "walkthrough_form"
STATE = "walkthrough"
INPUT = "walkthrough_input"
# Control intents the rules handle even inside a walkthrough (when the text is no step command).
STEP_ASIDE = {"delete_conversation", "restart"}


def caseworker_of(tracker: Tracker) -> str | None:
    return marked_caseworker((tracker.latest_message or {}).get("metadata"), tracker.sender_id)


def _script(state) -> scripts_mod.Script | None:
    return scripts_mod.scripts().get((state or {}).get("script") or "")


def _known(tracker: Tracker, updates: dict | None = None) -> dict:
    known = known_facts(tracker.get_slot)
    known["care_year"] = tracker.get_slot("care_year")
    known.update(updates or {})
    return known


def _say(dispatcher, messages) -> None:
    for m in messages:
        m = {k: v for k, v in m.items() if v is not None}
        custom = m.pop("custom", None)
        if custom is not None:
            dispatcher.utter_message(json_message=custom, **m)
        else:
            dispatcher.utter_message(**m)


def store_summary(sender: str, caseworker: str, script, known: dict, complete: bool):
    summary = summary_mod.build(script, known, today())
    try:
        store.save(sender, caseworker, script.id, summary.as_dict(), summary_html.render(summary),
                   summary_pdf.render(summary), summary_ics.render(summary, sender), complete)
    except Exception:  # the conversation goes on; the caseworker is told the download is missing
        logger.exception("could not store the walkthrough summary")
        return summary, False
    return summary, True


async def in_thread(func, *args):
    """Rendering (PDF) and the database write run off the event loop: other users never wait."""
    return await asyncio.get_running_loop().run_in_executor(None, func, *args)


def _script_from_message(tracker: Tracker):
    wanted = next(tracker.get_latest_entity_values("walkthrough"), None)
    return scripts_mod.find(wanted) or scripts_mod.find(latest_text(tracker))


class ActionWalkthroughStart(Action):
    def name(self) -> str:
        return "action_walkthrough_start"

    async def run(self, dispatcher, tracker, domain):
        caseworker = caseworker_of(tracker)
        if caseworker is None:
            dispatcher.utter_message(response="utter_walkthrough_not_allowed")
            return []
        script = _script_from_message(tracker)
        if script is None:
            dispatcher.utter_message(response="utter_walkthrough_choose")
            return []
        known = _known(tracker)
        out = flow.start(script, known, today())
        _say(dispatcher, out.say)
        events = [SlotSet(k, v) for k, v in out.updates.items()]
        events += [SlotSet(STATE, out.state), SlotSet(INPUT, None), FollowupAction(FORM)]
        return events


class ValidateWalkthroughForm(Action):
    def name(self) -> str:
        return "validate_walkthrough_form"

    async def run(self, dispatcher, tracker, domain):
        if (tracker.active_loop or {}).get("name") != FORM or not after_user_message(tracker, FORM):
            return []  # activation, or back after an interruption: nothing new to read
        caseworker = caseworker_of(tracker)
        state = tracker.get_slot(STATE)
        script = _script(state)
        if caseworker is None:
            # Not from the caseworker channel (e.g. a forged cw: id over REST): refuse and change
            # nothing; the unchanged state keeps the form from handing the message to the rules,
            # and the ask action sends nothing for an unmarked message.
            dispatcher.utter_message(response="utter_walkthrough_not_allowed")
            return [SlotSet(STATE, state)]
        if script is None:
            dispatcher.utter_message(response="utter_walkthrough_choose")
            return [SlotSet(INPUT, "cancelled"), SlotSet(STATE, None), SlotSet("requested_slot", None)]
        text = latest_text(tracker)
        intent, confidence = latest_intent(tracker)
        is_command = any(p.match(text or "") for p in (flow.BACK, flow.SKIP, flow.CHANGE, flow.WHY,
                                                      flow.FINISH, flow.CANCEL))
        if intent in STEP_ASIDE and confidence >= 0.8 and not is_command:
            return []  # "slett samtalen", "start på nytt": the rules answer
        if intent == "start_walkthrough" and not is_command:
            other = _script_from_message(tracker)
            if other is not None:
                out = flow.start(other, _known(tracker), today())
                _say(dispatcher, out.say)
                return [*(SlotSet(k, v) for k, v in out.updates.items()), SlotSet(STATE, out.state),
                        SlotSet(INPUT, None)]
        known = _known(tracker)
        out = flow.handle(script, state, known, text, today())
        _say(dispatcher, out.say)
        known.update(out.updates)
        events = [SlotSet(k, v) for k, v in out.updates.items()]
        events.append(SlotSet(STATE, out.state))
        if out.cancelled:
            return events + [SlotSet(INPUT, "cancelled")]
        await in_thread(store_summary, tracker.sender_id, caseworker, script, known, out.finished)
        return events + [SlotSet(INPUT, "done" if out.finished else None)]


class ActionAskWalkthroughInput(Action):
    def name(self) -> str:
        return "action_ask_walkthrough_input"

    async def run(self, dispatcher, tracker, domain):
        state = tracker.get_slot(STATE)
        script = _script(state)
        if script is None or caseworker_of(tracker) is None:
            return []  # nothing of a caseworker's conversation goes to anyone else
        _say(dispatcher, flow.prompt(script, state, _known(tracker), today()))
        return []


class ActionWalkthroughSummary(Action):
    def name(self) -> str:
        return "action_walkthrough_summary"

    async def run(self, dispatcher, tracker, domain):
        state = tracker.get_slot(STATE) or {}
        script = _script(state)
        caseworker = caseworker_of(tracker)
        done = tracker.get_slot(INPUT) == "done"
        events = [SlotSet(INPUT, None), ActiveLoop(None)]
        if script is None or caseworker is None or not done:
            return events
        summary, stored = await in_thread(store_summary, tracker.sender_id, caseworker, script,
                                          _known(tracker), True)
        for text in chat_messages(summary):
            dispatcher.utter_message(text=text)
        short = tracker.sender_id.split(":", 2)[-1]
        if stored:
            dispatcher.utter_message(
                text="Oppsummeringen er lagret. Last den ned som PDF, som nettside for utskrift eller "
                     "som kalender. Der er også en enkel versjon til deltakeren.",
                json_message={"walkthrough_summary": {"sender": short, "formats": ["html", "pdf", "ics"]}})
        else:
            dispatcher.utter_message(text="Jeg fikk ikke lagret oppsummeringen. Prøv igjen om litt.")
        return events
