"""What the bot stores and logs, read back raw, against real servers and real databases.

Two stacks: the one scripts/test.sh starts (SQLite, var/test-tracker.db, var/logs), and a
dedicated one started here on PostgreSQL (TEST_POSTGRES_URL) with its logs in a temporary folder,
Rasa at debug level (so every user message reaches a log handler) and a 1-second retention timer.
On both: after REST conversations that mention diagnoses, identity numbers in several formats and
a chronic illness, raw SQL over the tracker table finds none of it in clear; "start på nytt" and
"slett samtalen" leave no rows; retention removes old sessions with nobody chatting; after forced
errors (malformed requests, a crashing action call, the action server killed mid-conversation)
no log file holds the sensitive strings.
"""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
from cryptography.fernet import Fernet
from sqlalchemy import create_engine, text

from rasa_ext import crypto
from tests.conftest import require

pytestmark = pytest.mark.server
ROOT = Path(__file__).resolve().parents[2]
MODEL = Path(os.environ.get("MODEL_PATH", "models/familieveileder.tar.gz"))
MODEL = MODEL if MODEL.is_absolute() else ROOT / MODEL
PG_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")

# What users type that must never be readable in the database or a log.
MESSAGES = [
    "Datteren min har astma og epilepsi. Fødselsnummeret er 01.01.99 12345",
    "Sønnen har Downs syndrom, fnr 010199-12345, ring meg på 400 00 000",
]
SENSITIVE = ["astma", "epilepsi", "downs", "12345", "400 00 000", "kronisk", "alene om omsorgen"]


def _free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _up(url: str) -> bool:
    try:
        return requests.get(url, timeout=3).ok
    except requests.RequestException:
        return False


class Stack:
    def __init__(self, name: str, rasa_url: str, actions_url: str, log_dir: Path):
        self.name, self.rasa_url, self.actions_url, self.log_dir = name, rasa_url, actions_url, log_dir

    def say(self, sender: str, message) -> list[dict]:
        r = requests.post(f"{self.rasa_url}/webhooks/rest/webhook",
                          json={"sender": sender, "message": message}, timeout=90)
        assert r.status_code == 200, r.text
        return r.json()

    def text(self, sender: str, message: str) -> str:
        return "\n".join(m.get("text") or "" for m in self.say(sender, message))

    def rows(self, sender: str | None = None) -> list[tuple]:
        raise NotImplementedError

    def age(self, sender: str, days: float) -> None:
        """Make every event of the conversation `days` old (raw SQL)."""
        raise NotImplementedError

    def logs(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in sorted(self.log_dir.glob("*.log*")))


class SqliteStack(Stack):
    def __init__(self, db: Path, **kw):
        super().__init__("sqlite", **kw)
        self.db = db

    def rows(self, sender=None):
        with sqlite3.connect(self.db) as conn:
            if sender is None:
                return conn.execute("select * from events").fetchall()
            return conn.execute("select * from events where sender_id = ? order by id",
                                (crypto.stored_id(f"web:{sender}"),)).fetchall()

    def age(self, sender, days):
        with sqlite3.connect(self.db) as conn:
            conn.execute("update events set timestamp = timestamp - ? where sender_id = ?",
                         (days * 86400, crypto.stored_id(f"web:{sender}")))


class PostgresStack(Stack):
    def __init__(self, url: str, **kw):
        super().__init__("postgresql", **kw)
        self.engine = create_engine(url)

    def rows(self, sender=None):
        with self.engine.connect() as conn:
            if sender is None:
                return [tuple(r) for r in conn.execute(text("select * from events"))]
            return [tuple(r) for r in conn.execute(
                text("select * from events where sender_id = :s order by id"), {"s": crypto.stored_id(f"web:{sender}")})]

    def age(self, sender, days):
        with self.engine.begin() as conn:
            conn.execute(text("update events set timestamp = timestamp - :d where sender_id = :s"),
                         {"d": days * 86400, "s": crypto.stored_id(f"web:{sender}")})


