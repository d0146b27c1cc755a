"""Loopback stand-ins for what a messaging channel talks to, in a background thread:

  * a callback receiver (an SMS/chat gateway): POST /callback, records the JSON bodies in order;
  * the Telegram Bot API: POST /bot<token>/<method> with aiogram's form fields, answering getMe,
    setWebhook and sendMessage as Telegram does ({"ok": true, "result": ...}); a wrong token gets
    401 and an unknown method 404, like the real API. ``deliver`` plays Telegram's side of the
    webhook: it POSTs an update to the URL and with the secret that setWebhook registered.
"""
from __future__ import annotations

import asyncio
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Optional

import requests
from aiohttp import web


@dataclass
class ApiCall:
    method: str
    fields: dict[str, str]
    content_type: str


@dataclass
class StandIn:
    token: str
    username: str
    host: str = "127.0.0.1"
    port: int = 0
    callbacks: list[dict] = field(default_factory=list)
    calls: list[ApiCall] = field(default_factory=list)
    bad_token_calls: int = 0
    webhook: dict[str, str] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _next_message_id: int = 1

    # -- server ------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> "StandIn":
        ready = threading.Event()
        self._loop = asyncio.new_event_loop()

        def run() -> None:
            asyncio.set_event_loop(self._loop)
            app = web.Application()
            app.router.add_post("/callback", self._callback)
            app.router.add_post("/bot{token}/{method}", self._api)
            self._runner = web.AppRunner(app, access_log=None)
            self._loop.run_until_complete(self._runner.setup())
            site = web.TCPSite(self._runner, self.host, 0)
            self._loop.run_until_complete(site.start())
            self.port = site._server.sockets[0].getsockname()[1]
            ready.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=run, name="standin", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("the stand-in did not start")
        return self

    def stop(self) -> None:
        async def shutdown() -> None:
            await self._runner.cleanup()
        asyncio.run_coroutine_threadsafe(shutdown(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    # -- handlers ----------------------------------------------------------------------------
    async def _callback(self, request: web.Request) -> web.Response:
        body = await request.json()
        with self._lock:
            self.callbacks.append(body)
        return web.json_response({"ok": True})

    async def _api(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            with self._lock:
                self.bad_token_calls += 1
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"},
                                     status=401)
        method = request.match_info["method"]
        if request.content_type == "application/json":
            body = await request.json()
            fields = {k: v if isinstance(v, str) else json.dumps(v) for k, v in body.items()}
        else:
            fields = {k: str(v) for k, v in (await request.post()).items()}
        with self._lock:
            self.calls.append(ApiCall(method, fields, request.content_type))
        if method == "getMe":
            result: Any = {"id": 4242, "is_bot": True, "first_name": "Familieveileder",
                           "username": self.username}
        elif method == "setWebhook":
            self.webhook = fields
            result = True
        elif method == "sendMessage":
            with self._lock:
                mid, self._next_message_id = self._next_message_id, self._next_message_id + 1
            result = {"message_id": mid, "date": int(time.time()),
                      "chat": {"id": int(fields["chat_id"]), "type": "private"},
                      "from": {"id": 4242, "is_bot": True, "first_name": "Familieveileder"},
                      "text": fields.get("text", "")}
        else:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"},
                                     status=404)
        return web.json_response({"ok": True, "result": result})

    # -- helpers for tests -------------------------------------------------------------------
    def sent(self, chat_id: Optional[int] = None) -> list[ApiCall]:
        with self._lock:
            return [c for c in self.calls if c.method == "sendMessage"
                    and (chat_id is None or c.fields.get("chat_id") == str(chat_id))]

    def callbacks_for(self, recipient: str) -> list[dict]:
        with self._lock:
            return [c for c in self.callbacks if c.get("recipient_id") == recipient]

    def deliver(self, update: dict, secret: Optional[str] = None, timeout: float = 60) -> requests.Response:
        """POST an update the way Telegram does: JSON, to the registered URL, with the secret."""
        assert self.webhook.get("url"), "setWebhook was never called"
        token = self.webhook.get("secret_token") if secret is None else secret
        headers = {"X-Telegram-Bot-Api-Secret-Token": token} if token else {}
        return requests.post(self.webhook["url"], json=update, headers=headers, timeout=timeout)


_update_id = 10_000


def text_update(chat_id: int, text: str, chat_type: str = "private", **message: Any) -> dict:
    """A Telegram Update as the Bot API sends it for a text message."""
    global _update_id
    _update_id += 1
    user = {"id": chat_id, "is_bot": False, "first_name": "Kari", "language_code": "nb"}
    chat = {"id": chat_id, "type": chat_type, "first_name": "Kari"}
    if chat_type != "private":
        chat = {"id": chat_id, "type": chat_type, "title": "Foreldregruppe"}
    msg = {"message_id": _update_id, "from": user, "chat": chat, "date": int(time.time()), **message}
    if text is not None:
        msg["text"] = text
    return {"update_id": _update_id, "message": msg}
