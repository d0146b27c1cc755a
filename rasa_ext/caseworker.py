"""The caseworker channel (issue 9): the same request and reply JSON as the REST channel, for
programme advisers only. See docs/caseworker.md (a public contract).

  POST /webhooks/caseworker/webhook                 {"sender": "...", "message": "..."}
  GET  /webhooks/caseworker/summary/<sender>.html   printable summary (+ the participant's copy)
  GET  /webhooks/caseworker/summary/<sender>.pdf    the same as PDF
  GET  /webhooks/caseworker/summary/<sender>.ics    the key dates as a calendar
  GET  /webhooks/caseworker/summary/<sender>.json   the summary as data (the page shows it growing)
  GET  /webhooks/caseworker/me                      {"caseworker": "<id>"}: checks a token (sign-in)

Every request needs "Authorization: Bearer <token>"; tokens are configured as hashes in
CASEWORKER_TOKENS (actions/walkthroughs/access.py). Without a valid token: 401, nothing changes.
Conversation ids live in their own namespace, cw:<caseworker>:<sender>, so a caseworker reads
only the conversations they started. Each message and download is logged with the caseworker id,
never the content. A typed script name ("Før permisjonen") becomes the start payload here.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import yaml
from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

from actions.walkthroughs import access, store

logger = logging.getLogger(__name__)
SENDER_RE = re.compile(r"^[\w.-]{1,100}$")
SCRIPTS = Path(__file__).resolve().parent.parent / "data" / "walkthroughs"
TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf",
         "ics": "text/calendar; charset=utf-8", "json": "application/json"}
MAX_TEXT = 2000


def script_names() -> dict[str, str]:
    """lower-case name -> script id, read straight from data/walkthroughs/ (validated by the actions)."""
    names = {}
    for path in sorted(SCRIPTS.glob("*.yml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError:
            continue
        if isinstance(data.get("name"), str) and isinstance(data.get("id"), str):
            names[data["name"].lower()] = data["id"]
    return names


def start_payload(text: str, names: dict[str, str]) -> str | None:
    low = " ".join(text.lower().strip(" .!«»\"").split())
    low = re.sub(r"^(start|begynn|kjør)\s+(gjennomgangen\s+|gjennomgang\s+)?", "", low)
    low = low.strip("«»\" ")
    if low in names:
        return '/start_walkthrough{"walkthrough":"' + names[low] + '"}'
    return None


class CaseworkerInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "caseworker"

    def __init__(self, tokens: dict[str, str] | None = None) -> None:
        self.tokens = access.configured() if tokens is None else tokens
        self.names = script_names()
        if not self.tokens:
            logger.warning("Caseworker channel is on, but CASEWORKER_TOKENS is empty: every request gets 401")

    @classmethod
    def from_credentials(cls, credentials: dict | None) -> CaseworkerInput:
        return cls()

    def _who(self, request: Request) -> str | None:
        return access.caseworker_for(access.bearer(request.headers.get("Authorization")), self.tokens)

    @staticmethod
    def _denied() -> Any:
        return response.json({"error": "Du må logge inn som veileder (Authorization: Bearer <token>)."},
                             status=401, headers={"WWW-Authenticate": 'Bearer realm="caseworker"'})

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("caseworker_webhook", __name__)

        @bp.route("/", methods=["GET"])
        async def health(request: Request):
            return response.json({"status": "ok"})

        @bp.route("/me", methods=["GET", "OPTIONS"])
        async def me(request: Request):
            if request.method == "OPTIONS":
                return response.empty(status=204)
            caseworker = self._who(request)
            if caseworker is None:
                return self._denied()
            store.log_access(caseworker, "sign_in", None, 200)
            return response.json({"caseworker": caseworker})

        @bp.route("/webhook", methods=["POST", "OPTIONS"])
        async def receive(request: Request):
            if request.method == "OPTIONS":
                return response.empty(status=204)
            caseworker = self._who(request)
            if caseworker is None:
                return self._denied()
            try:
                body = request.json
            except Exception:  # noqa: BLE001 - malformed JSON
                body = None
            sender = body.get("sender") if isinstance(body, dict) else None
            text = body.get("message") if isinstance(body, dict) else None
            if not isinstance(sender, str) or not SENDER_RE.match(sender) or not isinstance(text, str):
                store.log_access(caseworker, "message", None, 400)
                return response.json({"error": "«sender» (a-z, 0-9, _ . -) og «message» må være med."},
                                     status=400)
            conversation = access.conversation_id(caseworker, sender)
            text = start_payload(text, self.names) or text[:MAX_TEXT]
            collector = CollectingOutputChannel()
            await on_new_message(UserMessage(text, collector, conversation, input_channel=self.name(),
                                             metadata={"caseworker": access.mark(caseworker, conversation)}))
            store.log_access(caseworker, "message", conversation, 200)
            return response.json(collector.messages)

        @bp.route("/summary/<name>", methods=["GET", "OPTIONS"])
        async def summary(request: Request, name: str):
            if request.method == "OPTIONS":
                return response.empty(status=204)
            caseworker = self._who(request)
            if caseworker is None:
                return self._denied()
            sender, _, fmt = name.rpartition(".")
            if fmt not in TYPES or not sender:
                return response.json({"error": "Bruk .html, .pdf, .ics eller .json."}, status=404)
            if sender.startswith(access.PREFIX + ":"):
                if access.owner(sender) != caseworker:
                    store.log_access(caseworker, f"summary.{fmt}", None, 404)
                    return response.json({"error": "Fant ingen oppsummering."}, status=404)
                sender = sender.split(":", 2)[2]
            if not SENDER_RE.match(sender):
                return response.json({"error": "ugyldig samtale-id"}, status=400)
            conversation = access.conversation_id(caseworker, sender)
            found = store.get(conversation)
            if found is None or found.caseworker_id != caseworker:
                store.log_access(caseworker, f"summary.{fmt}", conversation, 404)
                return response.json({"error": "Fant ingen oppsummering."}, status=404)
            store.log_access(caseworker, f"summary.{fmt}", conversation, 200)
            headers = {"Cache-Control": "no-store"}
            filename = f"oppsummering-{found.script_id}.{fmt}"
            if fmt == "html":
                return response.html(found.html, headers=headers)
            if fmt == "json":
                return response.json({**found.data, "complete": found.complete}, headers=headers)
            body = found.pdf if fmt == "pdf" else found.ics
            headers["Content-Disposition"] = f'attachment; filename="{filename}"'
            return response.raw(body, content_type=TYPES[fmt], headers=headers)

        return bp
