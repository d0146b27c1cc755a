"""The first-come-first-served gate around Rasa's message handling (rasa_ext.admission)."""
from __future__ import annotations

import asyncio

from rasa_ext.admission import FifoGate


async def test_at_most_limit_inside_and_the_rest_in_arrival_order():
    gate, inside, most, order = FifoGate(2), 0, 0, []

    async def message(i: int, delay: float):
        nonlocal inside, most
        await asyncio.sleep(i * 0.001)  # arrive in the order of i
        async with gate:
            inside += 1
            most = max(most, inside)
            order.append(i)
            await asyncio.sleep(delay)
            inside -= 1

    await asyncio.gather(*(message(i, 0.02 if i % 3 else 0.005) for i in range(12)))
    assert most == 2 and order == list(range(12)) and gate.busy == 0


async def test_a_cancelled_waiter_gives_its_place_on():
    gate = FifoGate(1)
    entered = []

    async def hold():
        async with gate:
            await asyncio.sleep(0.05)

    async def wait_then(i):
        async with gate:
            entered.append(i)

    holder = asyncio.create_task(hold())
    await asyncio.sleep(0.005)
    cancelled = asyncio.create_task(wait_then("cancelled"))
    after = asyncio.create_task(wait_then("after"))
    await asyncio.sleep(0.005)
    cancelled.cancel()
    await asyncio.gather(holder, after, return_exceptions=True)
    assert entered == ["after"] and gate.busy == 0 and gate.waiting == 0


async def test_an_error_inside_frees_the_place():
    gate = FifoGate(1)
    try:
        async with gate:
            raise ValueError("bad input")
    except ValueError:
        pass
    async with gate:
        assert gate.busy == 1
    assert gate.busy == 0
