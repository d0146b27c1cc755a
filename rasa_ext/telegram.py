"""Telegram connector: Rasa's Telegram channel (aiogram 2) with

  * a configurable Bot API base URL (``api_url``): a self-hosted Bot API server, or the local
    stand-in the tests use. Default https://api.telegram.org;
  * the webhook registered when the server has started (in Sanic's loop), not while the app is
    built: startup never blocks on the network, and a failure is logged instead of stopping the
    other channels. Telegram keeps the registration, so a restart during an outage is harmless;
  * a required ``secret_token`` (TELEGRAM_SECRET_TOKEN; the channel refuses to start without
    one): given to setWebhook, and every update must carry it in the
    ``X-Telegram-Bot-Api-Secret-Token`` header (401 when missing, 403 when wrong; nothing is
    stored then). Conversations are ``tg:<chat id>`` on the server (rasa_ext/channels.py), so
    no REST client can reach them; messages over the length cap never reach NLU. ``verify``
    (the bot's username) is checked as in Rasa, with getMe asked once per process instead of
    once per update;
  * buttons as a one-time reply keyboard with the button titles (Telegram sends the title back as
    text); the title, "1", "2" ... or a unique part of a title is replaced by the payload, as in
    the text-only channels (rasa_ext/messaging.py). Long texts are split at sentence boundaries;
  * private chats only; non-text messages (photos, voice, location) get "Jeg kan bare lese
    tekst" and are not passed on, so no location or file reaches the tracker store;
  * Telegram's "/start" becomes the greeting (``/greet``), which says it is a chatbot.

Credentials key ``rasa_ext.telegram.TelegramInput`` (see scripts/credentials.py):
  access_token, verify, webhook_url, secret_token, api_url (optional).
Webhook: POST /webhooks/telegram/webhook.
"""
from __future__ import annotations

import hmac
import json
import logging
import re
from typing import Any, Awaitable, Callable, Optional

from aiogram import Bot
from aiogram.bot.api import TELEGRAM_PRODUCTION, TelegramAPIServer
from aiogram.types import ReplyKeyboardMarkup, ReplyKeyboardRemove, KeyboardButton, Update
from rasa.core.channels import telegram as rasa_telegram
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.shared.constants import INTENT_MESSAGE_PREFIX
from rasa.shared.core.constants import USER_INTENT_RESTART
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from . import resilience
from .channels import TELEGRAM, TOO_LONG_REPLY, client_id, limit_request_size, server_id, too_long
from .messaging import CHOICES, ChoiceMemory, memory_key, render_message

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
TEXT_ONLY_HINT = "Jeg kan bare lese tekst. Skriv spørsmålet ditt med vanlige ord."
START_PAYLOAD = "/greet"
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
# Telegram allows 1-256 characters A-Z a-z 0-9 _ - in a secret token; we ask for at least 16.
SECRET_RE = re.compile(r"[A-Za-z0-9_-]{16,256}")


class TelegramOutput(rasa_telegram.TelegramOutput):
    def __init__(self, access_token: str, api_url: Optional[str] = None,
                 memory: ChoiceMemory = CHOICES) -> None:
        server = TelegramAPIServer.from_base(api_url) if api_url else TELEGRAM_PRODUCTION
        Bot.__init__(self, access_token, server=server)
        self.memory = memory

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        recipient_id = client_id(TELEGRAM, recipient_id)  # 'tg:123' -> the chat id 123
        chunks, choices = render_message(message, numbered=False)
        key = memory_key(self.name(), recipient_id)
        if choices:
            rows = [[KeyboardButton(c.title)] for c in choices]
            markup: Any = ReplyKeyboardMarkup(keyboard=rows, resize_keyboard=True, one_time_keyboard=True)
            self.memory.remember(key, choices)
        elif not self.memory.get(key):
            # No choices in this turn (yet): take away a keyboard left from an earlier question.
            markup = ReplyKeyboardRemove()
        else:
            markup = None
        if not chunks and choices:
            chunks = ["Velg et svar:"]
        for i, chunk in enumerate(chunks):
            await self.send_message(recipient_id, chunk,
                                    reply_markup=markup if i == len(chunks) - 1 else None)
        if isinstance(message.get("custom"), dict) and "text" not in message["custom"]:
            await self.send_custom_json(recipient_id, message["custom"])

    async def register_webhook(self, url: str, secret_token: Optional[str] = None) -> bool:
        data: dict[str, Any] = {"url": url, "allowed_updates": json.dumps(ALLOWED_UPDATES)}
        if secret_token:
            data["secret_token"] = secret_token  # Bot API 6.1; aiogram 2.15 has no argument for it
        return bool(await self.request("setWebhook", data))


