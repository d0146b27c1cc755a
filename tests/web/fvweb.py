"""Shared constants and helpers for the Familieveileder widget tests.

Playwright for Python drives Debian's Chromium (no `playwright install`).

Environment:
  FV_RASA_URL   Rasa server (REST + privacy endpoints), default http://localhost:5005
  FV_WEB_URL    static server for web/ (index.html at /), default http://localhost:8080
  FV_CHROMIUM   Chromium binary, default /usr/bin/chromium
  FV_AXE_JS     axe-core build, default tests/web/node_modules/axe-core/axe.min.js
                (install with `npm ci --prefix tests/web`)
"""
from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from playwright.sync_api import Page, Route  # noqa: F401

HERE = Path(__file__).resolve().parent
ARTIFACTS = HERE / "artifacts"

RASA_URL = os.environ.get("FV_RASA_URL", "http://localhost:5005").rstrip("/")
WEB_URL = os.environ.get("FV_WEB_URL", "http://localhost:8080").rstrip("/")
CHROMIUM = os.environ.get("FV_CHROMIUM", "/usr/bin/chromium")
AXE_JS = Path(os.environ.get("FV_AXE_JS") or next(
    (p for p in (HERE / "node_modules" / "axe-core" / "axe.min.js",
                 HERE.parent.parent / "web" / "node_modules" / "axe-core" / "axe.min.js") if p.exists()),
    HERE / "node_modules" / "axe-core" / "axe.min.js"))

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

AXE_VERSION = "4.14.1"  # pinned in tests/web/package.json
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]



def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# An address where nothing listens: used for the real "server down" state.
DOWN_URL = os.environ.get("FV_DOWN_URL") or f"http://127.0.0.1:{_free_port()}"
# Origin answered by FakeRasa (page.route) in the widget unit tests; nothing listens there.
FAKE_URL = f"http://127.0.0.1:{_free_port()}"

PANEL = "#fv-panel"
LOG = "#fv-panel .fv-log"
INPUT = "#fv-input"
LAUNCHER = ".fv-launcher"
QR_BUTTONS = "#fv-panel .fv-qr-btn"
BOT_MSGS = "#fv-panel .fv-msg--bot"
USER_MSGS = "#fv-panel .fv-msg--user"


