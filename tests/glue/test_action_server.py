"""The action server process (rasa_ext.actions_server): loopback only, hostile answers handled in
bounded time, and SIGTERM stops it at once, also right after a hostile message (issue 12: the old
one stayed at full CPU for minutes and ignored Ctrl-C)."""
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

from .helpers import form_tracker

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ["2 " * 1000, "1" * 1900, "ja" + " " * 1990 + "\nx"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def server(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "ACTIONS_BIND_HOST"}
    log = open(tmp_path / "actions.log", "wb")
    cmd = [sys.executable, "-m", "rasa_ext.actions_server", "--actions", "actions.glue", "--port", str(port)]
    proc = subprocess.Popen(cmd, cwd=ROOT,
                            env={**env, "FAMILIEVEILEDER_TODAY": "2026-11-22"}, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if requests.get(url + "/health", timeout=2).ok:
                break
        except requests.RequestException:
            time.sleep(0.3)
    else:
        pytest.fail((tmp_path / "actions.log").read_text(errors="replace")[-2000:])
    yield proc, port, url
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)
    log.close()


def call(url, domain, text, requested):
    tracker = form_tracker("care_days_form", text, requested=requested, slots={"children_count": 3})
    body = {"next_action": "validate_care_days_form", "sender_id": "web:t", "version": "3.6.21",
            "tracker": tracker.current_state(), "domain": domain}
    start = time.perf_counter()
    r = requests.post(url + "/webhook", json=body, timeout=60)
    return time.perf_counter() - start, r


def test_loopback_only_bounded_and_sigterm_stops_it(server, domain):
    proc, port, url = server
    out = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True).stdout
    assert out.strip() and all(line.split()[3].startswith("127.0.0.1:") for line in out.splitlines()), out
    for requested in ("children_count", "children_birth_years", "chronic_any", "chronic_count", "work_type"):
        for text in HOSTILE:
            seconds, r = call(url, domain, text, requested)
            assert r.status_code == 200, r.text[:300]
            assert seconds < 2, (requested, text[:10], seconds)
    # SIGTERM while a hostile message is on its way: the server stops within seconds.
    import threading

    threading.Thread(target=lambda: call(url, domain, "2 " * 1000, "children_birth_years"), daemon=True).start()
    time.sleep(0.2)
    start = time.monotonic()
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(15)
    assert time.monotonic() - start < 15
