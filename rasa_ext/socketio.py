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
"""
from __future__ import annotations

import inspect
import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from sanic import Blueprint

logger = logging.getLogger(__name__)


class SocketIOInput(RasaSocketIOInput):
    def blueprint(self, on_new_message: Callable[[Any], Awaitable[Any]]) -> Blueprint:
        bp = super().blueprint(on_new_message)
        sio = self.sio
        namespace = self.namespace or "/"

        async def session_request(sid: str, data: dict | None) -> None:
            if not isinstance(data, dict):
                data = {}
            session_id = data.get("session_id")
            if not isinstance(session_id, str) or not session_id or len(session_id) > 128:
                session_id = uuid.uuid4().hex
            data["session_id"] = session_id
            if self.session_persistence:
                entered = sio.enter_room(sid, session_id, namespace=namespace)
                if inspect.isawaitable(entered):
                    await entered
            await sio.emit("session_confirm", session_id, room=sid, namespace=namespace)
            logger.debug("socket.io session confirmed")

        sio.on("session_request", namespace=namespace)(session_request)
        return bp
