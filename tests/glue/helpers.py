"""Builders shared by the action tests: a rasa_sdk Tracker as the action server receives it while
a form runs, and running an action to get its messages and slot values."""
from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher


def form_tracker(form, text, intent="inform", confidence=0.9, slots=None, active=True, requested=None,
                 activated_now=False, after="action_listen", extra_events=()):
    slots = dict(slots or {})
    slots["requested_slot"] = requested
    events = [{"event": "action", "name": name} for name in extra_events]
    events.append({"event": "action", "name": after})
    events.append({"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}})
    if activated_now:
        events.append({"event": "active_loop", "name": form})
    events += [{"event": "slot", "name": "requested_slot", "value": requested}, {"event": "action", "name": form}]
    return Tracker("t", slots, {"text": text, "intent": {"name": intent, "confidence": confidence},
                                "intent_ranking": [], "entities": []},
                   events, False, None, {"name": form} if active else {}, form)


async def run(action, trk, domain):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, trk, domain)
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e["event"] == "slot"}
