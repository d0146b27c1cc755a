"""The widget in headless Chromium against the REAL running bot (Rasa + action server + web/).

Start the stack first (e.g. `make run`), then point the tests at it with FV_RASA_URL / FV_WEB_URL.
Optional: FV_TRACKER_DB=/path/to/tracker.db (or TRACKER_DB_URL=sqlite:///...) additionally checks
the SQLite tracker store directly in the delete test.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from pathlib import Path
from typing import Optional

import pytest
from rasa_ext.crypto import stored_id

from fvweb import (BOT_MSGS, assert_reflows, DOWN_URL, INPUT, LAUNCHER, LOG, PANEL, RASA_URL, USER_MSGS,
                   check_state, click_reply, http, open_widget, page_url, quick_reply_titles, send_text,
                   stored_state, wait_turn_done)

pytestmark = [pytest.mark.web, pytest.mark.server, pytest.mark.usefixtures("rasa_up")]

XSS = "<img src=x onerror=alert(1)>"
INTRO = "Jeg er en chatbot, ikke et menneske"
CARE_QUESTION = "Hvor mange omsorgsdager har jeg?"
ANSWER_RE = re.compile(r"Du har rett på (\d+) omsorgsdager i (\d{4})")


def _today() -> dt.date:
    """The bot's "today" (the test stack fixes FAMILIEVEILEDER_TODAY), else the real date."""
    fixed = os.environ.get("FAMILIEVEILEDER_TODAY")
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()


def _years() -> str:
    y = _today().year
    return f"{y - 6} og {y - 3}"


def _tracker_db() -> Optional[Path]:
    path = os.environ.get("FV_TRACKER_DB")
    if not path:
        url = os.environ.get("TRACKER_DB_URL", "")
        if url.startswith("sqlite:///"):
            path = url[len("sqlite:///"):]
    return Path(path) if path else None


def _events_in_db(db: Path, sender: str) -> int:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        # the widget's id is the REST sender; on the server it is the conversation 'web:<id>'
        return con.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?",
                           (stored_id(f"web:{sender}"),)).fetchone()[0]
    finally:
        con.close()


def _last_bot(page) -> str:
    return page.locator(f"{BOT_MSGS} .fv-text").last.inner_text()


def run_care_days(page, use_keyboard: bool = False) -> str:
    """Drive the care-days form with a mix of buttons and free text; return the answer text.

    2 children born 6 and 3 years ago, alone with the care, no chronic illness, employee
    → 20 days (folketrygdloven § 9-6: 10 days, doubled when alone).
    """
    texts = send_text(page, CARE_QUESTION)
    assert any("Hvor mange barn" in t for t in texts), texts
    steps = 0
    while steps < 12:
        steps += 1
        joined = "\n".join(texts)
        if ANSWER_RE.search(joined):
            return joined
        q = _last_bot(page)
        if "Hvor mange barn" in q:
            texts = click_reply(page, r"^2$")                       # button
        elif "Hvilket år er barna født" in q:
            texts = send_text(page, _years())                       # free text
        elif "Hvordan bor barna" in q:
            texts = click_reply(page, "alene om omsorgen")          # button
        elif "kronisk" in q:
            texts = send_text(page, "nei")                          # free text answer to a yes/no
        elif "Hvordan jobber du" in q:
            texts = click_reply(page, "ansatt")                     # button
        else:
            pytest.fail(f"unexpected question from the bot: {q!r}\nlog:\n{page.locator(LOG).inner_text()}")
    pytest.fail("care-days conversation did not reach an answer in 12 steps")


# ------------------------------------------------------------------ axe per state + screenshots
def test_axe_closed(page, artifacts_dir):
    page.goto(page_url())
    page.wait_for_selector(LAUNCHER)
    assert page.locator(PANEL).is_hidden()
    check_state(page, "e2e-1-closed", artifacts_dir)


def test_axe_open_and_quick_replies_and_answer(page, artifacts_dir):
    open_widget(page)
    log = page.locator(LOG).inner_text()
    assert INTRO in log                       # the bot's own AI disclosure
    assert "Hva lurer du på?" in log
    check_state(page, "e2e-2-open", artifacts_dir)
    send_text(page, CARE_QUESTION)
    assert quick_reply_titles(page)[:2] == ["1", "2"]
    check_state(page, "e2e-3-quick-replies", artifacts_dir)


def test_axe_error_server_down(page, artifacts_dir):
    page.goto(page_url(DOWN_URL))
    page.click(LAUNCHER)
    err = page.locator("#fv-panel .fv-error")
    err.wait_for(state="visible")
    assert "får ikke kontakt" in err.inner_text()
    assert page.get_by_role("button", name="Prøv igjen").is_visible()
    check_state(page, "e2e-5-error-server-down", artifacts_dir)


