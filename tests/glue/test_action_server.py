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


def start_server(tmp_path, port: int):
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
    return proc, url, log


def stop_server(proc, log) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)
    log.close()


@pytest.fixture()
def server(tmp_path):
    port = free_port()
    proc, url, log = start_server(tmp_path, port)
    yield proc, port, url
    stop_server(proc, log)


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


def test_the_domain_by_digest_gives_the_same_answer(server, domain):
    """rasa_ext.actions_server keeps a domain sent with its digest and fills a call that only names
    the digest; an unknown digest is a 409 (Rasa then sends the domain again)."""
    from rasa_ext.speedups import DOMAIN_UNKNOWN_STATUS, domain_digest

    _, _, url = server
    tracker = form_tracker("care_days_form", "3", requested="children_count")
    body = {"next_action": "validate_care_days_form", "sender_id": "web:t", "version": "3.6.21",
            "tracker": tracker.current_state()}
    digest = domain_digest(domain)
    plain = requests.post(url + "/webhook", json={**body, "domain": domain}, timeout=30).json()
    first = requests.post(url + "/webhook", json={**body, "domain": domain, "domain_digest": digest}, timeout=30)
    assert first.status_code == 200 and first.json().pop("domain_digest") == digest
    assert "domain_digest" not in plain, "a call without a digest is answered as rasa_sdk answers it"
    by_digest = requests.post(url + "/webhook", json={**body, "domain_digest": digest}, timeout=30)
    assert by_digest.status_code == 200 and "domain_digest" not in by_digest.json()
    assert by_digest.json() == plain and plain["events"], plain
    unknown = requests.post(url + "/webhook", json={**body, "domain_digest": "0" * 32}, timeout=30)
    assert unknown.status_code == DOMAIN_UNKNOWN_STATUS


async def test_rasa_sends_the_domain_once_and_again_to_a_restarted_server(tmp_path, domain):
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.utils.endpoints import EndpointConfig

    from rasa_ext import speedups

    speedups.apply(["domaindigest", "actionsession"])
    sent = []
    patched = RemoteAction._action_call_format

    def spy(self, tracker, dom):
        result = patched(self, tracker, dom)
        sent.append("domain" in result)
        return result

    port = free_port()
    proc, url, log = start_server(tmp_path, port)
    full = Domain.load("domain")
    tracker = DialogueStateTracker("web:t", full.slots)
    for event in (ActionExecuted("action_listen"), UserUttered("hvorfor spør du om det?", {"name": "why"}),):
        tracker.update(event)
    action = RemoteAction("action_explain_why", EndpointConfig(url + "/webhook"))

    from rasa.core.channels.channel import CollectingOutputChannel as Out
    from rasa.core.nlg import TemplatedNaturalLanguageGenerator

    nlg = TemplatedNaturalLanguageGenerator(full.responses)
    RemoteAction._action_call_format = spy
    try:
        answers = [await action.run(Out(), nlg, tracker, full) for _ in range(2)]
        import asyncio

        await asyncio.to_thread(stop_server, proc, log)  # the event loop runs on, as in a server
        proc, url, log = await asyncio.to_thread(start_server, tmp_path, port)  # restarted: no domain known
        answers.append(await action.run(Out(), nlg, tracker, full))
    finally:
        RemoteAction._action_call_format = patched
        stop_server(proc, log)
    assert sent == [True, False, False], sent
    texts = [[getattr(e, "text", None) for e in events] for events in answers]
    assert texts[0] == texts[1] == texts[2] and any(texts[0]), texts
