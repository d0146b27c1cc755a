"""Conversations bound to their channel, and bounded input, for every input channel.

Namespaces. On the server, each channel's conversation ids live in their own namespace:
``web:<id>`` for the REST channel (the widget and integrations), ``sms:<id>`` for the text-only
callback channel, ``tg:<chat id>`` for Telegram. A REST client can only name ids of up to 64
letters, digits, ``-``, ``_`` and ``.`` (no ``:``), which always land in ``web:``, so it cannot
address, read or delete a Telegram or SMS conversation, whatever it sends. Clients never see the
prefix: replies carry the id the client sent.

Bounded input. A message longer than ``MAX_MESSAGE_CHARS`` (FV_MAX_MESSAGE_CHARS, default 1000,
the widget's own limit) never reaches NLU, the tracker store or the action server: the user gets
``TOO_LONG_REPLY``. (The readers in the action server also cut at 2000, actions/lang/parse.py.)
Sanic's request body limit is FV_REQUEST_MAX_BYTES (default 64 KiB) on the Rasa server.

REST channel (credentials key ``rasa_ext.channels.RestInput``, URL unchanged):

  POST /webhooks/rest/webhook  {"sender": "<id>", "message": "<text>"}
    -> 200 [{"recipient_id": "<id>", "text": ..., "buttons": [...]}, ...]
    -> 400 {"error": "..."} when the body is not JSON, the sender id is not 1-64 of
       A-Z a-z 0-9 - _ . or the message is not text
"""
from __future__ import annotations

import logging
import os
import re
from asyncio import CancelledError
from typing import Any, Awaitable, Callable, Optional

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

WEB, SMS, TELEGRAM, SOCKETIO = "web", "sms", "tg", "sio"
CLIENT_ID_RE = re.compile(r"[A-Za-z0-9._-]{1,64}")  # used with fullmatch: linear
MAX_MESSAGE_CHARS = int(os.environ.get("FV_MAX_MESSAGE_CHARS") or 1000)
REQUEST_MAX_BYTES = int(os.environ.get("FV_REQUEST_MAX_BYTES") or 64 * 1024)
TOO_LONG_REPLY = ("Meldingen din er for lang for meg. Skriv det viktigste i en kort melding, "
                  "så svarer jeg.")
ERROR_REPLY = "Beklager, noe gikk galt hos oss. Prøv igjen om litt."
BAD_SENDER = "sender må være 1 til 64 tegn: bokstaver a-z, tall, - _ eller ."


def server_id(namespace: str, client_id: str) -> str:
    """The conversation id in the tracker store: 'web:abc'."""
    return f"{namespace}:{client_id}"


def client_id(namespace: str, sender_id: str) -> str:
    """The id the client knows: 'web:abc' -> 'abc' (anything else unchanged)."""
    prefix = namespace + ":"
    return sender_id[len(prefix):] if sender_id.startswith(prefix) else sender_id


def valid_client_id(value: Any) -> Optional[str]:
    """A sender id as the REST contract allows it (str, or int for convenience), else None."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    value = str(value)
    return value if CLIENT_ID_RE.fullmatch(value) else None


def too_long(text: str) -> bool:
    return len(text) > MAX_MESSAGE_CHARS


def json_body(request: Request) -> Optional[dict]:
    """The request's JSON object, or None (bad JSON, a list, a string ...)."""
    try:
        body = request.json
    except Exception:  # noqa: BLE001 - Sanic raises InvalidUsage on bad JSON
        return None
    return body if isinstance(body, dict) else None


def limit_request_size(bp: Blueprint) -> None:
    """Sanic's request body limit for the whole Rasa server (set before it accepts connections)."""

    @bp.listener("before_server_start")
    async def _limit(app: Any, _loop: Any) -> None:
        if app.config.REQUEST_MAX_SIZE > REQUEST_MAX_BYTES:
            app.config.REQUEST_MAX_SIZE = REQUEST_MAX_BYTES


class WebCollector(CollectingOutputChannel):
    """Collects the replies; ``recipient_id`` is the id the client sent (no namespace)."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    @staticmethod
    def _message(recipient_id: str, **kwargs: Any) -> dict[str, Any]:  # type: ignore[override]
        return CollectingOutputChannel._message(client_id(WEB, recipient_id), **kwargs)


class RestInput(InputChannel):
    """Rasa's REST channel, with ids in the ``web:`` namespace and bounded input."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        from . import resilience

        resilience.install()
        bp = Blueprint("fv_rest_webhook", __name__)
        limit_request_size(bp)

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            body = json_body(request)
            if body is None:
                return response.json({"error": "forventer JSON: {\"sender\": ..., \"message\": ...}"},
                                     status=400)
            sender = valid_client_id(body.get("sender"))
            if sender is None:
                return response.json({"error": BAD_SENDER}, status=400)
            text = body.get("message")
            if not isinstance(text, str):
                return response.json({"error": "message må være tekst"}, status=400)
            if too_long(text):
                return response.json([{"recipient_id": sender, "text": TOO_LONG_REPLY}])
            collector = WebCollector()
            resilience.new_message()
            try:
                await on_new_message(UserMessage(text, collector, server_id(WEB, sender),
                                                 input_channel=self.name()))
            except CancelledError:
                logger.error("REST: handling a message timed out")
            except Exception as e:  # noqa: BLE001 - never a stack trace (or user text) to the client
                logger.error("REST: handling a message failed: %s", type(e).__name__)
                logger.debug("REST failure", exc_info=True)
                return response.json(collector.messages + [{"recipient_id": sender, "text": ERROR_REPLY}])
            return response.json(collector.messages)

        return bp
