"""Closed by default (issue 12), against the running stack that scripts/test.sh starts with the
default settings: every port on loopback only, CORS only for the chat page's origin, Rasa's HTTP
API refused without a token."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest
import requests

from tests.conftest import require

pytestmark = pytest.mark.server
ROOT = Path(__file__).resolve().parents[2]
RASA = os.environ.get("FV_RASA_URL", "http://localhost:5005")
WEB = os.environ.get("FV_WEB_URL", "http://localhost:8080")
ACTIONS = os.environ.get("FV_ACTIONS_URL", "http://localhost:5055")
FOREIGN = "https://angriper.example"


@pytest.fixture(scope="module", autouse=True)
def stack_up():
    try:
        up = requests.get(RASA, timeout=3).ok
    except requests.RequestException:
        up = False
    require(up, f"the running bot at {RASA} (start it with scripts/test.sh)")


def listening() -> dict[int, set[str]]:
    """Port -> the addresses something listens on (from `ss -ltn`)."""
    assert shutil.which("ss"), "ss (iproute2) is needed"
    out = subprocess.run(["ss", "-ltnH"], capture_output=True, text=True, check=True).stdout
    ports: dict[int, set[str]] = {}
    for line in out.splitlines():
        local = line.split()[3]
        host, _, port = local.rpartition(":")
        ports.setdefault(int(port), set()).add(host.strip("[]").split("%")[0])
    return ports


def test_rasa_actions_and_web_listen_on_loopback_only():
    ports = listening()
    for url in (RASA, ACTIONS, WEB):
        port = urlparse(url).port
        assert port in ports, f"nothing listens on {port}"
        assert ports[port] <= {"127.0.0.1", "::1"}, f"port {port} listens on {ports[port]}"


@pytest.mark.parametrize("path,method", [("/webhooks/rest/webhook", "POST"),
                                         ("/webhooks/privacy/conversations/abc", "DELETE"),
                                         ("/webhooks/privacy/feedback", "POST")])
def test_preflight_from_a_foreign_origin_gets_no_cors_header(path, method):
    foreign = requests.options(RASA + path, headers={"Origin": FOREIGN, "Access-Control-Request-Method": method},
                               timeout=10)
    assert "Access-Control-Allow-Origin" not in foreign.headers, foreign.headers
    page = urlparse(WEB)
    own = f"{page.scheme}://{page.netloc}"
    allowed = requests.options(RASA + path, headers={"Origin": own, "Access-Control-Request-Method": method},
                               timeout=10)
    assert allowed.headers.get("Access-Control-Allow-Origin") == own, allowed.headers


def test_a_request_from_a_foreign_origin_gets_no_cors_header():
    r = requests.post(RASA + "/webhooks/rest/webhook", json={"sender": "cors-test", "message": "hei"},
                      headers={"Origin": FOREIGN}, timeout=60)
    assert "Access-Control-Allow-Origin" not in r.headers
    r = requests.delete(RASA + "/webhooks/privacy/conversations/cors-test", headers={"Origin": FOREIGN}, timeout=10)
    assert "Access-Control-Allow-Origin" not in r.headers


def test_the_action_server_sends_no_cors_header_and_hides_the_request_in_errors():
    r = requests.post(ACTIONS + "/webhook", json={"next_action": "action_care_days_answer",
                                                  "tracker": {"latest_message": {"text": "12345678901"}}},
                      headers={"Origin": FOREIGN}, timeout=10)
    assert "Access-Control-Allow-Origin" not in r.headers
    assert r.status_code >= 400 and "12345678901" not in r.text


def test_enable_api_without_a_token_is_refused():
    run = subprocess.run([sys.executable, "-m", "rasa_ext.serve", "run", "--enable-api", "--port", "1"],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode != 0 and "--auth-token" in run.stderr
    from rasa_ext.serve import refuse_open_api

    assert refuse_open_api(["run", "--enable-api", "--auth-token", "s3cret-token"]) is None
    assert refuse_open_api(["run", "--enable-api", "--auth-token="]) is not None
    assert refuse_open_api(["run"]) is None
