"""The privacy tracker store against real databases: SQLite file and the PostgreSQL server.
Masking before storage, deletion on request, retention. Plus the Redis lock store Rasa uses
when scaled out."""
from __future__ import annotations

import asyncio
import os
import time
import uuid

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine, text

from rasa_ext.masking import MASK, mask
from rasa_ext.tracker_store import PrivacySQLTrackerStore
from tests.conftest import require

PG_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


def pg_available() -> bool:
    try:
        with create_engine(PG_URL, connect_args={"connect_timeout": 3}).connect() as conn:
            conn.execute(text("select 1"))
        return True
    except Exception:  # noqa: BLE001
        return False


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path, monkeypatch):
    if request.param == "sqlite":
        monkeypatch.setenv("TRACKER_DB_URL", f"sqlite:///{tmp_path / 'tracker.db'}")
    else:
        require(pg_available(), f"PostgreSQL at {PG_URL}")
        monkeypatch.setenv("TRACKER_DB_URL", PG_URL)
    return PrivacySQLTrackerStore(domain=Domain.empty())


def conversation(sender: str, *texts: str, delete: bool = False) -> DialogueStateTracker:
    trk = DialogueStateTracker(sender, [])
    for t in texts:
        trk.update(ActionExecuted("action_listen"))
        trk.update(UserUttered(t, {"name": "inform", "confidence": 1.0}, parse_data={"text": t}))
        trk.update(BotUttered("ok"))
    if delete:
        trk.update(ActionExecuted("action_delete_conversation"))
    return trk


def stored_texts(store, sender):
    with store.session_scope() as session:
        rows = session.execute(text("select data from events where sender_id = :s and type_name = 'user'"),
                               {"s": sender}).fetchall()
    import json
    return [json.loads(r[0])["text"] for r in rows]


@pytest.mark.parametrize("raw,masked", [
    ("mitt fnr er 01019912345", f"mitt fnr er {MASK}"), ("ring 912 34 567", f"ring {MASK}"),
    ("+47 91234567", MASK), ("skriv til ola@example.no", f"skriv til {MASK}"),
    ("saksnr 2024123456", f"saksnr {MASK}"), ("barna er født 2015 og 2018", "barna er født 2015 og 2018"),
    ("3 barn", "3 barn"),
])
def test_mask(raw, masked):
    assert mask(raw) == masked


async def test_identifiers_are_masked_before_storage(store):
    sender = f"t-{uuid.uuid4()}"
    await store.save(conversation(sender, "Jeg har 2 barn", "fnr 01019912345, tlf 91234567"))
    assert stored_texts(store, sender) == ["Jeg har 2 barn", f"fnr {MASK}, tlf {MASK}"]
    retrieved = await store.retrieve(sender)
    assert retrieved is not None and retrieved.latest_message.text == f"fnr {MASK}, tlf {MASK}"


async def test_user_can_delete_the_conversation(store):
    sender = f"t-{uuid.uuid4()}"
    await store.save(conversation(sender, "hei", "2 barn"))
    assert len(stored_texts(store, sender)) == 2
    assert store.delete_conversation(sender) > 0
    assert stored_texts(store, sender) == [] and await store.retrieve(sender) is None


async def test_delete_action_deletes_instead_of_saving(store):
    sender = f"t-{uuid.uuid4()}"
    await store.save(conversation(sender, "hei"))
    await store.save(conversation(sender, "hei", "slett samtalen", delete=True))
    assert stored_texts(store, sender) == []


async def test_retention_purges_idle_conversations_only(store):
    old, fresh = f"old-{uuid.uuid4()}", f"new-{uuid.uuid4()}"
    await store.save(conversation(old, "hei"))
    await store.save(conversation(fresh, "hei"))
    with store.session_scope() as session:
        session.execute(text("update events set timestamp = :t where sender_id = :s"),
                        {"t": time.time() - 40 * 86400, "s": old})
        session.commit()
    store.purge_expired()
    assert stored_texts(store, old) == [] and stored_texts(store, fresh) == ["hei"]


def redis_available() -> bool:
    try:
        import redis
        return bool(redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=2).ping())
    except Exception:  # noqa: BLE001
        return False


async def test_redis_lock_store_serialises_one_conversation():
    require(redis_available(), "Redis at 127.0.0.1:6379")
    from rasa.core.lock_store import RedisLockStore
    store = RedisLockStore(host="127.0.0.1", port=6379, key_prefix=f"fvtest{uuid.uuid4().hex[:6]}")
    order: list[str] = []

    async def turn(name: str) -> None:
        async with store.lock("same-conversation", wait_time_in_seconds=0.01):
            order.append(f"{name}-start")
            await asyncio.sleep(0.05)
            order.append(f"{name}-end")

    await asyncio.gather(turn("a"), turn("b"))
    assert order in (["a-start", "a-end", "b-start", "b-end"], ["b-start", "b-end", "a-start", "a-end"])