def test_axe_after_delete(page, artifacts_dir):
    open_widget(page)
    send_text(page, "hei")
    with page.expect_response(lambda r: r.request.method == "DELETE") as resp:
        page.get_by_role("button", name="Slett samtalen").click()
    assert resp.value.status == 204
    page.wait_for_function("document.querySelectorAll('#fv-panel .fv-msg').length === 0")
    assert "Samtalen er slettet" in page.locator("#fv-panel [role=status]").inner_text()
    check_state(page, "e2e-6-after-delete", artifacts_dir)


# ------------------------------------------------------------------ full conversation
def test_full_care_days_conversation_with_feedback(page, artifacts_dir):
    open_widget(page)
    answer = run_care_days(page)
    m = ANSWER_RE.search(answer)
    assert m and m.group(1) == "20", answer
    # the user's button choices are echoed with their titles, free text as typed
    users = page.locator(f"{USER_MSGS} .fv-text").all_inner_texts()
    assert users[0] == CARE_QUESTION and "2" in users and _years() in users
    # links in answers are real, allow-listed <a> elements
    hrefs = page.locator(f"{LOG} a").evaluate_all("as => as.map(a => [a.href, a.rel])")
    assert all(h.startswith("https://") and rel == "noopener noreferrer" for h, rel in hrefs), hrefs
    # "Var dette nyttig?" on the answer
    fb = page.locator("#fv-panel .fv-feedback-group").last
    fb.wait_for()
    check_state(page, "e2e-4-answer-with-feedback", artifacts_dir)
    with page.expect_response(lambda r: r.url.endswith("/webhooks/privacy/feedback")) as resp:
        fb.get_by_role("button", name="Ja").click()
    assert resp.value.status == 204
    sent = resp.value.request.post_data_json
    assert sent["helpful"] is True and set(sent) <= {"helpful", "topic"}, sent  # no personal data
    page.wait_for_selector("#fv-panel .fv-feedback-thanks")
    assert page.evaluate("document.activeElement.id") == "fv-input"


# ------------------------------------------------------------------ keyboard only
def test_keyboard_only_flow(page, artifacts_dir):
    page.goto(page_url())
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('fv-launcher')"):
            break
    else:
        pytest.fail("the launcher cannot be reached with Tab")
    focus_style = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focus_style == "solid"  # visible focus
    page.keyboard.press("Enter")
    wait_turn_done(page, 1)
    assert page.evaluate("document.activeElement.id") == "fv-input"
    n = page.locator(BOT_MSGS).count()
    page.keyboard.type(CARE_QUESTION)
    page.keyboard.press("Enter")
    wait_turn_done(page, n + 1)
    assert page.evaluate("document.activeElement.id") == "fv-input"  # focus stays in the input
    # quick replies sit right above the input: Shift+Tab walks back through them
    titles = quick_reply_titles(page)
    assert titles[:2] == ["1", "2"], titles
    for expected in reversed(titles[1:]):
        page.keyboard.press("Shift+Tab")
        assert page.evaluate("document.activeElement.textContent") == expected
    n = page.locator(BOT_MSGS).count()
    page.keyboard.press("Enter")                    # activates "2"
    wait_turn_done(page, n + 1)
    assert page.locator(f"{USER_MSGS} .fv-text").last.inner_text() == "2"
    assert page.evaluate("document.activeElement.id") == "fv-input"
    assert "Hvilket år er barna født" in _last_bot(page)
    page.keyboard.press("Shift+Tab")                # the single quick reply of the next question
    assert page.evaluate("document.activeElement.className") == "fv-qr-btn"
    n = page.locator(BOT_MSGS).count()
    page.keyboard.press("Space")                    # Space activates too
    wait_turn_done(page, n + 1)
    assert "Alle er 12 år eller yngre" in page.locator(f"{USER_MSGS} .fv-text").last.inner_text()
    # Tab from the input reaches the send button, then leaves the widget (no keyboard trap)
    page.focus(INPUT)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "fv-send"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "fv-launcher"
    page.focus(INPUT)
    page.keyboard.press("Escape")
    assert page.locator(PANEL).is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('fv-launcher')")
    assert page.get_attribute(LAUNCHER, "aria-expanded") == "false"
    page.keyboard.press("Enter")                    # reopen: conversation still there, focus in input
    page.wait_for_selector(PANEL, state="visible")
    assert page.evaluate("document.activeElement.id") == "fv-input"
    assert "Hvordan bor barna" in page.locator(LOG).inner_text()
    page.screenshot(path=str(artifacts_dir / "e2e-keyboard-reopened.png"))


# ------------------------------------------------------------------ persistence, XSS, delete, restart, download
def test_reload_keeps_conversation(page):
    open_widget(page)
    send_text(page, CARE_QUESTION)
    sid = stored_state(page)["sessionId"]
    before = page.locator(LOG).inner_text()
    page.reload()
    page.wait_for_selector(PANEL, state="visible")
    assert page.locator(LOG).inner_text() == before
    assert stored_state(page)["sessionId"] == sid
    assert quick_reply_titles(page)[:2] == ["1", "2"]
    # the server still has the conversation under the same id: the form goes on
    texts = click_reply(page, r"^2$")
    assert any("Hvilket år er barna født" in t for t in texts), texts


