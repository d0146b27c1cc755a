"""Browser fixtures for the Familieveileder widget tests (helpers live in fvweb.py).

Playwright for Python drives Debian's Chromium (no `playwright install`).
Environment variables: see fvweb.py (FV_RASA_URL, FV_WEB_URL, FV_CHROMIUM, FV_AXE_JS).
"""
from __future__ import annotations

from pathlib import Path

import pytest

try:
    from playwright.sync_api import Browser, Page, sync_playwright
except ImportError:  # pragma: no cover - reported as a clear error below
    sync_playwright = None  # type: ignore[assignment]

from fvweb import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, RASA_URL, WEB_URL, http


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser():
    if sync_playwright is None:
        pytest.fail("Python package 'playwright' is missing: pip install playwright==1.65.2")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium (or set FV_CHROMIUM)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def context(browser: "Browser"):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nb-NO",
                              accept_downloads=True)
    ctx.set_default_timeout(30_000)
    yield ctx
    ctx.close()


@pytest.fixture()
def page(context) -> "Page":
    pg = context.new_page()
    pg.dialogs = []  # type: ignore[attr-defined]

    def on_dialog(d):
        pg.dialogs.append(d.message)  # type: ignore[attr-defined]
        d.dismiss()

    pg.on("dialog", on_dialog)
    pg.console_errors = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))  # type: ignore[attr-defined]
    yield pg


@pytest.fixture(scope="session")
def web_up() -> None:
    try:
        status, _ = http("GET", WEB_URL + "/widget.js", timeout=5)
    except OSError as e:
        pytest.fail(f"web server not reachable at FV_WEB_URL={WEB_URL}: {e}")
    assert status == 200, f"GET {WEB_URL}/widget.js → {status}"


@pytest.fixture(scope="session")
def rasa_up(web_up) -> None:
    try:
        status, body = http("GET", RASA_URL + "/webhooks/privacy/health", timeout=10)
    except OSError as e:
        pytest.fail(f"Rasa not reachable at FV_RASA_URL={RASA_URL}: {e}")
    assert status == 200 and isinstance(body, dict) and body.get("rasa") == "ok", (status, body)
    assert body.get("actions") == "ok", f"action server is down: {body}"


