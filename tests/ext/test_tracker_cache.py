"""The tracker cache (rasa_ext.tracker_cache) in the privacy store, on SQLite and PostgreSQL: a
tracker read through the cache is the one the database gives, and every change made by anyone else
(another replica, a deletion, retention, a restart) is seen on the next read."""
from __future__ import annotations

import os
import time
import uuid

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (ActionExecuted, BotUttered, Restarted, SessionStarted, SlotSet,
                                     UserUttered)
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from sqlalchemy import text

from rasa_ext.tracker_store import PrivacySQLTrackerStore
from tests.ext.test_privacy_store import use_database

DOMAIN = Domain.from_yaml("""
version: "3.1"
intents: [inform]
slots:
  cd_children:
    type: float
    mappings: [{type: custom}]
  cd_alone:
    type: bool
    mappings: [{type: custom}]
""")


@pytest.fixture(params=["sqlite", "postgresql"])
def env(request, tmp_path, monkeypatch):
    use_database(request.param, tmp_path, monkeypatch)
    made = []

    def make(cache: int = 1000):
        monkeypatch.setenv("FV_TRACKER_CACHE", str(cache))
        s = PrivacySQLTrackerStore(domain=DOMAIN, retention_interval=0)
        made.append(s)
        return s

    yield make
    for s in made:
        s.close()


def turn(tracker: DialogueStateTracker, said: str, **slots) -> None:
    tracker.update(UserUttered(said, {"name": "inform", "confidence": 0.9},
                               parse_data={"text": said, "intent": {"name": "inform", "confidence": 0.9},
                                           "entities": [], "intent_ranking": []}))
    for name, value in slots.items():
        tracker.update(SlotSet(name, value))
    tracker.update(BotUttered("Takk."))
    tracker.update(ActionExecuted("action_listen"))


