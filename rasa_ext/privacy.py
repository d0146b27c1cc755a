"""The privacy channel: endpoints the web widget (and any integration) uses.

  DELETE /webhooks/privacy/conversations/<sender_id>  -> 204, the conversation is gone from the store
  POST   /webhooks/privacy/feedback  {"helpful": bool, "topic": "utter_x"}  -> 204, anonymous
  GET    /webhooks/privacy/health  -> 200 {"rasa": "ok", "actions": "ok"|"down"}
"""
from __future__ import annotations

import logging
import os
import re
from typing import Any, Awaitable, Callable

import aiohttp
from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

from actions.walkthroughs.store import delete_summary

from .feedback import store_feedback

logger = logging.getLogger(__name__)
SENDER_RE = re.compile(r"^[\w.:-]{1,128}$")


def _unwrap(store: Any) -> Any:
    """The real store behind Rasa's wrappers (AwaitableTrackerStore, FailSafeTrackerStore)."""
    for attr in ("_tracker_store", "tracker_store"):
        inner = getattr(store, attr, None)
        if inner is not None and inner is not store:
            return _unwrap(inner)
    return store


async def delete_conversation(agent: Any, sender_id: str) -> None:
    delete_summary(sender_id)  # a caseworker walkthrough's stored summary, if any
    store = _unwrap(agent.tracker_store)
    if hasattr(store, "delete_conversation"):
        store.delete_conversation(sender_id)
    elif hasattr(store, "store") and isinstance(store.store, dict):  # InMemoryTrackerStore
        store.store.pop(sender_id, None)
    else:
        raise RuntimeError(f"{type(store).__name__} cannot delete conversations")


class PrivacyInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "privacy"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("privacy_webhook", __name__)

        @bp.route("/conversations/<sender_id>", methods=["DELETE", "OPTIONS"])
        async def delete(request: Request, sender_id: str):
            if request.method == "OPTIONS":
                return response.empty(status=204)
            if not SENDER_RE.match(sender_id):
                return response.json({"error": "ugyldig samtale-id"}, status=400)
            agent = request.app.ctx.agent
            async with agent.lock_store.lock(sender_id):
                await delete_conversation(agent, sender_id)
            return response.empty(status=204)

        @bp.route("/feedback", methods=["POST", "OPTIONS"])
        async def feedback(request: Request):
            if request.method == "OPTIONS":
                return response.empty(status=204)
            body = request.json if isinstance(request.json, dict) else {}
            helpful = body.get("helpful")
            if not isinstance(helpful, bool):
                return response.json({"error": "helpful må være true eller false"}, status=400)
            topic = body.get("topic")
            topic = topic if isinstance(topic, str) and re.fullmatch(r"[a-z_]{1,60}", topic) else None
            store_feedback(helpful, topic)
            return response.empty(status=204)

        @bp.route("/health", methods=["GET"])
        async def health(request: Request):
            agent = request.app.ctx.agent
            rasa_ok = bool(agent and agent.is_ready())
            actions = "down"
            url = os.environ.get("ACTION_ENDPOINT_URL", "http://localhost:5055/webhook")
            try:
                timeout = aiohttp.ClientTimeout(total=2)
                async with aiohttp.ClientSession(timeout=timeout) as session:
                    async with session.get(url.rsplit("/webhook", 1)[0] + "/health") as resp:
                        actions = "ok" if resp.status == 200 else "down"
            except Exception:  # noqa: BLE001 - any failure means "down"
                actions = "down"
            status = 200 if rasa_ok else 503
            return response.json({"rasa": "ok" if rasa_ok else "down", "actions": actions}, status=status)

        return bp
