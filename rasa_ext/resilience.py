"""When the action server is down, every channel says so and the conversation recovers.

``install()`` (called by each of our input channels when Rasa builds its app) wraps Rasa's
``RemoteAction.run``:

  * ``action_session_start``: when the action server cannot be reached, the session starts on the
    Rasa side with the same two messages (``utter_intro``, ``utter_privacy``), so the chatbot
    notice and the privacy notice never depend on the action server;
  * any other custom action: when the action server cannot be reached (refused, timed out, 5xx),
    the user gets ``ACTIONS_DOWN_REPLY`` once per message, on whatever channel they use, and the
    action's events are dropped (Rasa continues as for any failed action). The question that was
    open stays open, so when the server is back the user answers again and goes on.

Rasa's own wait for the action server is 5 minutes; ACTIONS_TIMEOUT_SECONDS (default 20) bounds it.
"""
from __future__ import annotations

import asyncio
import contextvars
import logging
import os
from typing import Any, List

from rasa.core.actions import action as rasa_action
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted
from rasa.shared.exceptions import RasaException

logger = logging.getLogger(__name__)

ACTIONS_DOWN_REPLY = ("Beklager, jeg får ikke regnet ut svar akkurat nå. "
                      "Prøv igjen om litt. Skriv svaret ditt på nytt da.")
SESSION_START = "action_session_start"
SESSION_START_RESPONSES = ("utter_intro", "utter_privacy")
_told: contextvars.ContextVar[bool] = contextvars.ContextVar("fv_actions_down_told", default=False)


def _timeout() -> float:
    try:
        return float(os.environ.get("ACTIONS_TIMEOUT_SECONDS") or 20)
    except ValueError:
        return 20.0


async def _local_session_start(output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> List[Event]:
    events: List[Event] = [SessionStarted()]
    for name in SESSION_START_RESPONSES:
        message = await nlg.generate(name, tracker, output_channel.name())
        if message:
            events.append(rasa_action.create_bot_utterance(message))
            await output_channel.send_response(tracker.sender_id, message)
    events.append(ActionExecuted(rasa_action.ACTION_LISTEN_NAME))
    return events


def new_message() -> None:
    """Called by each input channel before it hands a message to Rasa (in the request's task)."""
    _told.set(False)


def install() -> None:
    run = rasa_action.RemoteAction.run
    if getattr(run, "_fv_resilient", False):
        return
    rasa_action.DEFAULT_REQUEST_TIMEOUT = _timeout()  # read by RemoteAction.run at each call

    async def resilient_run(self: Any, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> List[Event]:
        try:
            return await run(self, output_channel, nlg, tracker, domain)
        except rasa_action.ActionExecutionRejection:
            raise
        except (RasaException, asyncio.TimeoutError, TimeoutError) as e:
            logger.error("Action server unreachable for %s: %s", self.name(), type(e).__name__)
            if self.name() == SESSION_START:
                return await _local_session_start(output_channel, nlg, tracker, domain)
            if not _told.get():
                _told.set(True)
                # send_response: each channel's own rendering (and namespace handling)
                await output_channel.send_response(tracker.sender_id, {"text": ACTIONS_DOWN_REPLY})
            raise

    resilient_run._fv_resilient = True  # type: ignore[attr-defined]
    rasa_action.RemoteAction.run = resilient_run