def start_session(tracker: DialogueStateTracker) -> DialogueStateTracker:
    for event in (ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")):
        tracker.update(event)
    return tracker


def new_conversation(sender: str) -> DialogueStateTracker:
    return start_session(DialogueStateTracker(sender, DOMAIN.slots))


async def started(store, said: str = "hei", sender: str | None = None) -> str:
    """A new conversation with one turn saved in `store`; returns its sender id."""
    sender = sender or f"c-{uuid.uuid4()}"
    tracker = new_conversation(sender)
    turn(tracker, said)
    await store.save(tracker)
    return sender


def state(tracker: DialogueStateTracker | None):
    return None if tracker is None else tracker.current_state(EventVerbosity.ALL)


def row_count(store, sender) -> int:
    """Rows of the latest session, as Rasa counts them: from its `session_started` on (the
    `action_session_start` row just before it belongs to no session's read)."""
    with store.session_scope() as session:
        return session.execute(text(
            "select count(*) from events where sender_id = :s and timestamp >= coalesce("
            "(select max(timestamp) from events where sender_id = :s and type_name = 'session_started'), 0)"),
            {"s": store.stored_id(sender)}).scalar()


async def test_a_cached_read_is_the_tracker_the_database_gives(env):
    store, plain = env(), env(cache=0)
    sender = await started(store, "hvor mange omsorgsdager har jeg?")
    for said, slots in [("2 barn", {"cd_children": 2.0}), ("fnr 01019912345", {}), ("alene", {"cd_alone": True})]:
        tracker = await store.retrieve(sender)
        turn(tracker, said, **slots)
        await store.save(tracker)
        assert state(await store.retrieve(sender)) == state(await plain.retrieve(sender))
    assert store._cache.hits >= 3, "the later reads must come from the cache"
    cached = await store.retrieve(sender)
    assert cached.get_slot("cd_children") == 2.0 and cached.get_slot("cd_alone") is True
    assert "01019912345" not in str(state(cached)), "the cache holds the masked text, as the database"
    assert row_count(store, sender) == len(cached.events), "no event is stored twice"


async def test_a_new_conversation_and_a_new_session_are_cached_as_written(env):
    store, plain = env(), env(cache=0)
    sender = await started(store)
    assert state(await store.retrieve(sender)) == state(await plain.retrieve(sender))
    assert (store._cache.hits, store._cache.misses) == (1, 0), "the first save fills the cache"
    tracker = start_session(await store.retrieve(sender))
    turn(tracker, "ny økt", cd_children=1.0)
    await store.save(tracker)
    again = await store.retrieve(sender)
    assert state(again) == state(await plain.retrieve(sender))
    assert [e.text for e in again.events if isinstance(e, UserUttered)] == ["ny økt"]
    assert store._cache.misses == 0


async def test_cache_off_reads_the_database_every_time(env):
    store = env(cache=0)
    sender = await started(store)
    for _ in range(3):
        tracker = await store.retrieve(sender)
        turn(tracker, "mer")
        await store.save(tracker)
    assert store._cache.hits == 0 and len(store._cache) == 0
    assert row_count(store, sender) == len((await store.retrieve(sender)).events)


async def test_events_another_replica_wrote_are_read(env):
    one, two = env(), env()
    sender = await started(one)
    turn_on_one = await one.retrieve(sender)  # now cached by one
    turn(turn_on_one, "2 barn", cd_children=2.0)
    await one.save(turn_on_one)
    on_two = await two.retrieve(sender)
    turn(on_two, "alene", cd_alone=True)
    await two.save(on_two)
    seen = await one.retrieve(sender)
    assert seen.get_slot("cd_alone") is True and seen.latest_message.text == "alene"
    assert state(seen) == state(await env(cache=0).retrieve(sender))
    turn(seen, "takk")
    await one.save(seen)
    assert row_count(one, sender) == len((await two.retrieve(sender)).events)


async def test_saving_a_tracker_read_elsewhere_stores_each_event_once(env):
    one, two = env(), env()
    sender = await started(one)
    await one.retrieve(sender)  # cached by one
    elsewhere = await two.retrieve(sender)
    turn(elsewhere, "2 barn", cd_children=2.0)
    await two.save(elsewhere)  # rows one has not seen
    turn(elsewhere, "alene", cd_alone=True)
    await one.save(elsewhere)  # the same first events as one's cached rows, then more
    assert row_count(one, sender) == len(elsewhere.events)
    assert state(await one.retrieve(sender)) == state(await env(cache=0).retrieve(sender))


async def test_a_deletion_anywhere_empties_the_cached_conversation(env):
    one, two = env(), env()
    sender = await started(one)
    assert await one.retrieve(sender) is not None and one.stored_id(sender) in one._cache
    two.delete_conversation(sender)
    assert await one.retrieve(sender) is None
    await started(two, "hei igjen", sender)
    again = await one.retrieve(sender)
    assert [e.text for e in again.events if isinstance(e, UserUttered)] == ["hei igjen"]
    one.delete_conversation(sender)
    assert one.stored_id(sender) not in one._cache and await one.retrieve(sender) is None


async def test_retention_and_a_new_session_are_seen(env):
    store = env()
    sender = await started(store, "første økt")
    tracker = start_session(await store.retrieve(sender))
    turn(tracker, "andre økt")
    await store.save(tracker)
    second = await store.retrieve(sender)
    assert [e.text for e in second.events if isinstance(e, UserUttered)] == ["andre økt"]
    assert state(second) == state(await env(cache=0).retrieve(sender))
    with store.session_scope() as session:  # everything idle for 40 days
        session.execute(text("update events set timestamp = timestamp - :d where sender_id = :s"),
                        {"d": 40 * 86400, "s": store.stored_id(sender)})
        session.commit()
    assert store.purge_expired() > 0
    assert await store.retrieve(sender) is None


async def test_a_restart_and_a_delete_request_are_not_cached(env):
    store = env()
    sender = await started(store)
    tracker = await store.retrieve(sender)
    turn(tracker, "start på nytt")
    tracker.update(Restarted())
    tracker.update(ActionExecuted("action_listen"))
    await store.save(tracker)
    assert await store.retrieve(sender) is None and row_count(store, sender) == 0
    await started(store, sender=sender)
    tracker = await store.retrieve(sender)
    tracker.update(ActionExecuted("action_delete_conversation"))
    await store.save(tracker)
    assert row_count(store, sender) == 0 and await store.retrieve(sender) is None


async def test_idle_entries_expire_and_the_size_is_bounded(env, monkeypatch):
    monkeypatch.setenv("FV_TRACKER_CACHE_SECONDS", "0.2")
    store = env(cache=3)
    senders = [f"c-{uuid.uuid4()}" for _ in range(5)]
    for sender in senders:
        await started(store, sender=sender)
        await store.retrieve(sender)
    assert len(store._cache) == 3
    time.sleep(0.3)
    hits = store._cache.hits
    assert (await store.retrieve(senders[-1])).latest_message.text == "hei"
    assert store._cache.hits == hits, "an entry idle longer than FV_TRACKER_CACHE_SECONDS is read again"
    time.sleep(0.3)
    assert store._cache.sweep() >= 1 and len(store._cache) == 0, "idle entries leave memory without any read"


def test_the_cache_is_on_by_default(env, monkeypatch):
    monkeypatch.delenv("FV_TRACKER_CACHE", raising=False)
    store = PrivacySQLTrackerStore(domain=DOMAIN, retention_interval=0)
    assert store._cache.size == 1000 and store._cache.seconds == 900 and store._cache._sweeper.is_alive()
    store.close()
    assert os.environ.get("FV_TRACKER_CACHE") is None