# ---------------------------------------------------------------- helpers (plain HTTP)
def http(method: str, url: str, body: Optional[Dict[str, Any]] = None, timeout: float = 30.0):
    """Small urllib wrapper → (status, parsed JSON or text or None)."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json"} if data else {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw = r.read().decode("utf-8", "replace")
            status = r.status
    except urllib.error.HTTPError as e:
        raw = e.read().decode("utf-8", "replace")
        status = e.code
    try:
        return status, json.loads(raw) if raw else None
    except ValueError:
        return status, raw


def page_url(rasa: str = RASA_URL, path: str = "/") -> str:
    return f"{WEB_URL}{path}?rasa={urllib.parse.quote(rasa, safe='')}"


# ---------------------------------------------------------------- page helpers
def axe_violations(page: "Page", include: Optional[str] = None) -> List[Dict[str, Any]]:
    if not AXE_JS.exists():
        pytest.fail(f"axe-core not found at {AXE_JS}: run `npm ci --prefix tests/web`")
    version = json.loads((AXE_JS.parent / "package.json").read_text())["version"]
    assert version == AXE_VERSION, f"axe-core {version} installed, {AXE_VERSION} pinned: npm ci --prefix tests/web"
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        """async ([tags, include]) => {
            const ctx = include ? {include: [include]} : document;
            const r = await axe.run(ctx, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary}))}));
        }""",
        [WCAG_TAGS, include],
    )
    return result


def check_state(page: "Page", name: str, artifacts: Path) -> List[Dict[str, Any]]:
    """Screenshot + axe run on the whole page; fails on any WCAG 2.1 A/AA violation."""
    page.wait_for_timeout(300)  # let transitions/focus settle
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=False)
    violations = axe_violations(page)
    (artifacts / f"{name}.axe.json").write_text(json.dumps(violations, indent=2, ensure_ascii=False))
    assert violations == [], f"axe WCAG 2.1 A/AA violations in state '{name}':\n" + json.dumps(
        violations, indent=2, ensure_ascii=False)
    return violations


def open_widget(page: "Page", rasa: str = RASA_URL, wait_greeting: bool = True) -> None:
    page.goto(page_url(rasa))
    page.click(LAUNCHER)
    page.wait_for_selector(PANEL, state="visible")
    if wait_greeting:
        wait_turn_done(page, min_bot=1)


def wait_turn_done(page: "Page", min_bot: int, timeout: float = 60_000) -> None:
    page.wait_for_function(
        """([sel, n]) => {
            const log = document.querySelector('#fv-panel .fv-log');
            return log && log.getAttribute('aria-busy') === 'false'
                && document.querySelectorAll(sel).length >= n;
        }""",
        arg=[BOT_MSGS, min_bot],
        timeout=timeout,
    )


def bot_count(page: "Page") -> int:
    return page.locator(BOT_MSGS).count()


def send_text(page: "Page", text: str) -> List[str]:
    """Type into the input, press Enter, wait for the whole answer; return the new bot texts."""
    n = bot_count(page)
    page.fill(INPUT, text)
    page.press(INPUT, "Enter")
    wait_turn_done(page, n + 1)
    return new_bot_texts(page, n)


def click_reply(page: "Page", title_pattern: str) -> List[str]:
    n = bot_count(page)
    page.locator(QR_BUTTONS).filter(has_text=re.compile(title_pattern, re.I)).first.click()
    wait_turn_done(page, n + 1)
    return new_bot_texts(page, n)


def new_bot_texts(page: "Page", since: int) -> List[str]:
    return page.locator(f"{BOT_MSGS} .fv-text").all_inner_texts()[since:]


def quick_reply_titles(page: "Page") -> List[str]:
    return page.locator(QR_BUTTONS).all_inner_texts()


def stored_state(page: "Page") -> Optional[Dict[str, Any]]:
    raw = page.evaluate("sessionStorage.getItem('familieveileder')")
    return json.loads(raw) if raw else None


# ---------------------------------------------------------------- fake Rasa (unit tests only)
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, DELETE, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type",
}


class FakeRasa:
    """Answers the widget's requests to FAKE_URL through Playwright's page.route.

    `replies` maps a message (payload or text) to a REST-channel answer list, or is a callable
    (sender, message) -> list. `up` / `actions_up` switch the health state; when `up` is False
    every request is aborted like a refused connection.
    """

    def __init__(self, replies: Optional[Dict[str, Any]] = None,
                 default: Optional[Callable[[str, str], List[Dict[str, Any]]]] = None):
        self.replies = replies or {}
        self.default = default or (lambda sender, msg: [{"recipient_id": sender, "text": f"Ekko: {msg}"}])
        self.up = True
        self.actions_up = True
        self.requests: List[Dict[str, Any]] = []
        self.delay_ms = 0

    def install(self, page: "Page") -> "FakeRasa":
        page.route(FAKE_URL + "/**", self._handle)
        return self

    def messages(self) -> List[Dict[str, Any]]:
        return [r["body"] for r in self.requests if r["path"] == "/webhooks/rest/webhook"]

    def _handle(self, route: "Route") -> None:
        req = route.request
        path = urllib.parse.urlparse(req.url).path
        if req.method == "OPTIONS":
            route.fulfill(status=204, headers=CORS)
            return
        if not self.up:
            route.abort("connectionrefused")
            return
        body = None
        if req.post_data:
            try:
                body = json.loads(req.post_data)
            except ValueError:
                body = req.post_data
        self.requests.append({"method": req.method, "path": path, "body": body})
        if self.delay_ms:
            import time

            time.sleep(self.delay_ms / 1000)
        if path == "/webhooks/privacy/policy":
            self._json(route, 200, {"retention_days": 30.0, "backup_days": None,
                                    "notice": "Samtalen lagres kryptert. (fra FakeRasa)"})
        elif path == "/webhooks/privacy/health":
            self._json(route, 200, {"rasa": "ok", "actions": "ok" if self.actions_up else "down"})
        elif path == "/webhooks/rest/webhook" and req.method == "POST":
            sender, msg = body["sender"], body["message"]
            r = self.replies.get(msg)
            if r is None:
                r = self.default(sender, msg)
            elif callable(r):
                r = r(sender, msg)
            self._json(route, 200, [dict(x, recipient_id=sender) for x in r])
        elif path.startswith("/webhooks/privacy/conversations/") and req.method == "DELETE":
            route.fulfill(status=204, headers=CORS)
        elif path == "/webhooks/privacy/feedback" and req.method == "POST":
            route.fulfill(status=204, headers=CORS)
        else:
            self._json(route, 404, {"error": "not found"})

    @staticmethod
    def _json(route: "Route", status: int, obj: Any) -> None:
        route.fulfill(status=status, headers=dict(CORS, **{"Content-Type": "application/json"}),
                      body=json.dumps(obj))


def horizontal_overflow(page: "Page") -> Dict[str, Any]:
    """Document width vs viewport, the panel's box, and visible widget elements that scroll sideways."""
    return page.evaluate("""() => {
        const p = document.querySelector('#fv-panel').getBoundingClientRect();
        const overflow = [...document.querySelectorAll('#fv-panel *')]
            .filter(e => e.offsetParent !== null && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1
                         && getComputedStyle(e).overflowX !== 'hidden')
            .map(e => e.className);
        return {doc: document.documentElement.scrollWidth, vw: innerWidth,
                left: p.left, right: p.right, overflow};
    }""")


def assert_reflows(page: "Page") -> None:
    dims = horizontal_overflow(page)
    assert dims["doc"] <= dims["vw"], dims
    assert dims["left"] >= 0 and dims["right"] <= dims["vw"], dims
    assert dims["overflow"] == [], dims