def test_xss_payload_is_shown_as_text(page):
    open_widget(page)
    send_text(page, XSS)
    assert page.locator(f"{USER_MSGS} .fv-text").last.inner_text() == XSS
    assert page.locator("#familieveileder img").count() == 0
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    page.wait_for_timeout(500)
    assert page.dialogs == [] and page.console_errors == []


def test_delete_removes_conversation_from_tracker_store(page):
    open_widget(page)
    send_text(page, CARE_QUESTION)
    sid = stored_state(page)["sessionId"]
    db = _tracker_db()
    if db:
        assert _events_in_db(db, sid) > 0, f"no events for {sid} in {db} before delete"
    # control: the server knows this conversation (no session start → no intro on /greet)
    status, body = http("POST", f"{RASA_URL}/webhooks/rest/webhook", {"sender": sid, "message": "/greet"})
    assert status == 200 and not any(INTRO in (m.get("text") or "") for m in body), body

    with page.expect_response(lambda r: r.request.method == "DELETE") as resp:
        page.get_by_role("button", name="Slett samtalen").click()
    assert resp.value.status == 204
    assert resp.value.url.endswith(f"/webhooks/privacy/conversations/{sid}")
    page.wait_for_function("document.querySelectorAll('#fv-panel .fv-msg').length === 0")
    assert "Samtalen er slettet" in page.locator("#fv-panel [role=status]").inner_text()
    st = stored_state(page)
    assert st["messages"] == [] and st["sessionId"] != sid
    assert CARE_QUESTION not in page.evaluate("JSON.stringify(sessionStorage)")
    if db:
        assert _events_in_db(db, sid) == 0, f"events for {sid} still in {db}"
    # ask the server: the old id now starts a fresh conversation (session start → intro again)
    status, body = http("POST", f"{RASA_URL}/webhooks/rest/webhook", {"sender": sid, "message": "/greet"})
    assert status == 200 and any(INTRO in (m.get("text") or "") for m in body), body
    http("DELETE", f"{RASA_URL}/webhooks/privacy/conversations/{sid}")  # clean up the probe


def test_restart_starts_new_conversation(page):
    open_widget(page)
    send_text(page, CARE_QUESTION)
    old = stored_state(page)["sessionId"]
    with page.expect_request(lambda r: r.method == "POST" and "/greet" in (r.post_data or "")):
        page.get_by_role("button", name="Start på nytt").click()
    wait_turn_done(page, 1)
    page.wait_for_function("document.querySelectorAll('#fv-panel .fv-msg--bot').length >= 1")
    new = stored_state(page)["sessionId"]
    assert new != old
    log = page.locator(LOG).inner_text()
    assert CARE_QUESTION not in log and INTRO in log
    assert page.locator(USER_MSGS).count() == 0
    for sid in (old, new):
        http("DELETE", f"{RASA_URL}/webhooks/privacy/conversations/{sid}")


def test_download_transcript(page):
    open_widget(page)
    send_text(page, CARE_QUESTION)
    with page.expect_download() as dl:
        page.get_by_role("button", name="Last ned samtalen").click()
    text = open(dl.value.path(), encoding="utf-8-sig").read()
    assert f"Du: {CARE_QUESTION}" in text
    assert "Chatboten: Hei! Jeg er Familieveilederen" in text
    assert "Hvor mange barn har du omsorg for?" in text


@pytest.mark.parametrize("name,viewport", [
    ("320px", {"width": 320, "height": 640}),
    ("zoom200", {"width": 640, "height": 400}),   # a 1280×800 window at 200 % zoom
])
def test_reflow_real_conversation(page, artifacts_dir, name, viewport):
    page.set_viewport_size(viewport)
    open_widget(page)
    run_care_days(page)
    assert_reflows(page)
    page.locator(INPUT).scroll_into_view_if_needed()
    assert page.locator(INPUT).is_visible()
    check_state(page, f"e2e-7-reflow-{name}", artifacts_dir)


def test_the_storage_notice_is_the_servers_own(page):
    """The widget's storage notice is fetched from the server (GET /webhooks/privacy/policy), so
    the period it states is the store's setting, not a number written into the page."""
    import json
    import urllib.request

    with urllib.request.urlopen(RASA_URL + "/webhooks/privacy/policy", timeout=10) as r:
        policy = json.load(r)
    open_widget(page)
    page.wait_for_function("document.getElementById('fv-privacy').textContent.includes('etter siste melding')")
    assert page.locator("#fv-privacy").inner_text() == policy["notice"]
    assert "Ansvarlig for samtalen: Eksempel kommune." in page.locator("#fv-notice").inner_text()
