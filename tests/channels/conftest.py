"""A real bot for the channel tests, on loopback only: the stand-ins (callback receiver and
Telegram Bot API), the action server and `rasa run` with the credentials scripts/credentials.py
writes from the environment. Everything on free ports; every process is stopped afterwards."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.conftest import require

from .standin import StandIn

ROOT = Path(__file__).resolve().parents[2]
MODEL = Path(os.environ.get("MODEL_PATH", "models/familieveileder.tar.gz"))
MODEL = MODEL if MODEL.is_absolute() else ROOT / MODEL
TOKEN = "123456789:AAE-standin_token"
USERNAME = "familieveileder_test_bot"
SECRET = "hemmelig-0123456789"
CALLBACK_SECRET = "gateway-hemmelighet-0123"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(url: str, proc: subprocess.Popen, log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
    pytest.fail(f"{url} did not answer (exit code {proc.poll()}):\n{tail}", pytrace=False)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)  # its own process group (start_new_session)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


class Stack:
    def __init__(self, standin: StandIn, rasa_url: str, db: Path, env: dict):
        self.standin, self.rasa_url, self.db, self.env = standin, rasa_url, db, env
        self.procs: list[subprocess.Popen] = []
        self.actions_port = 0
        self.actions_log: Path | None = None

    def actions_command(self) -> list[str]:
        return [sys.executable, "-m", "rasa_ext.actions_server", "--actions", "actions.glue",
                "--port", str(self.actions_port)]

    def stop_actions(self) -> None:
        """Kill the action server (SIGKILL: as if it crashed)."""
        proc = self.procs[0]
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)

    def start_actions(self) -> None:
        with open(self.actions_log, "ab") as log:
            self.procs[0] = subprocess.Popen(self.actions_command(), cwd=ROOT, env=self.env, stdout=log,
                                             stderr=subprocess.STDOUT, start_new_session=True)
        wait_until(f"http://127.0.0.1:{self.actions_port}/health", self.procs[0], self.actions_log, 60)


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    require(MODEL.exists(), f"the trained model {MODEL} (`make test` trains it)")
    tmp = tmp_path_factory.mktemp("channels")
    standin = StandIn(TOKEN, USERNAME).start()
    rasa_port, actions_port = free_port(), free_port()
    rasa_url = f"http://127.0.0.1:{rasa_port}"
    db = tmp / "tracker.db"
    env = {**os.environ,
           "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3", "TQDM_DISABLE": "1",
           "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "PYTHONHASHSEED": "0",
           "FAMILIEVEILEDER_TODAY": "2026-11-22",
           "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{actions_port}/webhook",
           "TRACKER_DB_URL": f"sqlite:///{db}",
           "CALLBACK_URL": f"{standin.base_url}/callback", "CALLBACK_SECRET": CALLBACK_SECRET,
           "TELEGRAM_TOKEN": TOKEN, "TELEGRAM_VERIFY": USERNAME,
           "TELEGRAM_WEBHOOK_URL": f"{rasa_url}/webhooks/telegram/webhook",
           "TELEGRAM_API_URL": standin.base_url, "TELEGRAM_SECRET_TOKEN": SECRET}
    for var in ("CALLBACK_TOKEN", "LOCK_STORE"):
        env.pop(var, None)
    credentials = tmp / "credentials.yml"
    subprocess.run([sys.executable, "scripts/credentials.py", "--out", str(credentials)],
                   cwd=ROOT, env=env, check=True, capture_output=True)

    stack = Stack(standin, rasa_url, db, env)
    stack.actions_port, stack.actions_log = actions_port, tmp / "actions.log"
    procs = stack.procs
    logs = {"actions": tmp / "actions.log", "rasa": tmp / "rasa.log"}
    try:
        for name, cmd in (
            ("actions", stack.actions_command()),
            ("rasa", [sys.executable, "-m", "rasa", "run", "--model", str(MODEL),
                      "--endpoints", "endpoints.yml", "--credentials", str(credentials),
                      "--interface", "127.0.0.1", "--port", str(rasa_port)]),
        ):
            with open(logs[name], "wb") as log:  # rasa_ext.actions_server binds 127.0.0.1 by default
                procs.append(subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log,
                                              stderr=subprocess.STDOUT,
                                              start_new_session=True))
        wait_until(f"http://127.0.0.1:{actions_port}/health", procs[0], logs["actions"], 60)
        wait_until(rasa_url, procs[1], logs["rasa"], 240)
        # The Telegram webhook is registered just after the server starts.
        deadline = time.monotonic() + 15
        while not standin.webhook and time.monotonic() < deadline:
            time.sleep(0.1)
        yield stack
    finally:
        for proc in reversed(stack.procs):
            stop(proc)
        standin.stop()
