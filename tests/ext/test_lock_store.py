"""The race-free Redis ticket lock (rasa_ext/lock_store.py): one holder per conversation across
replicas, tickets never lost, a killed holder frees the conversation after its lease, a slow holder
keeps it. Against the real Redis (TEST_REDIS_DB, default 6)."""
from __future__ import annotations

import asyncio
import os
import threading
import uuid

import pytest

from rasa_ext.lock_store import AtomicRedisLockStore
from tests.conftest import require

HOST = os.environ.get("REDIS_HOST", "127.0.0.1")
PORT = int(os.environ.get("REDIS_PORT", "6379"))
DB = int(os.environ.get("TEST_REDIS_DB", "6"))


def redis_up() -> bool:
    try:
        import redis
        return bool(redis.Redis(host=HOST, port=PORT, db=DB, socket_connect_timeout=2).ping())
    except Exception:  # noqa: BLE001
        return False


@pytest.fixture()
def stores(monkeypatch):
    require(redis_up(), f"Redis at {HOST}:{PORT}")
    monkeypatch.delenv("REDIS_DB", raising=False)
    prefix = f"fvtest{uuid.uuid4().hex[:8]}"
    made = [AtomicRedisLockStore(host=HOST, port=PORT, db=DB, key_prefix=prefix, lease_s=1, poll_ms=5)
            for _ in range(2)]  # two "replicas"
    yield made
    keys = made[0].red.keys(f"{prefix}:*")
    if keys:
        made[0].red.delete(*keys)


def test_stock_redis_lock_store_can_issue_one_ticket_twice():
    """Why this store exists: Rasa's read-modify-write loses a ticket when two replicas interleave."""
    require(redis_up(), f"Redis at {HOST}:{PORT}")
    from rasa.core.lock_store import RedisLockStore

    prefix = f"fvtest{uuid.uuid4().hex[:8]}"
    a, b = (RedisLockStore(host=HOST, port=PORT, db=DB, key_prefix=prefix) for _ in range(2))
    lock_a, lock_b = a.get_or_create_lock("c"), b.get_or_create_lock("c")  # both read
    ta, tb = lock_a.issue_ticket(60), lock_b.issue_ticket(60)
    a.save_lock(lock_a)
    b.save_lock(lock_b)
    assert ta == tb  # the same ticket twice: both replicas would think they are served
    a.delete_lock("c")


def test_tickets_are_unique_under_concurrent_issue(stores):
    got: list[int] = []
    mutex = threading.Lock()

    def issue(store):
        for _ in range(100):
            t = store.issue_ticket("conv")
            with mutex:
                got.append(t)

    threads = [threading.Thread(target=issue, args=(stores[i % 2],)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(got) == list(range(1, 601))


async def test_one_holder_at_a_time_across_replicas(stores):
    counter = {"value": 0, "inside": 0, "max_inside": 0}

    async def turn(store):
        async with store.lock("same"):
            counter["inside"] += 1
            counter["max_inside"] = max(counter["max_inside"], counter["inside"])
            seen = counter["value"]
            await asyncio.sleep(0.002)  # a read-modify-write that interleaves without the lock
            counter["value"] = seen + 1
            counter["inside"] -= 1

    await asyncio.gather(*(turn(stores[i % 2]) for i in range(40)))
    assert counter["value"] == 40 and counter["max_inside"] == 1
    assert not stores[0].is_someone_waiting("same")  # released: keys deleted


async def test_a_killed_holder_frees_the_conversation_after_its_lease(stores):
    dead = stores[0]
    ticket = dead.issue_ticket("orphan")
    assert dead.try_acquire("orphan", ticket) == 1  # held, then the replica "dies": no release
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    async with stores[1].lock("orphan"):
        waited = loop.time() - t0
    assert 0.5 < waited < 3  # the lease is 1 s


async def test_a_slow_holder_keeps_its_lock_past_the_lease(stores):
    order: list[str] = []

    async def slow():
        async with stores[0].lock("slow"):
            order.append("slow-start")
            await asyncio.sleep(2.5)  # 2.5 leases: the heartbeat renews it
            order.append("slow-end")

    async def fast():
        await asyncio.sleep(0.1)
        async with stores[1].lock("slow"):
            order.append("fast")

    await asyncio.gather(slow(), fast())
    assert order == ["slow-start", "slow-end", "fast"]
