"""The privacy channel: endpoints the web widget (and any integration) uses.

  DELETE /webhooks/privacy/conversations/<sender_id>  -> 204, the conversation is gone from the store
         (only a web conversation: the id is the one the widget or REST client sends, and it is
         looked up in the ``web:`` namespace, so no Telegram or SMS conversation can be named)
  POST   /webhooks/privacy/feedback  {"helpful": bool, "topic": "utter_x"}  -> 204, anonymous
  GET    /webhooks/privacy/policy
         -> 200 {"retention_days": 30, "backup_days": 7 | null, "notice": "Samtalen lagres kryptert. …"}
         what the store is configured to keep, and the notice the widget shows, from the same settings
  GET    /webhooks/privacy/health
         -> 200 {"rasa": "ok", "database": "ok", "actions": "ok"|"down"[, "redis": "ok"]}
         -> 503 when Rasa, the tracker database or the Redis lock store (when used) is down.
         The action server being down is reported but is not a 503: Rasa still answers (the
         greeting, the privacy notice and a friendly "prøv igjen", rasa_ext/resilience.py).
"""
from __future__ import annotations

import logging
import os
import re
from typing import Any, Awaitable, Callable

import asyncio

import aiohttp
from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

from actions.walkthroughs.store import delete_summary

from . import resilience
from .nlg import privacy_notice
from .tracker_store import configured_backup_days, configured_retention_days
from .channels import WEB, limit_request_size, server_id, valid_client_id
from .feedback import store_feedback

logger = logging.getLogger(__name__)
CHECK_SECONDS = 2.0


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
        resilience.install()
        bp = Blueprint("privacy_webhook", __name__)
        limit_request_size(bp)

        @bp.route("/conversations/<sender_id>", methods=["DELETE", "OPTIONS"])
        async def delete(request: Request, sender_id: str):
            if request.method == "OPTIONS":
                return response.empty(status=204)
            client = valid_client_id(sender_id)
            if client is None:
                return response.json({"error": "ugyldig samtale-id"}, status=400)
            agent = request.app.ctx.agent
            conversation = server_id(WEB, client)
            async with agent.lock_store.lock(conversation):
                await delete_conversation(agent, conversation)
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

        @bp.route("/policy", methods=["GET"])
        async def policy(request: Request):
            return response.json({"retention_days": configured_retention_days(),
                                  "backup_days": configured_backup_days(), "notice": privacy_notice()})

        @bp.route("/health", methods=["GET"])
        async def health(request: Request):
            agent = request.app.ctx.agent
            rasa_ok = bool(agent and agent.is_ready())
            body = {"rasa": "ok" if rasa_ok else "down"}
            checks = {"database": _check_database(agent), "actions": _check_actions(agent)}
            if _redis_of(agent) is not None:
                checks["redis"] = _check_redis(agent)
            results = await asyncio.gather(*checks.values())
            body.update({name: "ok" if ok else "down" for name, ok in zip(checks, results)})
            needed = [body["rasa"], body["database"], body.get("redis", "ok")]
            return response.json(body, status=200 if all(v == "ok" for v in needed) else 503)

        return bp


async def _in_thread(fn: Callable[[], Any]) -> bool:
    """Run a blocking check off the event loop, bounded by CHECK_SECONDS; any failure is False."""
    try:
        loop = asyncio.get_running_loop()
        await asyncio.wait_for(loop.run_in_executor(None, fn), CHECK_SECONDS)
        return True
    except Exception:  # noqa: BLE001 - any failure means "down"
        return False


async def _check_database(agent: Any) -> bool:
    store = _unwrap(agent.tracker_store) if agent is not None else None
    engine = getattr(store, "engine", None)
    if engine is None:  # in-memory store: nothing that can be down
        return store is not None

    def probe() -> None:
        from sqlalchemy import text

        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    return await _in_thread(probe)


def _redis_of(agent: Any) -> Any:
    return getattr(getattr(agent, "lock_store", None), "red", None)


async def _check_redis(agent: Any) -> bool:
    red = _redis_of(agent)

    def probe() -> None:
        if not red.ping():
            raise ConnectionError("no PONG")

    return await _in_thread(probe)


async def _check_actions(agent: Any) -> bool:
    endpoint = getattr(agent, "action_endpoint", None)
    url = getattr(endpoint, "url", None) or os.environ.get("ACTION_ENDPOINT_URL",
                                                            "http://localhost:5055/webhook")
    try:
        timeout = aiohttp.ClientTimeout(total=CHECK_SECONDS)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            async with session.get(url.rsplit("/webhook", 1)[0] + "/health") as resp:
                return resp.status == 200
    except Exception:  # noqa: BLE001 - any failure means "down"
        return False
