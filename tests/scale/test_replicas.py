"""The production profile on the real engines: `REPLICAS=2 scripts/run.sh` (nginx, two Rasa
replicas, the action server behind nginx, PostgreSQL tracker store, race-free Redis lock).

Proves that nothing is lost (one conversation through both replicas at once; a load test), that
socket.io works through nginx with session persistence, and that faults are survived: a replica
killed under load, the replicas restarted, the action server stopped and PostgreSQL restarted
(that one only in CI or with FV_TEST_PG_RESTART=1: the server is shared on a developer machine).

Ports: TEST_PROD_PORT (default 5910; nginx there, replicas +1 and +2, actions +20/+21, web +40);
database: TEST_POSTGRES_URL's server, database <name>_replicas (created and dropped); Redis
db TEST_REDIS_DB (default 6).
"""
from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from bench import load as bl
from tests.conftest import IN_CI, require

ROOT = Path(__file__).resolve().parents[2]
PORT = int(os.environ.get("TEST_PROD_PORT", "5910"))
PG = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_DB = os.environ.get("TEST_REDIS_DB", "6")

pytestmark = pytest.mark.scale


def _up(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def _reachable(host: str, port: int) -> bool:
    import socket
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def stack():
    require(_reachable("127.0.0.1", 5432), "PostgreSQL at 127.0.0.1:5432")
    require(_reachable("127.0.0.1", 6379), "Redis at 127.0.0.1:6379")
    require((ROOT / "models" / "familieveileder.tar.gz").exists(), "a trained model (models/)")
    from sqlalchemy.engine import make_url

    name = f"{make_url(PG).database or 'fv'}_replicas"
    db_url = bl.temp_database(PG, name)
    st = bl.ProdStack(PORT, 2, db_url, REDIS_DB, ROOT / "var" / "test-prod-stack.log").start()
    extra: list[subprocess.Popen] = []
    st.extra = extra
    yield st
    st.stop()
    for p in extra:
        try:
            os.killpg(p.pid, signal.SIGTERM)
            p.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass
    bl.drop_database(PG, name)


def wait_until(pred, timeout: float, what: str) -> float:
    t0 = time.monotonic()
    while not pred():
        if time.monotonic() - t0 > timeout:
            raise AssertionError(f"{what} not within {timeout} s")
        time.sleep(0.25)
    return time.monotonic() - t0


def test_load_through_nginx_loses_nothing(stack):
    load = asyncio.run(bl.run_load(stack.url, conversations=10, turns=8, prefix="t-load"))
    assert load.errors == []
    assert bl.verify(stack.db_url, load) == []
    print("small load:", load.summary())


async def _both_at_once(stack, conversations: int, rounds: int):
    import aiohttp

    sent: dict[str, set[str]] = {}
    failures = []
    async with aiohttp.ClientSession() as session:
        async def conversation():
            sender = f"t-both-{uuid.uuid4().hex[:10]}"
            sent[sender] = set()
            for r in range(rounds):
                texts = [f"hei {bl.tag()}", f"takk {bl.tag()}"]
                results = await asyncio.gather(*(
                    bl.send(session, base + "/webhooks/rest/webhook", sender, t)
                    for base, t in zip(stack.replica_urls, texts)))  # one to each replica, at once
                for (status, body), t in zip(results, texts):
                    if status != 200:
                        failures.append((sender, t, status, body[:100]))
                    sent[sender].add(t)
        await asyncio.gather(*(conversation() for _ in range(conversations)))
    return sent, failures


def test_one_conversation_through_both_replicas_at_once_keeps_every_event_once_and_in_order(stack):
    sent, failures = asyncio.run(_both_at_once(stack, conversations=12, rounds=4))
    assert failures == []
    stored = bl.stored_events(stack.db_url, list(sent))
    for sender, texts in sent.items():
        user_texts = [e.text for e in stored[sender] if e.type_name == "user"]
        assert sorted(user_texts) == sorted(texts), sender  # every message exactly once
        assert bl.check_conversation(stored[sender], None, allowed=texts) == [], sender


def _socketio_turn(url: str, session_id: str, text: str, timeout: float = 30) -> list[dict]:
    """One turn as Rasa Webchat does it: connect, session_request, user_uttered, bot_uttered.
    python-socketio's own client (sync, long-polling: its asyncio client needs a newer aiohttp
    than Rasa 3.6 allows)."""
    import threading

    import socketio

    client = socketio.Client(reconnection=False)
    got: list[dict] = []
    confirmed, answered = threading.Event(), threading.Event()
    client.on("session_confirm", lambda data: confirmed.set())

    def on_bot(data):
        got.append(data)
        answered.set()

    client.on("bot_uttered", on_bot)
    client.connect(url, socketio_path="/socket.io", transports=["polling"], wait_timeout=20)
    try:
        client.emit("session_request", {"session_id": session_id})
        assert confirmed.wait(timeout), "no session_confirm"
        client.emit("user_uttered", {"message": text, "session_id": session_id})
        assert answered.wait(timeout), "no bot_uttered"
        time.sleep(1.0)  # the rest of the answer's messages
    finally:
        client.disconnect()
    return got


def test_socketio_through_nginx_with_session_persistence(stack):
    session_id = uuid.uuid4().hex
    first = (_socketio_turn(stack.url, session_id, "Hvor mange omsorgsdager har jeg?"))
    assert any("barn" in (m.get("text") or "") for m in first), first
    # a new connection (a page reload) with the same session continues the same conversation
    second = (_socketio_turn(stack.url, session_id, "2 barn"))
    assert any("født" in (m.get("text") or "").lower() or "år" in (m.get("text") or "") for m in second), second
    # socket.io conversations live in their own namespace ('sio:<id>')
    stored = bl.stored_events(stack.db_url, [session_id], namespace="sio")[session_id]
    assert [e.text for e in stored if e.type_name == "user"] == ["Hvor mange omsorgsdager har jeg?", "2 barn"]


def test_a_replica_killed_under_load_loses_no_conversation(stack):
    victim_port = PORT + 2
    killed = {}

    async def on_turn(i, n):
        if i == 0 and n == 2 and not killed:
            pid = bl.pid_on_port(victim_port)
            assert pid, "replica 2 not found"
            os.kill(pid, signal.SIGKILL)
            killed["t"] = time.monotonic()

    load = asyncio.run(bl.run_load(stack.url, conversations=12, turns=8, prefix="t-kill", on_turn=on_turn))
    assert killed, "the replica was never killed"
    # Only messages in flight at the kill may fail (nginx does not send a POST twice); every
    # conversation went on afterwards on the other replica.
    assert len(load.errors) <= 12, load.errors
    for sender, texts in load.sent.items():
        assert len(texts) >= 7, (sender, texts)
    stored = bl.stored_events(stack.db_url, list(load.sent))
    for sender, ok_texts in load.sent.items():
        user_texts = [e.text for e in stored[sender] if e.type_name == "user"]
        assert [t for t in user_texts if t in ok_texts] == ok_texts, sender  # answered ones: once, in order
        assert len(user_texts) == len(set(user_texts)), sender
        assert bl.check_conversation(stored[sender], None, allowed=set(user_texts)) == [], sender
    # the supervisor brings the replica back
    wait_until(lambda: _up(stack.replica_urls[1] + "/"), 240, "the killed replica back")
    print(f"replica killed: {len(load.errors)} messages in flight failed; {load.summary()}")


def _say(url: str, sender: str, text: str) -> tuple[int, str]:
    status, body = asyncio.run(_say_async(url, sender, text))
    return status, " ".join(bl._texts(body)) if status == 200 else body.decode(errors="replace")


async def _say_async(url, sender, text):
    import aiohttp
    async with aiohttp.ClientSession() as s:
        return await bl.send(s, url + "/webhooks/rest/webhook", sender, text, retries=3)


CARE_DAYS = ["Hvor mange omsorgsdager har jeg?", "2 barn", "2016 og 2019", "Vi bor sammen", "Nei", "Jeg er ansatt"]


def test_rasa_restarted_conversations_continue_where_they_were(stack):
    sender = f"t-restart-{uuid.uuid4().hex[:8]}"
    for text in CARE_DAYS[:3]:
        assert _say(stack.url, sender, text)[0] == 200
    for port in (PORT + 1, PORT + 2):  # both replicas stop (SIGTERM) and are started again
        os.kill(bl.pid_on_port(port), signal.SIGTERM)
    wait_until(lambda: not _up(stack.replica_urls[0] + "/") or True, 5, "")
    wait_until(lambda: all(_up(u + "/") for u in stack.replica_urls), 300, "both replicas back")
    answers = [_say(stack.url, sender, text) for text in CARE_DAYS[3:]]
    assert all(a[0] == 200 for a in answers), answers
    assert "omsorgsdager" in answers[-1][1].lower(), answers[-1]  # the flow finished: state was kept


def test_action_server_stopped_then_back_the_conversation_recovers(stack):
    sender = f"t-actions-{uuid.uuid4().hex[:8]}"
    pid = bl.pid_on_port(stack.actions_port)
    supervisor = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    os.kill(supervisor, signal.SIGTERM)  # stops the action server for good (its supervisor too)
    wait_until(lambda: bl.pid_on_port(stack.actions_port) is None, 20, "the action server stopped")
    status, text = _say(stack.url, sender, CARE_DAYS[0])
    assert status == 200  # the replicas answer (no crash), without the action server
    print("answer with the action server down:", text[:200])
    p = subprocess.Popen(["bash", "scripts/supervise.sh", ".venv/bin/python", "-m", "rasa_sdk",
                          "--actions", "actions.glue", "--port", str(stack.actions_port)], cwd=ROOT, env=stack.env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    stack.extra.append(p)
    wait_until(lambda: _up(f"http://127.0.0.1:{stack.actions_port}/health"), 120, "the action server back")
    sender2 = f"t-actions-{uuid.uuid4().hex[:8]}"
    answers = [_say(stack.url, sender2, t) for t in CARE_DAYS]
    assert all(a[0] == 200 for a in answers), answers
    assert "omsorgsdager" in answers[-1][1].lower(), answers[-1]


def test_postgres_restarted_recovers_without_manual_steps(stack):
    if not (IN_CI or os.environ.get("FV_TEST_PG_RESTART") == "1"):
        pytest.skip("restarts the shared PostgreSQL server: only in CI or with FV_TEST_PG_RESTART=1")
    versions = sorted(os.listdir("/etc/postgresql")) if os.path.isdir("/etc/postgresql") else []
    require(bool(versions), "a local PostgreSQL cluster (pg_ctlcluster)")
    sender = f"t-pg-{uuid.uuid4().hex[:8]}"
    for text in CARE_DAYS[:2]:
        assert _say(stack.url, sender, text)[0] == 200
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main", "restart"],
                   check=True, timeout=120)
    wait_until(lambda: _reachable("127.0.0.1", 5432), 60, "PostgreSQL back")
    answers = [_say(stack.url, sender, text) for text in CARE_DAYS[2:]]
    assert all(a[0] == 200 for a in answers), answers
    assert "omsorgsdager" in answers[-1][1].lower(), answers[-1]
    stored = bl.stored_events(stack.db_url, [sender])[sender]
    assert [e.text for e in stored if e.type_name == "user"] == CARE_DAYS