class TelegramInput(rasa_telegram.TelegramInput):
    @classmethod
    def name(cls) -> str:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: Optional[dict[str, Any]]) -> InputChannel:
        if not credentials:
            cls.raise_missing_credentials_exception()
        return cls(credentials.get("access_token"), credentials.get("verify"),
                   credentials.get("webhook_url"), api_url=credentials.get("api_url") or None,
                   secret_token=credentials.get("secret_token") or None)

    def __init__(self, access_token: Optional[str], verify: Optional[str], webhook_url: Optional[str],
                 debug_mode: bool = False, api_url: Optional[str] = None,
                 secret_token: Optional[str] = None, memory: ChoiceMemory = CHOICES) -> None:
        if not secret_token or not SECRET_RE.fullmatch(str(secret_token)):
            raise ValueError("Telegram needs TELEGRAM_SECRET_TOKEN: 16 to 256 characters "
                             "A-Z a-z 0-9 _ - (Telegram sends it with every update)")
        super().__init__(access_token, verify, webhook_url, debug_mode)
        self.api_url = api_url
        self.secret_token = secret_token
        self.memory = memory
        self._verified = False

    def get_output_channel(self) -> TelegramOutput:
        # Unlike Rasa's, no network call here (see the module docstring).
        return TelegramOutput(self.access_token, self.api_url, self.memory)

    async def _is_our_bot(self, bot: TelegramOutput) -> bool:
        if not self._verified:
            me = await bot.me  # getMe, cached by aiogram
            self._verified = me.username == self.verify
        return self._verified

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        resilience.install()
        bp = Blueprint("telegram_webhook", __name__)
        limit_request_size(bp)
        out_channel = self.get_output_channel()

        @bp.listener("after_server_start")
        async def set_webhook(app: Any, loop: Any) -> None:
            try:
                ok = await out_channel.register_webhook(self.webhook_url, self.secret_token)
                logger.info("Telegram webhook %s", "registered" if ok else "NOT registered")
            except Exception as e:  # noqa: BLE001 - never stop the other channels
                logger.error("Telegram webhook registration failed: %s: %s", type(e).__name__, e)

        @bp.listener("after_server_stop")
        async def close(app: Any, loop: Any) -> None:
            await out_channel.session.close()

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            given = request.headers.get(SECRET_HEADER)
            if not given:
                return response.text("unauthorized", status=401)
            if not hmac.compare_digest(given.encode(), self.secret_token.encode()):
                return response.text("forbidden", status=403)
            try:
                body = request.json
                if isinstance(body, str):
                    body = json.loads(body)
            except Exception:  # noqa: BLE001 - bad JSON
                body = None
            if not isinstance(body, dict):
                return response.text("bad request", status=400)
            try:
                if not await self._is_our_bot(out_channel):
                    logger.warning("Telegram: getMe username does not match 'verify'")
                    return response.text("failed")
            except Exception as e:  # noqa: BLE001
                logger.error("Telegram getMe failed: %s", type(e).__name__)
                return response.text("failed", status=503)

            try:
                update = Update(**body)
            except Exception:  # noqa: BLE001 - not a Telegram update
                return response.text("bad request", status=400)
            if update.callback_query is not None:  # an inline button from elsewhere
                msg, text = update.callback_query.message, update.callback_query.data
            else:
                msg = update.message or update.edited_message
                text = msg.text if msg is not None else None
            if msg is None or msg.chat is None or msg.chat.type != "private":
                return response.text("success")  # channel posts, groups: not for this bot
            sender_id = str(msg.chat.id)
            if not text:
                await out_channel.send_message(sender_id, TEXT_ONLY_HINT)
                return response.text("success")
            if too_long(text):
                await out_channel.send_message(sender_id, TOO_LONG_REPLY)
                return response.text("success")

            text = text.replace("/bot", "") if text.startswith("/bot") else text
            key = memory_key(self.name(), sender_id)
            text = self.memory.take(key, text)
            texts = [text]
            if text.strip() == "/start":
                texts = [START_PAYLOAD]
            elif text.strip() == INTENT_MESSAGE_PREFIX + USER_INTENT_RESTART:
                texts = [text, START_PAYLOAD]
            try:
                resilience.new_message()
                for t in texts:
                    await on_new_message(UserMessage(t, out_channel, server_id(TELEGRAM, sender_id),
                                                     input_channel=self.name()))
            except Exception as e:  # noqa: BLE001 - answer 200, or Telegram re-sends the update
                logger.error("Telegram: handling a message failed: %s", type(e).__name__)
                logger.debug(e, exc_info=True)
                if self.debug_mode:
                    raise
            return response.text("success")

        return bp
