"""Load test of the production profile: many conversations at once, then every event checked in
PostgreSQL (none lost, none twice, none out of order).

    .venv/bin/python bench/load.py [--conversations 50 --turns 20] [--replicas 2]
                                   [--port 6520] [--url http://127.0.0.1:5005 --db URL]

Without --url it starts `REPLICAS=N scripts/run.sh` (nginx, N Rasa replicas, PostgreSQL tracker in
a temporary database, race-free Redis lock) on --port.., runs the load through nginx and stops it.
Each conversation sends its turns one after the other (closed loop; every user text is unique), so
afterwards the conversation's user messages in PostgreSQL must be exactly the texts it sent, in that
order, and each message's events must form one block (user ... action_listen) that no other message
interleaves. Prints throughput and p50/p95/p99 and exits 1 on any error or any lost or reordered
event. tests/scale/ runs a smaller version in `make test`.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import statistics
import string
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The care-days flow, then small talk the bot answers in any state; each text gets a unique tag.
SCRIPT = ["Hvor mange omsorgsdager har jeg?", "2 barn", "2016 og 2019", "Vi bor sammen", "Nei",
          "Jeg er ansatt", "hei", "hvorfor spør du om det?", "takk", "hva er omsorgsdager?"]


def tag() -> str:
    return "".join(random.choice(string.ascii_lowercase) for _ in range(6))


def turns_for(n: int) -> list[str]:
    return [f"{SCRIPT[i % len(SCRIPT)]} {tag()}" if i >= 6 else SCRIPT[i] for i in range(n)]


@dataclass
class Load:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    sent: dict[str, list[str]] = field(default_factory=dict)   # sender -> texts answered with 200
    wall: float = 0.0

    def summary(self) -> dict:
        lat = sorted(self.latencies)

        def q(p):
            return round(1000 * statistics.quantiles(lat, n=100, method="inclusive")[p - 1], 1) if len(lat) > 1 else None
        return {"messages": len(lat), "errors": len(self.errors), "wall_s": round(self.wall, 2),
                "msgs_per_s": round(len(lat) / self.wall, 1) if self.wall else None,
                "p50_ms": q(50), "p95_ms": q(95), "p99_ms": q(99)}


async def send(session, url: str, sender: str, text: str, timeout: float = 60, retries: int = 0):
    """POST one message; returns (status, body). A refused connection is retried (`retries`)."""
    import aiohttp

    for attempt in range(retries + 1):
        try:
            async with session.post(url, json={"sender": sender, "message": text},
                                    timeout=aiohttp.ClientTimeout(total=timeout)) as r:
                return r.status, await r.read()
        except (aiohttp.ClientError, asyncio.TimeoutError) as e:
            if attempt == retries:
                return 0, repr(e).encode()
            await asyncio.sleep(0.5)
    return 0, b""


async def run_load(base_url: str, conversations: int, turns: int, prefix: str = "load",
                   deadline_s: float = 600, on_turn=None) -> Load:
    """`conversations` closed-loop conversations of `turns` turns at once through base_url."""
    import aiohttp

    load = Load()
    url = base_url.rstrip("/") + "/webhooks/rest/webhook"
    connector = aiohttp.TCPConnector(limit=conversations)

    async def conversation(session, i: int) -> None:
        sender = f"{prefix}-{uuid.uuid4().hex[:10]}"
        load.sent[sender] = []
        for n, text in enumerate(turns_for(turns)):
            t0 = time.perf_counter()
            status, body = await send(session, url, sender, text)
            dt = time.perf_counter() - t0
            replies = _texts(body) if status == 200 else []
            if status != 200 or not replies:
                load.errors.append(f"{sender} turn {n + 1}: HTTP {status} {body[:120]!r}")
            else:
                load.latencies.append(dt)
                load.sent[sender].append(text)
            if on_turn:
                await on_turn(i, n)

    t0 = time.perf_counter()
    async with aiohttp.ClientSession(connector=connector) as session:
        await asyncio.wait_for(asyncio.gather(*(conversation(session, i) for i in range(conversations))),
                               timeout=deadline_s)
    load.wall = time.perf_counter() - t0
    return load


def _texts(body: bytes) -> list[str]:
    try:
        return [str(m.get("text", "")) for m in json.loads(body) if m.get("text") or m.get("buttons")]
    except (ValueError, AttributeError, TypeError):
        return []


# ----------------------------------------------------------------------------------------------
# what PostgreSQL holds
# ----------------------------------------------------------------------------------------------
def stored_events(db_url: str, senders: list[str], namespace: str = "web") -> dict[str, list]:
    """sender -> its events, read through the project's tracker store (so encrypted or masked
    columns are decoded as Rasa sees them), after checking the rows' own order in the table
    (by id) matches the store's order and their timestamps never go back. `senders` are the ids the
    clients sent; on the server they live in their channel's namespace ('web:<id>' for REST,
    'sio:<id>' for socket.io: rasa_ext/channels.py)."""
    os.environ["TRACKER_DB_URL"] = db_url
    from sqlalchemy import select

    from rasa_ext.tracker_store import PrivacySQLTrackerStore

    store = PrivacySQLTrackerStore(retention_interval=0)  # a reader: no retention thread of its own
    stored = getattr(store, "stored_id", lambda s: s)  # conversation ids may be stored as keyed hashes
    out: dict[str, list] = {}
    problems: list[str] = []
    loop = asyncio.new_event_loop()
    try:
        for client in senders:
            s = f"{namespace}:{client}"
            tracker = loop.run_until_complete(store.retrieve_full_tracker(s))
            events = list(tracker.events) if tracker else []
            with store.session_scope() as session:
                rows = session.execute(select(store.SQLEvent.type_name, store.SQLEvent.timestamp)
                                       .where(store.SQLEvent.sender_id == stored(s))
                                       .order_by(store.SQLEvent.id)).all()
            if [r[0] for r in rows] != [e.type_name for e in events]:
                problems.append(f"{s}: rows by id differ from the tracker's events")
            stamps = [r[1] for r in rows]
            if any(b < a for a, b in zip(stamps, stamps[1:])):
                problems.append(f"{s}: timestamps go back in id order")
            out[client] = events
    finally:
        loop.close()
        store.engine.dispose()
    if problems:
        raise AssertionError("; ".join(problems[:5]))
    return out


def check_conversation(events: list, expected_texts: list[str] | None, allowed: set[str] | None = None) -> list[str]:
    """Problems in one conversation's events: user messages = expected_texts in order (or, when
    only `allowed` is given, each at most once and from that set); every message one block
    user ... action_listen with no other message inside."""
    from rasa.shared.core.events import ActionExecuted, UserUttered

    problems = []
    texts = [e.text for e in events if isinstance(e, UserUttered)]
    if expected_texts is not None and texts != expected_texts:
        missing = [t for t in expected_texts if t not in texts]
        problems.append(f"user messages differ: {len(texts)} stored, {len(expected_texts)} sent, "
                        f"missing {missing[:3]}, twice {[t for t in set(texts) if texts.count(t) > 1][:3]}")
    if allowed is not None:
        twice = [t for t in set(texts) if texts.count(t) > 1]
        strange = [t for t in texts if t not in allowed]
        if twice or strange:
            problems.append(f"messages stored twice {twice[:3]} or never sent {strange[:3]}")
    open_block = False
    for e in events:
        if isinstance(e, UserUttered):
            if open_block:
                problems.append(f"message {e.text!r} began before the previous one was answered")
                break
            open_block = True
        elif isinstance(e, ActionExecuted) and e.action_name == "action_listen":
            open_block = False
    if open_block:
        problems.append("the last message was never finished (no action_listen)")
    return problems


def verify(db_url: str, load: Load) -> list[str]:
    stored = stored_events(db_url, list(load.sent))
    problems = []
    for sender, texts in load.sent.items():
        problems += [f"{sender}: {p}" for p in check_conversation(stored[sender], texts)]
    return problems


# ----------------------------------------------------------------------------------------------
# the stack
# ----------------------------------------------------------------------------------------------
class ProdStack:
    """`REPLICAS=N scripts/run.sh` on port..: nginx on port, replicas on port+1.., action servers
    behind nginx on port+20, web on port+40. Stopped (process group) by stop()."""

    def __init__(self, port: int, replicas: int, db_url: str, redis_db: str, log: Path,
                 extra_env: dict | None = None):
        self.port, self.replicas, self.db_url, self.log = port, replicas, db_url, log
        self.ready = log.with_suffix(".ready")
        env = dict(os.environ)
        for k in ("SANIC_WORKERS", "LOCK_STORE", "ENDPOINTS", "ACTION_ENDPOINT_URL"):
            env.pop(k, None)
        env.update(REPLICAS=str(replicas), RASA_PORT=str(port), REPLICA_PORT_BASE=str(port + 1),
                   ACTIONS_PORT=str(port + 20), ACTION_PORT_BASE=str(port + 21), WEB_PORT=str(port + 40),
                   TRACKER_DB_URL=db_url, REDIS_DB=str(redis_db), SKIP_TRAIN=env.get("SKIP_TRAIN", "1"),
                   FV_READY_FILE=str(self.ready), LOG_DIR=str(log.parent / (log.stem + "-logs")),
                   **(extra_env or {}))
        self.env = env
        self.url = f"http://127.0.0.1:{port}"
        self.replica_urls = [f"http://127.0.0.1:{port + 1 + i}" for i in range(replicas)]
        self.actions_port = port + 21
        self.proc = None

    def start(self, timeout: float = 400) -> ProdStack:
        self.ready.unlink(missing_ok=True)
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self._fh = open(self.log, "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(["bash", "scripts/run.sh"], cwd=ROOT, env=self.env, stdout=self._fh,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + timeout
        while not self.ready.exists():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the production profile did not start; see {self.log}:\n"
                                   + self.log.read_text(errors="replace")[-3000:])
            time.sleep(0.5)
        return self

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
        self.ready.unlink(missing_ok=True)
        if getattr(self, "_fh", None):
            self._fh.close()


def pid_on_port(port: int) -> int | None:
    """The process listening on a TCP port (from /proc), e.g. one replica's Python process."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            cols = row.split()
            if cols[3] == "0A" and int(cols[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(f"socket:[{cols[9]}]")
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                for fd in os.listdir(f"/proc/{d}/fd"):
                    try:
                        if os.readlink(f"/proc/{d}/fd/{fd}") in inodes:
                            return int(d)
                    except OSError:
                        pass
            except OSError:
                pass
    return None


def temp_database(server_url: str, name: str) -> str:
    import psycopg2
    from sqlalchemy.engine import make_url

    u = make_url(server_url)
    conn = psycopg2.connect(host=u.host or "127.0.0.1", port=u.port or 5432, user=u.username or "postgres",
                            password=u.password, dbname="postgres")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()
    return str(u.set(database=name))


def drop_database(server_url: str, name: str) -> None:
    import psycopg2
    from sqlalchemy.engine import make_url

    u = make_url(server_url)
    conn = psycopg2.connect(host=u.host or "127.0.0.1", port=u.port or 5432, user=u.username or "postgres",
                            password=u.password, dbname="postgres")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--conversations", type=int, default=50)
    ap.add_argument("--turns", type=int, default=20)
    ap.add_argument("--replicas", type=int, default=2)
    ap.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "5400")))
    ap.add_argument("--pg", default=os.environ.get("BENCH_PG_DSN", "postgresql://postgres@127.0.0.1:5432/postgres"))
    ap.add_argument("--redis-db", default=os.environ.get("BENCH_REDIS_DB", "1"))
    ap.add_argument("--url", help="a production profile already running (then --db is required)")
    ap.add_argument("--db", help="its TRACKER_DB_URL")
    a = ap.parse_args()
    stack, dbname = None, None
    try:
        if a.url:
            if not a.db:
                ap.error("--url needs --db")
            url, db_url = a.url, a.db
        else:
            dbname = f"fv_load_{os.getpid()}"
            db_url = temp_database(a.pg, dbname)
            print(f"Starting the production profile ({a.replicas} replicas behind nginx on :{a.port})...", flush=True)
            t0 = time.monotonic()
            stack = ProdStack(a.port, a.replicas, db_url, a.redis_db, ROOT / "bench" / "results" / "load-stack.log").start()
            url = stack.url
            print(f"  ready after {time.monotonic() - t0:.0f} s", flush=True)
            asyncio.run(run_load(url, 4, 3, prefix="warmup"))
        print(f"Load: {a.conversations} conversations x {a.turns} turns at once through {url}...", flush=True)
        load = asyncio.run(run_load(url, a.conversations, a.turns))
        s = load.summary()
        problems = verify(db_url, load)
        print(f"load: {s['messages']} messages in {s['wall_s']} s = {s['msgs_per_s']} msg/s; "
              f"p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms, p99 {s['p99_ms']} ms; errors {s['errors']}; "
              f"conversations with lost, doubled or reordered events: {len({p.split(':')[0] for p in problems})}")
        for line in (load.errors + problems)[:10]:
            print("  " + line)
        return 0 if not load.errors and not problems else 1
    finally:
        if stack:
            stack.stop()
        if dbname:
            drop_database(a.pg, dbname)


if __name__ == "__main__":
    sys.exit(main())
