"""Messaging channels: text-only rendering, choice memory, and a text-only callback channel.

Channels without buttons (SMS gateways, simple chat gateways) get every bot message as plain text:

  * buttons become numbered options under the message text, one per line, followed by
    "Svar med tallet eller ordet." Payloads (``/care_days_detail{"care_detail":"transfer"}``,
    or the sentence a button sends) are never shown;
  * long messages are split at sentence boundaries into parts of at most ``MAX_CHARS``;
  * the last choices shown to a sender are remembered (``CHOICES``), so that the next message
    "1", "2.", "nr 3", the button title or a unique part of it ("frilans") is replaced by that
    button's payload before Rasa sees it. Anything else passes through unchanged, and the memory
    is cleared when the user answers, so "1" after a question without buttons stays "1".

The memory is per process (a bounded, expiring dict). With several Rasa replicas, nginx sends these
channels to one replica (deploy/nginx/familieveileder.conf.in, upstream fv_rasa_messaging).

Channel (credentials key ``rasa_ext.messaging.TextCallbackInput``, see scripts/credentials.py):

  POST /webhooks/textcallback/webhook  {"sender": "...", "message": "..."}  -> 200 "success"
  and each text-only message is POSTed as {"recipient_id": ..., "text": ...} to CALLBACK_URL,
  in order, before the webhook answers. Otherwise as Rasa's built-in ``callback`` channel.

  Every request must be signed by the gateway with the shared secret (CALLBACK_SECRET, required):
    X-Signature-Timestamp: <unix time in seconds>
    X-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>." + raw request body)>
  A missing signature gets 401, a wrong one or a timestamp more than MAX_SKEW_SECONDS away 403;
  nothing is stored then. The sender (phone number or chat id: 1-64 of A-Z a-z 0-9 + - _ .) is
  the conversation ``sms:<sender>`` on the server (rasa_ext/channels.py).
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import re
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Iterable, Optional

import aiohttp
from rasa.core.channels.callback import CallbackInput, CallbackOutput
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.utils.endpoints import ClientResponseError
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from . import resilience
from .channels import SMS, client_id, json_body, limit_request_size, server_id, too_long, TOO_LONG_REPLY

logger = logging.getLogger(__name__)

# Why 600 characters: an SMS gateway sends a long text as concatenated segments of 153 GSM-7
# characters (æ, ø, å and § are in the GSM-7 alphabet), so 600 characters are 4 segments, which
# phones join into one message; with characters outside GSM-7 (emoji, « ») a segment holds 67, and
# 600 characters are 9 segments, still under the usual gateway limit of 10. 600 characters is also
# about one phone screen, and the project writes "one fact per bubble" (ux-privacy-a11y.md 2.3).
MAX_CHARS = 600
OPTIONS_HINT = "Svar med tallet eller ordet."


@dataclass(frozen=True)
class Choice:
    title: str
    payload: str


# ---------------------------------------------------------------------------------------------
# Rendering (pure)
# ---------------------------------------------------------------------------------------------
# A sentence ends with . ! ? or … followed by space and a capital letter, a digit or an opening
# quote/bracket. Abbreviations followed by lower case ("f.eks. to") do not end a sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"'(\[]?[A-ZÆØÅ0-9§])")


def _hard_wrap(text: str, limit: int) -> list[str]:
    """Words packed into parts <= limit; a single longer word (a URL) is cut."""
    if len(text) <= limit:
        return [text]
    parts: list[str] = []
    current = ""
    for word in text.split():
        while len(word) > limit:
            if current:
                parts.append(current)
                current = ""
            parts.append(word[:limit])
            word = word[limit:]
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= limit:
            current += " " + word
        else:
            parts.append(current)
            current = word
    if current:
        parts.append(current)
    return parts


def split_text(text: str, limit: int = MAX_CHARS) -> list[str]:
    """Split text into messages of at most ``limit`` characters at paragraph, line and sentence
    boundaries (words only when one sentence is longer than ``limit``). Short text is one part."""
    text = (text or "").strip()
    if not text:
        return []
    if len(text) <= limit:
        return [text]
    units: list[tuple[str, str]] = []  # (separator before, unit)
    for pi, para in enumerate(re.split(r"\n\s*\n", text)):
        lines = [ln.strip() for ln in para.split("\n") if ln.strip()]
        for li, line in enumerate(lines):
            for si, sentence in enumerate(_SENTENCE_END.split(line)):
                sep = "\n\n" if (pi and not li and not si) else "\n" if (li and not si) else " "
                for wi, piece in enumerate(_hard_wrap(sentence.strip(), limit)):
                    units.append((sep if not wi else " ", piece))
    chunks: list[str] = []
    current = ""
    for sep, unit in units:
        if not current:
            current = unit
        elif len(current) + len(sep) + len(unit) <= limit:
            current += sep + unit
        else:
            chunks.append(current)
            current = unit
    if current:
        chunks.append(current)
    return chunks


def choices_of(message: dict[str, Any]) -> list[Choice]:
    """Buttons or quick replies of a Rasa bot message, as (title, payload)."""
    raw = message.get("buttons") or message.get("quick_replies") or []
    out = []
    for b in raw:
        if not isinstance(b, dict):
            continue
        title = str(b.get("title") or "").strip()
        payload = str(b.get("payload") or title).strip()
        if title:
            out.append(Choice(title, payload))
    return out


def options_block(choices: list[Choice]) -> str:
    lines = [f"{i}) {c.title}" for i, c in enumerate(choices, 1)]
    return "\n".join(lines + [OPTIONS_HINT])


def message_text(message: dict[str, Any]) -> str:
    """The text of a bot message; an image or attachment becomes a line with its address."""
    parts = [str(message.get("text") or "").strip()]
    if message.get("image"):
        parts.append(f"Bilde: {message['image']}")
    attachment = message.get("attachment")
    if isinstance(attachment, str):
        parts.append(attachment)
    elif isinstance(attachment, dict) and isinstance(attachment.get("payload"), dict):
        url = attachment["payload"].get("src") or attachment["payload"].get("url")
        if url:
            parts.append(str(url))
    custom = message.get("custom")
    if isinstance(custom, dict) and isinstance(custom.get("text"), str):
        parts.append(custom["text"].strip())
    return "\n\n".join(p for p in parts if p)


def render_message(message: dict[str, Any], numbered: bool = True,
                   limit: int = MAX_CHARS) -> tuple[list[str], list[Choice]]:
    """One bot message -> (text parts, its choices). With ``numbered`` the options block is added
    to the last part, or sent as its own part when it does not fit."""
    chunks = split_text(message_text(message), limit)
    choices = choices_of(message)
    if numbered and choices:
        block = options_block(choices)
        if chunks and len(chunks[-1]) + 2 + len(block) <= limit:
            chunks[-1] += "\n\n" + block
        else:
            chunks += split_text(block, limit)
    return chunks, choices


def render_text_only(messages: Iterable[dict[str, Any]], limit: int = MAX_CHARS) -> list[str]:
    """Rasa bot messages (``{"text": ..., "buttons": [{"title", "payload"}]}``) -> the text
    messages a phone shows, in order. Pure; payloads never appear."""
    out: list[str] = []
    for message in messages:
        out += render_message(message, numbered=True, limit=limit)[0]
    return out


# ---------------------------------------------------------------------------------------------
# Reading a reply to numbered options (pure)
# ---------------------------------------------------------------------------------------------
# Used with fullmatch on the stripped reply; no leading or trailing \s*, so a search is linear too.
_NUMBER = re.compile(r"(?:nr\.?\s*|nummer\s*)?(\d{1,2})\s*[.)]?", re.IGNORECASE)


# Small words that alone never pick a title by a part ("jeg" must not pick "Jeg er ansatt").
_FUNCTION_WORDS = frozenset(
    "jeg du vi de han hun det den er var har kan vil skal og eller i på til av for med om som en et "
    "ett ikke ja nei hva hvem hvor hvordan min mitt mine barn".split())


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def resolve_choice(text: str, choices: list[Choice]) -> Optional[str]:
    """The payload the user's reply picks, or None. "1", "1.", "1)", "nr 1" pick by position; the
    title picks case-insensitively; a part of a title (at least 3 letters, from the start of a
    word) picks it when it fits exactly one title."""
    if not choices or not isinstance(text, str):
        return None
    m = _NUMBER.fullmatch(text.strip())
    if m:
        i = int(m.group(1))
        return choices[i - 1].payload if 1 <= i <= len(choices) else None
    said = _norm(text)
    if not said:
        return None
    exact = [c for c in choices if _norm(c.title) == said]
    if exact:
        return exact[0].payload
    if len(said) >= 3 and not set(said.split()) <= _FUNCTION_WORDS:
        word_start = re.compile(r"(?:^| )" + re.escape(said))
        partial = [c for c in choices if word_start.search(_norm(c.title))]
        if len(partial) == 1:
            return partial[0].payload
    return None


class ChoiceMemory:
    """The last choices shown to each sender: bounded (least recently used out) and expiring.
    Holds only button titles and payloads (the bot's words), never what the user wrote."""

    def __init__(self, max_senders: int = 10_000, ttl_seconds: float = 24 * 3600) -> None:
        self.max_senders = max_senders
        self.ttl_seconds = ttl_seconds
        self._data: "OrderedDict[str, tuple[float, list[Choice]]]" = OrderedDict()

    def __len__(self) -> int:
        return len(self._data)

    def remember(self, key: str, choices: list[Choice]) -> None:
        if not choices:
            return
        self._data[key] = (time.monotonic(), list(choices))
        self._data.move_to_end(key)
        while len(self._data) > self.max_senders:
            self._data.popitem(last=False)

    def get(self, key: str) -> list[Choice]:
        entry = self._data.get(key)
        if entry is None:
            return []
        if time.monotonic() - entry[0] > self.ttl_seconds:
            self._data.pop(key, None)
            return []
        return entry[1]

    def forget(self, key: str) -> None:
        self._data.pop(key, None)

    def take(self, key: str, text: str) -> str:
        """The user answered: the payload their reply picks (or the text unchanged); the choices
        are forgotten, since the bot's next reply shows new ones (or none)."""
        payload = resolve_choice(text, self.get(key))
        self.forget(key)
        return payload if payload is not None else text


CHOICES = ChoiceMemory()


def memory_key(channel: str, sender_id: Any) -> str:
    return f"{channel}:{sender_id}"


# ---------------------------------------------------------------------------------------------
# Signed webhook (HMAC-SHA256 over timestamp and body, as Slack and Stripe do)
# ---------------------------------------------------------------------------------------------
SIGNATURE_HEADER = "X-Signature"
TIMESTAMP_HEADER = "X-Signature-Timestamp"
MAX_SKEW_SECONDS = 300
MIN_SECRET_CHARS = 16
SENDER_RE = re.compile(r"\+?[A-Za-z0-9._-]{1,64}")  # fullmatch: a phone number or a chat id


def sign(secret: bytes, timestamp: str, body: bytes) -> str:
    """Hex HMAC-SHA256 of "<timestamp>." + body: what the gateway puts after "sha256="."""
    return hmac.new(secret, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


# ---------------------------------------------------------------------------------------------
# Text-only callback channel
# ---------------------------------------------------------------------------------------------
class TextCallbackOutput(CallbackOutput):
    """Posts each text-only message as {"recipient_id", "text"} to the callback URL, in order."""

    @classmethod
    def name(cls) -> str:
        return "textcallback"

    def __init__(self, endpoint, memory: ChoiceMemory = CHOICES) -> None:
        super().__init__(endpoint)
        self.memory = memory

    @staticmethod
    def _message(recipient_id: str, **kwargs: Any) -> dict[str, Any]:  # type: ignore[override]
        return CollectingOutputChannel._message(client_id(SMS, recipient_id), **kwargs)

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        chunks, choices = render_message(message, numbered=True)
        self.memory.remember(memory_key(self.name(), client_id(SMS, recipient_id)), choices)
        for chunk in chunks:
            await self._persist_message(self._message(recipient_id, text=chunk))

    async def _persist_message(self, message: dict[str, Any]) -> None:
        await CollectingOutputChannel._persist_message(self, message)
        try:
            await self.callback_endpoint.request("post", content_type="application/json", json=message)
        except ClientResponseError as e:
            logger.error("Callback refused a message: status %s", e.status)
        except (aiohttp.ClientError, OSError, TimeoutError) as e:
            # The gateway is down: log and go on, the conversation is stored either way.
            logger.error("Callback unreachable: %s", type(e).__name__)


class TextCallbackInput(CallbackInput):
    """Rasa's callback channel, text-only: numbered options, split messages, "1" -> payload."""

    @classmethod
    def name(cls) -> str:
        return "textcallback"

    @classmethod
    def from_credentials(cls, credentials: Optional[dict[str, Any]]) -> "TextCallbackInput":
        from rasa.utils.endpoints import EndpointConfig

        credentials = dict(credentials or {})
        secret = credentials.pop("secret", None)
        return cls(EndpointConfig.from_dict(credentials), secret=secret)

    def __init__(self, endpoint, memory: ChoiceMemory = CHOICES, secret: Optional[str] = None) -> None:
        if not secret or len(str(secret)) < MIN_SECRET_CHARS:
            raise ValueError(f"The text callback channel needs CALLBACK_SECRET (at least "
                             f"{MIN_SECRET_CHARS} characters) to check the gateway's signature")
        super().__init__(endpoint)
        self.memory = memory
        self.secret = str(secret).encode()

    def check_signature(self, request: Request) -> Optional[HTTPResponse]:
        """None when the request is signed with our secret, else the 401/403 answer."""
        signature = request.headers.get(SIGNATURE_HEADER, "")
        stamp = request.headers.get(TIMESTAMP_HEADER, "")
        if not signature or not stamp:
            return response.json({"error": "signature missing"}, status=401)
        if not stamp.isdigit() or len(stamp) > 12 or abs(time.time() - int(stamp)) > MAX_SKEW_SECONDS:
            return response.json({"error": "bad signature"}, status=403)
        expected = "sha256=" + sign(self.secret, stamp, request.body or b"")
        if not hmac.compare_digest(signature.encode(), expected.encode()):
            return response.json({"error": "bad signature"}, status=403)
        return None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        resilience.install()
        bp = Blueprint("textcallback_webhook", __name__)
        limit_request_size(bp)

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            refused = self.check_signature(request)
            if refused is not None:
                return refused
            body = json_body(request) or {}
            sender_id, text = body.get("sender"), body.get("message")
            if isinstance(sender_id, int) and not isinstance(sender_id, bool):
                sender_id = str(sender_id)
            if not isinstance(sender_id, str) or not SENDER_RE.fullmatch(sender_id) or not isinstance(text, str):
                return response.json({"error": "sender og message må være med"}, status=400)
            output = self.get_output_channel()
            conversation = server_id(SMS, sender_id)
            if too_long(text):
                await output.send_text_message(conversation, TOO_LONG_REPLY)
                return response.text("success")
            text = self.memory.take(memory_key(self.name(), sender_id), text)
            resilience.new_message()
            await on_new_message(UserMessage(text, output, conversation, input_channel=self.name()))
            return response.text("success")

        return bp

    def get_output_channel(self) -> CollectingOutputChannel:
        return TextCallbackOutput(self.callback_endpoint, self.memory)