@pytest.fixture(scope="module")
def sqlite_stack():
    rasa = os.environ.get("FV_RASA_URL", "http://localhost:5005")
    db = Path(os.environ.get("FV_TRACKER_DB", ROOT / "var" / "test-tracker.db"))
    require(_up(rasa) and db.exists(), f"the running bot at {rasa} with its database {db} (scripts/test.sh)")
    return SqliteStack(db, rasa_url=rasa, actions_url=os.environ.get("FV_ACTIONS_URL", "http://localhost:5055"),
                       log_dir=ROOT / "var" / "logs")


def _start(cmd: list[str], log: Path, env: dict) -> subprocess.Popen:
    """As scripts/run.sh does: own process group, output through the masking pipe into log."""
    pipe = f'"$@" 2>&1 | exec {sys.executable} -m rasa_ext.logs {log}'
    return subprocess.Popen(["bash", "-c", pipe, "_", *cmd], cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _stop(proc: subprocess.Popen, sig=signal.SIGTERM) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, sig)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


def _wait(url: str, proc: subprocess.Popen, log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        if _up(url):
            return
        time.sleep(0.5)
    tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
    pytest.fail(f"{url} did not answer (exit code {proc.poll()}):\n{tail}", pytrace=False)


def _pg_available() -> bool:
    try:
        with create_engine(PG_URL, connect_args={"connect_timeout": 3}).connect() as conn:
            conn.execute(text("select 1"))
        return True
    except Exception:  # noqa: BLE001
        return False


@pytest.fixture(scope="module")
def postgresql_stack(tmp_path_factory):
    require(MODEL.exists(), f"the trained model {MODEL} (`make test` trains it)")
    require(_pg_available(), f"PostgreSQL at {PG_URL}")
    tmp = tmp_path_factory.mktemp("pgstack")
    log_dir = tmp / "logs"
    log_dir.mkdir()
    rasa_port, actions_port = _free_port(), _free_port()
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3", "TQDM_DISABLE": "1",
           "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "PYTHONHASHSEED": "0", "FAMILIEVEILEDER_TODAY": "2026-11-22",
           "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{actions_port}/webhook", "TRACKER_DB_URL": PG_URL,
           "FV_TRACKER_KEY": Fernet.generate_key().decode(), "FV_TRACKER_ID_KEY": uuid.uuid4().hex,
           "TRACKER_RETENTION_INTERVAL_SECONDS": "1",
           "SANIC_HOST": "127.0.0.1"}
    for var in ("CALLBACK_URL", "TELEGRAM_TOKEN", "LOCK_STORE"):
        env.pop(var, None)
    credentials = tmp / "credentials.yml"
    subprocess.run([sys.executable, "scripts/credentials.py", "--out", str(credentials)],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    actions_cmd = [sys.executable, "-m", "rasa_ext.actions_server", "--actions", "actions.glue",
                   "--port", str(actions_port)]
    rasa_cmd = [sys.executable, "-m", "rasa_ext.serve", "run", "--model", str(MODEL), "--endpoints", "endpoints.yml",
                "--credentials", str(credentials), "--interface", "127.0.0.1", "--port", str(rasa_port), "--debug"]
    procs = {"actions": _start(actions_cmd, log_dir / "actions.log", env)}
    try:
        _wait(f"http://127.0.0.1:{actions_port}/health", procs["actions"], log_dir / "actions.log", 90)
        procs["rasa"] = _start(rasa_cmd, log_dir / "rasa.log", env)
        _wait(f"http://127.0.0.1:{rasa_port}", procs["rasa"], log_dir / "rasa.log", 300)
        stack = PostgresStack(PG_URL, rasa_url=f"http://127.0.0.1:{rasa_port}",
                              actions_url=f"http://127.0.0.1:{actions_port}", log_dir=log_dir)
        stack.env, stack.procs, stack.actions_cmd = env, procs, actions_cmd
        yield stack
    finally:
        for proc in reversed(list(procs.values())):
            _stop(proc)


@pytest.fixture(params=["sqlite", "postgresql"])
def stack(request, monkeypatch):
    s = request.getfixturevalue(f"{request.param}_stack")
    if request.param == "postgresql":  # decrypt with the dedicated stack's key
        monkeypatch.setenv("FV_TRACKER_KEY", s.env["FV_TRACKER_KEY"])
        monkeypatch.setenv("FV_TRACKER_ID_KEY", s.env["FV_TRACKER_ID_KEY"])
    return s


def sensitive_conversation(stack: Stack, sender: str) -> None:
    """Care days with a chronic illness, plus free text with diagnoses and identity numbers."""
    stack.say(sender, "Hvor mange omsorgsdager har jeg?")
    stack.say(sender, MESSAGES[0])
    stack.say(sender, "2")
    stack.say(sender, "2014 og 2016")
    stack.say(sender, "Jeg er alene om omsorgen")
    stack.say(sender, "Ja, ett barn har kronisk sykdom")
    stack.say(sender, MESSAGES[1])
    stack.say(sender, "Jeg er ansatt")


def decrypted(rows: list[tuple]) -> list[dict]:
    return [crypto.load_row(row[-1]) for row in rows]


def test_raw_tables_hold_no_diagnosis_identity_number_or_chronic_illness(stack):
    sender = f"store-{uuid.uuid4().hex[:12]}"
    sensitive_conversation(stack, sender)
    rows = stack.rows(sender)
    assert sender not in repr(stack.rows())  # the conversation id is not stored either
    assert len(rows) > 20
    raw = repr([row[:3] + row[4:] for row in rows]).lower()  # all but the timestamp (digits by chance)
    for secret in SENSITIVE:
        assert secret not in raw, f"{secret!r} in clear in the {stack.name} tracker table"
    for row in rows:  # intent and action names are not stored; data is a Fernet token
        assert row[4] is None and row[5] is None and row[-1].startswith(crypto.PREFIX), row
    events = decrypted(rows)  # ... which the bot can read: the conversation is all there
    users = [e["text"] for e in events if e["event"] == "user"]
    assert "Jeg er alene om omsorgen" in users and any("[skjult]" in t for t in users)
    assert not any(s in " ".join(users).lower() for s in ("astma", "epilepsi", "downs", "12345", "400 00 000"))
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert slots, "the conversation set no slots"


def test_start_paa_nytt_deletes_the_old_conversation_in_the_database(stack):
    sender = f"store-{uuid.uuid4().hex[:12]}"
    stack.say(sender, "Hvor mange omsorgsdager har jeg?")
    stack.say(sender, "Barnet har astma")
    before = stack.rows(sender)
    assert [e for e in decrypted(before) if e["event"] == "user"]
    reply = stack.text(sender, "start på nytt")
    assert "slettet" in reply
    after = stack.rows(sender)
    assert not {row[0] for row in after} & {row[0] for row in before} or stack.name == "sqlite"  # (ids reused)
    events = decrypted(after)  # only the new session Rasa starts after a restart: intro and privacy notice
    assert [e["event"] for e in events if e["event"] in ("user", "slot")] == []
    assert events[0].get("name") == "action_session_start"
    dump = json.dumps(events, ensure_ascii=False)
    assert "[skjult]" not in dump and "Hvor mange barn" not in dump  # neither the answer nor the question
    stack.say(sender, "hei")  # the same id goes on as a new, clean conversation
    users = [e.get("text") for e in decrypted(stack.rows(sender)) if e["event"] == "user"]
    assert users == ["hei"]


def test_slett_samtalen_deletes_every_row(stack):
    sender = f"store-{uuid.uuid4().hex[:12]}"
    stack.say(sender, "Hvor mange omsorgsdager har jeg?")
    stack.say(sender, "3")
    assert stack.rows(sender)
    assert "slettet" in stack.text(sender, "slett samtalen")
    assert stack.rows(sender) == []
    r = requests.delete(f"{stack.rasa_url}/webhooks/privacy/conversations/{sender}", timeout=30)
    assert r.status_code == 204 and stack.rows(sender) == []


def test_retention_deletes_old_sessions_on_an_idle_server(stack):
    old, fresh = f"store-old-{uuid.uuid4().hex[:8]}", f"store-new-{uuid.uuid4().hex[:8]}"
    stack.say(old, "hei")
    stack.say(fresh, "hei")
    stack.age(old, 31)
    stack.age(fresh, 29)
    deadline = time.monotonic() + 30  # the timer: 1 s here, 5 s in scripts/test.sh
    while stack.rows(old) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert stack.rows(old) == [] and stack.rows(fresh)


def test_logs_hold_no_sensitive_strings_after_forced_errors(stack):
    sender = f"store-{uuid.uuid4().hex[:12]}"
    secret = "astma 01019912345"
    # malformed requests to Rasa
    for body in (f'{{"sender": "{sender}", "message": "{secret}"',
                 json.dumps({"sender": sender, "message": {"x": secret}})):
        requests.post(f"{stack.rasa_url}/webhooks/rest/webhook", data=body,
                      headers={"Content-Type": "application/json"}, timeout=30)
    # action calls that fail inside the action server, with the secret in the tracker and the name
    unknown = {"next_action": f"action_{secret.replace(' ', '_')}", "tracker": {"sender_id": sender}}
    assert requests.post(f"{stack.actions_url}/webhook", json=unknown, timeout=30).status_code == 404
    for call in ({"next_action": "action_switch_topic", "domain": secret,
                  "tracker": {"sender_id": sender, "slots": secret, "latest_message": secret, "events": []}},
                 {"next_action": "validate_care_days_form", "domain": {"forms": secret},
                  "tracker": {"sender_id": sender, "slots": {"requested_slot": "children_count"},
                              "latest_message": {"text": secret, "intent": {"name": "inform"}}, "events": secret,
                              "active_loop": {"name": "care_days_form"}}}):
        r = requests.post(f"{stack.actions_url}/webhook", json=call, timeout=30)
        assert r.status_code == 500 and "01019912345" not in r.text and "astma" not in r.text  # no echo
    stack.say(sender, f"Mitt barn har {secret}")
    sensitive_conversation(stack, sender)
    if stack.name == "postgresql":  # the action server killed while the conversation runs
        _stop(stack.procs["actions"], signal.SIGKILL)
        stack.say(sender, "Hvor mange omsorgsdager har jeg? Datteren har epilepsi, fnr 010199 12345")
        stack.say(sender, "3")
        stack.say(sender, "slett samtalen")  # deleted even while the action server is down
        assert stack.rows(sender) == []
        stack.procs["actions"] = _start(stack.actions_cmd, stack.log_dir / "actions.log", stack.env)
        _wait(f"{stack.actions_url}/health", stack.procs["actions"], stack.log_dir / "actions.log", 90)
    time.sleep(1)  # the log pipe writes as lines arrive
    logs = stack.logs()
    assert logs, f"no logs in {stack.log_dir}"
    if stack.name == "postgresql":  # debug level: the user's messages did reach the log handlers
        assert "[skjult]" in logs
        assert "Failed to run custom action" in logs or "Cannot connect" in logs
    for s in ("astma", "epilepsi", "01019912345", "01.01.99 12345", "010199-12345", "010199 12345", "400 00 000"):
        assert s not in logs.lower(), f"{s!r} in {stack.log_dir}"


def test_the_policy_route_and_the_greeting_state_the_same_configured_period():
    """GET /webhooks/privacy/policy (the widget's notice) and the bot's greeting say what the store
    is configured to keep: the test stack runs with the default retention and no backups."""
    import requests

    from tests.server.test_rest import RASA, Chat, up

    require(up(), f"the running bot at {RASA}")
    policy = requests.get(f"{RASA}/webhooks/privacy/policy", timeout=10).json()
    days = float(os.environ.get("TRACKER_RETENTION_DAYS") or 30)
    assert policy["retention_days"] == days and policy["backup_days"] is None
    words = f"{days:g} dager"
    assert f"slettes {words} etter siste melding" in policy["notice"]
    greeting = Chat().text("hei")
    assert f"Alt slettes {words} etter siste melding." in greeting
    assert "Sikkerhetskopi" not in greeting and "Sikkerhetskopi" not in policy["notice"]
