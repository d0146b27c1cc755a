"""Rasa's socket.io channel, working with python-socketio 5.x (what Rasa Webchat widgets connect to).

Rasa 3.6.21's `session_request` handler calls `sio.enter_room(...)` without awaiting it. Since
python-socketio 5.x `AsyncServer.enter_room` is a coroutine, so with `session_persistence: true`
the client never joins its session's room and no answer reaches it ("coroutine
'AsyncServer.enter_room' was never awaited"). This subclass replaces only that handler with one that
awaits the call (and still works when it is a plain function); everything else is Rasa's channel.

credentials.yml:
  rasa_ext.socketio.SocketIOInput:
    session_persistence: true
The channel keeps Rasa's name `socketio`, so the widget's URL (/socket.io) and the tracker's
input_channel are the same as with Rasa's own channel.

Like every channel here (rasa_ext/channels.py), a socket.io conversation lives in its own
namespace: the session id a client sends becomes 'sio:<id>' in the tracker store, so no client can
name a web, Telegram, SMS or caseworker conversation ("tg:12345" is just an id in 'sio:'). Session
ids follow the REST contract (1-64 of [A-Za-z0-9._-]; anything else gets a fresh random id), and a
message over the length cap gets the same friendly reply as on REST, without reaching the bot.
"""
from __future__ import annotations

import inspect
import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from rasa.core.channels.socketio import SocketIOOutput
from sanic import Blueprint

from .channels import SOCKETIO, TOO_LONG_REPLY, client_id, server_id, too_long, valid_client_id

logger = logging.getLogger(__name__)


class NamespacedOutput(SocketIOOutput):
    """Replies go to the client's room (its session id), not to the tracker's 'sio:<id>'."""

    async def _send_message(self, socket_id: str, response: Any) -> None:
        await super()._send_message(client_id(SOCKETIO, socket_id), response)


class SocketIOInput(RasaSocketIOInput):
    def blueprint(self, on_new_message: Callable[[Any], Awaitable[Any]]) -> Blueprint:
        bp = super().blueprint(on_new_message)
        sio = self.sio
        namespace = self.namespace or "/"

        async def session_request(sid: str, data: dict | None) -> None:
            if not isinstance(data, dict):
                data = {}
            session_id = valid_client_id(data.get("session_id")) or uuid.uuid4().hex
            data["session_id"] = session_id
            if self.session_persistence:
                entered = sio.enter_room(sid, session_id, namespace=namespace)
                if inspect.isawaitable(entered):
                    await entered
            await sio.emit("session_confirm", session_id, room=sid, namespace=namespace)
            logger.debug("socket.io session confirmed")

        async def handle_message(sid: str, data: Any) -> None:
            if not isinstance(data, dict):
                return
            output = NamespacedOutput(sio, self.bot_message_evt)
            client = valid_client_id(data.get("session_id")) if self.session_persistence else sid
            if client is None:
                logger.warning("socket.io: a message without a valid session id was ignored")
                return
            text = data.get("message")
            if not isinstance(text, str):
                return
            if too_long(text):
                await output.send_text_message(server_id(SOCKETIO, client), TOO_LONG_REPLY)
                return
            metadata = data.get(self.metadata_key)
            await on_new_message(UserMessage(text, output, server_id(SOCKETIO, client),
                                             input_channel=self.name(),
                                             metadata=metadata if isinstance(metadata, dict) else None))

        sio.on("session_request", namespace=namespace)(session_request)
        sio.on("user_uttered", namespace=namespace)(handle_message)
        return bp
