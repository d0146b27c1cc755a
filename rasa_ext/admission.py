"""First come, first served: at most FV_CONCURRENT_MESSAGES messages (default 3) are handled at once
by one Rasa process; the others wait in arrival order.

Why: Rasa handles every message on one event loop, and a message gives the loop up at each call to
the action server. With 20 messages in flight, each call puts the message at the back of the loop's
queue again, so a message with three calls waits three rounds of everyone else's work: under load
the slowest 5 % took 1.7 times the median (docs/benchmarks.md). With a small number in flight, the
loop still has work while one message waits for the action server, and each message waits once,
for the ones that came before it. The gate sits inside the conversation lock (a message waiting
for its own conversation holds no place), around MessageProcessor.handle_message only.
FV_CONCURRENT_MESSAGES=0 turns it off.
"""
from __future__ import annotations

import asyncio
import os
from collections import deque


def configured_limit() -> int:
    try:
        return max(0, int(os.environ.get("FV_CONCURRENT_MESSAGES") or 3))
    except ValueError:
        return 3


class FifoGate:
    """An async context manager letting `limit` holders in at once, the waiting ones in order.

    A freed place is handed to the oldest waiter directly, so a newcomer cannot overtake it."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.busy = 0
        self._waiting: deque[asyncio.Future] = deque()

    @property
    def waiting(self) -> int:
        # not len(): a cancelled waiter stays queued until its task runs again to remove itself,
        # and counting it would queue a newcomer that no release would then wake
        return sum(1 for f in self._waiting if not f.done())

    async def __aenter__(self) -> "FifoGate":
        if self.busy < self.limit and not self.waiting:
            self.busy += 1
            return self
        future = asyncio.get_running_loop().create_future()
        self._waiting.append(future)
        try:
            await future  # resolved by _release: the place is ours
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():
                self._release()  # handed a place, but cancelled before using it: pass it on
            else:
                try:
                    self._waiting.remove(future)
                except ValueError:
                    pass
            raise
        return self

    async def __aexit__(self, *exc) -> bool:
        self._release()
        return False

    def _release(self) -> None:
        while self._waiting:
            future = self._waiting.popleft()
            if not future.done():
                future.set_result(None)  # the place goes to the oldest waiter, busy stays the same
                return
        self.busy -= 1


def install(limit: int | None = None) -> bool:
    """Wrap MessageProcessor.handle_message in a gate per event loop. Returns False when off."""
    from rasa.core.processor import MessageProcessor

    limit = configured_limit() if limit is None else limit
    original = getattr(MessageProcessor.handle_message, "_fv_original", MessageProcessor.handle_message)
    if limit <= 0:
        MessageProcessor.handle_message = original
        return False
    gates: dict[int, FifoGate] = {}

    async def handle_message(self, message):
        loop_id = id(asyncio.get_running_loop())
        gate = gates.get(loop_id)
        if gate is None:
            gate = gates[loop_id] = FifoGate(limit)
        async with gate:
            return await original(self, message)

    handle_message._fv_original = original  # type: ignore[attr-defined]
    MessageProcessor.handle_message = handle_message
    return True
